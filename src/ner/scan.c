/*
** scan.c -- a text as the entity rules see it: tokens with byte offsets
** into the original text, their match keys, and sentences.
**
** Tokens come from the text core's tokenizer (hoso__tokenize, the one
** behind `hoso tokenize` and search), so every stage splits text the same
** way: syllables, words, abbreviations ("TP.HCM", "ADMM+") and codes
** ("COVID-19", "A34") are words; numbers, dates ("20/05/2021"), times
** ("17:42") and phone numbers are numbers; anything else is an "other"
** token; a hyphen between two words with no space joins them into one
** word ("Jong-Il", "Timor-Leste"). A token after a line break is marked
** NT_NL. Sentences end
** at line breaks and at '.', '!', '?', '…' before an upper-case letter, a
** digit or a quote (not after a one-letter initial or one of the
** abbreviations below: "TP. HCM", "Q. 1", "PGS. TS. Nguyễn"); with
** HOSO__SCAN_LINES (CoNLL input, one given sentence a line) only at line
** breaks.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "text/text.h"

static int push_tok(hoso__ndoc *d, size_t off, size_t len, uint32_t flags,
                    hoso_error *err) {
  if (d->ntok >= HOSO_NER_MAX_TOKENS)
    return hoso__err_at(err, HOSO_ETOOBIG, off,
                        "more than %u tokens in one text",
                        (unsigned)HOSO_NER_MAX_TOKENS);
  if (d->ntok == d->captok) {
    size_t nc = d->captok ? d->captok * 2 : 256;
    hoso__ntok *t = realloc(d->tok, nc * sizeof *t);
    if (!t) return hoso__err(err, HOSO_ENOMEM, "out of memory (tokens)");
    d->tok = t;
    d->captok = nc;
  }
  hoso__ntok *t = &d->tok[d->ntok];
  t->off = (uint32_t)off;
  t->len = (uint32_t)len;
  t->flags = flags;
  t->sent = 0;
  t->key_off = (uint32_t)d->keys.n;
  int rc;
  if (flags & NT_WORD)
    rc = hoso__match_key_append(&d->keys, d->text + off, len);
  else if (flags & NT_PUNCT)
    rc = hoso__match_key_append(&d->keys, d->text + off, len);
  else
    rc = hoso__buf_add(&d->keys, d->text + off, len);
  if (rc) return hoso__err(err, rc, "out of memory (keys)");
  t->key_len = (uint32_t)(d->keys.n - t->key_off);
  d->ntok++;
  return HOSO_OK;
}

static int push_sent(hoso__ndoc *d, uint32_t t0, uint32_t t1,
                     hoso_error *err) {
  if (t1 <= t0) return HOSO_OK;
  if (d->nsent == d->capsent) {
    size_t nc = d->capsent ? d->capsent * 2 : 64;
    hoso__nsent *s = realloc(d->sent, nc * sizeof *s);
    if (!s) return hoso__err(err, HOSO_ENOMEM, "out of memory (sentences)");
    d->sent = s;
    d->capsent = nc;
  }
  hoso__nsent *s = &d->sent[d->nsent];
  s->tok0 = t0;
  s->tok1 = t1;
  s->off = d->tok[t0].off;
  s->end = d->tok[t1 - 1].off + d->tok[t1 - 1].len;
  for (uint32_t i = t0; i < t1; i++) d->tok[i].sent = (uint32_t)d->nsent;
  d->tok[t0].flags |= NT_SENT;
  d->nsent++;
  return HOSO_OK;
}

/* Abbreviations written with a full stop inside a name or before one
** (match keys: lower case). Read-only. */
static const char *const abbrevs[] = {
    "tp", "q", "p", "tx", "tt", "h", "x", "ths", "ts", "gs", "pgs", "bs",
    "ks", "ls", "nxb", "mr", "mrs", "ms", "dr", "st", "jr", "gen", "col"};

static int is_abbrev(const hoso__ndoc *d, uint32_t i) {
  if (!(d->tok[i].flags & NT_WORD)) return 0;
  for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
    if (hoso__tok_is(d, i, abbrevs[k])) return 1;
  return 0;
}

static int ends_sentence(const hoso__ndoc *d, uint32_t i) {
  const hoso__ntok *t = &d->tok[i];
  if (!(t->flags & NT_PUNCT)) return 0;
  const char *p = d->text + t->off;
  int stop = (t->len == 1 && (*p == '.' || *p == '!' || *p == '?')) ||
             (t->len == 3 && (memcmp(p, "\xe2\x80\xa6", 3) == 0 ||
                              memcmp(p, "...", 3) == 0));
  if (!stop) return 0;
  if (i + 1 >= d->ntok) return 1;
  const hoso__ntok *nx = &d->tok[i + 1];
  if (nx->flags & NT_NL) return 1;
  if (*p == '.' && i > 0 && (d->tok[i - 1].flags & NT_WORD) &&
      d->tok[i - 1].key_len == 1 && (d->tok[i - 1].flags & NT_UPPER))
    return 0; /* "A. Fomin" */
  if (*p == '.' && i > 0 && d->tok[i - 1].off + d->tok[i - 1].len == t->off &&
      is_abbrev(d, i - 1))
    return 0; /* "TP. HCM" */
  if (nx->off == t->off + t->len) return 0; /* "TP.HCM" */
  if (nx->flags & (NT_UPPER | NT_NUM)) return 1;
  if (nx->flags & NT_PUNCT) {
    const char *q = d->text + nx->off;
    if (*q == '"' || *q == '(' || *q == '-' || (unsigned char)*q == 0xE2)
      return 1;
  }
  return 0;
}

/* hoso__tokenize callback state. */
typedef struct scan_ctx {
  hoso__ndoc *d;
  hoso_error *err;
  size_t prev_end; /* end of the previous token */
} scan_ctx;

/* Between two tokens the text core saw only white space, invalid UTF-8
** and control characters. A line break there marks the next token
** (*nl); each run of invalid bytes or control characters becomes an
** "other" token, so a name never runs across junk. */
static int gap(scan_ctx *c, size_t a, size_t b, int *nl) {
  const char *s = c->d->text;
  size_t i = a, junk = SIZE_MAX;
  while (i <= b) {
    size_t len = 1;
    int32_t cp = i < b ? hoso__utf8_decode(s + i, b - i, &len) : ' ';
    int bad = i < b && (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' &&
                                   cp != '\r' && cp != '\f' && cp != '\v') ||
                        cp == 0x7F);
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029) *nl = 1;
    if (bad && junk == SIZE_MAX) junk = i;
    if (!bad && junk != SIZE_MAX) {
      int rc = push_tok(c->d, junk, i - junk, NT_PUNCT | (*nl ? NT_NL : 0), c->err);
      if (rc) return rc;
      *nl = 0;
      junk = SIZE_MAX;
    }
    i += len;
  }
  return HOSO_OK;
}

/* The text core's token types as the entity rules' classes: words,
** syllables, abbreviations and codes ("COVID-19", "A34") are words;
** numbers, dates, times and phone numbers are numbers; URLs, e-mail
** addresses, punctuation and symbols are "other" (never part of a name). */
static int on_token(void *ctx, const hoso_token *t) {
  scan_ctx *c = ctx;
  hoso__ndoc *d = c->d;
  int nl = 0;
  int rc = gap(c, c->prev_end, t->start, &nl);
  if (rc) return rc;
  uint32_t flags = nl ? NT_NL : 0;
  c->prev_end = t->end;
  size_t len = t->end - t->start;
  switch (t->type) {
  case HOSO_TOK_SYLLABLE:
  case HOSO_TOK_WORD:
  case HOSO_TOK_ABBREV:
  case HOSO_TOK_CODE:
    flags |= NT_WORD | hoso__word_flags(d->text + t->start, len);
    break;
  case HOSO_TOK_NUMBER:
  case HOSO_TOK_DATE:
  case HOSO_TOK_TIME:
  case HOSO_TOK_PHONE:
    flags |= NT_NUM;
    break;
  default:
    flags |= NT_PUNCT;
    break;
  }
  /* "Jong-Il", "Timor-Leste": the tokenizer splits a hyphen between two
  ** words; a name is one word here, as it is written */
  if ((flags & NT_WORD) && !nl && d->ntok >= 2) {
    const hoso__ntok *h = &d->tok[d->ntok - 1], *w = &d->tok[d->ntok - 2];
    if ((h->flags & NT_PUNCT) && !(h->flags & NT_NL) && h->len == 1 &&
        d->text[h->off] == '-' && h->off + 1 == t->start && (w->flags & NT_WORD) &&
        w->off + w->len == h->off) {
      size_t off = w->off;
      flags = (w->flags & NT_NL) | NT_WORD | hoso__word_flags(d->text + off, t->end - off);
      d->keys.n = w->key_off;
      d->ntok -= 2;
      return push_tok(d, off, t->end - off, flags, c->err);
    }
  }
  return push_tok(d, t->start, len, flags, c->err);
}

int hoso__ndoc_scan(hoso__ndoc *d, const char *text, size_t n,
                    hoso_error *err) {
  return hoso__ndoc_scan_opts(d, text, n, 0, err);
}

int hoso__ndoc_scan_opts(hoso__ndoc *d, const char *text, size_t n,
                         unsigned opts, hoso_error *err) {
  memset(d, 0, sizeof *d);
  hoso__buf_init(&d->keys, 0);
  d->text = text;
  d->n = n;
  if (n > HOSO_NER_MAX_TEXT)
    return hoso__err_at(err, HOSO_ETOOBIG, HOSO_NER_MAX_TEXT,
                        "text longer than %u bytes",
                        (unsigned)HOSO_NER_MAX_TEXT);
  scan_ctx c = {d, err, 0};
  int rc = hoso__tokenize(text, n, on_token, &c);
  int nl = 0;
  if (!rc) rc = gap(&c, c.prev_end, n, &nl);
  if (rc) return rc;
  if (d->ntok) d->tok[0].flags |= NT_NL; /* the text's start is a line start */
  /* sentences */
  uint32_t s0 = 0;
  for (uint32_t t = 0; t < d->ntok; t++) {
    if (t > s0 && (d->tok[t].flags & NT_NL)) {
      rc = push_sent(d, s0, t, err);
      if (rc) return rc;
      s0 = t;
    }
    if (!(opts & HOSO__SCAN_LINES) && ends_sentence(d, t)) {
      rc = push_sent(d, s0, t + 1, err);
      if (rc) return rc;
      s0 = t + 1;
    }
  }
  return push_sent(d, s0, (uint32_t)d->ntok, err);
}

void hoso__ndoc_free(hoso__ndoc *d) {
  if (!d) return;
  free(d->tok);
  free(d->sent);
  hoso__buf_free(&d->keys);
  free(d->men);
  for (size_t i = 0; i < d->nents; i++) {
    free(d->ents[i].key);
    free(d->ents[i].name_owned);
    free(d->ents[i].posts);
  }
  free(d->ents);
  free(d->postrefs);
  free(d->tok_cover);
  free(d->gm);
  free(d->gm_first);
  memset(d, 0, sizeof *d);
}

void hoso__ndoc_mark_words(hoso__ndoc *d, const size_t *spans, size_t nwords) {
  size_t k = 0;
  for (size_t t = 0; t < d->ntok; t++) {
    size_t off = d->tok[t].off;
    while (k < nwords && spans[2 * k + 1] <= off) k++;
    d->tok[t].flags |= NT_SEG;
    if (k < nwords && off > spans[2 * k] && t > 0 && d->tok[t - 1].off >= spans[2 * k])
      d->tok[t].flags |= NT_WCONT;
  }
}

int hoso__tok_is(const hoso__ndoc *d, uint32_t i, const char *s) {
  if (i >= d->ntok) return 0;
  size_t n = strlen(s);
  return d->tok[i].key_len == n && memcmp(d->keys.p + d->tok[i].key_off, s, n) == 0;
}
