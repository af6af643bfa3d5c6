/* terms.c -- the search term stream (see terms.h): token boundaries,
** per-token normalisation, optional Snowball russian stemming.
** Character classes come from utf8proc (Debian's libutf8proc); stemming
** from libstemmer (Debian's libstemmer), the same Snowball algorithm that
** PostgreSQL's built-in `russian` dictionary runs. */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "search/terms.h"
#include "text/text.h"

enum { CLS_SEP = 0, CLS_WORD = HOSO_TOKEN_WORD,
       CLS_CYR = HOSO_TOKEN_CYRILLIC, CLS_NUM = HOSO_TOKEN_NUMBER,
       CLS_MARK = 9 };

static int is_cyrillic(int32_t cp) {
  return (cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
         (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F);
}

static int char_class(int32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CLS_WORD;
    if (cp >= '0' && cp <= '9') return CLS_NUM;
    return CLS_SEP;
  }
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return is_cyrillic(cp) ? CLS_CYR : CLS_WORD;
  case UTF8PROC_CATEGORY_ND:
    return CLS_NUM;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
    return CLS_MARK;
  default:
    return CLS_SEP;
  }
}

int hoso__tokens_next(const char *s, size_t n, size_t *pos, hoso_term_token *tok) {
  size_t i = *pos;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    int cls = cp < 0 ? CLS_SEP : char_class(cp);
    if (cls == CLS_SEP || cls == CLS_MARK) { /* a stray mark starts nothing */
      i += len;
      continue;
    }
    size_t start = i;
    i += len;
    while (i < n) {
      size_t l2;
      int32_t c2 = hoso__utf8_decode(s + i, n - i, &l2);
      int k = c2 < 0 ? CLS_SEP : char_class(c2);
      if (k != cls && k != CLS_MARK) break;
      i += l2;
    }
    if (i - start > HOSO_TERM_MAX_BYTES) continue; /* not a term anywhere */
    tok->start = start;
    tok->end = i;
    tok->kind = cls;
    *pos = i;
    return 1;
  }
  *pos = n;
  return 0;
}

/* Lower case code point by code point; keeps marks (NFC stays NFC for
** Russian text; NFD stays NFD, identically for every index). */
static int lower_append(hoso_buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (cp < 0) cp = HOSO_REPLACEMENT_CHAR;
    char tmp[4];
    size_t m = hoso__utf8_encode(utf8proc_tolower(cp), tmp);
    int rc = hoso__buf_add(out, tmp, m);
    if (rc) return rc;
  }
  return HOSO_OK;
}

int hoso__term_norm(hoso_buf *out, int kind, const char *s, size_t n) {
  if (kind == HOSO_TOKEN_CYRILLIC) return lower_append(out, s, n);
  return hoso__fold_append(out, s, n);
}

struct hoso_terms {
  unsigned flags;
  struct sb_stemmer *ru; /* NULL unless HOSO_TERMS_STEM_RU */
  hoso_buf buf;
};

int hoso__terms_new(hoso_terms **out, unsigned flags) {
  *out = NULL;
  hoso_terms *t = calloc(1, sizeof *t);
  if (!t) return HOSO_ENOMEM;
  t->flags = flags;
  hoso__buf_init(&t->buf, 16 * HOSO_TERM_MAX_BYTES); /* folding may grow bytes */
  if (flags & HOSO_TERMS_STEM_RU) {
    t->ru = sb_stemmer_new("russian", "UTF_8");
    if (!t->ru) { /* libstemmer returns NULL for unknown names and OOM */
      free(t);
      return HOSO_ENOMEM;
    }
  }
  *out = t;
  return HOSO_OK;
}

void hoso__terms_free(hoso_terms *t) {
  if (!t) return;
  if (t->ru) sb_stemmer_delete(t->ru);
  hoso__buf_free(&t->buf);
  free(t);
}

int hoso__terms_run(hoso_terms *t, const char *s, size_t n, hoso_term_fn fn,
                    void *ctx) {
  size_t pos = 0;
  hoso_term_token tok;
  while (hoso__tokens_next(s, n, &pos, &tok)) {
    hoso__buf_reset(&t->buf);
    int rc = hoso__term_norm(&t->buf, tok.kind, s + tok.start,
                             tok.end - tok.start);
    if (rc) return rc;
    hoso_term term = {t->buf.p, t->buf.n, tok.start, tok.end, tok.kind};
    if (tok.kind == HOSO_TOKEN_CYRILLIC && t->ru) {
      const sb_symbol *st = sb_stemmer_stem(
          t->ru, (const sb_symbol *)t->buf.p, (int)t->buf.n);
      if (!st) return HOSO_ENOMEM;
      term.p = (const char *)st;
      term.n = (size_t)sb_stemmer_length(t->ru);
    }
    rc = fn(ctx, &term);
    if (rc) return rc;
  }
  return HOSO_OK;
}
