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
  size_t *start, *end;
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
static void mark_sequences(syl_ctx *c) {
  size_t i = 0;
  while (i < c->terms_n) {
    const char *w = c->terms + i;
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
    for (size_t p = 0; k && p + k <= c->n; p++) {
      size_t j = 0;
      while (j < k && c->h[p + j] == seq[j]) j++;
      if (j == k)
        for (j = 0; j < k; j++) c->hit[p + j] = 1;
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
    size_t *a = realloc(c->start, nc * sizeof(*a));
    if (!a) return HOSO_ENOMEM;
    c->start = a;
    size_t *b = realloc(c->end, nc * sizeof(*b));
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
  c->start[c->n] = start;
  c->end[c->n] = end;
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

int hoso__snippet(hoso_words *w, const char *text, size_t n,
                  const char *terms, size_t terms_n, hoso_snippet *out) {
  const hoso_vi *vi = hoso__words_segmenter(w);
  if (!vi || n < STAGE1_MIN) return snippet_words(w, text, n, terms, terms_n, out);
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
  if (!rc) mark_sequences(&c);
  size_t a = 0, b = n;
  if (!rc && c.n) {
    size_t best = 0, cur = 0, best_hits = 0;
    for (size_t i = 0; i < c.n; i++) {
      cur += c.hit[i];
      if (i >= STAGE1_SYL) cur -= c.hit[i - STAGE1_SYL];
      if (cur > best_hits) {
        best_hits = cur;
        best = i + 1 > STAGE1_SYL ? i + 1 - STAGE1_SYL : 0;
      }
    }
    /* from a little before the window's first hit to well after it, so the
    ** words at either edge are whole and the snippet has room */
    size_t fh = best;
    while (fh + 1 < c.n && !c.hit[fh]) fh++;
    size_t from = fh > 8 ? fh - 8 : 0;
    size_t last = fh + STAGE1_SYL < c.n ? fh + STAGE1_SYL : c.n;
    a = c.start[from];
    b = c.end[last - 1];
  }
  free(c.start);
  free(c.end);
  free(c.hit);
  free(c.h);
  if (rc) return rc;
  rc = snippet_words(w, text + a, b - a, terms, terms_n, out);
  if (rc) return rc;
  out->start += a;
  out->end += a;
  for (size_t i = 0; i < 2 * out->n_hl; i++) out->hl[i] += a;
  return HOSO_OK;
}

static int snippet_words(hoso_words *w, const char *text, size_t n,
                         const char *terms, size_t terms_n, hoso_snippet *out) {
  memset(out, 0, sizeof(*out));
  scan_ctx c = {NULL, 0, 0, terms, terms_n};
  int rc = hoso__words_scan(w, text, n, on_word, &c);
  span *sp = c.sp;
  size_t n_sp = c.n;
  if (rc) {
    free(sp);
    return rc;
  }
  if (n_sp == 0) {
    out->start = 0;
    out->end = n < 200 ? n : 200;
    free(sp);
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
    if (!out->hl) {
      free(sp);
      return HOSO_ENOMEM;
    }
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
  free(sp);
  return HOSO_OK;
}
