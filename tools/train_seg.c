/*
** train_seg.c -- train the Vietnamese word segmenter (models/vi-seg.model)
** and build its word list (models/vi-dict.bin). Run by `make models`.
**
**   train_seg SHARED OUTDIR [EPOCHS [PRUNE]] [--dev] [--heldout-tsv=FILE] [--seed=N]
**
** Data (SHARED = ../shared/data): VLSP 2013 WS train, VLSP 2013 POS train
** (its segmentation), UD Vietnamese VTB train, less every sentence that
** also occurs in UD VTB dev or test (vs_load_training in vi_seg.h; the counts
** per source go to stderr, per file to the --heldout-tsv file). The word
** list is the Apache-2.0 RDRsegmenter VnVocab only (it ships inside the repo).
** Deterministic: files are read in sorted order, the perceptron's shuffle
** is seeded, so the output is the same bytes on every run.
** --dev also prints word F1 on UD VTB dev (for tuning; never test).
** --seed=N seeds the perceptron's shuffle (the order it visits the
** sentences in each epoch); the default, 20130101, is what `make models`
** ships. Other seeds measure the training's own noise (make eval-vi-seeds).
*/
#define HOSO_VI_DATA_SCORE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"
#include "vi_seg.h"

static void build_dict(vi_keycache *canon, const char *path, const char *out) {
  size_t n;
  char *buf = vd_read(path, &n);
  vi_dict_builder *b = vi__dict_builder_new();
  if (!b) vd_die("out of memory", NULL);
  vi_tokens ts = {0};
  size_t i = 0;
  while (i < n) {
    char *nl = memchr(buf + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - buf) : n;
    ts.n = 0;
    if (vi__tokenize(canon, NULL, buf + i, e - i, &ts)) vd_die("out of memory", NULL);
    if (ts.n >= 2 && ts.n <= VI_DICT_MAXLEN) {
      uint64_t k[VI_DICT_MAXLEN];
      int ok = 1;
      for (size_t j = 0; j < ts.n; j++) {
        if (ts.t[j].type == VI_PUNCT) ok = 0;
        k[j] = ts.t[j].key;
      }
      if (ok && vi__dict_builder_add(b, vi__word_hash(k, ts.n))) vd_die("out of memory", NULL);
    }
    i = e + 1;
  }
  hoso_error err;
  if (vi__dict_builder_save(b, out, &err)) vd_die(err.message, out);
  fprintf(stderr, "train_seg: %zu dictionary words -> %s\n", vi__dict_builder_count(b), out);
  vi__tokens_free(&ts);
  vi__dict_builder_free(b);
  free(buf);
}

/* The trained (hashed) model -> the runtime model file (src/vi/segmodel.c). */
static void convert(hoso_tag_trainer *t, vi_keycache *canon, const vcorpus *c, const char *path) {
  hoso_tag_model *tm;
  hoso_error err;
  if (hoso__tag_trainer_model(t, &tm, &err)) vd_die(err.message, NULL);
  vi_segbuild *b = vi__segbuild_new(tm);
  if (!b) vd_die("cannot convert the segmentation model", NULL);
  vi_tokens ts = {0};
  for (size_t si = 0; si < c->n; si++) {
    ts.n = 0;
    if (vi__tokenize(canon, NULL, c->s[si].text, c->s[si].n, &ts)) vd_die("out of memory", NULL);
    if (vi__segbuild_add(b, ts.t, ts.n)) vd_die("out of memory", NULL);
  }
  if (vi__segbuild_save(b, path, VI_SEG_INFO, &err)) vd_die(err.message, path);
  fprintf(stderr, "train_seg: %zu weighted features -> %s\n", hoso__tag_nfeatures(tm), path);
  vi__segbuild_free(b);
  vi__tokens_free(&ts);
  hoso__tag_model_close(tm);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: train_seg SHARED_DATA OUTDIR [EPOCHS [PRUNE]] [--dev] [--heldout-tsv=FILE] "
            "[--seed=N]\n");
    return 2;
  }
  const char *sh = argv[1], *out = argv[2];
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 8;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  int dev = 0;
  uint64_t seed = 20130101;
  const char *tsv = NULL;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], "--dev")) dev = 1;
    else if (!strncmp(argv[i], "--seed=", 7)) seed = vd_parse_seed(argv[i] + 7);
    else if (!strncmp(argv[i], "--heldout-tsv=", 14)) tsv = argv[i] + 14;
    else if (argv[i][0] == '-') vd_die("unknown option", argv[i]);
  }
  char p[4096], q[4096];
  vi_keycache *canon = vi__keycache_new();
  if (!canon) vd_die("out of memory", NULL);
  snprintf(p, sizeof(p), "%s/lexicons/RDRsegmenter_VnVocab/VnVocab.txt", sh);
  snprintf(q, sizeof(q), "%s/vi-dict.bin", out);
  build_dict(canon, p, q);
  vi_dict *d;
  hoso_error err;
  if (vi__dict_open(q, &d, &err)) vd_die(err.message, q);

  vcorpus c = {0};
  vs_load_training(canon, sh, tsv, "train_seg", &c);

  vd_seen seen = {0};
  if (dev) vd_seen_corpus(&seen, canon, &c);
  hoso_tag_train_opts o = {.epochs = epochs, .seed = seed, .min_count = 1, .prune = prune,
                           .greedy = 0, .info = VI_SEG_INFO, .log = stderr};
  hoso_tag_trainer *t = hoso__tag_trainer_new(&o);
  if (!t) vd_die("out of memory", NULL);
  vs_add_corpus(t, canon, d, &c, NULL, NULL);
  if (hoso__tag_trainer_train(t, &err)) vd_die(err.message, NULL);
  snprintf(q, sizeof(q), "%s/vi-seg.model", out);
  convert(t, canon, &c, q);
  vd_free(&c);
  hoso__tag_trainer_free(t);
  vi__dict_close(d);
  vi__keycache_free(canon);
  fprintf(stderr, "train_seg: wrote %s\n", q);

  if (dev) {
    hoso_vi *vi;
    if (hoso_vi_open(out, 0, &vi, &err)) vd_die(err.message, out);
    hoso_vi_ctx *ctx = hoso_vi_ctx_new();
    vcorpus dv = {0};
    snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-dev.conllu", sh);
    vd_load_conllu(&dv, p);
    vd_score sc = {0}, su = {0};
    vi_keycache *kc = vi__keycache_new();
    vi_tokens ts = {0};
    if (!kc) vd_die("out of memory", NULL);
    size_t nu = 0;
    for (size_t i = 0; i < dv.n; i++) {
      vd_score_seg(vi, ctx, &dv.s[i], &sc);
      if (!vd_seen_has(&seen, vd_fingerprint(kc, &dv.s[i], &ts))) {
        vd_score_seg(vi, ctx, &dv.s[i], &su);
        nu++;
      }
    }
    fprintf(stderr, "dev: P %.2f R %.2f F1 %.2f; unseen (%zu sentences not in training): F1 %.2f\n",
            vd_p(&sc), vd_r(&sc), vd_f(&sc), nu, vd_f(&su));
    vi__tokens_free(&ts);
    vi__keycache_free(kc);
    free(seen.k);
    vd_free(&dv);
    hoso_vi_ctx_free(ctx);
    hoso_vi_close(vi);
  }
  return 0;
}
