/* snippet.c -- pick the window of text with the most query syllables
** and mark them (see snippet.h). */
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

int hoso__snippet(hoso_words *w, const char *text, size_t n,
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
