/* statebody.h -- an article body found only in the page's script state
** (statebody.c). */
#ifndef HOSO_EXTRACT_STATEBODY_H
#define HOSO_EXTRACT_STATEBODY_H
#include <stddef.h>

#include "base/base.h"

/* Look in the raw page src[0..n) for an article body held by a known
** state key (state_words.txt), and append its text blocks to out, one a
** line (the caller owns out). Returns 1 when lines were added, 0 when the
** page has no such body, or a negative HOSO_E*. */
int hoso__state_body(const char *src, size_t n, hoso_buf *out) HOSO__WUR;

#endif
