/*
** bigmem.h -- memory for large tables read at random (bigmem.c).
** Ownership: the caller owns a block from hoso__big_calloc and frees it
** with hoso__big_free, giving the same byte count.
*/
#ifndef HOSO_BASE_BIGMEM_H
#define HOSO_BASE_BIGMEM_H

#include <stddef.h>

/* 1: blocks are 2 MB aligned mappings with the huge-page hint; 0 under
** AddressSanitizer, where they come from calloc so that ASan checks
** their bounds. */
#if defined(__SANITIZE_ADDRESS__)
#define HOSO_BIG_HUGE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSO_BIG_HUGE 0
#endif
#endif
#ifndef HOSO_BIG_HUGE
#define HOSO_BIG_HUGE 1
#endif

/* A zeroed block of bytes (> 0), 2 MB aligned and on transparent huge
** pages where the kernel grants them (HOSO_BIG_HUGE); NULL when out of
** memory or bytes is 0. */
void *hoso__big_calloc(size_t bytes);

/* Free p (NULL: nothing) of the given bytes, as asked of hoso__big_calloc. */
void hoso__big_free(void *p, size_t bytes);

/* 1 when the kernel took the huge-page hint for the block at p of the
** given bytes (its mapping's VmFlags in /proc/self/smaps say "hg"), 0
** when not or when it cannot be told. For tests and reports. */
int hoso__big_hinted(const void *p, size_t bytes);

#endif
