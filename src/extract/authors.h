/* authors.h -- clean author names (authors.c). */
#ifndef HOSO_EXTRACT_AUTHORS_H
#define HOSO_EXTRACT_AUTHORS_H
#include <stddef.h>

#include "hoso.h"

/* Add the names in s[0..n) (a byline or author field) to a->authors. */
int hoso__authors_add(hoso_article_rec *a, const char *s, size_t n);
/* One name written family name first, as Dublin Core asks ("Jong,
** Michiel de", "Kooman, F."): added as "Michiel de Jong"; anything not of
** that shape (one comma, 1-2 words before it and 1-3 after, capitalised,
** no digits) goes to hoso__authors_add. */
int hoso__authors_add_inverted(hoso_article_rec *a, const char *s, size_t n);
#endif
