/*
** tsq.h -- the query language (search/query.h) as PostgreSQL tsquery
** text (library-internal; no libpq here). One walk of the parsed query,
** shared by the PostgreSQL storage backend (store/pg_query.c) and the
** hoso_pg extension's SQL function hoso_query() (pg/query.c), so both
** match as the SQLite backend does: each word its fold form OR (typed
** with marks) its exact form; phrases adjacent (<->); prefixes (:*);
** AND, OR, NOT as &, |, !.
**
** Typed syllables are grouped into the index's words ("quoc phong" ->
** quoc_phong) one of two ways:
**   vocab given    greedy longest match (up to HOSO_TSQ_MAX_WORD
**                  syllables) of words the index holds, asked through
**                  vocab() -- the SQLite backend's rule;
**   vocab NULL     no index to ask (plain SQL): every way of grouping the
**                  syllables into words of up to HOSO_TSQ_MAX_WORD
**                  syllables, OR'ed -- ('quoc_phong' | 'quoc' & 'phong');
**                  it finds every article the greedy rule finds, and
**                  possibly more. Runs longer than HOSO_TSQ_MAX_ALT
**                  syllables are cut into pieces of that many first.
**
** Ownership: out and terms are the caller's buffers; nothing retained.
*/
#ifndef HOSO_TSQ_H
#define HOSO_TSQ_H

#include <stddef.h>

#include "base/base.h"
#include "search/query.h"
#include "search/words.h"

#define HOSO_TSQ_MAX_WORD 4 /* longest word looked up (as SQLite) */
#define HOSO_TSQ_MAX_ALT 6  /* longest run expanded into all groupings */

/* Is the word with this fold form ("quoc_phong") in the index? Sets
** *found; returns HOSO_OK or an error code (which stops the walk). */
typedef int (*hoso_tsq_vocab_fn)(void *ctx, const char *fold, size_t n,
                                 int *found);

/* Append q's tsquery text to out. terms (may be NULL) gets the fold words
** to highlight, NUL-separated, '*' after a prefix (search/snippet.h).
** *empty = 1 when a part of q has nothing searchable (that part then
** matches nothing). Returns HOSO_OK, HOSO_ENOMEM or vocab's error. */
int hoso__tsquery(hoso_words *w, const hoso_qnode *q, hoso_tsq_vocab_fn vocab,
                  void *ctx, hoso_buf *out, hoso_buf *terms, int *empty);

/* The same walk with each word's fold form only, never OR'ed with its
** exact form: it matches the same articles as hoso__tsquery's text,
** because the index holds a word's fold form at every position where it
** holds its exact form (hoso_pg's dictionary emits both; a prefix of an
** exact form folds to the prefix of its fold) -- but names fewer terms,
** so counting its matches reads fewer postings (store/pg_topk.c). Not
** for ranking: the scores differ. */
int hoso__tsquery_fold(hoso_words *w, const hoso_qnode *q,
                       hoso_tsq_vocab_fn vocab, void *ctx, hoso_buf *out);

#endif
