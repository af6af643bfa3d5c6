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

#include "base/bigmem.h"
#include "text/text.h"
#include "vi/vi.h"

vi_keycache *vi__keycache_new(void) {
  /* 0.8 MB looked up at random per token: on huge pages where the
  ** kernel allows (base/bigmem.h) */
  vi_keycache *c = hoso__big_calloc(sizeof(*c));
  if (!c) return NULL;
  hoso__buf_init(&c->buf, 4096);
  return c;
}

void vi__keycache_free(vi_keycache *c) {
  if (!c) return;
  hoso__buf_free(&c->buf);
  hoso__big_free(c, sizeof(*c));
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

/* ---- the slow path: one token from the text core's tokenizer ---------- */

enum { STOP = 0x5709 }; /* callback result: one token is enough */

typedef struct tok_ctx {
  vi_keycache *kc;
  const vi_segmodel *m;
  vi_tokens *ts;
  const char *s;
  size_t base; /* offset of the tokenizer's input in s */
  int rc;
} tok_ctx;

static int push(vi_tokens *ts) {
  if (ts->n < ts->cap) return HOSO_OK;
  size_t nc = ts->cap ? ts->cap * 2 : 256;
  vi_tok *p = realloc(ts->t, nc * sizeof(vi_tok));
  if (!p) return HOSO_ENOMEM;
  ts->t = p;
  ts->cap = nc;
  return HOSO_OK;
}

static int on_token(void *arg, const hoso_token *t) {
  tok_ctx *c = arg;
  vi_tokens *ts = c->ts;
  if (push(ts)) return c->rc = HOSO_ENOMEM;
  vi_tok *v = &ts->t[ts->n];
  size_t len = t->end - t->start;
  const char *w = c->s + c->base + t->start;
  v->off = c->base + t->start;
  v->len = len;
  v->type = (uint8_t)vtype(t->type);
  uint64_t id = hoso__tag_hash_mix(hoso__tag_hash(w, len), (uint64_t)t->type << 8 | (t->flags & 3u));
  if (!id) id = 1;
  vi_keycache *kc = c->kc;
  size_t slot = (size_t)(id >> (64 - VI_KEYCACHE_BITS));
  if (kc->id[slot] == id) {
    v->key = kc->key[slot];
    v->shape = kc->shape[slot];
    v->id = kc->sid[slot];
    ts->n++;
    return STOP;
  }
  uint64_t key;
  if (v->type == VI_PUNCT) {
    key = hoso__tag_hash(w, len < 16 ? len : 16);
  } else {
    hoso__buf_reset(&kc->buf);
    if (hoso__key_append(&kc->buf, w, len < 1024 ? len : 1024)) return c->rc = HOSO_ENOMEM;
    key = hoso__tag_hash(kc->buf.p, kc->buf.n);
  }
  v->key = key;
  v->shape = (uint8_t)vshape(t, v->type);
  v->id = c->m ? vi__segmodel_syl(c->m, key) : 0;
  kc->id[slot] = id;
  kc->key[slot] = key;
  kc->shape[slot] = v->shape;
  kc->sid[slot] = v->id;
  ts->n++;
  return STOP;
}

/* The first token of s[i..n) (white space skipped), appended to ts; *end
** = where it ends (n if there is none). */
static int slow_one(tok_ctx *c, size_t n, size_t i, size_t *end) {
  size_t before = c->ts->n;
  c->base = i;
  int rc = hoso__tokenize(c->s + i, n - i, on_token, c);
  if (rc != STOP && rc != HOSO_OK) return HOSO_ENOMEM;
  if (c->rc) return c->rc;
  if (c->ts->n == before) {
    *end = n;
  } else {
    const vi_tok *v = &c->ts->t[c->ts->n - 1];
    *end = v->off + v->len;
  }
  return HOSO_OK;
}

/* ---- the fast path: the run memo ----------------------------------------
**
** A run is a maximal stretch of ASCII letters and non-ASCII bytes. When it
** ends at white space, at the end of the text, or at one ASCII
** punctuation character other than '+' followed by white space or the
** end, the text core's tokenizer decides its first token from the run's
** bytes alone: after the letters of a word it looks at the next character
** only for a digit or '-' + digit (a code), '.' + letter or digit (a
** domain or "TP.HCM"), '+' after capitals ("ADMM+"), an apostrophe +
** letter ("O'Neil"), "@" + domain (e-mail) and "://" or "www." + letter (a
** URL) -- none of which a lone punctuation character before white space
** can complete. So the token the tokenizer made of a run once is the
** token it makes of the same bytes everywhere, and the memo remembers it
** (only when it was the whole run). The same holds for one ASCII
** punctuation mark other than '+' before white space or the end (", ",
** ". ", "- ": in 2 MB of VNTC text, 33,634 of the 72,165 tokens that went
** through the tokenizer): no token the tokenizer makes starts with such a
** mark and goes on past white space, so the memo keeps its one-byte token
** too. test_vi checks that the memo gives the tokenizer's tokens whatever
** text warmed it. */

static inline int run_byte(unsigned c) { return c >= 0x80 || (c | 32u) - 'a' < 26u; }
static inline int white(unsigned c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
static inline int lone_punct(unsigned c) {
  return c > 0x20 && c < 0x7f && c != '+' && !run_byte(c) && !(c >= '0' && c <= '9');
}
static inline int white_or_end(const char *s, size_t n, size_t j) {
  return j >= n || white((unsigned char)s[j]);
}

/* The run's len (<= 16) bytes, zero padded; avail = bytes readable at s. */
static inline void run_bytes(const char *s, size_t len, size_t avail, uint64_t *b0,
                             uint64_t *b1) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (avail >= 16) { /* two loads, masked: the first bytes are the low ones */
    uint64_t x0, x1;
    memcpy(&x0, s, 8);
    memcpy(&x1, s + 8, 8);
    if (len < 8) {
      *b0 = x0 & ((1ull << (8 * len)) - 1);
      *b1 = 0;
    } else {
      *b0 = x0;
      *b1 = len == 16 ? x1 : x1 & ((1ull << (8 * (len - 8))) - 1);
    }
    return;
  }
#endif
  (void)avail;
  unsigned char tmp[16] = {0};
  memcpy(tmp, s, len);
  memcpy(b0, tmp, 8);
  memcpy(b1, tmp + 8, 8);
}

static inline size_t memo_slot(uint64_t b0, uint64_t b1, size_t len) {
  uint64_t h = (b0 * 0x9e3779b97f4a7c15ULL) ^ (b1 * 0xc2b2ae3d27d4eb4fULL) ^ len;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return (size_t)(h >> (64 - VI_MEMO_BITS));
}

static void reset_ids(vi_keycache *kc, const vi_segmodel *m) {
  memset(kc->memo, 0, sizeof(kc->memo));
  memset(kc->id, 0, sizeof(kc->id));
  kc->owner = m;
  kc->owner_sum = m ? vi__segmodel_sum(m) : 0;
}

int vi__tokenize(vi_keycache *kc, const vi_segmodel *m, const char *s, size_t n,
                 vi_tokens *ts) {
  if (kc->owner != m || (m && kc->owner_sum != vi__segmodel_sum(m))) reset_ids(kc, m);
  tok_ctx c = {kc, m, ts, s, 0, 0};
  size_t i = 0;
  while (i < n) {
    unsigned ch = (unsigned char)s[i];
    if (white(ch)) {
      i++;
      continue;
    }
    size_t end;
    /* a run, or one punctuation mark before white space or the end */
    int run = run_byte(ch), mark = !run && lone_punct(ch) && white_or_end(s, n, i + 1);
    if (run || mark) {
      size_t j = i + 1;
      while (run && j < n && run_byte((unsigned char)s[j])) j++;
      size_t len = j - i;
      if (mark || (len <= 16 && (white_or_end(s, n, j) || (lone_punct((unsigned char)s[j]) &&
                                                          white_or_end(s, n, j + 1))))) {
        uint64_t b0, b1;
        run_bytes(s + i, len, n - i, &b0, &b1);
        vi_memo *e = &kc->memo[memo_slot(b0, b1, len)];
        if (e->len == len && e->b0 == b0 && e->b1 == b1) {
          if (push(ts)) return HOSO_ENOMEM;
          vi_tok *v = &ts->t[ts->n++];
          v->off = i;
          v->len = len;
          v->key = e->key;
          v->id = e->id;
          v->type = e->type;
          v->shape = e->shape;
          i = j;
          continue;
        }
        size_t before = ts->n;
        if (slow_one(&c, n, i, &end)) return HOSO_ENOMEM;
        const vi_tok *v = ts->n == before + 1 ? &ts->t[before] : NULL;
        if (v && end == j && v->off == i) {
          e->b0 = b0;
          e->b1 = b1;
          e->len = (uint8_t)len;
          e->key = v->key;
          e->id = v->id;
          e->type = v->type;
          e->shape = v->shape;
        }
        i = end;
        continue;
      }
    }
    if (slow_one(&c, n, i, &end)) return HOSO_ENOMEM;
    i = end;
  }
  return HOSO_OK;
}
