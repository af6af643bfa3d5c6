/* authors.h -- clean author names (authors.c). */
#ifndef HOSO_EXTRACT_AUTHORS_H
#define HOSO_EXTRACT_AUTHORS_H
#include <stddef.h>

#include "hoso.h"

/* Add the names in s[0..n) (a byline or author field) to a->authors. */
int hoso__authors_add(hoso_article_rec *a, const char *s, size_t n);
#endif
