/* bigmem.c -- memory for large tables read at random; see bigmem.h.
**
** Why not calloc: ingest's workers look words up in tables of 0.2-9 MB
** (src/search/words.c: the word table and the syllable and form caches;
** src/vi: the segmentation model's tables and file, the dictionary, the
** per-thread key cache and run memo), one random line per lookup. On 4 KB
** pages nearly every lookup also misses the TLB, and in a virtual machine
** a page walk is itself several memory reads; the profile showed the
** lookups' prefetch instructions holding 25-60% of the samples of the
** functions making them. A 2 MB page covers 512 times as much. glibc's
** mmap'd chunks are not 2 MB aligned, and the kernel (transparent huge
** pages in "madvise" mode: Debian's default) gives huge pages only to a
** range marked MADV_HUGEPAGE before it is touched, so the block is an
** anonymous mapping, cut to 2 MB alignment and marked. Where the hint is
** refused (no THP, "never") the block is plain pages: same contents, same
** answers. Measured: docs/history/store.md, session 15. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/bigmem.h"

#define HUGE_BYTES ((size_t)2 << 20)

static size_t mapped_size(size_t bytes) {
  return (bytes + HUGE_BYTES - 1) / HUGE_BYTES * HUGE_BYTES;
}

#if HOSO_BIG_HUGE
void *hoso__big_calloc(size_t bytes) {
  if (bytes == 0 || bytes > SIZE_MAX / 4) return NULL;
  size_t want = mapped_size(bytes), span = want + HUGE_BYTES;
  char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  char *at = (char *)(((uintptr_t)p + HUGE_BYTES - 1) & ~(uintptr_t)(HUGE_BYTES - 1));
  if (at > p) munmap(p, (size_t)(at - p));
  size_t tail = (size_t)(p + span - (at + want));
  if (tail) munmap(at + want, tail);
#ifdef MADV_HUGEPAGE
  (void)madvise(at, want, MADV_HUGEPAGE); /* refused: plain pages */
#endif
  return at; /* anonymous pages read as zero */
}

void hoso__big_free(void *p, size_t bytes) {
  if (p && bytes) munmap(p, mapped_size(bytes));
}
#else /* AddressSanitizer: the block from malloc, so reads past it are caught */
void *hoso__big_calloc(size_t bytes) { return bytes ? calloc(1, bytes) : NULL; }
void hoso__big_free(void *p, size_t bytes) {
  (void)bytes;
  free(p);
}
#endif

int hoso__big_hinted(const void *p, size_t bytes) {
  FILE *f = fopen("/proc/self/smaps", "r");
  if (!f) return 0;
  char line[512];
  int in_block = 0, hinted = 0;
  uintptr_t a = (uintptr_t)p, b = a + mapped_size(bytes);
  while (!hinted && fgets(line, sizeof(line), f)) {
    unsigned long lo, hi;
    if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
      in_block = lo < b && hi > a;
    else if (in_block && strncmp(line, "VmFlags:", 8) == 0)
      hinted = strstr(line, " hg") != NULL;
  }
  fclose(f);
  return hinted;
}
