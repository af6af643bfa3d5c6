/*
** train_pos.c -- train the Vietnamese POS tagger (models/vi-pos.model).
** Run by `make models` after train_seg (it reads OUTDIR/vi-dict.bin).
**
**   train_pos SHARED OUTDIR [EPOCHS [PRUNE]] [--order2] [--dev]
**
** Target tags: Universal POS as in UD Vietnamese VTB. Data: UD VTB train
** (UPOS) and VLSP 2013 POS train with its tags mapped to UPOS (table in
** vi_data.h). Words are the gold words of the data. Deterministic.
** --dev prints accuracy on UD VTB dev with gold words (tuning; never test),
** on its sentences that are not in the training data, and how many dev
** words are not in the training data (and how many of those are tagged
** right) or carry a tag their word never has in training (no model
** trained on this data can get those right but by guessing).
** --order2 trains a second-order tagger (src/tag's order2 option; not
** used for models/vi-pos.model: dev 94.30 vs 94.25, unseen 91.20 vs
** 91.17, at four times the training CPU and a slower tagger).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"

/* ---- VLSP tags -> UPOS, word by word ---------------------------------
** Most UD VTB training sentences also occur in VLSP 2013 POS train. On
** those, each (word, VLSP tag) pair is counted with the UPOS UD gives it:
** UD's conventions differ from a tag-for-tag mapping for some words ("là",
** "được", "phải", "bị" V -> AUX; "mình" P -> NOUN; ...). VLSP words whose
** pair was seen at least WMAP_MIN times take the pair's most frequent UPOS,
** the others vd_vlsp_upos's. Learnt from training data only. */
#define WMAP_MIN 2 /* dev: 1 -> 94.27, 2 -> 94.35, 3 -> 94.24 (v3 features) */


static uint64_t gold_word_hash(const vi_tok *t, const vi_word *w) {
  uint64_t h = VI_WORD_HASH_SEED;
  for (size_t j = 0; j < w->nsyl; j++) h = vi__word_hash_step(h, t[w->first + j].key);
  return h ? h : 1;
}

/* Key of (a word's hash from gold_word_hash, its VLSP tag). */
static uint64_t pair_key(uint64_t wh, const char *tag) {
  uint64_t h = hoso__tag_hash_mix(wh, hoso__tag_hash(tag, strlen(tag)));
  return h ? h : 1;
}

static uint64_t *sent_word_hashes(vi_keycache *kc, const vsent *s, vi_tokens *ts, vi_word **w,
                                  size_t *capw, uint64_t *buf) {
  vd_words_of(kc, s, ts, w, capw);
  for (size_t i = 0; i < s->nw; i++) buf[i] = gold_word_hash(ts->t, &(*w)[i]);
  return buf;
}

/* Relabel v (raw VLSP tags) in place to UPOS; ud holds UD train. */
static void map_vlsp(vi_keycache *kc, const vcorpus *ud, vcorpus *v, unsigned minc) {
  vi_tokens ts = {0}, fp = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  uint64_t *a = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  uint64_t *b = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  /* UD sentences by fingerprint (index + 1 in a parallel table) */
  size_t cap = 1;
  while (cap < ud->n * 4) cap *= 2;
  uint64_t *fk = calloc(cap, sizeof(uint64_t));
  size_t *fi = calloc(cap, sizeof(size_t));
  if (!fk || !fi) vd_die("out of memory", NULL);
  for (size_t i = 0; i < ud->n; i++) {
    uint64_t h = vd_fingerprint(kc, &ud->s[i], &fp);
    size_t j = (size_t)h & (cap - 1);
    while (fk[j] && fk[j] != h) j = (j + 1) & (cap - 1);
    if (!fk[j]) fk[j] = h, fi[j] = i + 1;
  }
  vd_tagcount m = {0};
  size_t aligned = 0;
  for (size_t si = 0; si < v->n; si++) {
    const vsent *s = &v->s[si];
    uint64_t h = vd_fingerprint(kc, s, &fp);
    size_t j = (size_t)h & (cap - 1);
    while (fk[j] && fk[j] != h) j = (j + 1) & (cap - 1);
    if (!fk[j]) continue;
    const vsent *u = &ud->s[fi[j] - 1];
    if (u->nw != s->nw) continue;
    sent_word_hashes(kc, s, &ts, &w, &capw, a);
    sent_word_hashes(kc, u, &ts, &w, &capw, b);
    size_t k = 0;
    while (k < s->nw && a[k] == b[k]) k++;
    if (k < s->nw) continue;
    aligned++;
    for (k = 0; k < s->nw; k++) {
      size_t up = vd_upos_index(u->tag[k]);
      if (up < VD_NUPOS) vd_tagcount_get(&m, pair_key(a[k], s->tag[k]), 1)[up]++;
    }
  }
  size_t changed = 0, total = 0;
  for (size_t si = 0; si < v->n; si++) {
    vsent *s = &v->s[si];
    sent_word_hashes(kc, s, &ts, &w, &capw, a);
    for (size_t k = 0; k < s->nw; k++) {
      const char *def = vd_vlsp_upos(s->tag[k]), *t = def;
      const uint32_t *c = minc ? vd_tagcount_get(&m, pair_key(a[k], s->tag[k]), 0) : NULL;
      if (c) {
        uint32_t sum = 0, best = 0;
        size_t bi = 0;
        for (size_t up = 0; up < VD_NUPOS; up++) {
          sum += c[up];
          if (c[up] > best) best = c[up], bi = up;
        }
        if (sum >= minc) t = vd_upos_name(bi);
      }
      changed += strcmp(t, def) != 0;
      total++;
      free(s->tag[k]);
      s->tag[k] = vd_xstrndup(t, strlen(t));
    }
  }
  fprintf(stderr, "train_pos: %zu UD train sentences aligned with VLSP, %zu word pairs; "
          "%zu of %zu VLSP tags mapped by word\n", aligned, m.n, changed, total);
  vd_tagcount_free(&m);
  free(fk);
  free(fi);
  free(a);
  free(b);
  free(w);
  vi__tokens_free(&ts);
  vi__tokens_free(&fp);
}

static void add_corpus(hoso_tag_trainer *t, vi_keycache *kc, const vi_dict *d,
                       const vcorpus *c) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    vd_words_of(kc, s, &ts, &w, &capw);
    hoso__tag_seqbuf_reset(&sb);
    for (size_t i = 0; i < s->nw; i++) vi__pos_features(ts.t, w, s->nw, i, d, &sb);
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

/* Every training word's tag counts (keyed by gold_word_hash), for --dev's
** report of unknown words and of tags a word never has in training. */
static void count_sentence_tags(void *ctx, const vsent *s, const vi_tokens *ts,
                                const vi_word *w) {
  vd_tagcount *m = ctx;
  for (size_t i = 0; i < s->nw; i++) {
    size_t up = vd_upos_index(s->tag[i]);
    if (up < VD_NUPOS) vd_tagcount_get(m, gold_word_hash(ts->t, &w[i]), 1)[up]++;
  }
}

static void count_word_tags(vi_keycache *kc, const vcorpus *c, vd_tagcount *m) {
  vd_each_sentence(kc, c, count_sentence_tags, m);
}

typedef struct dev_report {
  size_t unknown, unknown_ok; /* words not in training, and tagged right */
  size_t unsupported;         /* known words whose gold tag they never have */
} dev_report;

static double dev_acc(const hoso_tag_model *m, vi_keycache *kc, const vi_dict *d,
                      const vcorpus *c, const vd_seen *seen, double *unseen_acc,
                      vd_tagcount *wt, dev_report *r) {
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
    for (size_t i = 0; i < s->nw; i++) vi__pos_features(ts.t, w, s->nw, i, d, &sb);
    hoso_tag_seq seq;
    lab = vd_xrealloc(lab, s->nw * sizeof(uint16_t));
    if (hoso__tag_seqbuf_seq(&sb, &seq) || hoso__tag_decode(m, wk, &seq, lab))
      vd_die("decode failed", NULL);
    int unseen = !vd_seen_has(seen, vd_fingerprint(kc, s, &fp));
    for (size_t i = 0; i < s->nw; i++) {
      int good = !strcmp(hoso__tag_label(m, lab[i]), s->tag[i]);
      ok += (size_t)good;
      if (unseen) uok += (size_t)good, utot++;
      const uint32_t *tc = vd_tagcount_get(wt, gold_word_hash(ts.t, &w[i]), 0);
      size_t up = vd_upos_index(s->tag[i]);
      if (!tc) r->unknown++, r->unknown_ok += (size_t)good;
      else if (up == VD_NUPOS || !tc[up]) r->unsupported++;
      if (!tc && getenv("VI_POS_UNKNOWN"))
        printf("unk\t%d\t%s\t%s\t%.*s\n", good, s->tag[i], hoso__tag_label(m, lab[i]),
               (int)(s->we[i] - s->ws[i]), s->text + s->ws[i]);
      if (!good && getenv("VI_POS_CONFUSION"))
        printf("%d\t%s\t%s\t%.*s\n", unseen, s->tag[i], hoso__tag_label(m, lab[i]),
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
    fprintf(stderr, "usage: train_pos SHARED_DATA OUTDIR [EPOCHS [PRUNE]] [--order2] [--dev]\n");
    return 2;
  }
  const char *sh = argv[1], *out = argv[2];
  unsigned epochs = argc > 3 && argv[3][0] != '-' ? (unsigned)atoi(argv[3]) : 20;
  double prune = argc > 4 && argv[4][0] != '-' ? atof(argv[4]) : 0.05;
  int dev = 0, order2 = 0;
  for (int i = 3; i < argc; i++) {
    dev |= !strcmp(argv[i], "--dev");
    order2 |= !strcmp(argv[i], "--order2");
  }
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
  vcorpus v = {0};
  vd_load_pos_dir_tags(&v, p, 1);
  map_vlsp(kc, &c, &v, WMAP_MIN);
  for (size_t i = 0; i < v.n; i++) { /* append v to c (moves the sentences) */
    if (c.n == c.cap) c.s = vd_xrealloc(c.s, (c.cap = c.cap * 2 + 1) * sizeof(vsent));
    c.s[c.n++] = v.s[i];
  }
  free(v.s);
  fprintf(stderr, "train_pos: %zu sentences (UD VTB %zu, VLSP POS %zu)\n", c.n, nud, c.n - nud);

  vd_seen seen = {0};
  vd_tagcount wt = {0};
  if (dev) {
    count_word_tags(kc, &c, &wt);
    vcorpus all = {0}; /* every training sentence, for the unseen subset */
    snprintf(p, sizeof(p), "%s/vlsp2013-ws/train", sh);
    vd_load_ws_dir(&all, p);
    vd_seen_corpus(&seen, kc, &all);
    vd_seen_corpus(&seen, kc, &c);
    vd_free(&all);
  }
  hoso_tag_train_opts o = {.epochs = epochs, .seed = 20130102, .min_count = 1, .prune = prune,
                           .greedy = 0, .info = VI_POS_INFO, .log = stderr,
                           .order2 = order2};
  hoso_tag_trainer *t = hoso__tag_trainer_new(&o);
  if (!t) vd_die("out of memory", NULL);
  /* dev (20 epochs, prune 0.05): VLSP tags mapped tag by tag with UD-
  ** specific feature copies (v3) 93.89; mapped word by word (map_vlsp),
  ** plain union 94.32 (13 MB), one copy of each feature 94.25 (6.7 MB). */
  add_corpus(t, kc, d, &c);
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
    dev_report r = {0};
    size_t nw = 0;
    for (size_t i = 0; i < dv.n; i++) nw += dv.s[i].nw;
    double ua, a = dev_acc(m, kc, d, &dv, &seen, &ua, &wt, &r);
    fprintf(stderr, "dev: POS accuracy (gold words) %.2f; unseen sentences %.2f\n", a, ua);
    fprintf(stderr, "dev: %zu words; %zu not in training (%.2f%%, tagged right %.2f%%); "
            "%zu (%.2f%%) known words with a tag they never have in training\n", nw,
            r.unknown, 100.0 * (double)r.unknown / (double)nw,
            r.unknown ? 100.0 * (double)r.unknown_ok / (double)r.unknown : 0.0, r.unsupported,
            100.0 * (double)r.unsupported / (double)nw);
    vd_tagcount_free(&wt);
    free(seen.k);
    vd_free(&dv);
    hoso__tag_model_close(m);
  }
  hoso__tag_trainer_free(t);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
