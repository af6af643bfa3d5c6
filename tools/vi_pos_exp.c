/*
** vi_pos_exp.c -- POS tagger experiments on UD VTB dev (never test); writes
** no model. Same data, features and training as tools/train_pos.c.
**
**   vi_pos_exp SHARED DICTDIR [EPOCHS [PRUNE]] [--extra=FILE] [--salt=1|2]
**              [--cv=K] [--stack=K] [--ens=K] [--keep-heldout]
**
** The training data is train_pos's: every sentence that also occurs in UD
** VTB dev or test is dropped (vd_heldout), so "the dev sentences that occur
** in the training data" below are none. --keep-heldout keeps them (the
** training data of sessions 1-5) to reproduce session 5's analysis of the
** overlap; its figures are not held-out figures.
**
** DICTDIR holds vi-dict.bin (e.g. models). Always prints, for the plain
** model (train_pos's): dev accuracy, on unseen dev sentences, and what
** limits it: the dev sentences that occur in the training data with the
** same words, how often the training labels of those very sentences agree
** with dev's tags, and the model's accuracy on them and on the rest.
** Then, each when asked:
**   --extra=FILE  more training data: a 4-column VLSP file (word, POS, ...;
**                 e.g. vlsp2016-ner/dev-4col.txt), tags mapped like VLSP
**                 2013's; applies to every model of the run
**   --salt=1|2    corpus-specific feature copies (vi_pos.h): 1 = a UD copy
**                 on UD sentences, 2 = a copy per corpus; dev decodes with
**                 UD's copy
**   --cv=K        K-fold cross-validated accuracy on the training data
**                 itself (folds by sentence fingerprint, so repeated
**                 sentences share a fold): accuracy on new text that
**                 follows the training data's conventions
**   --stack=K     a second tagger with the first one's predicted tags of
**                 the word and its neighbours as features, trained on
**                 K-fold cross-validated predictions (implies --cv=K)
**   --ens=K       K models from K shuffle seeds, scores summed
**   --cmap[=K]    VLSP tags mapped to UPOS in context (vp_map_ctx, what
**                 train_pos --cmap and `make models` use) instead of word
**                 by word, for every model of the run; with K, the map's
**                 K-fold accuracy on the aligned sentences is printed
**   --x=MASK      the experimental feature groups VP_X_* of vi_pos.h
**                 (1 syllables, 2 edge syllables, 4 neighbours) added to
**                 every model of the run
** Results (session 5, 20 epochs, prune 0.05; README section vi) are all
** within noise of the plain model or below it.
*/
#include "vi_pos.h"

typedef struct exp_ctx {
  vi_keycache *kc;
  vp_feat f;
  const vcorpus *c;
  vp_dev *dev;
  hoso_tag_train_opts o;
} exp_ctx;

/* Dev accuracy of pred, printed with a label. */
static double report(const exp_ctx *x, const char *what, const vp_wordvals *pred) {
  double ua, a = vp_dev_acc(x->kc, &x->dev->dv, pred, &x->dev->seen, &ua, &x->dev->wt, NULL);
  printf("%-44s dev %.2f  unseen dev %.2f\n", what, a, ua);
  return a;
}

/* What limits dev: its sentences that are in the training data (same
** fingerprint and the same words), the agreement of their training
** labels with dev, and pred's accuracy there and elsewhere. */
static void limits(const exp_ctx *x, const vp_wordvals *pred) {
  const vcorpus *dv = &x->dev->dv, *c = x->c;
  vp_sentidx ix;
  vp_sentidx_build(&ix, x->kc, c);
  vi_tokens ts = {0}, fp = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  uint64_t *a = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  uint64_t *b = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  size_t ns = 0, nw = 0, agree = 0, ok_in = 0, ok_out = 0, n_out = 0;
  for (size_t si = 0; si < dv->n; si++) {
    const vsent *s = &dv->s[si];
    const uint64_t *ph = pred->v + pred->off[si];
    size_t ti = vp_sentidx_find(&ix, vd_fingerprint(x->kc, s, &fp));
    const vsent *t = ti ? &c->s[ti - 1] : NULL;
    int in = 0;
    if (t && t->nw == s->nw) {
      vp_sent_word_hashes(x->kc, s, &ts, &w, &capw, a);
      vp_sent_word_hashes(x->kc, t, &ts, &w, &capw, b);
      in = !memcmp(a, b, s->nw * sizeof(uint64_t));
    }
    for (size_t i = 0; i < s->nw; i++) {
      int good = ph[i] == vp_tag_hash(s->tag[i]);
      if (in) agree += !strcmp(t->tag[i], s->tag[i]), ok_in += (size_t)good;
      else ok_out += (size_t)good, n_out++;
    }
    if (in) ns++, nw += s->nw;
  }
  printf("dev sentences in the POS training data with the same words: %zu (%zu words)\n", ns, nw);
  printf("  their training labels agree with dev's tags on %.2f%% of the words; the model: "
         "%.2f%%\n", nw ? 100.0 * (double)agree / (double)nw : 0.0,
         nw ? 100.0 * (double)ok_in / (double)nw : 0.0);
  printf("  the other %zu dev words: the model %.2f%%\n", n_out,
         n_out ? 100.0 * (double)ok_out / (double)n_out : 0.0);
  free(a);
  free(b);
  free(w);
  vi__tokens_free(&ts);
  vi__tokens_free(&fp);
  vp_sentidx_free(&ix);
}

/* K-fold cross-validated tags of the training data into cv; prints their
** accuracy. */
static void cross_validate(const exp_ctx *x, unsigned k, vp_wordvals *cv) {
  const vcorpus *c = x->c;
  vp_wordvals_init(cv, c);
  unsigned char *fold = vd_xrealloc(NULL, c->n + 1);
  vi_tokens fp = {0};
  for (size_t i = 0; i < c->n; i++)
    fold[i] = (unsigned char)(vd_fingerprint(x->kc, &c->s[i], &fp) % k);
  vi__tokens_free(&fp);
  hoso_tag_train_opts of = x->o;
  of.log = NULL;
  for (unsigned j = 0; j < k; j++) {
    hoso_tag_model *m = vp_train(&of, &x->f, c, fold, j, NULL, NULL, NULL);
    vp_predict(&m, 1, &x->f, c, 0, fold, j, NULL, cv); /* x->f has no salt */
    hoso__tag_model_close(m);
  }
  size_t ok = 0;
  for (size_t i = 0; i < c->n; i++)
    for (size_t j = 0; j < c->s[i].nw; j++) ok += cv->v[cv->off[i] + j] == vp_tag_hash(c->s[i].tag[j]);
  printf("%u-fold cross-validated accuracy on the training data: %.2f%% (%zu words)\n", k,
         100.0 * (double)ok / (double)cv->off[c->n], cv->off[c->n]);
  free(fold);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: vi_pos_exp SHARED_DATA DICTDIR [EPOCHS [PRUNE]] [--extra=FILE] "
            "[--salt=1|2] [--cv=K] [--stack=K] [--ens=K] [--keep-heldout] [--x=MASK] [--cmap[=K]]\n");
    return 2;
  }
  const char *sh = argv[1], *extra = NULL;
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 20;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  unsigned salt = 0, cvk = 0, stack = 0, ens = 0;
  int keep = 0;
  unsigned xmask = 0, cmapk = 0;
  int cmap = 0;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], "--keep-heldout")) keep = 1;
    else if (!strcmp(argv[i], "--cmap")) cmap = 1;
    else if (!strncmp(argv[i], "--cmap=", 7)) cmap = 1, cmapk = (unsigned)atoi(argv[i] + 7);
    else if (!strncmp(argv[i], "--x=", 4)) xmask = (unsigned)atoi(argv[i] + 4);
    else
    if (!strncmp(argv[i], "--extra=", 8)) extra = argv[i] + 8;
    else if (!strncmp(argv[i], "--salt=", 7)) salt = (unsigned)atoi(argv[i] + 7);
    else if (!strncmp(argv[i], "--cv=", 5)) cvk = (unsigned)atoi(argv[i] + 5);
    else if (!strncmp(argv[i], "--stack=", 8)) stack = (unsigned)atoi(argv[i] + 8);
    else if (!strncmp(argv[i], "--ens=", 6)) ens = (unsigned)atoi(argv[i] + 6);
    else if (argv[i][0] == '-') vd_die("unknown option", argv[i]);
  }
  if (cmapk == 1 || cmapk > 16) vd_die("--cmap=K takes 2 to 16", NULL);
  if (salt > 2 || cvk == 1 || cvk > 16 || stack == 1 || stack > 16 || ens == 1 || ens > 16)
    vd_die("--salt is 1 or 2; --cv, --stack and --ens take 2 to 16", NULL);
  if (stack) cvk = stack;
  char p[4096];
  hoso_error err;
  vi_keycache *kc = vi__keycache_new();
  if (!kc) vd_die("out of memory", NULL);
  vi_dict *d;
  snprintf(p, sizeof(p), "%s/vi-dict.bin", argv[2]);
  if (vi__dict_open(p, &d, &err)) vd_die(err.message, p);
  vcorpus c = {0};
  size_t nud;
  vd_heldout held;
  vd_heldout_init(&held, kc, sh, "vi_pos_exp");
  hoso_tag_train_opts o = {.epochs = epochs, .seed = 20130102, .min_count = 1, .prune = prune,
                           .info = VI_POS_INFO, .log = NULL};
  vp_feat mf = {.kc = kc, .d = d};
  vp_cmap cm = {.f = &mf, .o = o, .cv = cmapk};
  vp_load_training(kc, sh, extra, keep ? NULL : &held, cmap ? &cm : NULL, &c, &nud);
  vp_dev dev;
  vp_dev_load(&dev, kc, sh, &c, keep ? NULL : &held);
  vd_heldout_free(&held);
  exp_ctx x = {.kc = kc, .f = {.kc = kc, .d = d, .salt = 0, .nud = nud, .x = xmask}, .c = &c, .dev = &dev,
               .o = o};
  vp_wordvals p1, p2;
  vp_wordvals_init(&p1, &dev.dv);
  vp_wordvals_init(&p2, &dev.dv);
  hoso_tag_model *m1 = vp_train(&x.o, &x.f, &c, NULL, 0, NULL, NULL, NULL);
  vp_predict(&m1, 1, &x.f, &dev.dv, 1, NULL, 0, NULL, &p1);
  if (xmask) snprintf(p, sizeof(p), "model with --x=%u%s", xmask, extra ? " and --extra" : "");
  else if (cmap) snprintf(p, sizeof(p), "contextual VLSP map (--cmap)%s", extra ? " and --extra" : "");
  else snprintf(p, sizeof(p), "%s", extra ? "plain model (with --extra)" : "plain model (train_pos's)");
  report(&x, p, &p1);
  limits(&x, &p1);
  if (salt) {
    exp_ctx xs = x;
    xs.f.salt = (int)salt;
    hoso_tag_model *m = vp_train(&xs.o, &xs.f, &c, NULL, 0, NULL, NULL, NULL);
    vp_predict(&m, 1, &xs.f, &dev.dv, 1, NULL, 0, NULL, &p2);
    report(&x, salt == 1 ? "UD-specific feature copies (--salt=1)"
                         : "a feature copy per corpus (--salt=2)", &p2);
    hoso__tag_model_close(m);
  }
  if (cvk) {
    vp_wordvals cv;
    cross_validate(&x, cvk, &cv);
    if (stack) {
      hoso_tag_model *m2 = vp_train(&x.o, &x.f, &c, NULL, 0, &cv, NULL, NULL);
      vp_predict(&m2, 1, &x.f, &dev.dv, 1, NULL, 0, &p1, &p2);
      report(&x, "stacked second tagger (--stack)", &p2);
      hoso__tag_model_close(m2);
    }
    vp_wordvals_free(&cv);
  }
  if (ens) {
    hoso_tag_model *m[16] = {m1};
    for (unsigned k = 1; k < ens; k++) {
      hoso_tag_train_opts ok = x.o;
      ok.seed = x.o.seed + k;
      m[k] = vp_train(&ok, &x.f, &c, NULL, 0, NULL, NULL, NULL);
      vp_predict(&m[k], 1, &x.f, &dev.dv, 1, NULL, 0, NULL, &p2);
      snprintf(p, sizeof(p), "  model of shuffle seed +%u alone", k);
      report(&x, p, &p2);
    }
    vp_predict(m, ens, &x.f, &dev.dv, 1, NULL, 0, NULL, &p2);
    snprintf(p, sizeof(p), "ensemble of %u seeds (--ens)", ens);
    report(&x, p, &p2);
    for (unsigned k = 1; k < ens; k++) hoso__tag_model_close(m[k]);
  }
  hoso__tag_model_close(m1);
  vp_wordvals_free(&p1);
  vp_wordvals_free(&p2);
  vp_dev_free(&dev);
  vd_free(&c);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
