/* eval_sentences.c -- sentence splitting against gold sentences.
**
**   eval_sentences NAME FILE.conllu [GROUP]
**
** Reads the gold sentences ("# text =" lines) of a CoNLL-U file, joins
** every GROUP (default 5) consecutive sentences with one space into a
** paragraph, splits it with hoso__sentences and scores the sentence ENDS
** (byte offsets) found against the gold ones: precision, recall, F1. The
** last end of a paragraph is trivial (end of text) and not counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

typedef struct ends {
  size_t *v;
  size_t n, cap;
} ends;

static int push(ends *e, size_t x) {
  if (e->n == e->cap) {
    size_t cap = e->cap ? e->cap * 2 : 64;
    size_t *v = realloc(e->v, cap * sizeof(*v));
    if (!v) return -1;
    e->v = v;
    e->cap = cap;
  }
  e->v[e->n++] = x;
  return 0;
}

static int on_span(void *ctx, const hoso_span *sp) {
  return push(ctx, sp->end);
}

typedef struct score {
  size_t tp, fp, fn, paragraphs, sentences;
} score;

static int eval_paragraph(hoso_buf *para, ends *gold, score *sc) {
  ends got = {0};
  if (hoso__sentences(para->p ? para->p : "", para->n, on_span, &got)) {
    free(got.v);
    return -1;
  }
  /* compare interior ends (drop the paragraph's own end) */
  size_t gi = 0, hi = 0, gn = gold->n ? gold->n - 1 : 0,
         hn = got.n ? got.n - 1 : 0;
  while (gi < gn || hi < hn) {
    if (hi >= hn || (gi < gn && gold->v[gi] < got.v[hi])) {
      sc->fn++;
      gi++;
    } else if (gi >= gn || got.v[hi] < gold->v[gi]) {
      sc->fp++;
      hi++;
    } else {
      sc->tp++;
      gi++;
      hi++;
    }
  }
  sc->paragraphs++;
  sc->sentences += gold->n;
  free(got.v);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: eval_sentences NAME FILE.conllu [GROUP]\n");
    return 2;
  }
  int group = argc > 3 ? atoi(argv[3]) : 5;
  if (group < 1) group = 5;
  FILE *f = fopen(argv[2], "rb");
  if (!f) {
    perror(argv[2]);
    return 1;
  }
  hoso_buf para;
  hoso__buf_init(&para, 0);
  ends gold = {0};
  score sc = {0};
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int k = 0, rc = 0;
  while ((len = getline(&line, &cap, f)) > 0) {
    if (strncmp(line, "# text =", 8)) continue;
    char *t = line + 8;
    while (*t == ' ') t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == '\n' || t[n - 1] == '\r' || t[n - 1] == ' ')) n--;
    if (!n) continue;
    if (para.n && hoso__buf_addc(&para, ' ')) rc = -1;
    if (hoso__buf_add(&para, t, n) || push(&gold, para.n)) rc = -1;
    if (rc) break;
    if (++k == group) {
      if (eval_paragraph(&para, &gold, &sc)) rc = -1;
      hoso__buf_reset(&para);
      gold.n = 0;
      k = 0;
    }
  }
  if (!rc && k) rc = eval_paragraph(&para, &gold, &sc);
  free(line);
  fclose(f);
  hoso__buf_free(&para);
  free(gold.v);
  if (rc) {
    fprintf(stderr, "eval_sentences: out of memory\n");
    return 1;
  }
  double p = sc.tp + sc.fp ? (double)sc.tp / (double)(sc.tp + sc.fp) : 0;
  double r = sc.tp + sc.fn ? (double)sc.tp / (double)(sc.tp + sc.fn) : 0;
  printf("sentences %s: %zu sentences in %zu paragraphs of %d; sentence ends "
         "precision %.2f%% recall %.2f%% F1 %.2f%%\n",
         argv[1], sc.sentences, sc.paragraphs, group, 100 * p, 100 * r,
         p + r ? 200 * p * r / (p + r) : 0);
  return 0;
}
