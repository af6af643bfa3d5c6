/*
** vi_seg.h -- the word segmenter's training data and training sequences,
** shared by tools/train_seg.c (the model `make models` builds) and
** tools/vi_seg_exp.c (experiments that never write a model). Header-only
** (static functions), like vi_data.h; tools only, never the library.
**
** Training data: VLSP 2013 WS train, VLSP 2013 POS train (its
** segmentation), UD Vietnamese VTB train, read in sorted file order, less
** every sentence that also occurs in UD VTB dev or test (vd_heldout).
**
** Ownership: the corpus vs_load_training fills is the caller's (vd_free).
** Errors in training data or out of memory end the program (vd_die).
*/
#ifndef HOSO_VI_SEG_H
#define HOSO_VI_SEG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"

/* The training sentences into c; the held-out counts per source go to
** stderr (prefixed by who), per file to tsv when not NULL. */
static void vs_load_training(vi_keycache *kc, const char *sh, const char *tsv, const char *who,
                             vcorpus *c) {
  char p[4096];
  vd_heldout held;
  vd_heldout_init(&held, kc, sh, who);
  if (tsv && !(held.tsv = fopen(tsv, "w"))) vd_die("cannot write", tsv);
  vd_hook hook = vd_heldout_as_hook(&held);
  snprintf(p, sizeof(p), "%s/vlsp2013-ws/train", sh);
  vd_heldout_source(&held, "vlsp2013-ws/train");
  vd_load_ws_dir_hook(c, p, &hook);
  size_t nws = c->n;
  snprintf(p, sizeof(p), "%s/vlsp2013-pos/train", sh);
  vd_heldout_source(&held, "vlsp2013-pos/train");
  vd_load_pos_dir_hook(c, p, 0, &hook);
  size_t npos = c->n - nws;
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-train.conllu", sh);
  vd_heldout_source(&held, "vi-ud-vtb/vi_vtb-ud-train.conllu");
  vd_load_conllu_hook(c, p, &hook);
  vd_heldout_end(&held);
  fprintf(stderr, "%s: %zu sentences (VLSP WS %zu, VLSP POS %zu, UD VTB %zu) after "
          "dropping %zu that match one of UD VTB dev+test's %zu\n", who, c->n, nws, npos,
          c->n - nws - npos, held.all_dropped, held.nheld);
  if (held.tsv && fclose(held.tsv)) vd_die("cannot write", tsv);
  held.tsv = NULL;
  vd_heldout_free(&held);
}

/* Features an experiment adds to token i's (after vi__seg_features);
** text is the sentence the tokens' offsets point into. */
typedef void (*vs_extra_fn)(void *ctx, const char *text, const vi_tok *t, size_t n, size_t i,
                            hoso_tag_seqbuf *b);

/* The gold B/I labels of sentence s's tokens ts (lab[0..ts->n)). */
static void vs_labels(const vsent *s, const vi_tokens *ts, const char **lab) {
  size_t g = 0;
  for (size_t i = 0; i < ts->n; i++) {
    while (g < s->nw && s->we[g] <= ts->t[i].off) g++;
    lab[i] = (g < s->nw && s->ws[g] == ts->t[i].off) || i == 0 ? "B" : "I";
  }
}

/* Every sentence of c as a training sequence of t: the segmenter's
** features (vi__seg_features with dictionary d), then extra's if any. */
static void vs_add_corpus(hoso_tag_trainer *t, vi_keycache *kc, const vi_dict *d,
                          const vcorpus *c, vs_extra_fn extra, void *ctx) {
  vi_tokens ts = {0};
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  const char **lab = NULL;
  uint8_t *dmask = NULL;
  size_t caplab = 0;
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    ts.n = 0;
    if (vi__tokenize(kc, NULL, s->text, s->n, &ts)) vd_die("out of memory", NULL);
    if (!ts.n) continue;
    if (ts.n > caplab) {
      lab = vd_xrealloc(lab, (caplab = ts.n * 2) * sizeof(char *));
      dmask = vd_xrealloc(dmask, caplab);
    }
    vi__seg_dict_masks(ts.t, ts.n, d, dmask);
    hoso__tag_seqbuf_reset(&sb);
    vs_labels(s, &ts, lab);
    for (size_t i = 0; i < ts.n; i++) {
      vi__seg_features(ts.t, ts.n, i, dmask, &sb);
      if (extra) extra(ctx, s->text, ts.t, ts.n, i, &sb);
    }
    hoso_tag_seq seq;
    hoso_error err;
    if (hoso__tag_seqbuf_seq(&sb, &seq) || hoso__tag_trainer_add(t, &seq, lab, &err))
      vd_die("cannot add a training sentence", NULL);
  }
  free(lab);
  free(dmask);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

#endif
