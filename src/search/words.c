/* words.c -- text to (fold, exact) search words; see words.h.
** Case folding and NFC go through utf8proc per code point; the UTF-8
** decoding itself is the text core's (hoso__utf8_decode). */
#include <libstemmer.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/bigmem.h"
#include "search/words.h"
#include "text/text.h"

#define CP_MAX 512 /* code points of one word kept; the rest is cut */

/* A per-handle cache of word forms by the word's raw bytes: a text
** repeats a few thousand distinct words, and normalising (utf8proc) and
** folding each occurrence again was the largest cost of indexing after
** segmentation. Direct-mapped; a collision just overwrites. */
#define CACHE_SLOTS 8192
#define CACHE_KEY 46
#define CACHE_FORM 63
typedef struct cache_ent {
  uint8_t klen, elen, flen, same; /* klen 0 = empty */
  char key[CACHE_KEY];
  char exact[CACHE_FORM + 1];
  char fold[CACHE_FORM + 1];
} cache_ent;

/* The tables below and the word table (struct intern) come from
** hoso__big_calloc: each lookup is a random slot of 0.2-9 MB, on huge
** pages where the kernel allows (base/bigmem.h). */

/* Syllable bytes -> hashes of the fold form (hoso__words_syllable_hashes)
** and of the exact form (hoso__words_syllable_forms): 48-byte entries,
** direct-mapped, allocated on first use. The key is the syllable's bytes
** as three zero-padded 64-bit words (little-endian loads): a lookup
** compares three words instead of calling memcmp. */
#define SYL_SLOTS 4096
#define SYL_KEY 24
/* hoso__words_syllable_forms's own table (ingest: every text's
** syllables; a news archive's few thousand distinct syllables thrashed
** 4,096 direct-mapped slots, each miss normalising again): 768 KB */
#define KSYL_SLOTS 16384
typedef struct syl_ent {
  uint64_t key[SYL_KEY / 8];
  uint64_t hash;
  uint64_t exact_hash;
  uint8_t klen; /* 0 = empty */
  uint8_t word; /* 0: the bytes make no word (punctuation) */
} syl_ent;

/* Syllable bytes -> its exact and fold forms (the stream's new words are
** mostly new combinations of known syllables: their forms are joined
** from here instead of normalising every syllable again): 88-byte
** entries, direct-mapped, allocated on the first new word. */
#define SFORM_SLOTS 8192
#define SFORM_FORM 30
typedef struct sform_ent {
  uint64_t key[SYL_KEY / 8];
  uint8_t klen; /* 0 = empty */
  uint8_t elen, flen;
  char exact[SFORM_FORM];
  char fold[SFORM_FORM];
} sform_ent;

/* Word characters below this code point come from a bit table made once
** per handle from is_word_cp itself (Latin, Vietnamese, Greek, Cyrillic):
** the same answers, without a utf8proc property lookup per letter. */
#define WORD_TAB_CPS 0x2000

/* The stream path's table of distinct words (hoso__words_stream_each): a
** word's raw bytes -> its stream record ("fold" or "fold\x1Fexact") and
** the caller's memo, in an arena, found through open addressing over
** 64-bit slots (hash << 32 | arena offset + 8). Why beside the form cache
** above: ingest streams every article's words, and with that cache (8,192
** direct-mapped slots) finding, normalising and re-copying each word cost
** as much CPU as segmenting the text (bench/store-profile.sh); here a word
** seen before costs a hash, one compare and one copy, and its caller's
** per-word work (MinHash hash, spellings) is done once per distinct word.
** Bounded: cleared before a text when over INTERN_MAX words or
** INTERN_ARENA bytes; during a text a full table takes no new words (they
** are computed each time, memo zeroed). Each entry also keeps the hashes
** of the word's syllables (hoso__words_stream_keys), found once when the
** word enters the table, so the content hash and MinHash need no second
** scan of the text (that scan cost 6% of ingest: store_bench accounting). */
#define INTERN_SLOTS (1u << 17)
#define INTERN_MAX (INTERN_SLOTS / 2)
#define INTERN_ARENA (8u << 20)
#define INTERN_KEY 128 /* longer raw words are not kept */
typedef struct ient {
  hoso_word_memo memo;
  uint16_t klen, rlen, fold_n, nsyl;
  char data[]; /* klen key bytes, rlen record bytes, then from the next
               ** 8-byte boundary nsyl (fold, exact) hash pairs */
} ient;

/* Where an entry's syllable hashes start, from the entry's start. */
static size_t ient_syl_off(size_t kn, size_t rec_n) {
  return (offsetof(ient, data) + kn + rec_n + 7) & ~(size_t)7;
}
typedef struct intern {
  uint64_t *slot; /* INTERN_SLOTS */
  char *arena;    /* INTERN_ARENA bytes */
  size_t used, arena_n;
} intern;

struct hoso_words {
  uint64_t word_tab[WORD_TAB_CPS / 64]; /* bit cp: is_word_cp(cp) */
  cache_ent *cache; /* CACHE_SLOTS entries, or NULL (no memory: no cache) */
  syl_ent *syl;     /* SYL_SLOTS entries, or NULL until used */
  syl_ent *ksyl;    /* KSYL_SLOTS entries, or NULL until used */
  sform_ent *sform; /* SFORM_SLOTS entries, or NULL until used */
  intern in;        /* allocated on the first hoso__words_stream_each */
  struct sb_stemmer *ru; /* NULL if libstemmer has no Russian */
  const hoso_vi *vi;     /* segmenter models (not owned), or NULL */
  hoso_vi_ctx *vctx;     /* its per-thread scratch (owned) */
  hoso_buf exact, fold, tmp, sx, sf; /* sx, sf: one syllable's forms */
  hoso_buf sylh; /* one word's syllable hash pairs (uint64_t) */
  utf8proc_int32_t cps[CP_MAX + 16];
};

static int is_word_cp(int32_t cp);

int hoso__words_new(hoso_words **out) {
  hoso_words *w = calloc(1, sizeof(*w));
  *out = NULL;
  if (!w) return HOSO_ENOMEM;
  for (int32_t cp = 0; cp < WORD_TAB_CPS; cp++)
    if (is_word_cp(cp)) w->word_tab[cp / 64] |= (uint64_t)1 << (cp % 64);
  w->ru = sb_stemmer_new("russian", "UTF_8");
  w->cache = hoso__big_calloc(CACHE_SLOTS * sizeof(cache_ent)); /* NULL: works uncached */
  hoso__buf_init(&w->exact, 0);
  hoso__buf_init(&w->fold, 0);
  hoso__buf_init(&w->tmp, 0);
  hoso__buf_init(&w->sx, 0);
  hoso__buf_init(&w->sf, 0);
  hoso__buf_init(&w->sylh, 0);
  *out = w;
  return HOSO_OK;
}

int hoso__words_use_segmenter(hoso_words *w, const hoso_vi *vi) {
  if (vi && !w->vctx && !(w->vctx = hoso_vi_ctx_new())) return HOSO_ENOMEM;
  w->vi = vi;
  return HOSO_OK;
}

const hoso_vi *hoso__words_segmenter(const hoso_words *w) { return w->vi; }

void hoso__words_free(hoso_words *w) {
  if (!w) return;
  hoso__big_free(w->cache, CACHE_SLOTS * sizeof(cache_ent));
  hoso__big_free(w->syl, SYL_SLOTS * sizeof(syl_ent));
  hoso__big_free(w->ksyl, KSYL_SLOTS * sizeof(syl_ent));
  hoso__big_free(w->sform, SFORM_SLOTS * sizeof(sform_ent));
  hoso__big_free(w->in.slot, INTERN_SLOTS * sizeof(*w->in.slot));
  hoso__big_free(w->in.arena, INTERN_ARENA);
  hoso_vi_ctx_free(w->vctx);
  if (w->ru) sb_stemmer_delete(w->ru);
  hoso__buf_free(&w->exact);
  hoso__buf_free(&w->fold);
  hoso__buf_free(&w->tmp);
  hoso__buf_free(&w->sx);
  hoso__buf_free(&w->sf);
  hoso__buf_free(&w->sylh);
  free(w);
}

static int is_word_cp(int32_t cp) {
  if (cp < 0) return 0;
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
         c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

/* Append the matching key of s[0..n) (one syllable) to out.
** *cyr = 1 when it starts with a Cyrillic letter. */
static int norm_append(hoso_words *w, const char *s, size_t n, hoso_buf *out,
                       int *cyr) {
  size_t i = 0, k = 0;
  int ascii = 1;
  for (size_t j = 0; j < n; j++)
    if ((unsigned char)s[j] >= 0x80) ascii = 0;
  *cyr = 0;
  if (ascii) {
    int rc = hoso__buf_reserve(out, n);
    if (rc) return rc;
    for (size_t j = 0; j < n && j < CP_MAX; j++) {
      char c = s[j];
      if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
      out->p[out->n++] = c;
    }
    out->p[out->n] = 0;
    return HOSO_OK;
  }
  /* the text core's matching key: NFC, case folded, tone mark on the
  ** canonical vowel ("Hoà" = "hòa"), so spelling variants index alike */
  size_t len;
  int32_t cp0 = hoso__utf8_decode(s, n, &len);
  if (cp0 >= 0x400 && cp0 <= 0x4FF) *cyr = 1;
  (void)i;
  (void)k;
  (void)w;
  return hoso__key_append(out, s, n < CP_MAX * 4 ? n : CP_MAX * 4);
}

/* From w->exact (one word), compute w->fold. *same = exact == fold. */
static int make_fold(hoso_words *w, int cyr, int *same) {
  hoso__buf_reset(&w->fold);
  const char *src = w->exact.p;
  size_t src_n = w->exact.n;
  if (cyr && w->ru) {
    const sb_symbol *st =
        sb_stemmer_stem(w->ru, (const sb_symbol *)src, (int)src_n);
    if (st) {
      src = (const char *)st;
      src_n = (size_t)sb_stemmer_length(w->ru);
    }
  }
  int ascii = 1;
  for (size_t j = 0; j < src_n; j++)
    if ((unsigned char)src[j] >= 0x80) ascii = 0;
  int rc = ascii ? hoso__buf_add(&w->fold, src, src_n)
                 : hoso__fold_append(&w->fold, src, src_n);
  if (rc) return rc;
  /* a word of no characters ("_" alone) has no buffer at all: no memcmp */
  *same = w->fold.n == w->exact.n &&
          (w->fold.n == 0 || !memcmp(w->fold.p, w->exact.p, w->fold.n));
  return HOSO_OK;
}

/* The next run of word characters (a syllable) in s[*i..n): its start,
** with *i moved to its end; start == *i when there is none left. */
static int is_word_at(const hoso_words *w, const char *s, size_t n, size_t *len) {
  int32_t cp = hoso__utf8_dec(s, n, len);
  if (cp >= 0 && cp < WORD_TAB_CPS) return (int)((w->word_tab[cp / 64] >> (cp % 64)) & 1);
  return is_word_cp(cp);
}

static size_t next_run(const hoso_words *w, const char *s, size_t n, size_t *i) {
  size_t len;
  while (*i < n && !is_word_at(w, s + *i, n - *i, &len)) *i += len;
  size_t start = *i;
  while (*i < n && is_word_at(w, s + *i, n - *i, &len)) *i += len;
  return start;
}

/* Is the code point at s (n > 0 bytes left) a word character? *len =
** its length. ASCII from the bit table without decoding. */
static inline int word_at(const hoso_words *w, const char *s, size_t n, size_t *len) {
  unsigned c = (unsigned char)s[0];
  if (c < 0x80) {
    *len = 1;
    return (int)((w->word_tab[c >> 6] >> (c & 63)) & 1);
  }
  return is_word_at(w, s, n, len);
}

/* k = s[0..kn) (kn <= SYL_KEY) zero padded, as three words; avail =
** bytes readable at s. */
static inline void syl_key(const char *s, size_t kn, size_t avail, uint64_t k[3]) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (avail >= SYL_KEY) { /* three loads, masked: the first bytes are the low ones */
    memcpy(k, s, SYL_KEY);
    for (size_t j = 0; j < 3; j++) {
      size_t keep = kn > 8 * j ? kn - 8 * j : 0;
      if (keep < 8) k[j] &= ((uint64_t)1 << (8 * keep)) - 1;
    }
    return;
  }
#endif
  (void)avail;
  unsigned char tmp[SYL_KEY] = {0};
  memcpy(tmp, s, kn);
  memcpy(k, tmp, SYL_KEY);
}

/* w->exact = the syllables of s[0..n) as one word, joined by '_', and
** when cut is set, cut at HOSO_WORD_MAX bytes; *cyr = the first syllable
** is Cyrillic; *cyr_any (may be NULL) = some syllable is. */
static int word_exact(hoso_words *w, const char *s, size_t n, int cut, int *cyr,
                      int *cyr_any) {
  size_t i = 0;
  int first = 1, rc = HOSO_OK;
  hoso__buf_reset(&w->exact);
  *cyr = 0;
  if (cyr_any) *cyr_any = 0;
  while (i < n && !rc) {
    size_t start = next_run(w, s, n, &i);
    if (start == i) break;
    int c = 0;
    if (!first) rc = hoso__buf_addc(&w->exact, '_');
    if (!rc) rc = norm_append(w, s + start, i - start, &w->exact, &c);
    if (first) *cyr = c;
    if (cyr_any) *cyr_any |= c;
    first = 0;
  }
  if (!rc && cut && w->exact.n > HOSO_WORD_MAX) { /* cut at a code point boundary */
    w->exact.n = HOSO_WORD_MAX;
    while (w->exact.n && ((unsigned char)w->exact.p[w->exact.n] & 0xC0) == 0x80)
      w->exact.n--;
    w->exact.p[w->exact.n] = 0;
  }
  return rc;
}

/* w->exact and w->fold of the word s[0..n) joined from its syllables'
** forms (w->sform), as word_exact and make_fold would make them: each
** syllable's matching key, joined by '_', and the fold of that, which
** folds code point by code point. *done = 0 when the word needs
** word_exact and make_fold instead: a Cyrillic syllable (its word may be
** stemmed whole), a syllable longer than the table's key, a word longer
** than HOSO_WORD_MAX (cut), or none at all. */
static int word_forms_joined(hoso_words *w, const char *s, size_t n, int *same, int *done) {
  *done = 0;
  if (!w->sform && !(w->sform = hoso__big_calloc(SFORM_SLOTS * sizeof(sform_ent)))) return HOSO_OK;
  hoso__buf_reset(&w->exact);
  hoso__buf_reset(&w->fold);
  size_t i = 0;
  int rc = HOSO_OK;
  while (i < n && !rc) {
    size_t start = next_run(w, s, n, &i);
    if (start == i) break;
    size_t kn = i - start;
    if (kn > SYL_KEY) return HOSO_OK;
    uint64_t k[3];
    syl_key(s + start, kn, n - start, k);
    uint64_t h = (k[0] * 0x9e3779b97f4a7c15ULL) ^ (k[1] * 0xc2b2ae3d27d4eb4fULL) ^
                 (k[2] * 0x165667b19e3779f9ULL) ^ kn;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    sform_ent *e = &w->sform[(h >> 32) & (SFORM_SLOTS - 1)];
    const char *ex, *fo;
    size_t en, fn;
    if (e->klen == kn && e->key[0] == k[0] && e->key[1] == k[1] && e->key[2] == k[2]) {
      ex = e->exact;
      en = e->elen;
      fo = e->fold;
      fn = e->flen;
    } else {
      int cyr;
      hoso__buf_reset(&w->sx);
      hoso__buf_reset(&w->sf);
      rc = norm_append(w, s + start, kn, &w->sx, &cyr);
      if (rc) return rc;
      if (cyr || !w->sx.n) return HOSO_OK;
      int ascii = 1;
      for (size_t j = 0; j < w->sx.n; j++)
        if ((unsigned char)w->sx.p[j] >= 0x80) ascii = 0;
      rc = ascii ? hoso__buf_add(&w->sf, w->sx.p, w->sx.n)
                 : hoso__fold_append(&w->sf, w->sx.p, w->sx.n);
      if (rc) return rc;
      ex = w->sx.p;
      en = w->sx.n;
      fo = w->sf.p;
      fn = w->sf.n;
      if (en <= SFORM_FORM && fn <= SFORM_FORM) {
        memcpy(e->key, k, sizeof(k));
        e->klen = (uint8_t)kn;
        e->elen = (uint8_t)en;
        e->flen = (uint8_t)fn;
        memcpy(e->exact, ex, en);
        memcpy(e->fold, fo, fn);
      }
    }
    if (w->exact.n) {
      rc = hoso__buf_addc(&w->exact, '_');
      if (!rc) rc = hoso__buf_addc(&w->fold, '_');
    }
    if (!rc) rc = hoso__buf_add(&w->exact, ex, en);
    if (!rc) rc = hoso__buf_add(&w->fold, fo, fn);
  }
  if (rc || !w->exact.n || w->exact.n > HOSO_WORD_MAX) return rc;
  *same = w->fold.n == w->exact.n && !memcmp(w->fold.p, w->exact.p, w->fold.n);
  *done = 1;
  return HOSO_OK;
}

static int emit(hoso_words *w, const char *text, size_t start, size_t end,
                hoso_word_fn fn, void *ctx) {
  int cyr, same;
  size_t kn = end - start;
  cache_ent *ce = NULL;
  if (kn <= CACHE_KEY && w->cache) {
    uint32_t h = 2166136261u;
    for (size_t i = start; i < end; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
    ce = &w->cache[h & (CACHE_SLOTS - 1)];
    if (ce->klen == kn && !memcmp(ce->key, text + start, kn)) {
      if (ce->flen == 0) return HOSO_OK; /* punctuation */
      return fn(ctx, ce->fold, ce->flen, ce->same ? NULL : ce->exact,
                ce->same ? 0 : ce->elen, start, end);
    }
  }
  int rc = word_exact(w, text + start, end - start, 1, &cyr, NULL);
  if (rc) return rc;
  if (w->exact.n == 0) {
    if (ce) {
      ce->klen = (uint8_t)kn;
      memcpy(ce->key, text + start, kn);
      ce->flen = 0;
    }
    return HOSO_OK;
  }
  rc = make_fold(w, cyr, &same);
  if (rc) return rc;
  if (ce && w->exact.n <= CACHE_FORM && w->fold.n <= CACHE_FORM && w->fold.n > 0) {
    ce->klen = (uint8_t)kn;
    memcpy(ce->key, text + start, kn);
    ce->elen = (uint8_t)w->exact.n;
    memcpy(ce->exact, w->exact.p, w->exact.n + 1);
    ce->flen = (uint8_t)w->fold.n;
    memcpy(ce->fold, w->fold.p, w->fold.n + 1);
    ce->same = (uint8_t)same;
  } else if (ce) {
    ce->klen = 0;
  }
  return fn(ctx, w->fold.p, w->fold.n, same ? NULL : w->exact.p,
            same ? 0 : w->exact.n, start, end);
}

/* Calls fn for each word's byte range [start, end) of text: the
** segmenter's words, or syllables without one (or when it fails for any
** reason but memory). */
typedef int (*range_fn)(hoso_words *w, const char *text, size_t start,
                        size_t end, void *ctx);

static int each_syllable(hoso_words *w, const char *text, size_t n, range_fn fn,
                         void *ctx);

static int each_word(hoso_words *w, const char *text, size_t n, range_fn fn,
                     void *ctx) {
  if (w->vi) {
    const hoso_vi_word *words;
    size_t nw;
    int rc = hoso_vi_segment(w->vi, w->vctx, text, n, 0, &words, &nw, NULL);
    if (rc == HOSO_OK) {
      for (size_t i = 0; i < nw; i++) {
        rc = fn(w, text, words[i].off, words[i].off + words[i].len, ctx);
        if (rc) return rc;
      }
      return HOSO_OK;
    }
    if (rc == HOSO_ENOMEM) return rc;
    /* any other failure: fall back to syllables for this text */
  }
  return each_syllable(w, text, n, fn, ctx);
}

static int each_syllable(hoso_words *w, const char *text, size_t n, range_fn fn,
                         void *ctx) {
  size_t i = 0;
  while (i < n) {
    size_t start = next_run(w, text, n, &i);
    if (start == i) break;
    int rc = fn(w, text, start, i, ctx);
    if (rc) return rc;
  }
  return HOSO_OK;
}

typedef struct scan_ctx {
  hoso_word_fn fn;
  void *ctx;
} scan_ctx;

static int scan_range(hoso_words *w, const char *text, size_t start, size_t end,
                      void *ctx) {
  scan_ctx *sc = ctx;
  return emit(w, text, start, end, sc->fn, sc->ctx);
}

int hoso__words_scan(hoso_words *w, const char *text, size_t n,
                     hoso_word_fn fn, void *ctx) {
  scan_ctx sc = {fn, ctx};
  return each_word(w, text, n, scan_range, &sc);
}

/* ---- the stream path's word table (see struct intern) ----------------- */

static void intern_prepare(intern *in) {
  if (!in->slot) {
    in->slot = hoso__big_calloc(INTERN_SLOTS * sizeof(*in->slot));
    in->arena = hoso__big_calloc(INTERN_ARENA);
    if (!in->slot || !in->arena) { /* no memory: every word computed */
      hoso__big_free(in->slot, INTERN_SLOTS * sizeof(*in->slot));
      hoso__big_free(in->arena, INTERN_ARENA);
      in->slot = NULL;
      in->arena = NULL;
    }
    in->used = in->arena_n = 0;
    return;
  }
  if (in->used >= INTERN_MAX / 4 * 3 || in->arena_n >= INTERN_ARENA / 4 * 3) {
    memset(in->slot, 0, INTERN_SLOTS * sizeof(*in->slot));
    in->used = in->arena_n = 0;
  }
}

typedef struct stream_ctx {
  hoso_buf *out;
  hoso_rec_fn fn;
  void *ctx;
  hoso_word_memo scratch; /* the memo of a word the table does not keep */
  hoso_syl_key_fn syl;    /* NULL: no syllables wanted */
  void *syl_ctx;
  size_t cut;             /* syl has had the syllables of text[0..cut) */
  const uint64_t *wsyl;   /* the last word's syllable hash pairs */
  size_t wnsyl;
} stream_ctx;

static int syllable_walk(hoso_words *w, syl_ent **tab, size_t slots, const char *text,
                         size_t n, hoso_syl_forms_fn fn, void *ctx);

static int add_syl(void *ctx, uint64_t fold_hash, uint64_t exact_hash, size_t start,
                   size_t end) {
  uint64_t pair[2] = {fold_hash, exact_hash};
  (void)start;
  (void)end;
  return hoso__buf_add(ctx, (const char *)pair, sizeof(pair));
}

/* w->sylh = the syllable hash pairs of s[0..n), as the scan of a whole
** text finds those of a stretch whose edges split no run. */
static int word_syllables(hoso_words *w, const char *s, size_t n) {
  hoso__buf_reset(&w->sylh);
  return syllable_walk(w, &w->ksyl, KSYL_SLOTS, s, n, add_syl, &w->sylh);
}

static uint32_t key_hash(const char *key, size_t kn) {
  uint32_t h = 2166136261u;
  for (size_t k = 0; k < kn; k++) h = (h ^ (unsigned char)key[k]) * 16777619u;
  return h;
}

/* One word of the stream; h is key_hash of its bytes. */
static int stream_word_h(hoso_words *w, const char *text, size_t start,
                         size_t end, uint32_t h, stream_ctx *sc) {
  intern *in = &w->in;
  const char *key = text + start;
  size_t kn = end - start, i = 0;
  ient *e = NULL;
  int keep = in->slot && kn <= INTERN_KEY;
  if (keep) {
    i = h & (INTERN_SLOTS - 1);
    for (uint64_t sl; (sl = in->slot[i]); i = (i + 1) & (INTERN_SLOTS - 1)) {
      if ((uint32_t)(sl >> 32) != h) continue;
      ient *c = (ient *)(in->arena + ((uint32_t)sl - 8));
      if (c->klen == kn && !memcmp(c->data, key, kn)) {
        e = c;
        break;
      }
    }
  }
  const char *rec;
  size_t rec_n, fold_n;
  hoso_word_memo *memo;
  if (e) {
    rec = e->data + e->klen;
    rec_n = e->rlen;
    fold_n = e->fold_n;
    memo = &e->memo;
    sc->wsyl = (const uint64_t *)(const void *)((const char *)e + ient_syl_off(kn, rec_n));
    sc->wnsyl = e->nsyl;
  } else {
    /* its syllables first (the scan uses w->exact and w->fold), then the
    ** forms as emit computes them; the record as stream_word writes it */
    int rc = keep || sc->syl ? word_syllables(w, key, kn) : HOSO_OK;
    if (rc) return rc;
    size_t nsyl = keep || sc->syl ? w->sylh.n / (2 * sizeof(uint64_t)) : 0;
    sc->wsyl = (const uint64_t *)(const void *)w->sylh.p;
    sc->wnsyl = nsyl;
    int cyr, same = 1, done;
    rc = word_forms_joined(w, key, kn, &same, &done);
    if (!rc && !done) {
      rc = word_exact(w, key, kn, 1, &cyr, NULL);
      if (!rc && w->exact.n) rc = make_fold(w, cyr, &same);
    }
    hoso__buf_reset(&w->tmp);
    fold_n = 0;
    if (!rc && w->exact.n) {
      fold_n = w->fold.n;
      rc = hoso__buf_add(&w->tmp, w->fold.p, w->fold.n);
      if (!rc && !same) rc = hoso__buf_addc(&w->tmp, '\x1F');
      if (!rc && !same) rc = hoso__buf_add(&w->tmp, w->exact.p, w->exact.n);
    }
    if (rc) return rc;
    rec = w->tmp.p;
    rec_n = w->tmp.n;
    size_t syl_off = ient_syl_off(kn, rec_n);
    size_t need = syl_off + nsyl * 2 * sizeof(uint64_t);
    if (keep && in->used < INTERN_MAX && rec_n <= UINT16_MAX && nsyl <= UINT16_MAX &&
        in->arena_n + need <= INTERN_ARENA) {
      e = (ient *)(in->arena + in->arena_n);
      memset(&e->memo, 0, sizeof(e->memo));
      e->klen = (uint16_t)kn;
      e->rlen = (uint16_t)rec_n;
      e->fold_n = (uint16_t)fold_n;
      e->nsyl = (uint16_t)nsyl;
      memcpy(e->data, key, kn);
      if (rec_n) memcpy(e->data + kn, rec, rec_n);
      if (nsyl) memcpy((char *)e + syl_off, w->sylh.p, nsyl * 2 * sizeof(uint64_t));
      sc->wsyl = (const uint64_t *)(const void *)((const char *)e + syl_off);
      in->slot[i] = ((uint64_t)h << 32) | (uint64_t)(in->arena_n + 8);
      in->arena_n += need;
      in->used++;
      rec = e->data + kn;
      memo = &e->memo;
    } else {
      memset(&sc->scratch, 0, sizeof(sc->scratch));
      memo = &sc->scratch;
    }
  }
  if (rec_n == 0) return HOSO_OK; /* no word characters: not a word */
  /* the stream holds the index term (words.h): the record, and the
  ** separator after a fold form that is the whole record */
  int rc = hoso__buf_reserve(sc->out, rec_n + 2);
  if (rc) return rc;
  memcpy(sc->out->p + sc->out->n, rec, rec_n);
  sc->out->n += rec_n;
  if (rec_n == fold_n) sc->out->p[sc->out->n++] = HOSO_TERM_SEP;
  sc->out->p[sc->out->n++] = ' ';
  sc->out->p[sc->out->n] = 0;
  return sc->fn ? sc->fn(sc->ctx, rec, rec_n, fold_n, memo) : HOSO_OK;
}

static int stream_range(hoso_words *w, const char *text, size_t start,
                        size_t end, void *ctx) {
  return stream_word_h(w, text, start, end, key_hash(text + start, end - start), ctx);
}

/* ---- the syllables beside the words (hoso__words_stream_keys) ---------
** The scan of a whole text (syllable_walk) finds runs of word characters.
** A word's own syllables are those runs when both its edges split none;
** a stretch between two such edges (a gap between words, or words the
** segmenter cut inside a run) is scanned as the whole text would be. */

/* Does byte offset p of t[0..n) split no run, at a place a scan from the
** text's start steps on? The scan's steps (hoso__utf8_dec, maximal
** subparts) consume only continuation bytes after a first byte, so it
** steps on every other byte. 0 when unsure: that edge is then scanned. */
static int edge_clean(const hoso_words *w, const char *t, size_t n, size_t p) {
  if (p == 0 || p >= n) return 1;
  if (((unsigned char)t[p] & 0xC0) == 0x80) return 0;
  size_t len;
  if (!word_at(w, t + p, n - p, &len)) return 1;
  size_t q = p - 1;
  while (q > 0 && p - q < 4 && ((unsigned char)t[q] & 0xC0) == 0x80) q--;
  int before = word_at(w, t + q, n - q, &len);
  return q + len == p && !before;
}

static int pass_key(void *ctx, uint64_t fold_hash, uint64_t exact_hash, size_t start,
                    size_t end) {
  const stream_ctx *sc = ctx;
  (void)start;
  (void)end;
  return sc->syl(sc->syl_ctx, fold_hash, exact_hash);
}

/* The syllables of t[from..to), both edges clean, scanned; a stretch of
** ASCII without a word character (the space between two words) has none. */
static int keys_scan(hoso_words *w, const char *t, size_t from, size_t to,
                     stream_ctx *sc) {
  size_t i = from;
  while (i < to) {
    unsigned c = (unsigned char)t[i];
    if (c >= 0x80 || ((w->word_tab[c >> 6] >> (c & 63)) & 1)) break;
    i++;
  }
  if (i >= to) return HOSO_OK;
  return syllable_walk(w, &w->ksyl, KSYL_SLOTS, t + from, to - from, pass_key, sc);
}

/* After word [a, b) of t[0..n) was streamed (sc->wsyl: its syllables):
** its syllables from the table when both edges are clean, else it stays
** in the stretch a later clean edge scans. */
static int keys_word(hoso_words *w, const char *t, size_t n, size_t a, size_t b,
                     stream_ctx *sc) {
  if (edge_clean(w, t, n, a)) {
    int rc = keys_scan(w, t, sc->cut, a, sc);
    if (rc) return rc;
    sc->cut = a;
  }
  if (sc->cut != a || !edge_clean(w, t, n, b)) return HOSO_OK;
  for (size_t k = 0; k < sc->wnsyl; k++) {
    int rc = sc->syl(sc->syl_ctx, sc->wsyl[2 * k], sc->wsyl[2 * k + 1]);
    if (rc) return rc;
  }
  sc->cut = b;
  return HOSO_OK;
}

/* The segmenter's words through the table, with the memory each will
** read requested ahead: a text's words are looked up after segmenting
** all of it, whose model tables have pushed the word table out of the
** CPU caches, so each lookup waited for memory twice (its slot, then its
** entry: 140 ns a word, as long as segmenting it). The slot of the word
** PF_SLOT ahead and the entry of the word PF_ENTRY ahead are fetched
** while this one is handled. */
#define PF_SLOT 16
#define PF_ENTRY 8
static int stream_words(hoso_words *w, const char *text, size_t n,
                        const hoso_vi_word *ws, size_t nw, stream_ctx *sc) {
  intern *in = &w->in;
  uint32_t ring[PF_SLOT]; /* key hashes of the words [i, i + PF_SLOT) */
  for (size_t i = 0; i < nw + PF_SLOT; i++) {
    if (i >= PF_SLOT) { /* before ring[i % PF_SLOT] is reused for word i */
      size_t j = i - PF_SLOT;
      int rc = stream_word_h(w, text, ws[j].off, ws[j].off + ws[j].len,
                             ring[j % PF_SLOT], sc);
      if (!rc && sc->syl) rc = keys_word(w, text, n, ws[j].off, ws[j].off + ws[j].len, sc);
      if (rc) return rc;
    }
    if (i < nw) {
      uint32_t h = key_hash(text + ws[i].off, ws[i].len);
      ring[i % PF_SLOT] = h;
      if (in->slot) __builtin_prefetch(&in->slot[h & (INTERN_SLOTS - 1)]);
    }
    if (in->slot && i >= PF_ENTRY && i - PF_ENTRY < nw) {
      uint64_t sl = in->slot[ring[(i - PF_ENTRY) % PF_SLOT] & (INTERN_SLOTS - 1)];
      if (sl) __builtin_prefetch(in->arena + ((uint32_t)sl - 8));
    }
  }
  return sc->syl ? keys_scan(w, text, sc->cut, n, sc) : HOSO_OK;
}

/* Are the segmenter's words in order, apart and inside the text? (What
** keys_word's stretches assume; otherwise the text is scanned whole.) */
static int words_in_order(const hoso_vi_word *ws, size_t nw, size_t n) {
  size_t end = 0;
  for (size_t i = 0; i < nw; i++) {
    if (ws[i].off < end || ws[i].len > n - ws[i].off) return 0;
    end = ws[i].off + ws[i].len;
  }
  return 1;
}

int hoso__words_stream_keys(hoso_words *w, const char *text, size_t n, hoso_buf *out,
                            hoso_rec_fn fn, void *ctx, hoso_syl_key_fn syl,
                            void *syl_ctx) {
  int rc = hoso__buf_add(out, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N);
  if (rc) return rc;
  intern_prepare(&w->in);
  stream_ctx sc;
  memset(&sc, 0, sizeof(sc));
  sc.out = out;
  sc.fn = fn;
  sc.ctx = ctx;
  if (w->vi) {
    const hoso_vi_word *ws;
    size_t nw;
    rc = hoso_vi_segment(w->vi, w->vctx, text, n, 0, &ws, &nw, NULL);
    if (rc == HOSO_OK && words_in_order(ws, nw, n)) {
      sc.syl = syl;
      sc.syl_ctx = syl_ctx;
      return stream_words(w, text, n, ws, nw, &sc);
    }
    if (rc == HOSO_OK) rc = stream_words(w, text, n, ws, nw, &sc);
    else if (rc != HOSO_ENOMEM) rc = each_syllable(w, text, n, stream_range, &sc);
    /* any other failure of the segmenter: syllables for this text, as each_word */
  } else {
    rc = each_syllable(w, text, n, stream_range, &sc);
  }
  if (rc || !syl) return rc;
  sc.syl = syl;
  sc.syl_ctx = syl_ctx;
  return syllable_walk(w, &w->ksyl, KSYL_SLOTS, text, n, pass_key, &sc);
}

int hoso__words_stream_each(hoso_words *w, const char *text, size_t n,
                            hoso_buf *out, hoso_rec_fn fn, void *ctx) {
  return hoso__words_stream_keys(w, text, n, out, fn, ctx, NULL, NULL);
}

static uint64_t fnv64(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

typedef struct syl_got {
  int word;
  uint64_t hash, exact_hash;
} syl_got;

static int got_forms(void *ctx, const char *fold, size_t fold_n, const char *exact,
                     size_t exact_n, size_t start, size_t end) {
  syl_got *g = ctx;
  (void)start;
  (void)end;
  g->word = 1;
  g->hash = fnv64(fold, fold_n);
  g->exact_hash = exact ? fnv64(exact, exact_n) : g->hash;
  return 0;
}

/* The syllables of text[0..n) through a direct-mapped table of slots
** entries (a power of two; *tab allocated on first use, NULL: no table),
** SYL_BATCH at a time: the runs of word characters found, their keys
** made and their slots requested from memory (the table is larger than
** the fastest caches, and each lookup waited for it), then each looked
** up in order, computing the forms (emit) only on a miss. */
#define SYL_BATCH 32
typedef struct syl_pend {
  uint64_t k[3];
  uint32_t start, end; /* byte offsets, relative to the batch's base */
  syl_ent *se;         /* NULL: not in the table (too long, no table) */
} syl_pend;

static int syllable_walk(hoso_words *w, syl_ent **tab, size_t slots, const char *text,
                         size_t n, hoso_syl_forms_fn fn, void *ctx) {
  if (!*tab) *tab = hoso__big_calloc(slots * sizeof(syl_ent));
  syl_ent *t = *tab;
  syl_pend pend[SYL_BATCH];
  size_t i = 0, len;
  while (i < n) {
    size_t base = i, np = 0;
    while (np < SYL_BATCH && i < n && i - base < ((size_t)1 << 31)) {
      while (i < n && !word_at(w, text + i, n - i, &len)) i += len;
      if (i >= n) break;
      size_t start = i;
      while (i < n && word_at(w, text + i, n - i, &len)) i += len;
      size_t kn = i - start;
      syl_pend *p = &pend[np++];
      p->start = (uint32_t)(start - base);
      p->end = (uint32_t)(i - base);
      p->se = NULL;
      if (t && kn <= SYL_KEY) {
        syl_key(text + start, kn, n - start, p->k);
        uint64_t h = (p->k[0] * 0x9e3779b97f4a7c15ULL) ^ (p->k[1] * 0xc2b2ae3d27d4eb4fULL) ^
                     (p->k[2] * 0x165667b19e3779f9ULL) ^ kn;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ULL;
        p->se = &t[(h >> 32) & (slots - 1)];
        __builtin_prefetch(p->se);
      }
    }
    for (size_t q = 0; q < np; q++) {
      const syl_pend *p = &pend[q];
      size_t start = base + p->start, end = base + p->end, kn = end - start;
      syl_ent *se = p->se;
      if (se && se->klen == kn && se->key[0] == p->k[0] && se->key[1] == p->k[1] &&
          se->key[2] == p->k[2]) {
        if (se->word) {
          int rc = fn(ctx, se->hash, se->exact_hash, start, end);
          if (rc) return rc;
        }
        continue;
      }
      syl_got g = {0, 0, 0};
      int rc = emit(w, text, start, end, got_forms, &g);
      if (rc) return rc;
      if (se) {
        se->klen = (uint8_t)kn;
        memcpy(se->key, p->k, sizeof(p->k));
        se->word = (uint8_t)g.word;
        se->hash = g.hash;
        se->exact_hash = g.exact_hash;
      }
      if (g.word && (rc = fn(ctx, g.hash, g.exact_hash, start, end))) return rc;
    }
  }
  return HOSO_OK;
}

int hoso__words_syllable_forms(hoso_words *w, const char *text, size_t n,
                               hoso_syl_forms_fn fn, void *ctx) {
  return syllable_walk(w, &w->ksyl, KSYL_SLOTS, text, n, fn, ctx);
}

typedef struct fold_only {
  hoso_syl_fn fn;
  void *ctx;
} fold_only;

static int pass_fold(void *ctx, uint64_t fold_hash, uint64_t exact_hash, size_t start,
                     size_t end) {
  fold_only *f = ctx;
  (void)exact_hash;
  return f->fn(f->ctx, fold_hash, start, end);
}

int hoso__words_syllable_hashes(hoso_words *w, const char *text, size_t n,
                                hoso_syl_fn fn, void *ctx) {
  fold_only f = {fn, ctx};
  return syllable_walk(w, &w->syl, SYL_SLOTS, text, n, pass_fold, &f);
}

int hoso__words_stream(hoso_words *w, const char *text, size_t n,
                       hoso_buf *out) {
  return hoso__words_stream_each(w, text, n, out, NULL, NULL);
}

/* One record of a stream: s[start, end), split at its first separator
** (sep NULL when it has none): fold_n bytes, then exact_n. */
typedef struct stream_rec {
  size_t start, end, fold_n, exact_n;
  const char *sep;
} stream_rec;

/* The next non-empty record of s[0..n) from *i on; 0 at the end. */
static int next_rec(const char *s, size_t n, size_t *i, stream_rec *r) {
  while (*i < n) {
    r->start = *i;
    const char *sp = memchr(s + *i, ' ', n - *i);
    r->end = sp ? (size_t)(sp - s) : n;
    *i = sp ? r->end + 1 : n;
    if (r->end == r->start) continue;
    r->sep = memchr(s + r->start, HOSO_TERM_SEP, r->end - r->start);
    r->fold_n = r->sep ? (size_t)(r->sep - (s + r->start)) : r->end - r->start;
    r->exact_n = r->sep ? r->end - r->start - r->fold_n - 1 : 0;
    return 1;
  }
  return 0;
}

static int is_stream(const char *s, size_t n) {
  return n >= HOSO_WORDS_MAGIC_N && !memcmp(s, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N);
}

int hoso__words_unstream(const char *s, size_t n, hoso_word_fn fn, void *ctx) {
  if (!is_stream(s, n)) return HOSO_EFORMAT;
  size_t i = HOSO_WORDS_MAGIC_N;
  stream_rec r;
  while (next_rec(s, n, &i, &r)) {
    int rc = fn(ctx, s + r.start, r.fold_n, r.exact_n ? r.sep + 1 : NULL, r.exact_n, r.start,
                r.end);
    if (rc) return rc;
  }
  return HOSO_OK;
}

int hoso__words_unstream_terms(const char *s, size_t n, hoso_term_fn fn, void *ctx) {
  if (!is_stream(s, n)) return HOSO_EFORMAT;
  char term[HOSO_TERM_MAX];
  size_t i = HOSO_WORDS_MAGIC_N;
  stream_rec r;
  while (next_rec(s, n, &i, &r)) {
    const char *rec = s + r.start;
    int rc = 0;
    if (r.sep && r.fold_n && r.fold_n <= HOSO_WORD_MAX && r.exact_n <= HOSO_WORD_MAX &&
        !(r.exact_n == r.fold_n && !memcmp(rec, r.sep + 1, r.fold_n)))
      rc = fn(ctx, rec, r.end - r.start, r.start, r.end); /* the record is the term */
    else if (r.fold_n) /* a record as streams were before the term (or too long): made */
      rc = fn(ctx, term,
              hoso__words_term(rec, r.fold_n, r.exact_n ? r.sep + 1 : NULL, r.exact_n, term),
              r.start, r.end);
    if (rc) return rc;
  }
  return HOSO_OK;
}

int hoso__words_forms(hoso_words *w, const char *s, size_t n, hoso_buf *exact,
                      hoso_buf *fold, int *has_marks) {
  /* syllables of s joined by '_', not cut (the caller's word as given) */
  int cyr_first, cyr_any;
  int rc = word_exact(w, s, n, 0, &cyr_first, &cyr_any);
  int same = 1;
  if (!rc) rc = make_fold(w, cyr_any, &same);
  if (!rc) rc = hoso__buf_add(exact, w->exact.p, w->exact.n);
  if (!rc) rc = hoso__buf_add(fold, w->fold.p, w->fold.n);
  *has_marks = !same;
  return rc;
}

size_t hoso__words_term(const char *fold, size_t fold_n, const char *exact,
                        size_t exact_n, char *out) {
  if (fold_n > HOSO_WORD_MAX) fold_n = HOSO_WORD_MAX;
  if (exact_n > HOSO_WORD_MAX) exact_n = HOSO_WORD_MAX;
  memcpy(out, fold, fold_n);
  out[fold_n] = HOSO_TERM_SEP;
  size_t n = fold_n + 1;
  if (exact && exact_n && !(exact_n == fold_n && !memcmp(exact, fold, fold_n))) {
    memcpy(out + n, exact, exact_n);
    n += exact_n;
  }
  return n;
}
