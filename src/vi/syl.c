/*
** syl.c -- text -> syllable tokens for the segmenter and tagger.
**
** Token boundaries and types come from the text core's tokenizer
** (hoso__tokenize: syllables, words, numbers, dates, codes such as
** "COVID-19" and "ADMM+", URLs, punctuation), so names, numbers and codes
** are units before segmentation starts. Each token gets:
**   key    a hash of the text core's matching key (hoso__key_append: NFC,
**          case folded, tone mark on its canonical vowel), so "hoá"/"hóa",
**          NFD input and capitalised forms share features and dictionary
**          entries;
**   type   word (syllable or other letter word), number, code, punctuation;
**   shape  case pattern, or "foreign" for a letter word that is not a
**          Vietnamese syllable (Kartapolov, Фомин).
** Keys and shapes are cached per spelling in a per-thread vi_keycache.
*/
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "vi/vi.h"

vi_keycache *vi__keycache_new(void) {
  vi_keycache *c = calloc(1, sizeof(*c));
  if (!c) return NULL;
  hoso__buf_init(&c->buf, 4096);
  return c;
}

void vi__keycache_free(vi_keycache *c) {
  if (!c) return;
  hoso__buf_free(&c->buf);
  free(c);
}

void vi__tokens_free(vi_tokens *ts) {
  free(ts->t);
  ts->t = NULL;
  ts->n = ts->cap = 0;
}

static int vtype(int t) {
  switch (t) {
    case HOSO_TOK_SYLLABLE:
    case HOSO_TOK_WORD:
      return VI_WORD;
    case HOSO_TOK_NUMBER:
    case HOSO_TOK_DATE:
    case HOSO_TOK_TIME:
    case HOSO_TOK_PHONE:
      return VI_NUM;
    case HOSO_TOK_ABBREV:
    case HOSO_TOK_CODE:
    case HOSO_TOK_URL:
    case HOSO_TOK_EMAIL:
      return VI_CODE;
    default:
      return VI_PUNCT;
  }
}

static int vshape(const hoso_token *t, int type) {
  switch (type) {
    case VI_NUM: return VI_SH_NUM;
    case VI_CODE: return t->flags & HOSO_TOKF_ALLCAPS ? VI_SH_UPPER : VI_SH_CODE;
    case VI_PUNCT: return VI_SH_PUNCT;
    default: break;
  }
  if (t->type == HOSO_TOK_WORD) /* not a Vietnamese syllable */
    return t->flags & (HOSO_TOKF_CAP | HOSO_TOKF_ALLCAPS) ? VI_SH_FOREIGN_CAP : VI_SH_FOREIGN;
  if (t->flags & HOSO_TOKF_ALLCAPS) return VI_SH_UPPER;
  if (t->flags & HOSO_TOKF_CAP) return VI_SH_TITLE;
  return VI_SH_LOWER;
}

typedef struct tok_ctx {
  vi_keycache *kc;
  vi_tokens *ts;
  const char *s;
} tok_ctx;

static int on_token(void *arg, const hoso_token *t) {
  tok_ctx *c = arg;
  vi_tokens *ts = c->ts;
  if (ts->n == ts->cap) {
    size_t nc = ts->cap ? ts->cap * 2 : 256;
    vi_tok *p = realloc(ts->t, nc * sizeof(vi_tok));
    if (!p) return HOSO_ENOMEM;
    ts->t = p;
    ts->cap = nc;
  }
  vi_tok *v = &ts->t[ts->n++];
  size_t len = t->end - t->start;
  v->off = t->start;
  v->len = len;
  v->type = (uint8_t)vtype(t->type);
  uint64_t id = hoso__tag_hash_mix(hoso__tag_hash(c->s + t->start, len),
                                   (uint64_t)t->type << 8 | (t->flags & 3u));
  if (!id) id = 1;
  vi_keycache *kc = c->kc;
  size_t slot = (size_t)(id >> (64 - VI_KEYCACHE_BITS));
  if (kc->id[slot] == id) {
    v->key = kc->key[slot];
    v->shape = kc->shape[slot];
    return 0;
  }
  uint64_t key;
  if (v->type == VI_PUNCT) {
    key = hoso__tag_hash(c->s + t->start, len < 16 ? len : 16);
  } else {
    hoso__buf_reset(&kc->buf);
    if (hoso__key_append(&kc->buf, c->s + t->start, len < 1024 ? len : 1024))
      return HOSO_ENOMEM;
    key = hoso__tag_hash(kc->buf.p, kc->buf.n);
  }
  v->key = key;
  v->shape = (uint8_t)vshape(t, v->type);
  kc->id[slot] = id;
  kc->key[slot] = key;
  kc->shape[slot] = v->shape;
  return 0;
}

int vi__tokenize(vi_keycache *kc, const char *s, size_t n, vi_tokens *ts) {
  tok_ctx c = {kc, ts, s};
  int rc = hoso__tokenize(s, n, on_token, &c);
  return rc ? HOSO_ENOMEM : HOSO_OK;
}
