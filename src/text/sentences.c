/* sentences.c -- the sentence splitter, driven by the tokenizer.
**
** Because numbers ("1.000"), dates, URLs, e-mails, codes and dotted
** abbreviations ("TP.HCM", "U.S.") are single tokens, a '.' inside them is
** never seen here. A sentence ends:
**   - at a line break (hoso assumes one paragraph per line), or
**   - after a '.', '!', '?', '…' or "..." token, plus any closing quotes or
**     brackets right after it, when the next token starts a sentence: a
**     capital letter, a digit, an opening quote/bracket or a dash.
** A '.' does not end a sentence after a title or short form listed in
** ABBREVS ("TS.", "TP.", "PGS.", "ул.") or after a single capital letter
** (an initial: "A. Kartapolov", "В. Путин"). */
#include <string.h>

#include "text.h"

/* Short forms after which '.' is not a sentence end (case-sensitive). */
static const char *const ABBREVS[] = {
    "TP", "Tp", "Q", "P", "TX", "GS", "PGS", "TS", "ThS", "Th.S", "BS", "KS",
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "vs",
    "Nr", "Vol", "Gen", "Col", "Lt", "Sgt", "Capt", "ул", "им", "тел", "стр",
    "пр", "проф", "акад", "ген", "полк", "св", "гл", "т", "д", "ст", "см"};

typedef struct split_state {
  const char *s;
  hoso_span_cb cb;
  void *ctx;
  int open;          /* a sentence is open */
  size_t start;      /* its first byte */
  size_t last_end;   /* end of its last token */
  int cand;          /* a sentence end is pending */
  size_t cand_end;   /* where the sentence ends if it is taken */
  hoso_token prev;   /* the token before the current one */
  int have_prev;
} split_state;

static int is_cp(const char *s, const hoso_token *t, int32_t want) {
  size_t len;
  if (t->end - t->start > 4) return 0;
  int32_t cp = hoso__utf8_decode(s + t->start, t->end - t->start, &len);
  return cp == want && t->start + len == t->end;
}

static int tok_cp(const char *s, const hoso_token *t) {
  size_t len;
  int32_t cp = hoso__utf8_decode(s + t->start, t->end - t->start, &len);
  return t->start + len == t->end ? cp : -1;
}

static int is_final(const char *s, const hoso_token *t) {
  if (t->type != HOSO_TOK_PUNCT) return 0;
  if (t->end - t->start >= 2 && s[t->start] == '.') return 1; /* "..." */
  int cp = tok_cp(s, t);
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C ||
         cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

static int is_closer(const char *s, const hoso_token *t) {
  if (t->type != HOSO_TOK_PUNCT) return 0;
  int cp = tok_cp(s, t);
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
         cp == 0x2019 || cp == 0x00BB || cp == 0x203A;
}

static int starts_sentence(const char *s, const hoso_token *t) {
  if (t->flags & HOSO_TOKF_CAP) return 1;
  switch (t->type) {
    case HOSO_TOK_NUMBER:
    case HOSO_TOK_DATE:
    case HOSO_TOK_TIME:
    case HOSO_TOK_PHONE:
    case HOSO_TOK_URL:
      return 1;
    case HOSO_TOK_ABBREV:
    case HOSO_TOK_CODE:
      return (t->flags & HOSO_TOKF_CAP) != 0;
    case HOSO_TOK_PUNCT: {
      int cp = tok_cp(s, t);
      return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
             cp == 0x201C || cp == 0x2018 || cp == 0x00AB || cp == '-' ||
             cp == 0x2013 || cp == 0x2014 || cp == 0x201E;
    }
    default:
      return 0;
  }
}

static int no_end_after(const char *s, const hoso_token *prev) {
  size_t n = prev->end - prev->start;
  const char *p = s + prev->start;
  for (size_t i = 0; i < sizeof(ABBREVS) / sizeof(ABBREVS[0]); i++)
    if (strlen(ABBREVS[i]) == n && !memcmp(ABBREVS[i], p, n)) return 1;
  /* a single capital letter: an initial */
  size_t len;
  int32_t cp = hoso__utf8_decode(p, n, &len);
  if (len == n && hoso__is_upper(cp)) return 1;
  return 0;
}

static int emit(split_state *st, size_t end) {
  hoso_span sp = {st->start, end};
  st->open = 0;
  st->cand = 0;
  return st->cb(st->ctx, &sp);
}

static int line_break_between(const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if (s[i] == '\n' || s[i] == '\r') return 1;
  return 0;
}

static int on_token(void *ctx, const hoso_token *t) {
  split_state *st = ctx;
  int rc = 0;
  if (st->open && line_break_between(st->s, st->last_end, t->start)) {
    rc = emit(st, st->cand ? st->cand_end : st->last_end);
    if (rc) return rc;
  }
  if (st->open && st->cand) {
    if (is_closer(st->s, t) && st->cand_end == st->last_end) {
      st->cand_end = t->end; /* the quote closes the sentence */
    } else if (starts_sentence(st->s, t)) {
      rc = emit(st, st->cand_end);
      if (rc) return rc;
    } else {
      st->cand = 0;
    }
  }
  if (!st->open) {
    st->open = 1;
    st->start = t->start;
    st->have_prev = 0;
  }
  if (is_final(st->s, t) && !st->cand) {
    int abbrev = st->have_prev && is_cp(st->s, t, '.') &&
                 st->prev.end == t->start && no_end_after(st->s, &st->prev);
    if (!abbrev) {
      st->cand = 1;
      st->cand_end = t->end;
    }
  } else if (is_final(st->s, t) && st->cand && st->cand_end == st->last_end) {
    st->cand_end = t->end; /* "?!" */
  }
  st->last_end = t->end;
  st->prev = *t;
  st->have_prev = 1;
  return 0;
}

int hoso__sentences(const char *s, size_t n, hoso_span_cb cb, void *ctx) {
  split_state st;
  memset(&st, 0, sizeof(st));
  st.s = s;
  st.cb = cb;
  st.ctx = ctx;
  int rc = hoso__tokenize(s, n, on_token, &st);
  if (rc) return rc;
  if (st.open) return emit(&st, st.last_end);
  return HOSO_OK;
}
