/*
** train_pos.c -- train the Vietnamese POS tagger (models/vi-pos.model).
** Run by `make models` after train_seg (it reads OUTDIR/vi-dict.bin).
**
**   train_pos SHARED OUTDIR [EPOCHS [PRUNE]] [--dev]
**
** Target tags: Universal POS as in UD Vietnamese VTB. Data: UD VTB train
** (UPOS) and VLSP 2013 POS train with its tags mapped to UPOS (table in
** vi_data.h). Words are the gold words of the data. Deterministic.
** --dev prints accuracy on UD VTB dev with gold words (tuning; never test).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"

static void add_corpus(hoso_tag_trainer *t, vi_keycache *kc, const vi_dict *d,
                       const vcorpus *c, size_t nud, int mode) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    int domain = si < nud ? 0 : mode == 2 ? 1 : 0;
    if (si >= nud && mode == 0) break;
    vd_words_of(kc, s, &ts, &w, &capw);
    hoso__tag_seqbuf_reset(&sb);
    for (size_t i = 0; i < s->nw; i++) vi__pos_features(ts.t, w, s->nw, i, d, domain, &sb);
    hoso_tag_seq seq;
    hoso_error err;
    if (hoso__tag_seqbuf_seq(&sb, &seq) ||
        hoso__tag_trainer_add(t, &seq, (const char *const *)s->tag, &err))
      vd_die("cannot add a training sentence", NULL);
  }
  free(w);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

static double dev_acc(const hoso_tag_model *m, vi_keycache *kc, const vi_dict *d,
                      const vcorpus *c, const vd_seen *seen, double *unseen_acc) {
  size_t uok = 0, utot = 0;
  vi_tokens fp = {0};
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0, ok = 0, tot = 0;
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  hoso_tag_work *wk = hoso__tag_work_new();
  uint16_t *lab = NULL;
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    vd_words_of(kc, s, &ts, &w, &capw);
    hoso__tag_seqbuf_reset(&sb);
    for (size_t i = 0; i < s->nw; i++) vi__pos_features(ts.t, w, s->nw, i, d, 0, &sb);
    hoso_tag_seq seq;
    lab = vd_xrealloc(lab, s->nw * sizeof(uint16_t));
    if (hoso__tag_seqbuf_seq(&sb, &seq) || hoso__tag_decode(m, wk, &seq, lab))
      vd_die("decode failed", NULL);
    int unseen = !vd_seen_has(seen, vd_fingerprint(kc, s, &fp));
    for (size_t i = 0; i < s->nw; i++) {
      int good = !strcmp(hoso__tag_label(m, lab[i]), s->tag[i]);
      ok += (size_t)good;
      if (unseen) uok += (size_t)good, utot++;
      if (!good && getenv("VI_POS_CONFUSION"))
        printf("%s\t%s\t%.*s\n", s->tag[i], hoso__tag_label(m, lab[i]),
               (int)(s->we[i] - s->ws[i]), s->text + s->ws[i]);
    }
    tot += s->nw;
  }
  *unseen_acc = utot ? 100.0 * (double)uok / (double)utot : 0;
  vi__tokens_free(&fp);
  free(lab);
  free(w);
  hoso__tag_work_free(wk);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
  return tot ? 100.0 * (double)ok / (double)tot : 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: train_pos SHARED_DATA OUTDIR [EPOCHS [PRUNE]] [--dev]\n");
    return 2;
  }
  const char *sh = argv[1], *out = argv[2];
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 8;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  int dev = argc > 3 && !strcmp(argv[argc - 1], "--dev");
  char p[4096];
  hoso_error err;
  vi_keycache *kc = vi__keycache_new();
  if (!kc) vd_die("out of memory", NULL);
  vi_dict *d;
  snprintf(p, sizeof(p), "%s/vi-dict.bin", out);
  if (vi__dict_open(p, &d, &err)) vd_die(err.message, p);

  vcorpus c = {0};
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-train.conllu", sh);
  vd_load_conllu(&c, p);
  size_t nud = c.n;
  snprintf(p, sizeof(p), "%s/vlsp2013-pos/train", sh);
  vd_load_pos_dir(&c, p);
  fprintf(stderr, "train_pos: %zu sentences (UD VTB %zu, VLSP POS %zu)\n", c.n, nud, c.n - nud);

  vd_seen seen = {0};
  if (dev) {
    vcorpus all = {0}; /* every training sentence, for the unseen subset */
    snprintf(p, sizeof(p), "%s/vlsp2013-ws/train", sh);
    vd_load_ws_dir(&all, p);
    vd_seen_corpus(&seen, kc, &all);
    vd_seen_corpus(&seen, kc, &c);
    vd_free(&all);
  }
  hoso_tag_train_opts o = {.epochs = epochs, .seed = 20130102, .min_count = 1, .prune = prune,
                           .greedy = 0, .info = VI_POS_INFO, .log = stderr};
  hoso_tag_trainer *t = hoso__tag_trainer_new(&o);
  if (!t) vd_die("out of memory", NULL);
  /* mode 2: UD + VLSP with domain-augmented features (dev: UD only 85.1,
  ** plain union 91.0, augmented 91.5; 6 epochs) */
  add_corpus(t, kc, d, &c, nud, 2);
  vd_free(&c);
  if (hoso__tag_trainer_train(t, &err)) vd_die(err.message, NULL);
  snprintf(p, sizeof(p), "%s/vi-pos.model", out);
  if (hoso__tag_trainer_save(t, p, &err)) vd_die(err.message, p);
  fprintf(stderr, "train_pos: wrote %s\n", p);
  if (dev) {
    hoso_tag_model *m;
    if (hoso__tag_trainer_model(t, &m, &err)) vd_die(err.message, NULL);
    vcorpus dv = {0};
    snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-dev.conllu", sh);
    vd_load_conllu(&dv, p);
    double ua, a = dev_acc(m, kc, d, &dv, &seen, &ua);
    fprintf(stderr, "dev: POS accuracy (gold words) %.2f; unseen sentences %.2f\n", a, ua);
    free(seen.k);
    vd_free(&dv);
    hoso__tag_model_close(m);
  }
  hoso__tag_trainer_free(t);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
