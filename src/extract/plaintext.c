/* plaintext.c -- plain text documents: one candidate block per line.
** A "line" ends at LF, CR LF or CR; blank lines separate nothing more
** (news text copied from a page has one paragraph a line). Spans are the
** line's bytes without the line break. */
#include "extract.h"

int hoso__text_blocks(hx_doc *d) {
  const char *s = d->src;
  size_t n = d->src_n, i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '\n' && s[j] != '\r') j++;
    int rc = hoso__hx_add(d, s + i, j - i, i, j, 1, HOSO_BLOCK_PARAGRAPH, NULL);
    if (rc) return rc;
    if (j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') j++;
    i = j + 1;
  }
  return HOSO_OK;
}
