/*
** terms.h -- the search term stream: the ONE definition of which terms
** a text is indexed and queried under. Every full-text index of hoso
** builds on it, so they all agree term for term. The word scan
** (src/search/words.h: segmenter words, fold + exact forms) is the layer
** the indexes call: the SQLite FTS5 tokenizer, and the PostgreSQL text
** search configuration `vietnamese` (pg/: its parser takes word
** boundaries from hoso__words_scan, its dictionary the forms from
** hoso__words_forms), so to_tsvector('vietnamese', x) holds exactly the
** terms of the SQLite index (checked by scripts/test-pg.sh).
**
** Tokens: maximal runs of one class -- Latin-or-other letters (WORD),
** Cyrillic letters (CYRILLIC), decimal digits (NUMBER); combining marks
** stay with the run they follow; anything else separates. A token longer
** than HOSO_TERM_MAX_BYTES bytes is not a term (base64, URLs glued
** together): it is skipped by every index alike.
**
** Normalisation (hoso__term_norm): WORD and NUMBER -> the diacritic-
** folded key of src/text (hoso__fold_append: "Quốc" -> "quoc", "Đà" ->
** "da"); CYRILLIC -> lower case only (marks kept: "й" must stay "й" for
** the Russian stemmer). With HOSO_TERMS_STEM_RU the lower-cased Cyrillic
** word is then stemmed with Snowball russian ("переговоры" -> "переговор").
**
** Threading: a hoso_terms handle is used by one thread at a time; make
** one per thread. No global state. Invalid UTF-8 never fails: bad bytes
** are U+FFFD and separate tokens.
*/
#ifndef HOSO_SEARCH_TERMS_H
#define HOSO_SEARCH_TERMS_H

#include <stddef.h>

#include "base/base.h"

#define HOSO_TERM_MAX_BYTES 128 /* longer tokens are not indexed */

enum hoso_token_kind {
  HOSO_TOKEN_WORD = 1,     /* Latin (Vietnamese, English) or other letters */
  HOSO_TOKEN_CYRILLIC = 2, /* Russian and other Cyrillic words */
  HOSO_TOKEN_NUMBER = 3    /* decimal digits */
};

/* One token: the byte range s[start..end) of the input and its kind. */
typedef struct hoso_term_token {
  size_t start, end;
  int kind; /* enum hoso_token_kind */
} hoso_term_token;

/* Find the next token at or after byte *pos of s[0..n). Returns 1 and
** fills *tok (and moves *pos past it) when found, 0 at the end. Tokens
** longer than HOSO_TERM_MAX_BYTES are skipped here, so callers never see
** them. Pure function of its arguments. */
int hoso__tokens_next(const char *s, size_t n, size_t *pos, hoso_term_token *tok);

/* Append the normalised (unstemmed) term of one token's bytes to out:
** folded for WORD/NUMBER, lower case for CYRILLIC. Returns HOSO_OK or
** HOSO_ENOMEM/HOSO_ETOOBIG from the buffer. */
int hoso__term_norm(hoso_buf *out, int kind, const char *s, size_t n);

/* ---- the whole stream ------------------------------------------- */

#define HOSO_TERMS_STEM_RU 1u /* stem CYRILLIC terms with Snowball russian */

/* One emitted term. p[0..n) is NUL-terminated and valid only during the
** callback; start/end are byte offsets of the token in the input. */
typedef struct hoso_term {
  const char *p;
  size_t n;
  size_t start, end;
  int kind; /* enum hoso_token_kind */
} hoso_term;

/* Called for every term in order; a nonzero return stops the stream and
** is returned by hoso__terms_run (so an FTS5 error code passes through). */
typedef int (*hoso_term_fn)(void *ctx, const hoso_term *t);

typedef struct hoso_terms hoso_terms;

/* Make a stream handle (flags: HOSO_TERMS_*). *out is freed with
** hoso__terms_free. HOSO_ENOMEM, or HOSO_EINTERNAL when libstemmer has
** no russian stemmer. */
int hoso__terms_new(hoso_terms **out, unsigned flags);
void hoso__terms_free(hoso_terms *t); /* NULL is a no-op */

/* Emit the terms of s[0..n) to fn. Returns HOSO_OK, a buffer error, or
** the callback's nonzero value. */
int hoso__terms_run(hoso_terms *t, const char *s, size_t n, hoso_term_fn fn,
                    void *ctx);

#endif /* HOSO_SEARCH_TERMS_H */
