/*
** scan.c -- a text as the entity rules see it: tokens with byte offsets
** into the original text, their match keys, and sentences.
**
** Tokens: a word is a run of letters and combining marks (inner '-', '\''
** and a final '+' kept: "Timor-Leste", "ADMM+"); a number is a run of
** digits with inner '/', '-', '.', ':', ',' ("20/05/2021", "2-9",
** "17:42"); anything else visible is a one-character token. Sentences end
** at line breaks and at '.', '!', '?', '…' before an upper-case letter, a
** digit or a quote (not after a one-letter initial).
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ner/ner.h"
#include "text/text.h"

static int is_letter(int32_t c) {
  if (c < 0) return 0;
  utf8proc_category_t cat = utf8proc_category(c);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}
static int is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static int is_space(int32_t c) {
  if (c < 0) return 0;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      c == '\v' || c == 0xA0 || c == 0xFEFF || c == 0x200B)
    return 1;
  utf8proc_category_t cat = utf8proc_category(c);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
         cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC;
}

static int32_t peek(const char *s, size_t n, size_t i, size_t *len) {
  if (i >= n) {
    *len = 0;
    return -2;
  }
  return hoso__utf8_decode(s + i, n - i, len);
}

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

static int ends_sentence(const hoso__ndoc *d, uint32_t i) {
  const hoso__ntok *t = &d->tok[i];
  if (!(t->flags & NT_PUNCT)) return 0;
  const char *p = d->text + t->off;
  int stop = (t->len == 1 && (*p == '.' || *p == '!' || *p == '?')) ||
             (t->len == 3 && memcmp(p, "\xe2\x80\xa6", 3) == 0);
  if (!stop) return 0;
  if (i + 1 >= d->ntok) return 1;
  const hoso__ntok *nx = &d->tok[i + 1];
  if (nx->flags & NT_NL) return 1;
  if (*p == '.' && i > 0 && (d->tok[i - 1].flags & NT_WORD) &&
      d->tok[i - 1].key_len == 1 && (d->tok[i - 1].flags & NT_UPPER))
    return 0; /* "A. Fomin" */
  if (nx->off == t->off + t->len) return 0; /* "TP.HCM" */
  if (nx->flags & (NT_UPPER | NT_NUM)) return 1;
  if (nx->flags & NT_PUNCT) {
    const char *q = d->text + nx->off;
    if (*q == '"' || *q == '(' || *q == '-' || (unsigned char)*q == 0xE2)
      return 1;
  }
  return 0;
}

int hoso__ndoc_scan(hoso__ndoc *d, const char *text, size_t n,
                    hoso_error *err) {
  memset(d, 0, sizeof *d);
  hoso__buf_init(&d->keys, 0);
  d->text = text;
  d->n = n;
  if (n > HOSO_NER_MAX_TEXT)
    return hoso__err_at(err, HOSO_ETOOBIG, HOSO_NER_MAX_TEXT,
                        "text longer than %u bytes",
                        (unsigned)HOSO_NER_MAX_TEXT);
  size_t i = 0;
  int nl = 1;
  while (i < n) {
    size_t len;
    int32_t c = hoso__utf8_decode(text + i, n - i, &len);
    if (c == '\n' || c == 0x2028 || c == 0x2029) {
      nl = 1;
      i += len;
      continue;
    }
    if (is_space(c)) {
      i += len;
      continue;
    }
    size_t start = i;
    uint32_t flags = nl ? NT_NL : 0;
    nl = 0;
    if (is_letter(c) || (c < 0 && 0)) {
      i += len;
      for (;;) {
        size_t l2, l3;
        int32_t c2 = peek(text, n, i, &l2);
        if (is_letter(c2) || is_digit(c2)) {
          i += l2;
          continue;
        }
        if (c2 == '-' || c2 == '\'' || c2 == 0x2019) {
          int32_t c3 = peek(text, n, i + l2, &l3);
          if (is_letter(c3) || is_digit(c3)) {
            i += l2 + l3;
            continue;
          }
        }
        if (c2 == '+') {
          int32_t c3 = peek(text, n, i + l2, &l3);
          if (!is_letter(c3) && !is_digit(c3)) i += l2;
        }
        break;
      }
      flags |= NT_WORD | hoso__word_flags(text + start, i - start);
    } else if (is_digit(c)) {
      i += len;
      for (;;) {
        size_t l2, l3;
        int32_t c2 = peek(text, n, i, &l2);
        if (is_digit(c2)) {
          i += l2;
          continue;
        }
        if (c2 == '/' || c2 == '-' || c2 == '.' || c2 == ':' || c2 == ',') {
          int32_t c3 = peek(text, n, i + l2, &l3);
          if (is_digit(c3)) {
            i += l2 + l3;
            continue;
          }
        }
        break;
      }
      flags |= NT_NUM;
    } else {
      i += len;
      flags |= NT_PUNCT;
    }
    int rc = push_tok(d, start, i - start, flags, err);
    if (rc) return rc;
  }
  /* sentences */
  uint32_t s0 = 0;
  for (uint32_t t = 0; t < d->ntok; t++) {
    if (t > s0 && (d->tok[t].flags & NT_NL)) {
      int rc = push_sent(d, s0, t, err);
      if (rc) return rc;
      s0 = t;
    }
    if (ends_sentence(d, t)) {
      int rc = push_sent(d, s0, t + 1, err);
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
    free(d->ents[i].posts);
  }
  free(d->ents);
  free(d->tok_cover);
  free(d->gm);
  free(d->gm_first);
  memset(d, 0, sizeof *d);
}

int hoso__tok_is(const hoso__ndoc *d, uint32_t i, const char *s) {
  if (i >= d->ntok) return 0;
  size_t n = strlen(s);
  return d->tok[i].key_len == n && memcmp(d->keys.p + d->tok[i].key_off, s, n) == 0;
}
