/*
** query.h -- the search query language, parsed (library-internal).
**
**   quốc phòng Nga       words: all must match (AND); consecutive plain
**                        words form a RUN the backend splits into
**                        Vietnamese words (so "quoc phong" is one word)
**   "hợp tác quốc phòng" a phrase: these words, adjacent, in order
**   Nga OR Russia        either (OR binds tighter than AND)
**   -COVID  NOT COVID    exclude
**   quân*                prefix (at least 2 characters before the *)
**   AND, parentheses and other punctuation are separators.
** An unbalanced quote closes at the end of the query. The parser never
** fails on content: only on length (HOSO_ETOOBIG), more than
** HOSO_QUERY_MAX_TERMS words, a too-short prefix, or a query made only of
** exclusions (HOSO_EQUERY, message says which).
**
** Ownership: hoso__query_parse returns a tree the caller frees with
** hoso__query_free. Word texts point into the tree's own copy.
*/
#ifndef HOSO_QUERY_H
#define HOSO_QUERY_H

#include <stddef.h>

#include "base/base.h"

#define HOSO_QUERY_MAX_TERMS 64

enum hoso_qkind {
  HOSO_QN_AND,    /* all kids */
  HOSO_QN_OR,     /* any kid */
  HOSO_QN_NOT,    /* kid 0 must not match (only as a kid of AND) */
  HOSO_QN_RUN,    /* plain words typed next to each other, all required */
  HOSO_QN_PHRASE, /* quoted: words adjacent in order */
  HOSO_QN_PREFIX  /* one word, prefix match */
};

typedef struct hoso_qword {
  const char *s; /* the word as typed (UTF-8, not normalised) */
  size_t n;
} hoso_qword;

typedef struct hoso_qnode {
  int kind;
  struct hoso_qnode **kids; /* AND, OR, NOT */
  size_t n_kids;
  hoso_qword *words; /* RUN, PHRASE, PREFIX */
  size_t n_words;
} hoso_qnode;

/* Parse q[0..n). *out is NULL when the query has no words (the caller
** decides whether filters alone are enough). err gets the byte offset of
** the problem where there is one. */
int hoso__query_parse(const char *q, size_t n, hoso_qnode **out,
                      hoso_error *err);
void hoso__query_free(hoso_qnode *node);
/* A canonical rendering for tests and debugging, e.g.
** AND(RUN(quoc phong) OR(PHRASE(a b) PREFIX(x)) NOT(RUN(y))). */
int hoso__query_dump(const hoso_qnode *node, hoso_buf *out);

#endif
