/* snippet.c -- pick the window of text with the most query syllables
** and mark them (see snippet.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search/snippet.h"
#include "search/words.h"

typedef struct span {
  size_t start, end;
  int hit;
} span;

/* Is the folded word t[0..n) among terms? A term ending in '*' is a
** prefix. Whole words only: "luong_cuong" does not light up "luong". */
static int is_term(const char *terms, size_t terms_n, const char *t, size_t n) {
  size_t i = 0;
  while (i < terms_n) {
    const char *w = terms + i;
    size_t wl = strlen(w);
    if (wl && w[wl - 1] == '*') {
      if (n >= wl - 1 && !memcmp(w, t, wl - 1)) return 1;
    } else if (wl == n && !memcmp(w, t, n)) {
      return 1;
    }
    i += wl + 1;
  }
  return 0;
}

void hoso__snippet_free(hoso_snippet *s) {
  if (!s) return;
  free(s->hl);
  s->hl = NULL;
  s->n_hl = 0;
}

void hoso__snippet_json(hoso_json *w, const char *text, const hoso_snippet *sn) {
  hoso__json_key(w, "snippet");
  hoso__json_obj_begin(w);
  hoso__json_key(w, "text");
  hoso__json_strn(w, text + sn->start, sn->end - sn->start);
  hoso__json_key(w, "start");
  hoso__json_int(w, (int64_t)sn->start);
  hoso__json_key(w, "end");
  hoso__json_int(w, (int64_t)sn->end);
  hoso__json_key(w, "highlights");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < sn->n_hl; i++) {
    hoso__json_arr_begin(w);
    hoso__json_int(w, (int64_t)sn->hl[2 * i]);
    hoso__json_int(w, (int64_t)sn->hl[2 * i + 1]);
    hoso__json_arr_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
}

typedef struct scan_ctx {
  span *sp;
  size_t n, cap;
  const char *terms;
  size_t terms_n;
} scan_ctx;

/* A word is a hit when it is a query word. */
static int on_word(void *ctx, const char *fold, size_t fold_n,
                   const char *exact, size_t exact_n, size_t start,
                   size_t end) {
  scan_ctx *c = ctx;
  (void)exact;
  (void)exact_n;
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 256;
    span *x = realloc(c->sp, nc * sizeof(*x));
    if (!x) return HOSO_ENOMEM;
    c->sp = x;
    c->cap = nc;
  }
  int hit = is_term(c->terms, c->terms_n, fold, fold_n);
  c->sp[c->n].start = start;
  c->sp[c->n].end = end;
  c->sp[c->n].hit = hit;
  c->n++;
  return 0;
}

/* ---- stage 1: where in a long text? Syllables only (no segmenter): a
** syllable hits when it is a syllable of a query word. */
typedef struct syl_ctx {
  uint32_t *start, *end; /* texts over 4 GiB take the one-pass path */
  unsigned char *hit;
  uint64_t *h; /* hash of each syllable's fold */
  size_t n, cap;
  const char *terms;
  size_t terms_n;
} syl_ctx;

static uint64_t fnv(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

/* Mark the syllables where a whole query word's syllables follow one
** another ("quoc" "phong" for quoc_phong); prefix words: any syllable
** starting like their first syllable. */
static void mark_sequences(const uint64_t *h, unsigned char *hit, size_t n,
                           const char *terms, size_t terms_n) {
  size_t i = 0;
  while (i < terms_n) {
    const char *w = terms + i;
    size_t wl = strlen(w);
    i += wl + 1;
    if (wl && w[wl - 1] == '*') continue; /* marked per syllable already */
    uint64_t seq[16];
    size_t k = 0, a = 0;
    while (a < wl && k < 16) {
      size_t b = a;
      while (b < wl && w[b] != '_') b++;
      seq[k++] = fnv(w + a, b - a);
      a = b + 1;
    }
    for (size_t p = 0; k && p + k <= n; p++) {
      size_t j = 0;
      while (j < k && h[p + j] == seq[j]) j++;
      if (j == k)
        for (j = 0; j < k; j++) hit[p + j] = 1;
    }
  }
}

/* A syllable that starts like a prefix query word ("quân*"). */
static int syl_is_prefix_term(const char *terms, size_t terms_n, const char *t,
                              size_t n) {
  size_t i = 0;
  while (i < terms_n) {
    const char *w = terms + i;
    size_t wl = strlen(w);
    i += wl + 1;
    if (!wl || w[wl - 1] != '*') continue;
    wl--;
    size_t b = 0;
    while (b < wl && w[b] != '_') b++;
    if (n >= b && !memcmp(w, t, b)) return 1;
  }
  return 0;
}

/* Appends one syllable (its span, whether it hits, its fold hash),
** growing the four parallel arrays together. */
static int syl_push(syl_ctx *c, size_t start, size_t end, int hit, uint64_t hash) {
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 512;
    uint32_t *a = realloc(c->start, nc * sizeof(*a));
    if (!a) return HOSO_ENOMEM;
    c->start = a;
    uint32_t *b = realloc(c->end, nc * sizeof(*b));
    if (!b) return HOSO_ENOMEM;
    c->end = b;
    unsigned char *h = realloc(c->hit, nc);
    if (!h) return HOSO_ENOMEM;
    c->hit = h;
    uint64_t *hh = realloc(c->h, nc * sizeof(*hh));
    if (!hh) return HOSO_ENOMEM;
    c->h = hh;
    c->cap = nc;
  }
  c->start[c->n] = (uint32_t)start;
  c->end[c->n] = (uint32_t)end;
  c->hit[c->n] = (unsigned char)hit;
  c->h[c->n] = hash;
  c->n++;
  return 0;
}

static int on_syl(void *ctx, const char *fold, size_t fold_n, const char *exact,
                  size_t exact_n, size_t start, size_t end) {
  syl_ctx *c = ctx;
  (void)exact;
  (void)exact_n;
  return syl_push(c, start, end,
                  syl_is_prefix_term(c->terms, c->terms_n, fold, fold_n),
                  fnv(fold, fold_n));
}

/* The same from the syllables' fold hashes (query without prefix words). */
static int on_syl_hash(void *ctx, uint64_t hash, size_t start, size_t end) {
  return syl_push(ctx, start, end, 0, hash);
}

static int has_prefix_term(const char *terms, size_t terms_n) {
  for (size_t i = 0; i < terms_n;) {
    size_t wl = strlen(terms + i);
    if (wl && terms[i + wl - 1] == '*') return 1;
    i += wl + 1;
  }
  return 0;
}

#define STAGE1_MIN 2048 /* bytes: shorter texts are segmented whole */
#define STAGE1_SYL 80   /* window of syllables kept for stage 2 */

static int snippet_words(hoso_words *w, const char *text, size_t n,
                         const char *terms, size_t terms_n, hoso_snippet *out);

/* Stage 1's region: the STAGE1_SYL syllables with the most hits (earliest
** on ties), from a little before the window's first hit to well after
** it, so the words at either edge are whole and the snippet has room;
** [*a, *b) in bytes. The whole text when there are no syllables. */
static void stage1_region(const uint32_t *start, const uint32_t *end,
                          const unsigned char *hit, size_t n_syl, size_t n,
                          size_t *a, size_t *b) {
  *a = 0;
  *b = n;
  if (!n_syl) return;
  size_t best = 0, cur = 0, best_hits = 0;
  for (size_t i = 0; i < n_syl; i++) {
    cur += hit[i];
    if (i >= STAGE1_SYL) cur -= hit[i - STAGE1_SYL];
    if (cur > best_hits) {
      best_hits = cur;
      best = i + 1 > STAGE1_SYL ? i + 1 - STAGE1_SYL : 0;
    }
  }
  size_t fh = best;
  while (fh + 1 < n_syl && !hit[fh]) fh++;
  size_t from = fh > 8 ? fh - 8 : 0;
  size_t last = fh + STAGE1_SYL < n_syl ? fh + STAGE1_SYL : n_syl;
  *a = start[from];
  *b = end[last - 1];
}

/* Stage 2 on text[a..b): the words there, the snippet's offsets moved
** back into the whole text. */
static int stage2(hoso_words *w, const char *text, size_t a, size_t b,
                  const char *terms, size_t terms_n, hoso_snippet *out) {
  int rc = snippet_words(w, text + a, b - a, terms, terms_n, out);
  if (rc) return rc;
  out->start += a;
  out->end += a;
  for (size_t i = 0; i < 2 * out->n_hl; i++) out->hl[i] += a;
  return HOSO_OK;
}

int hoso__snippet(hoso_words *w, const char *text, size_t n,
                  const char *terms, size_t terms_n, hoso_snippet *out) {
  const hoso_vi *vi = hoso__words_segmenter(w);
  if (!vi || n < STAGE1_MIN || n > UINT32_MAX)
    return snippet_words(w, text, n, terms, terms_n, out);
  /* segmenting a whole long article for 40 words of snippet is the cost
  ** of a search: find the region by syllables, segment only that */
  syl_ctx c;
  memset(&c, 0, sizeof(c));
  c.terms = terms;
  c.terms_n = terms_n;
  int rc;
  if (!has_prefix_term(terms, terms_n)) { /* hashes only: a table lookup a syllable */
    rc = hoso__words_syllable_hashes(w, text, n, on_syl_hash, &c);
  } else {
    rc = hoso__words_use_segmenter(w, NULL);
    if (!rc) rc = hoso__words_scan(w, text, n, on_syl, &c);
    int rc2 = hoso__words_use_segmenter(w, vi);
    if (!rc) rc = rc2;
  }
  if (!rc) mark_sequences(c.h, c.hit, c.n, terms, terms_n);
  size_t a = 0, b = n;
  if (!rc) stage1_region(c.start, c.end, c.hit, c.n, n, &a, &b);
  free(c.start);
  free(c.end);
  free(c.hit);
  free(c.h);
  if (rc) return rc;
  return stage2(w, text, a, b, terms, terms_n, out);
}

/* The best window of sp[0..n_sp) (words of text[0..n), hits marked) into
** out: most hits in HOSO_SNIPPET_TOKENS words, earliest on ties,
** starting a few words before its first hit; highlights merged where
** only spaces lie between. */
static int pick_window(const span *sp, size_t n_sp, const char *text, size_t n,
                       hoso_snippet *out) {
  memset(out, 0, sizeof(*out));
  if (n_sp == 0) {
    out->start = 0;
    out->end = n < 200 ? n : 200;
    return HOSO_OK;
  }
  /* best window: most hits, earliest on ties */
  size_t W = HOSO_SNIPPET_TOKENS, best = 0, cur = 0, best_hits = 0;
  for (size_t i = 0; i < n_sp; i++) {
    cur += (size_t)sp[i].hit;
    if (i >= W) cur -= (size_t)sp[i - W].hit;
    if (cur > best_hits) {
      best_hits = cur;
      best = i + 1 > W ? i + 1 - W : 0;
    }
  }
  /* start a few syllables before the first hit of the window */
  size_t first = best;
  while (first < n_sp && first < best + W && !sp[first].hit) first++;
  if (best_hits && first > best + 4) best = first - 4;
  size_t last = best + W < n_sp ? best + W : n_sp;
  out->start = sp[best].start;
  out->end = sp[last - 1].end;
  size_t nh = 0;
  for (size_t i = best; i < last; i++) nh += (size_t)sp[i].hit;
  if (nh) {
    out->hl = malloc(2 * nh * sizeof(size_t));
    if (!out->hl) return HOSO_ENOMEM;
    for (size_t i = best; i < last; i++) {
      if (!sp[i].hit) continue;
      /* merge with the previous highlight when only spaces lie between */
      if (out->n_hl) {
        size_t pe = out->hl[2 * out->n_hl - 1], k = pe;
        while (k < sp[i].start && (text[k] == ' ' || text[k] == '_')) k++;
        if (k == sp[i].start) {
          out->hl[2 * out->n_hl - 1] = sp[i].end;
          continue;
        }
      }
      out->hl[2 * out->n_hl] = sp[i].start;
      out->hl[2 * out->n_hl + 1] = sp[i].end;
      out->n_hl++;
    }
  }
  return HOSO_OK;
}

static int snippet_words(hoso_words *w, const char *text, size_t n,
                         const char *terms, size_t terms_n, hoso_snippet *out) {
  memset(out, 0, sizeof(*out));
  scan_ctx c = {NULL, 0, 0, terms, terms_n};
  int rc = hoso__words_scan(w, text, n, on_word, &c);
  if (!rc) rc = pick_window(c.sp, c.n, text, n, out);
  free(c.sp);
  return rc;
}

/* ---- a text's analysis, made once and used for any query ------------ */

struct hoso_snip_text {
  size_t n;        /* bytes of the text it describes */
  int syl;         /* 1: stage 1's syllables of a long text; 0: all words */
  size_t count;    /* syllables or words */
  uint32_t *start, *end;
  uint64_t *hash;  /* syl: each syllable's fold hash */
  uint32_t *fid;   /* words: each word's fold, an index into foff */
  uint32_t *foff;  /* words: n_fold + 1 offsets into folds */
  char *folds;     /* words: the distinct folds, each NUL-terminated */
  size_t n_fold;
  size_t bytes;    /* memory held, for a cache's bound */
};

void hoso__snip_text_free(hoso_snip_text *t) {
  if (!t) return;
  free(t->start);
  free(t->end);
  free(t->hash);
  free(t->fid);
  free(t->foff);
  free(t->folds);
  free(t);
}

size_t hoso__snip_text_bytes(const hoso_snip_text *t) { return t ? t->bytes : 0; }

/* Building the word table: words in order, distinct folds interned
** through an open-addressing table of fold indexes. */
typedef struct build_ctx {
  hoso_snip_text *t;
  size_t cap;          /* words allocated */
  hoso_buf folds;      /* distinct folds, NUL-terminated */
  uint32_t *foff;      /* n_fold offsets (+1 at the end) */
  size_t foff_cap;
  uint32_t *slot;      /* fold index + 1, 0 = empty */
  size_t n_slot;       /* power of two */
} build_ctx;

static uint32_t fold_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static int intern(build_ctx *b, const char *fold, size_t fold_n, uint32_t *id) {
  hoso_snip_text *t = b->t;
  if (2 * (t->n_fold + 1) > b->n_slot) { /* grow and rehash */
    size_t ns = b->n_slot ? b->n_slot * 2 : 256;
    uint32_t *x = calloc(ns, sizeof(*x));
    if (!x) return HOSO_ENOMEM;
    for (size_t f = 0; f < t->n_fold; f++) {
      const char *k = b->folds.p + b->foff[f];
      size_t j = fold_hash(k, strlen(k)) & (ns - 1);
      while (x[j]) j = (j + 1) & (ns - 1);
      x[j] = (uint32_t)f + 1;
    }
    free(b->slot);
    b->slot = x;
    b->n_slot = ns;
  }
  size_t j = fold_hash(fold, fold_n) & (b->n_slot - 1);
  while (b->slot[j]) {
    uint32_t f = b->slot[j] - 1;
    const char *k = b->folds.p + b->foff[f];
    if (!memcmp(k, fold, fold_n) && k[fold_n] == 0) {
      *id = f;
      return HOSO_OK;
    }
    j = (j + 1) & (b->n_slot - 1);
  }
  if (t->n_fold + 1 >= b->foff_cap) {
    size_t nc = b->foff_cap ? b->foff_cap * 2 : 128;
    uint32_t *x = realloc(b->foff, nc * sizeof(*x));
    if (!x) return HOSO_ENOMEM;
    b->foff = x;
    b->foff_cap = nc;
  }
  if (b->folds.n > UINT32_MAX - fold_n - 1) return HOSO_ENOMEM;
  b->foff[t->n_fold] = (uint32_t)b->folds.n;
  int rc = hoso__buf_add(&b->folds, fold, fold_n);
  if (!rc) rc = hoso__buf_addc(&b->folds, 0);
  if (rc) return rc;
  b->slot[j] = (uint32_t)t->n_fold + 1;
  *id = (uint32_t)t->n_fold++;
  return HOSO_OK;
}

static int on_build_word(void *ctx, const char *fold, size_t fold_n,
                         const char *exact, size_t exact_n, size_t start,
                         size_t end) {
  build_ctx *b = ctx;
  hoso_snip_text *t = b->t;
  (void)exact;
  (void)exact_n;
  if (t->count == b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 256;
    uint32_t *x = realloc(t->start, nc * sizeof(*x));
    if (!x) return HOSO_ENOMEM;
    t->start = x;
    if (!(x = realloc(t->end, nc * sizeof(*x)))) return HOSO_ENOMEM;
    t->end = x;
    if (!(x = realloc(t->fid, nc * sizeof(*x)))) return HOSO_ENOMEM;
    t->fid = x;
    b->cap = nc;
  }
  uint32_t id;
  int rc = intern(b, fold, fold_n, &id);
  if (rc) return rc;
  t->start[t->count] = (uint32_t)start;
  t->end[t->count] = (uint32_t)end;
  t->fid[t->count] = id;
  t->count++;
  return 0;
}

/* t's word table: every word of text[0..n) (what the one-pass snippet
** segments), folds interned. */
static int build_words(hoso_words *w, const char *text, size_t n, hoso_snip_text *t) {
  build_ctx b;
  memset(&b, 0, sizeof(b));
  b.t = t;
  hoso__buf_init(&b.folds, 0);
  int rc = hoso__words_scan(w, text, n, on_build_word, &b);
  if (!rc && t->n_fold + 1 > b.foff_cap) { /* room for the end offset */
    uint32_t *x = realloc(b.foff, (t->n_fold + 1) * sizeof(*x));
    if (x) b.foff = x;
    else rc = HOSO_ENOMEM;
  }
  if (!rc) b.foff[t->n_fold] = (uint32_t)b.folds.n;
  free(b.slot);
  t->foff = b.foff;
  t->folds = b.folds.p; /* owned by t now */
  t->bytes = sizeof(*t) + b.cap * 3 * sizeof(uint32_t) +
             (t->n_fold + 1) * sizeof(uint32_t) + b.folds.cap;
  return rc;
}

/* A text's table: for a long one (and a segmenter) stage 1's syllables,
** unless whole_words; else its words. */
static int make_table(hoso_words *w, const char *text, size_t n, int whole_words,
                      hoso_snip_text **out) {
  *out = NULL;
  if (n > UINT32_MAX) return HOSO_OK; /* no table: hoso__snippet_with works without */
  hoso_snip_text *t = calloc(1, sizeof(*t));
  if (!t) return HOSO_ENOMEM;
  t->n = n;
  int rc;
  if (!whole_words && hoso__words_segmenter(w) && n >= STAGE1_MIN) {
    /* what stage 1 reads of a long text: its syllables and fold hashes */
    syl_ctx c;
    memset(&c, 0, sizeof(c));
    rc = hoso__words_syllable_hashes(w, text, n, on_syl_hash, &c);
    free(c.hit);
    t->syl = 1;
    t->start = c.start;
    t->end = c.end;
    t->hash = c.h;
    t->count = c.n;
    t->bytes = sizeof(*t) + c.cap * (2 * sizeof(uint32_t) + sizeof(uint64_t));
  } else {
    rc = build_words(w, text, n, t);
  }
  if (rc) {
    hoso__snip_text_free(t);
    return rc;
  }
  *out = t;
  return HOSO_OK;
}

int hoso__snip_text_new(hoso_words *w, const char *text, size_t n,
                        hoso_snip_text **out) {
  return make_table(w, text, n, 0, out);
}

int hoso__snip_words_new(hoso_words *w, const char *text, size_t n,
                         hoso_snip_text **out) {
  return make_table(w, text, n, 1, out);
}

int hoso__snippet_with(hoso_words *w, const hoso_snip_text *t, const char *text,
                       size_t n, const char *terms, size_t terms_n,
                       hoso_snippet *out) {
  memset(out, 0, sizeof(*out));
  if (!t || t->n != n) return hoso__snippet(w, text, n, terms, terms_n, out);
  if (t->syl) {
    int use;
    size_t a, b;
    int rc = hoso__snippet_region(w, t, n, terms, terms_n, &use, &a, &b);
    if (rc) return rc;
    if (!use) return hoso__snippet(w, text, n, terms, terms_n, out);
    return stage2(w, text, a, b, terms, terms_n, out);
  }
  /* words: each distinct fold tested once */
  unsigned char *fh = malloc(t->n_fold ? t->n_fold : 1);
  span *sp = malloc((t->count ? t->count : 1) * sizeof(*sp));
  int rc = HOSO_ENOMEM;
  if (fh && sp) {
    for (size_t f = 0; f < t->n_fold; f++)
      fh[f] = (unsigned char)is_term(terms, terms_n, t->folds + t->foff[f],
                                     t->foff[f + 1] - t->foff[f] - 1);
    for (size_t i = 0; i < t->count; i++) {
      sp[i].start = t->start[i];
      sp[i].end = t->end[i];
      sp[i].hit = fh[t->fid[i]];
    }
    rc = pick_window(sp, t->count, text, n, out);
  }
  free(fh);
  free(sp);
  return rc;
}

int hoso__snippet_region(hoso_words *w, const hoso_snip_text *t, size_t n,
                         const char *terms, size_t terms_n, int *use, size_t *a,
                         size_t *b) {
  *use = 0;
  *a = 0;
  *b = n;
  /* prefix words are tested on each syllable's fold, which the table
  ** does not keep */
  if (!t || t->n != n || !t->syl || has_prefix_term(terms, terms_n) ||
      !hoso__words_segmenter(w))
    return HOSO_OK;
  unsigned char *hit = calloc(t->count ? t->count : 1, 1);
  if (!hit) return HOSO_ENOMEM;
  mark_sequences(t->hash, hit, t->count, terms, terms_n);
  stage1_region(t->start, t->end, hit, t->count, n, a, b);
  free(hit);
  *use = 1;
  return HOSO_OK;
}

int hoso__snippet_in_region(hoso_words *w, const hoso_snip_text *r, const char *text,
                            size_t a, size_t b, const char *terms, size_t terms_n,
                            hoso_snippet *out) {
  memset(out, 0, sizeof(*out));
  if (!r || r->syl || r->n != b - a) return stage2(w, text, a, b, terms, terms_n, out);
  int rc = hoso__snippet_with(w, r, text + a, b - a, terms, terms_n, out);
  if (rc) return rc;
  out->start += a; /* as stage2 */
  out->end += a;
  for (size_t i = 0; i < 2 * out->n_hl; i++) out->hl[i] += a;
  return HOSO_OK;
}
