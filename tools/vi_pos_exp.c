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
**   --guide=K     guide stacking (annotation adaptation, session 7): a
**                 guide tagger learns VLSP POS train in VLSP's own tag
**                 set; its predicted tags of the word and its neighbours
**                 are features of a second tagger trained on the usual
**                 data (guide tags from K folds, dev's from a guide on all
**                 of VLSP); --guide-ud=K: the second tagger on UD train
**                 only (Jiang et al. 2009's setting)
**   --x=MASK      the experimental feature groups VP_X_* of vi_pos.h
**                 (1 syllables, 2 edge syllables, 4 neighbours) added to
**                 every model of the run
**   --ud-times=K  UD VTB train's sentences added K times (oversampled)
**   --conf-unknown=Q, --conf-drop=Q (with --cmap; session 8): the VLSP
**                 words whose contextual-map tag has a margin in the
**                 lowest fraction Q of all mapped words' margins train with
**                 unknown labels (src/tag's partial labels) / their
**                 sentences are left out
**   --dump=FILE   write the training data as the tagger sees it (source,
**                 word, tag[, map margin]) for analyses
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
  vp_dev_report r = {0}; /* VI_POS_CONFUSION / VI_POS_UNKNOWN print with a report only */
  double ua, a = vp_dev_acc(x->kc, &x->dev->dv, pred, &x->dev->seen, &ua, &x->dev->wt, &r);
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

/* Guide stacking (--guide=K, session 7): a guide tagger trained on VLSP
** 2013 POS train in VLSP's own tag set (raw: the same sentences as c's
** VLSP part, read again without the mapping); its predicted VLSP tags of
** the word and its neighbours (vp_stack_features) are features of a second
** tagger trained on c. c's sentences get guide tags from the guide of
** their fold (folds by fingerprint: a UD train sentence and its VLSP copy
** share one, so no guide saw the sentence it tags), dev from a guide
** trained on all of VLSP. Prints the second tagger's dev accuracy. */
static void guide_stack(const exp_ctx *x, const char *sh, unsigned k, int ud_only) {
  const vcorpus *c = x->c;
  vcorpus raw = {0};
  char p[4096];
  vd_heldout held;
  vd_heldout_init(&held, x->kc, sh, "vi_pos_exp (guide)");
  vd_hook hk = vd_heldout_as_hook(&held);
  snprintf(p, sizeof(p), "%s/vlsp2013-pos/train", sh);
  vd_heldout_source(&held, "vlsp2013-pos/train");
  vd_load_pos_dir_hook(&raw, p, 1, &hk);
  vd_heldout_free(&held);
  if (raw.n != c->n - x->f.nud) vd_die("--guide: VLSP sentences differ (no --extra with --guide)", NULL);
  unsigned char *fold = vd_xrealloc(NULL, c->n + 1), *rfold = vd_xrealloc(NULL, raw.n + 1);
  vi_tokens fp = {0};
  for (size_t i = 0; i < c->n; i++) fold[i] = (unsigned char)(vd_fingerprint(x->kc, &c->s[i], &fp) % k);
  for (size_t i = 0; i < raw.n; i++) rfold[i] = fold[x->f.nud + i];
  vi__tokens_free(&fp);
  hoso_tag_train_opts o = x->o;
  vp_feat gf = x->f;
  gf.nud = 0;
  vp_wordvals gc, gd, pd;
  vp_wordvals_init(&gc, c);
  vp_wordvals_init(&gd, &x->dev->dv);
  vp_wordvals_init(&pd, &x->dev->dv);
  size_t gok = 0, gtot = 0;
  for (unsigned j = 0; j < k; j++) {
    hoso_tag_model *g = vp_train(&o, &gf, &raw, rfold, j, NULL, NULL, NULL);
    vp_predict(&g, 1, &gf, c, 0, fold, j, NULL, &gc);
    hoso__tag_model_close(g);
  }
  for (size_t i = 0; i < raw.n; i++)
    for (size_t w = 0; w < raw.s[i].nw; w++, gtot++)
      gok += gc.v[gc.off[x->f.nud + i] + w] == vp_tag_hash(raw.s[i].tag[w]);
  printf("guide tagger (VLSP tags), %u-fold on VLSP train: %.2f%%\n", k,
         100.0 * (double)gok / (double)gtot);
  hoso_tag_model *g = vp_train(&o, &gf, &raw, NULL, 0, NULL, NULL, NULL);
  vp_predict(&g, 1, &gf, &x->dev->dv, 0, NULL, 0, NULL, &gd);
  hoso__tag_model_close(g);
  for (size_t i = 0; i < c->n; i++) fold[i] = ud_only && i >= x->f.nud; /* skip 1 */
  hoso_tag_model *m2 = vp_train(&o, &x->f, c, fold, 1, &gc, NULL, NULL);
  vp_predict(&m2, 1, &x->f, &x->dev->dv, 1, NULL, 0, &gd, &pd);
  report(x, ud_only ? "guide-stacked tagger on UD train only (--guide-ud)"
                    : "guide-stacked tagger (--guide)", &pd);
  hoso__tag_model_close(m2);
  vp_wordvals_free(&gc);
  vp_wordvals_free(&gd);
  vp_wordvals_free(&pd);
  free(fold);
  free(rfold);
  vd_free(&raw);
}

/* --dump=FILE: the training data as the tagger sees it (VLSP tags already
** mapped), one word a line: "ud" or "vlsp", the word, its tag; a blank line
** after each sentence; with --conf-*, the map's margin as a 4th column. For analyses of the conventions (README section vi). */
static void dump_training(const char *path, const vcorpus *c, size_t nud, const float *conf) {
  FILE *f = fopen(path, "w");
  if (!f) vd_die("cannot write", path);
  size_t at = 0;
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    for (size_t i = 0; i < s->nw; i++, at++) {
      fprintf(f, "%s\t%.*s\t%s", si < nud ? "ud" : "vlsp", (int)(s->we[i] - s->ws[i]),
              s->text + s->ws[i], s->tag[i]);
      if (conf) fprintf(f, "\t%g", (double)conf[at]);
      fputc('\n', f);
    }
    fputc('\n', f);
  }
  if (fclose(f)) vd_die("cannot write", path);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: vi_pos_exp SHARED_DATA DICTDIR [EPOCHS [PRUNE]] [--extra=FILE] "
            "[--salt=1|2] [--cv=K] [--stack=K] [--ens=K] [--keep-heldout] [--x=MASK] [--cmap[=K]] "
            "[--guide=K|--guide-ud=K] [--ud-times=K] [--conf-unknown=Q|--conf-drop=Q] [--dump=FILE]\n");
    return 2;
  }
  const char *sh = argv[1], *extra = NULL, *dump = NULL;
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 20;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  unsigned salt = 0, cvk = 0, stack = 0, ens = 0, guide = 0;
  int guide_ud = 0;
  int keep = 0;
  unsigned xmask = 0, cmapk = 0;
  int cmap = 0;
  unsigned ud_times = 0;
  double confq = 0;
  int conf_mode = 0;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], "--keep-heldout")) keep = 1;
    else if (!strcmp(argv[i], "--cmap")) cmap = 1;
    else if (!strncmp(argv[i], "--cmap=", 7)) cmap = 1, cmapk = (unsigned)atoi(argv[i] + 7);
    else if (!strncmp(argv[i], "--x=", 4)) xmask = (unsigned)atoi(argv[i] + 4);
    else if (!strncmp(argv[i], "--dump=", 7)) dump = argv[i] + 7;
    else if (!strncmp(argv[i], "--ud-times=", 11)) ud_times = (unsigned)atoi(argv[i] + 11);
    else if (!strncmp(argv[i], "--conf-drop=", 12)) confq = atof(argv[i] + 12), conf_mode = VP_CONF_DROP;
    else if (!strncmp(argv[i], "--conf-unknown=", 15))
      confq = atof(argv[i] + 15), conf_mode = VP_CONF_UNKNOWN;
    else
    if (!strncmp(argv[i], "--extra=", 8)) extra = argv[i] + 8;
    else if (!strncmp(argv[i], "--salt=", 7)) salt = (unsigned)atoi(argv[i] + 7);
    else if (!strncmp(argv[i], "--cv=", 5)) cvk = (unsigned)atoi(argv[i] + 5);
    else if (!strncmp(argv[i], "--stack=", 8)) stack = (unsigned)atoi(argv[i] + 8);
    else if (!strncmp(argv[i], "--ens=", 6)) ens = (unsigned)atoi(argv[i] + 6);
    else if (!strncmp(argv[i], "--guide=", 8)) guide = (unsigned)atoi(argv[i] + 8);
    else if (!strncmp(argv[i], "--guide-ud=", 11)) guide = (unsigned)atoi(argv[i] + 11), guide_ud = 1;
    else if (argv[i][0] == '-') vd_die("unknown option", argv[i]);
  }
  if (guide == 1 || guide > 16 || (guide && (extra || keep)))
    vd_die("--guide=K takes 2 to 16, without --extra or --keep-heldout", NULL);
  if (cmapk == 1 || cmapk > 16) vd_die("--cmap=K takes 2 to 16", NULL);
  if (ud_times > 16) vd_die("--ud-times=K takes 1 to 16", NULL);
  if (conf_mode && (!cmap || confq <= 0 || confq >= 1))
    vd_die("--conf-drop=Q and --conf-unknown=Q need --cmap and 0 < Q < 1", NULL);
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
  float *conf = NULL;
  vp_load_training(kc, sh, extra, keep ? NULL : &held, cmap ? &cm : NULL, &c, &nud,
                   conf_mode ? &conf : NULL);
  if (dump) dump_training(dump, &c, nud, conf);
  vp_dev dev;
  vp_dev_load(&dev, kc, sh, &c, keep ? NULL : &held);
  vd_heldout_free(&held);
  exp_ctx x = {.kc = kc, .f = {.kc = kc, .d = d, .salt = 0, .nud = nud, .x = xmask}, .c = &c, .dev = &dev,
               .o = o};
  x.f.ud_times = ud_times;
  vp_wordvals coff = {0};
  if (conf_mode) {
    vp_wordvals_init(&coff, &c);
    x.f.conf = conf, x.f.conf_off = coff.off, x.f.conf_mode = conf_mode;
    x.f.conf_cut = vp_conf_quantile(conf, coff.off[c.n], confq);
  }
  vp_wordvals p1, p2;
  vp_wordvals_init(&p1, &dev.dv);
  vp_wordvals_init(&p2, &dev.dv);
  hoso_tag_model *m1 = vp_train(&x.o, &x.f, &c, NULL, 0, NULL, NULL, NULL);
  vp_predict(&m1, 1, &x.f, &dev.dv, 1, NULL, 0, NULL, &p1);
  if (ud_times > 1 || conf_mode)
    snprintf(p, sizeof(p), "--cmap%s, UD x%u%s%s", extra ? " --extra" : "", ud_times ? ud_times : 1,
             conf_mode == VP_CONF_DROP ? ", --conf-drop" : "",
             conf_mode == VP_CONF_UNKNOWN ? ", --conf-unknown" : "");
  else if (xmask) snprintf(p, sizeof(p), "model with --x=%u%s", xmask, extra ? " and --extra" : "");
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
  if (guide) guide_stack(&x, sh, guide, guide_ud);
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
  free(conf);
  if (conf_mode) vp_wordvals_free(&coff);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
