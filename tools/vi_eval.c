/*
** vi_eval.c -- `make eval` for Vietnamese words: segmentation P/R/F1 and
** POS accuracy on UD Vietnamese VTB dev and test, for hoso's models and,
** in the same run, for a dictionary longest-matching baseline built from
** the same data.
**
**   vi_eval SHARED_DATA MODEL_DIR
**
** SCORER (exact): each UD sentence's text is its gold words (FORM column)
** joined by one space. A system segments that text; a predicted word is
** correct when its byte span [start, end) equals the span of a gold word.
** P = correct / predicted words, R = correct / gold words, F1 = 2PR/(P+R),
** micro-averaged over all words of the split (punctuation included, as in
** the published VnCoreNLP/UD figures). POS accuracy = UPOS tags right /
** gold words, tagging the GOLD words (so it does not mix in segmentation
** errors); "word+POS F1" = span and UPOS both right, on the system's own
** segmentation.
**
** HELD OUT: UD VTB and VLSP 2013 both come from the Viet Treebank; most UD
** dev/test sentences also occur in the VLSP 2013 training files. The
** models (train_seg, train_pos) and the baseline here are trained without
** any sentence that matches a dev or test sentence (vd_heldout in
** vi_data.h); the last lines print what was dropped and check that no dev
** or test sentence is left in the baseline's training data.
**
** BASELINE: forward longest matching over the text core's tokens with a
** dictionary of every multi-syllable word of the training data (VLSP 2013
** WS train, VLSP 2013 POS train, UD VTB train, held-out sentences
** dropped) plus RDRsegmenter VnVocab,
** up to 6 syllables; POS = the word's most frequent training tag (VLSP
** tags mapped to UPOS), unknown words PROPN when capitalised, else NOUN,
** punctuation PUNCT.
*/
#define HOSO_VI_DATA_SCORE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"

/* A tag's index among the UPOS tags; an unknown tag counts as X. */
static size_t upos_id(const char *t) {
  size_t i = vd_upos_index(t);
  return i < VD_NUPOS ? i : VD_NUPOS - 1;
}

static uint64_t span_hash(const vi_tok *t, size_t a, size_t n) {
  uint64_t k[64];
  if (n > 64) n = 64;
  for (size_t j = 0; j < n; j++) k[j] = t[a + j].key;
  return vi__word_hash(k, n);
}

typedef struct baseline {
  vi_dict_builder *db;
  vi_dict *dict;
  vd_tagcount lx;
} baseline;

static void baseline_learn_sentence(void *ctx, const vsent *s, const vi_tokens *ts,
                                    const vi_word *w) {
  baseline *b = ctx;
  for (size_t i = 0; i < s->nw; i++) {
    uint64_t h = span_hash(ts->t, w[i].first, w[i].nsyl);
    if (w[i].nsyl >= 2 && w[i].nsyl <= VI_DICT_MAXLEN && vi__dict_builder_add(b->db, h))
      vd_die("out of memory", NULL);
    if (s->tag) vd_tagcount_get(&b->lx, h, 1)[upos_id(s->tag[i])]++;
  }
}

static void baseline_learn(baseline *b, vi_keycache *kc, const vcorpus *c) {
  vd_each_sentence(kc, c, baseline_learn_sentence, b);
}

static void baseline_vocab(baseline *b, vi_keycache *kc, const char *path) {
  size_t n;
  char *buf = vd_read(path, &n);
  vi_tokens ts = {0};
  size_t i = 0;
  while (i < n) {
    size_t e = i;
    while (e < n && buf[e] != '\n') e++;
    ts.n = 0;
    if (vi__tokenize(kc, NULL, buf + i, e - i, &ts)) vd_die("out of memory", NULL);
    if (ts.n >= 2 && ts.n <= VI_DICT_MAXLEN &&
        vi__dict_builder_add(b->db, span_hash(ts.t, 0, ts.n)))
      vd_die("out of memory", NULL);
    i = e + 1;
  }
  vi__tokens_free(&ts);
  free(buf);
}

static const char *baseline_tag(const baseline *b, const vi_tok *t, size_t first, size_t nsyl) {
  if (t[first].type == VI_PUNCT) return "PUNCT";
  uint32_t *c = vd_tagcount_get((vd_tagcount *)&b->lx, span_hash(t, first, nsyl), 0);
  if (c) {
    int best = -1;
    for (int k = 0; k < VD_NUPOS; k++)
      if (c[k] && (best < 0 || c[k] > c[best])) best = k;
    if (best >= 0) return vd_upos_name((size_t)best);
  }
  if (t[first].type == VI_NUM) return "NUM";
  return t[first].shape == VI_SH_TITLE || t[first].shape == VI_SH_UPPER ? "PROPN" : "NOUN";
}

/* Longest matching over tokens; returns words as (first, nsyl). */
static size_t baseline_segment(const baseline *b, const vi_tok *t, size_t n, vi_word *out) {
  size_t nw = 0, i = 0;
  while (i < n) {
    size_t best = 1;
    if (t[i].type != VI_PUNCT)
      for (size_t len = VI_DICT_MAXLEN; len >= 2; len--) {
        if (i + len > n) continue;
        int ok = 1;
        for (size_t j = i; j < i + len; j++) ok &= t[j].type != VI_PUNCT;
        if (ok && vi__dict_has(b->dict, span_hash(t, i, len))) {
          best = len;
          break;
        }
      }
    out[nw].first = i;
    out[nw].nsyl = best;
    nw++;
    i += best;
  }
  return nw;
}

typedef struct result {
  vd_score seg;
  size_t tag_ok, tag_n, joint_ok;
} result;

static void eval_split(const char *name, const vcorpus *c, const unsigned char *use,
                       const hoso_vi *vi, const hoso_tag_model *pos, const vi_dict *dict,
                       const baseline *b, vi_keycache *kc) {
  result hs = {0}, bs = {0};
  hoso_vi_ctx *ctx = hoso_vi_ctx_new();
  hoso_tag_work *wk = hoso__tag_work_new();
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  vi_tokens ts = {0};
  vi_word *w = NULL, *bw = NULL;
  size_t capw = 0, capb = 0;
  uint16_t *lab = NULL;
  if (!ctx || !wk) vd_die("out of memory", NULL);
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    if (!use[si]) continue;
    /* hoso: own segmentation + tags */
    const hoso_vi_word *hw;
    size_t nw;
    hoso_error err;
    if (hoso_vi_segment(vi, ctx, s->text, s->n, HOSO_VI_TAG, &hw, &nw, &err))
      vd_die(err.message, NULL);
    size_t g = 0;
    for (size_t i = 0; i < nw; i++) {
      size_t a = hw[i].off, e = hw[i].off + hw[i].len;
      while (g < s->nw && s->ws[g] < a) g++;
      if (g < s->nw && s->ws[g] == a && s->we[g] == e) {
        hs.seg.tp++;
        hs.joint_ok += !strcmp(hw[i].pos, s->tag[g]);
      }
    }
    hs.seg.npred += nw;
    hs.seg.ngold += s->nw;
    /* hoso: tags on gold words */
    vd_words_of(kc, s, &ts, &w, &capw);
    hoso__tag_seqbuf_reset(&sb);
    for (size_t i = 0; i < s->nw; i++) vi__pos_features(ts.t, w, s->nw, i, dict, &sb);
    hoso_tag_seq seq;
    lab = vd_xrealloc(lab, s->nw * sizeof(uint16_t));
    if (hoso__tag_seqbuf_seq(&sb, &seq) || hoso__tag_decode(pos, wk, &seq, lab))
      vd_die("tagging failed", NULL);
    for (size_t i = 0; i < s->nw; i++) hs.tag_ok += !strcmp(hoso__tag_label(pos, lab[i]), s->tag[i]);
    hs.tag_n += s->nw;
    /* baseline: tags on gold words */
    for (size_t i = 0; i < s->nw; i++)
      bs.tag_ok += !strcmp(baseline_tag(b, ts.t, w[i].first, w[i].nsyl), s->tag[i]);
    bs.tag_n += s->nw;
    /* baseline: own segmentation */
    ts.n = 0;
    if (vi__tokenize(kc, NULL, s->text, s->n, &ts)) vd_die("out of memory", NULL);
    if (ts.n > capb) bw = vd_xrealloc(bw, (capb = ts.n * 2) * sizeof(vi_word));
    size_t nb = baseline_segment(b, ts.t, ts.n, bw);
    g = 0;
    for (size_t i = 0; i < nb; i++) {
      size_t a = ts.t[bw[i].first].off;
      size_t e = ts.t[bw[i].first + bw[i].nsyl - 1].off + ts.t[bw[i].first + bw[i].nsyl - 1].len;
      while (g < s->nw && s->ws[g] < a) g++;
      if (g < s->nw && s->ws[g] == a && s->we[g] == e) {
        bs.seg.tp++;
        bs.joint_ok += !strcmp(baseline_tag(b, ts.t, bw[i].first, bw[i].nsyl), s->tag[g]);
      }
    }
    bs.seg.npred += nb;
    bs.seg.ngold += s->nw;
  }
  const result *r[2] = {&hs, &bs};
  const char *sys[2] = {"hoso (perceptron)", "longest-match baseline"};
  for (int k = 0; k < 2; k++) {
    const result *x = r[k];
    double jp = x->seg.npred ? 100.0 * (double)x->joint_ok / (double)x->seg.npred : 0;
    double jr = x->seg.ngold ? 100.0 * (double)x->joint_ok / (double)x->seg.ngold : 0;
    printf("%-5s %-24s %7zu  %6.2f %6.2f %6.2f   %6.2f   %6.2f\n", name, sys[k], x->seg.ngold,
           vd_p(&x->seg), vd_r(&x->seg), vd_f(&x->seg),
           x->tag_n ? 100.0 * (double)x->tag_ok / (double)x->tag_n : 0,
           jp + jr > 0 ? 2 * jp * jr / (jp + jr) : 0);
  }
  free(lab);
  free(w);
  free(bw);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
  hoso__tag_work_free(wk);
  hoso_vi_ctx_free(ctx);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: vi_eval SHARED_DATA MODEL_DIR\n");
    return 2;
  }
  const char *sh = argv[1], *md = argv[2];
  char p[4096];
  hoso_error err;
  hoso_vi *vi;
  if (hoso_vi_open(md, HOSO_VI_TAG, &vi, &err)) {
    fprintf(stderr, "vi_eval: %s: %s\n", err.file, err.message);
    return 2;
  }
  hoso_tag_model *pos;
  vi_dict *dict;
  snprintf(p, sizeof(p), "%s/vi-pos.model", md);
  if (hoso__tag_model_open(p, &pos, &err)) vd_die(err.message, p);
  snprintf(p, sizeof(p), "%s/vi-dict.bin", md);
  if (vi__dict_open(p, &dict, &err)) vd_die(err.message, p);
  vi_keycache *kc = vi__keycache_new();
  if (!kc) vd_die("out of memory", NULL);

  baseline b = {0};
  b.db = vi__dict_builder_new();
  if (!b.db) vd_die("out of memory", NULL);
  vcorpus tr = {0};
  vd_heldout held;
  vd_heldout_init(&held, kc, sh, "vi_eval (baseline)");
  vd_hook hook = vd_heldout_as_hook(&held);
  snprintf(p, sizeof(p), "%s/vlsp2013-ws/train", sh);
  vd_heldout_source(&held, "vlsp2013-ws/train");
  vd_load_ws_dir_hook(&tr, p, &hook);
  snprintf(p, sizeof(p), "%s/vlsp2013-pos/train", sh);
  vd_heldout_source(&held, "vlsp2013-pos/train");
  vd_load_pos_dir_hook(&tr, p, 0, &hook);
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-train.conllu", sh);
  vd_heldout_source(&held, "vi-ud-vtb/vi_vtb-ud-train.conllu");
  vd_load_conllu_hook(&tr, p, &hook);
  fflush(stdout);
  vd_heldout_free(&held);
  baseline_learn(&b, kc, &tr);
  vd_seen seen = {0};
  vd_seen_corpus(&seen, kc, &tr);
  vd_free(&tr);
  snprintf(p, sizeof(p), "%s/lexicons/RDRsegmenter_VnVocab/VnVocab.txt", sh);
  baseline_vocab(&b, kc, p);
  if (vi__dict_builder_dict(b.db, &b.dict, &err)) vd_die(err.message, NULL);

  printf("Vietnamese words -- UD Vietnamese VTB (%s/vi-ud-vtb), models in %s\n", sh, md);
  printf("scorer: exact byte spans of words in the gold words joined by spaces; micro P/R/F1;\n"
         "POS = UPOS accuracy on gold words; word+POS = span and UPOS both right\n");
  printf("%-5s %-24s %7s  %6s %6s %6s   %6s   %6s\n", "split", "system", "words", "P", "R", "F1",
         "POS", "w+POS");
  const char *splits[2] = {"dev", "test"};
  size_t nseen[2] = {0, 0}, nsent[2] = {0, 0};
  for (int k = 0; k < 2; k++) {
    vcorpus c = {0};
    snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-%s.conllu", sh, splits[k]);
    vd_load_conllu(&c, p);
    unsigned char *all = vd_xrealloc(NULL, c.n);
    vi_tokens ts = {0};
    for (size_t i = 0; i < c.n; i++) {
      all[i] = 1;
      nseen[k] += vd_seen_has(&seen, vd_fingerprint(kc, &c.s[i], &ts));
    }
    nsent[k] = c.n;
    vi__tokens_free(&ts);
    eval_split(splits[k], &c, all, vi, pos, dict, &b, kc);
    free(all);
    vd_free(&c);
  }
  printf("held out: training sentences matching a dev or test sentence are dropped (stderr: how\n"
         "many, from which source); dev sentences left in the training data: %zu of %zu, test: %zu of %zu\n",
         nseen[0], nsent[0], nseen[1], nsent[1]);
  free(seen.k);
  vi__dict_close(b.dict);
  vi__dict_builder_free(b.db);
  vd_tagcount_free(&b.lx);
  vi__keycache_free(kc);
  vi__dict_close(dict);
  hoso__tag_model_close(pos);
  hoso_vi_close(vi);
  return 0;
}
