/*
** train_pos.c -- train the Vietnamese POS tagger (models/vi-pos.model).
** Run by `make models` after train_seg (it reads OUTDIR/vi-dict.bin).
**
**   train_pos SHARED OUTDIR [EPOCHS [PRUNE]] [--cmap [--conf-unknown=Q]] [--order2] [--dev]
**             [--heldout-tsv=FILE] [--seed=N]
**
** Target tags: Universal POS as in UD Vietnamese VTB. Data: UD VTB train
** (UPOS) and VLSP 2013 POS train with its tags mapped to UPOS word by word
** (vi_pos.h, vp_map_vlsp) or, with --cmap (what `make models` uses, session
** 7: dev 91.98 -> 92.19), in context by a tagger learnt on the sentences
** both corpora hold (vp_map_ctx; trained with the same epochs and pruning), less every sentence that also occurs in UD VTB dev or test
** (vd_heldout in vi_data.h: counts per source on stderr, per file in the
** --heldout-tsv file). Words are the gold words of the data. Deterministic.
** --dev prints accuracy on UD VTB dev with gold words (tuning; never test),
** on its sentences that are not in the training data, and how many dev
** words are not in the training data (and how many of those are tagged
** right) or carry a tag their word never has in training (no model
** trained on this data can get those right but by guessing).
** --conf-unknown=Q (with --cmap; session 8, not used by `make models`): the
** VLSP words whose contextual-map tag has a margin (vp_margins) in the
** lowest fraction Q train with unknown labels (src/tag's partial labels).
** --order2 trains a second-order tagger (src/tag's order2 option; not
** used for models/vi-pos.model: dev 94.30 vs 94.25, unseen 91.20 vs
** 91.17, at four times the training CPU and a slower tagger).
** --seed=N seeds the perceptrons' shuffle (the contextual map's and the
** tagger's visit order of the sentences); the default, 20130102, is what
** `make models` ships. Other seeds measure the training's own noise
** (make eval-vi-seeds).
** Experiments that write no model (stacking, feature copies per corpus,
** ensembles, more data, what limits dev): tools/vi_pos_exp.c.
*/
#include "vi_pos.h"

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: train_pos SHARED_DATA OUTDIR [EPOCHS [PRUNE]] [--cmap [--conf-unknown=Q]] [--order2] [--dev] "
            "[--heldout-tsv=FILE] [--seed=N]\n");
    return 2;
  }
  const char *sh = argv[1], *out = argv[2];
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 20;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  int dev = 0, order2 = 0, cmap = 0;
  double confq = 0;
  uint64_t seed = 20130102;
  const char *tsv = NULL;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], "--dev")) dev = 1;
    else if (!strncmp(argv[i], "--seed=", 7)) seed = vd_parse_seed(argv[i] + 7);
    else if (!strcmp(argv[i], "--order2")) order2 = 1;
    else if (!strcmp(argv[i], "--cmap")) cmap = 1;
    else if (!strncmp(argv[i], "--conf-unknown=", 15)) confq = atof(argv[i] + 15);
    else if (!strncmp(argv[i], "--heldout-tsv=", 14)) tsv = argv[i] + 14;
    else if (argv[i][0] == '-') vd_die("unknown option", argv[i]);
  }
  char p[4096];
  hoso_error err;
  vi_keycache *kc = vi__keycache_new();
  if (!kc) vd_die("out of memory", NULL);
  vi_dict *d;
  snprintf(p, sizeof(p), "%s/vi-dict.bin", out);
  if (vi__dict_open(p, &d, &err)) vd_die(err.message, p);

  vcorpus c = {0};
  size_t nud;
  vd_heldout held;
  vd_heldout_init(&held, kc, sh, "train_pos");
  if (tsv && !(held.tsv = fopen(tsv, "w"))) vd_die("cannot write", tsv);
  hoso_tag_train_opts mo = {.epochs = epochs, .seed = seed, .min_count = 1, .prune = prune,
                            .info = VI_POS_INFO};
  vp_feat mf = {.kc = kc, .d = d};
  vp_cmap cm = {.f = &mf, .o = mo};
  if (confq != 0 && (!cmap || confq <= 0 || confq >= 1))
    vd_die("--conf-unknown=Q needs --cmap and 0 < Q < 1", NULL);
  float *conf = NULL;
  vp_load_training(kc, sh, NULL, &held, cmap ? &cm : NULL, &c, &nud, confq > 0 ? &conf : NULL);
  if (held.tsv && fclose(held.tsv)) vd_die("cannot write", tsv);
  held.tsv = NULL;
  vp_dev dv = {0};
  if (dev) vp_dev_load(&dv, kc, sh, &c, &held);
  vd_heldout_free(&held);
  hoso_tag_train_opts o = {.epochs = epochs, .seed = seed, .min_count = 1, .prune = prune,
                           .greedy = 0, .info = VI_POS_INFO, .log = stderr,
                           .order2 = order2};
  vp_feat f = {.kc = kc, .d = d, .salt = 0, .nud = nud};
  vp_wordvals coff = {0};
  if (conf) {
    vp_wordvals_init(&coff, &c);
    f.conf = conf, f.conf_off = coff.off, f.conf_mode = VP_CONF_UNKNOWN;
    f.conf_cut = vp_conf_quantile(conf, coff.off[c.n], confq);
  }
  /* dev (20 epochs, prune 0.05): VLSP tags mapped tag by tag with UD-
  ** specific feature copies (v3) 93.89; mapped word by word (map_vlsp),
  ** plain union 94.32 (13 MB), one copy of each feature 94.25 (6.7 MB). */
  hoso_tag_model *m = vp_train(&o, &f, &c, NULL, 0, NULL, out, "vi-pos.model");
  vd_free(&c);
  free(conf);
  if (f.conf) vp_wordvals_free(&coff);
  f.conf = NULL;
  if (dev) {
    vp_wordvals pred;
    vp_wordvals_init(&pred, &dv.dv);
    vp_predict(&m, 1, &f, &dv.dv, 1, NULL, 0, NULL, &pred);
    vp_dev_report r = {0};
    size_t nw = pred.off[dv.dv.n];
    double ua, a = vp_dev_acc(kc, &dv.dv, &pred, &dv.seen, &ua, &dv.wt, &r);
    fprintf(stderr, "dev: POS accuracy (gold words) %.2f; unseen sentences %.2f\n", a, ua);
    fprintf(stderr, "dev: %zu words; %zu not in training (%.2f%%, tagged right %.2f%%); "
            "%zu (%.2f%%) known words with a tag they never have in training\n", nw,
            r.unknown, 100.0 * (double)r.unknown / (double)nw,
            r.unknown ? 100.0 * (double)r.unknown_ok / (double)r.unknown : 0.0, r.unsupported,
            100.0 * (double)r.unsupported / (double)nw);
    vp_wordvals_free(&pred);
    vp_dev_free(&dv);
  }
  hoso__tag_model_close(m);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
