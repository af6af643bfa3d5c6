/*
** vi_pos.h -- the POS tagger's training data, features and scoring, shared
** by tools/train_pos.c (the model `make models` builds) and
** tools/vi_pos_exp.c (experiments that never write a model). Header-only
** (static functions), like vi_data.h; tools only, never the library.
**
** Training data: UD VTB train (UPOS) and VLSP 2013 POS train with its tags
** mapped to UPOS word by word (vp_map_vlsp), optionally a 4-column VLSP
** file (vp_load_col4) mapped the same way. Words are the data's gold words.
**
** Ownership: every vp_* result (corpora, wordvals, models, tag counts) is
** owned by the caller and freed with the matching *_free / _close.
** Errors in training data or out of memory end the program (vd_die).
*/
#ifndef HOSO_VI_POS_H
#define HOSO_VI_POS_H

#include <math.h>
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
** pair was seen at least VP_WMAP_MIN times take the pair's most frequent
** UPOS, the others vd_vlsp_upos's. Learnt from training data only. */
#define VP_WMAP_MIN 2 /* dev: 1 -> 94.27, 2 -> 94.35, 3 -> 94.24 (v3 features) */

static uint64_t vp_word_hash(const vi_tok *t, const vi_word *w) {
  uint64_t h = VI_WORD_HASH_SEED;
  for (size_t j = 0; j < w->nsyl; j++) h = vi__word_hash_step(h, t[w->first + j].key);
  return h ? h : 1;
}

/* Key of (a word's hash from vp_word_hash, its VLSP tag). */
static uint64_t vp_pair_key(uint64_t wh, const char *tag) {
  uint64_t h = hoso__tag_hash_mix(wh, hoso__tag_hash(tag, strlen(tag)));
  return h ? h : 1;
}

static uint64_t *vp_sent_word_hashes(vi_keycache *kc, const vsent *s, vi_tokens *ts,
                                     vi_word **w, size_t *capw, uint64_t *buf) {
  vd_words_of(kc, s, ts, w, capw);
  for (size_t i = 0; i < s->nw; i++) buf[i] = vp_word_hash(ts->t, &(*w)[i]);
  return buf;
}

/* Sentences of c by fingerprint: index + 1 of the first sentence with each
** fingerprint, in an open-addressing table. */
typedef struct vp_sentidx {
  uint64_t *k;
  size_t *i;
  size_t cap;
} vp_sentidx;

static void vp_sentidx_build(vp_sentidx *x, vi_keycache *kc, const vcorpus *c) {
  vi_tokens fp = {0};
  x->cap = 1;
  while (x->cap < c->n * 4 + 4) x->cap *= 2;
  x->k = calloc(x->cap, sizeof(uint64_t));
  x->i = calloc(x->cap, sizeof(size_t));
  if (!x->k || !x->i) vd_die("out of memory", NULL);
  for (size_t i = 0; i < c->n; i++) {
    uint64_t h = vd_fingerprint(kc, &c->s[i], &fp);
    size_t j = (size_t)h & (x->cap - 1);
    while (x->k[j] && x->k[j] != h) j = (j + 1) & (x->cap - 1);
    if (!x->k[j]) x->k[j] = h, x->i[j] = i + 1;
  }
  vi__tokens_free(&fp);
}

/* Index + 1 of the sentence with fingerprint h, 0 if none. */
static size_t vp_sentidx_find(const vp_sentidx *x, uint64_t h) {
  size_t j = (size_t)h & (x->cap - 1);
  while (x->k[j] && x->k[j] != h) j = (j + 1) & (x->cap - 1);
  return x->k[j] ? x->i[j] : 0;
}

static void vp_sentidx_free(vp_sentidx *x) {
  free(x->k);
  free(x->i);
}

/* al[si] = 1 + the index in ud of the UD train sentence that VLSP
** sentence v->s[si] is (same fingerprint, same words), 0 if none; returns
** how many are aligned. */
static size_t vp_align(vi_keycache *kc, const vcorpus *ud, const vcorpus *v, size_t *al) {
  vi_tokens ts = {0}, fp = {0};
  vi_word *w = NULL;
  size_t capw = 0, aligned = 0;
  uint64_t *a = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  uint64_t *b = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  vp_sentidx ix;
  vp_sentidx_build(&ix, kc, ud);
  for (size_t si = 0; si < v->n; si++) {
    const vsent *s = &v->s[si];
    size_t ui = vp_sentidx_find(&ix, vd_fingerprint(kc, s, &fp));
    al[si] = 0;
    if (!ui) continue;
    const vsent *u = &ud->s[ui - 1];
    if (u->nw != s->nw) continue;
    vp_sent_word_hashes(kc, s, &ts, &w, &capw, a);
    vp_sent_word_hashes(kc, u, &ts, &w, &capw, b);
    if (memcmp(a, b, s->nw * sizeof(uint64_t))) continue;
    al[si] = ui;
    aligned++;
  }
  vp_sentidx_free(&ix);
  free(a);
  free(b);
  free(w);
  vi__tokens_free(&ts);
  vi__tokens_free(&fp);
  return aligned;
}

/* Relabel v (raw VLSP tags) in place to UPOS; ud holds UD train. */
static void vp_map_vlsp(vi_keycache *kc, const vcorpus *ud, vcorpus *v, unsigned minc) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  uint64_t *a = vd_xrealloc(NULL, VD_MAXW * sizeof(uint64_t));
  size_t *al = vd_xrealloc(NULL, (v->n + 1) * sizeof(size_t));
  size_t aligned = vp_align(kc, ud, v, al);
  vd_tagcount m = {0};
  for (size_t si = 0; si < v->n; si++) {
    if (!al[si]) continue;
    const vsent *s = &v->s[si], *u = &ud->s[al[si] - 1];
    vp_sent_word_hashes(kc, s, &ts, &w, &capw, a);
    for (size_t k = 0; k < s->nw; k++) {
      size_t up = vd_upos_index(u->tag[k]);
      if (up < VD_NUPOS) vd_tagcount_get(&m, vp_pair_key(a[k], s->tag[k]), 1)[up]++;
    }
  }
  size_t changed = 0, total = 0;
  for (size_t si = 0; si < v->n; si++) {
    vsent *s = &v->s[si];
    vp_sent_word_hashes(kc, s, &ts, &w, &capw, a);
    for (size_t k = 0; k < s->nw; k++) {
      const char *def = vd_vlsp_upos(s->tag[k]), *t = def;
      const uint32_t *c = minc ? vd_tagcount_get(&m, vp_pair_key(a[k], s->tag[k]), 0) : NULL;
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
  free(al);
  free(a);
  free(w);
  vi__tokens_free(&ts);
}

/* ---- 4-column VLSP files ----------------------------------------------
** "word<TAB>VLSP tag<TAB>..." per line (VLSP 2016 NER's dev-4col.txt:
** word, POS, chunk, NER), sentences separated by blank lines, syllables
** of a word separated by spaces. Raw VLSP tags are kept ("FW", foreign
** word, read as "X"); a sentence with a line without a tab or with an
** unknown tag is skipped, and so is one of more than VD_MAXW words. */
typedef struct vp_col4 {
  vcorpus *c;
  char *w[VD_MAXW];
  size_t wl[VD_MAXW];
  const char *t[VD_MAXW];
  size_t k, skipped;
  int bad;
} vp_col4;

static void vp_col4_flush(vp_col4 *st) {
  if (st->k && !st->bad) vd_add(st->c, (const char *const *)st->w, st->wl, st->t, st->k, 0);
  else if (st->k) st->skipped++;
  st->k = 0;
  st->bad = 0;
}

static void vp_col4_line(char *line, void *arg) {
  vp_col4 *st = arg;
  if (!*line) {
    vp_col4_flush(st);
    return;
  }
  char *tab = strchr(line, '\t');
  if (!tab || st->k == VD_MAXW || tab == line) {
    st->bad = 1;
    return;
  }
  *tab = 0;
  char *tag = tab + 1, *e = strchr(tag, '\t');
  if (e) *e = 0;
  if (!strcmp(tag, "FW")) tag = "X";
  if (!vd_vlsp_upos(tag)) {
    st->bad = 1;
    return;
  }
  st->w[st->k] = line;
  st->wl[st->k] = (size_t)(tab - line);
  st->t[st->k] = tag;
  st->k++;
}

/* Append path's sentences to c (through hook h, may be NULL); returns how
** many were skipped as malformed. */
static size_t vp_load_col4(vcorpus *c, const char *path, const vd_hook *h) {
  size_t n, from = c->n;
  char *buf = vd_read(path, &n);
  vp_col4 *st = calloc(1, sizeof(*st));
  if (!st) vd_die("out of memory", NULL);
  st->c = c;
  vd_lines(buf, n, vp_col4_line, st);
  vp_col4_flush(st);
  vd_hook_call(h, c, from, path);
  size_t skipped = st->skipped;
  free(st);
  free(buf);
  return skipped;
}

/* ---- per-word values ---------------------------------------------------- */

/* Per-word values of a corpus, flat: word k of sentence i is at
** v[off[i] + k]. Here: tags, each as vp_tag_hash of its name. */
typedef struct vp_wordvals {
  uint64_t *v;
  size_t *off; /* n + 1 */
} vp_wordvals;

static void vp_wordvals_init(vp_wordvals *x, const vcorpus *c) {
  x->off = vd_xrealloc(NULL, (c->n + 1) * sizeof(size_t));
  x->off[0] = 0;
  for (size_t i = 0; i < c->n; i++) x->off[i + 1] = x->off[i] + c->s[i].nw;
  x->v = vd_xrealloc(NULL, (x->off[c->n] + 1) * sizeof(uint64_t));
}

static void vp_wordvals_free(vp_wordvals *x) {
  free(x->v);
  free(x->off);
}

static uint64_t vp_tag_hash(const char *name) { return hoso__tag_hash(name, strlen(name)); }

static const char *vp_tag_of_hash(uint64_t h) {
  for (size_t up = 0; up < VD_NUPOS; up++)
    if (vp_tag_hash(vd_upos_name(up)) == h) return vd_upos_name(up);
  return "?";
}

/* ---- features ----------------------------------------------------------
** vi__pos_features (src/vi/posfeat.c, what the runtime uses), and two
** experimental additions (vi_pos_exp only; no model file has them):
** - salt 1: UD VTB sentences get a second, UD-specific copy of every
**   feature, and so does every sentence tagged (Daume 2007's feature
**   augmentation, decoding with UD's copy); salt 2: VLSP sentences get
**   their own copy as well;
** - stacked: the first tagger's predicted tags of the word and its
**   neighbours at -2..+2 (ph, tag hashes), their pairs, and the word with
**   them. */
#define VP_BOS 0x5bd1e9955bd1e995ULL
#define VP_EOS 0xc2b2ae3d27d4eb4fULL

typedef struct vp_feat {
  vi_keycache *kc;
  const vi_dict *d;
  int salt;   /* 0, 1 or 2, see above */
  size_t nud; /* sentences [0, nud) of a training corpus are UD VTB's */
  unsigned x; /* VP_X_* feature groups added to vi__pos_features' */
  /* Training-data options (session 8; vp_add_corpus only, 0/NULL = off):
  ** ud_times: each UD VTB sentence is added that many times (> 1:
  ** oversampled). conf: per word of the training corpus (flat, by the
  ** corpus's word offsets as vp_wordvals), how sure the VLSP->UPOS map was
  ** of its tag (vp_map_ctx's margins; UD's and aligned words: INFINITY);
  ** words below conf_cut are, by conf_mode, VP_CONF_DROP: the whole
  ** sentence is left out; VP_CONF_UNKNOWN: the word's label is unknown
  ** (src/tag's partial labels: no update at that word). */
  unsigned ud_times;
  const float *conf;
  const size_t *conf_off;
  float conf_cut;
  int conf_mode;
} vp_feat;

enum { VP_CONF_DROP = 1, VP_CONF_UNKNOWN = 2 };

/* Experimental feature groups for words unseen in training (session 6,
** vi_pos_exp --x=MASK; no model file has them):
**   VP_X_SYL    every syllable of a multi-syllable word (any position)
**               and the shapes of its first four syllables together;
**   VP_X_EDGE   the first and the last syllable each with the syllable
**               count, and the two together;
**   VP_X_NEIGH  the previous word with the first syllable, the last
**               syllable with the next word. */
enum { VP_X_SYL = 1, VP_X_EDGE = 2, VP_X_NEIGH = 4 };

static void vp_x_features(const vi_tok *t, const vi_word *w, size_t n, size_t i, unsigned x,
                          hoso_tag_seqbuf *b) {
  const vi_word *c = &w[i];
  const vi_tok *first = &t[c->first], *last = &t[c->first + c->nsyl - 1];
  uint64_t ns = c->nsyl > 4 ? 4 : c->nsyl;
#define VP_X3(a, b, c) hoso__tag_hash_mix(hoso__tag_hash_mix((a), (b)), (c))
  if (x & VP_X_SYL) {
    uint64_t pat = 0;
    for (size_t j = 0; j < c->nsyl; j++) {
      if (c->nsyl > 1) hoso__tag_seqbuf_add(b, VP_X3(5000, 0, t[c->first + j].key));
      if (j < 4) pat = pat << 4 | t[c->first + j].shape;
    }
    hoso__tag_seqbuf_add(b, VP_X3(5001, ns, pat));
  }
  if (x & VP_X_EDGE) {
    hoso__tag_seqbuf_add(b, VP_X3(5002, ns, first->key));
    hoso__tag_seqbuf_add(b, VP_X3(5003, ns, last->key));
    if (c->nsyl > 1) hoso__tag_seqbuf_add(b, VP_X3(5004, first->key, last->key));
  }
  if (x & VP_X_NEIGH) {
    uint64_t pw = i ? vp_word_hash(t, &w[i - 1]) : VP_BOS;
    uint64_t nw = i + 1 < n ? vp_word_hash(t, &w[i + 1]) : VP_EOS;
    hoso__tag_seqbuf_add(b, VP_X3(5005, pw, first->key));
    hoso__tag_seqbuf_add(b, VP_X3(5006, last->key, nw));
  }
#undef VP_X3
}


static void vp_stack_features(const vi_tok *t, const vi_word *w, size_t n, size_t i,
                              const uint64_t *ph, hoso_tag_seqbuf *b) {
  uint64_t p[5];
  for (int j = -2; j <= 2; j++) {
    ptrdiff_t q = (ptrdiff_t)i + j;
    p[j + 2] = q < 0 ? VP_BOS : (size_t)q >= n ? VP_EOS : ph[q];
  }
  uint64_t w0 = vp_word_hash(t, &w[i]);
#define VP_M3(a, b, c) hoso__tag_hash_mix(hoso__tag_hash_mix((a), (b)), (c))
  for (int j = 0; j < 5; j++) hoso__tag_seqbuf_add(b, VP_M3(4000, (uint64_t)j, p[j]));
  hoso__tag_seqbuf_add(b, VP_M3(4001, p[1], p[3]));
  hoso__tag_seqbuf_add(b, VP_M3(4002, p[0], p[1]));
  hoso__tag_seqbuf_add(b, VP_M3(4003, p[3], p[4]));
  hoso__tag_seqbuf_add(b, VP_M3(4004, p[1], p[2]) ^ p[3]);
  hoso__tag_seqbuf_add(b, VP_M3(4005, w0, p[1]));
  hoso__tag_seqbuf_add(b, VP_M3(4006, w0, p[3]));
  hoso__tag_seqbuf_add(b, VP_M3(4007, w0, p[2]));
#undef VP_M3
}

/* The features of sentence s (tokens and words left in ts, w) into sb;
** ud: s is UD VTB's (or is being tagged); ph: stacked (NULL: not). */
static int vp_sent_seq(const vp_feat *f, const vsent *s, int ud, const uint64_t *ph,
                       vi_tokens *ts, vi_word **w, size_t *capw, hoso_tag_seqbuf *sb,
                       hoso_tag_seq *seq) {
  vd_words_of(f->kc, s, ts, w, capw);
  hoso__tag_seqbuf_reset(sb);
  for (size_t i = 0; i < s->nw; i++) {
    size_t f0 = sb->nfeats;
    vi__pos_features(ts->t, *w, s->nw, i, f->d, sb);
    if (f->x) vp_x_features(ts->t, *w, s->nw, i, f->x, sb);
    if (ph) vp_stack_features(ts->t, *w, s->nw, i, ph, sb);
    size_t f1 = sb->rc ? f0 : sb->nfeats;
    if (f->salt == 1 ? ud : f->salt == 2)
      for (size_t j = f0; j < f1; j++)
        hoso__tag_seqbuf_add(sb, hoso__tag_hash_mix(sb->feats[j], ud ? 0x5a17 : 0x5a18));
  }
  return hoso__tag_seqbuf_seq(sb, seq);
}

/* Add c's sentences to t: all of them when fold is NULL, else those whose
** fold is not skip. ph: the first tagger's tags (stacked model) or NULL. */
static void vp_add_corpus(hoso_tag_trainer *t, const vp_feat *f, const vcorpus *c,
                          const unsigned char *fold, unsigned skip, const vp_wordvals *ph) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  const char **lab = vd_xrealloc(NULL, VD_MAXW * sizeof(char *));
  size_t dropped = 0, unknown = 0;
  for (size_t si = 0; si < c->n; si++) {
    if (fold && fold[si] == skip) continue;
    const vsent *s = &c->s[si];
    const float *cf = f->conf ? f->conf + f->conf_off[si] : NULL;
    size_t low = 0;
    for (size_t i = 0; cf && i < s->nw; i++) {
      lab[i] = cf[i] < f->conf_cut && f->conf_mode == VP_CONF_UNKNOWN ? NULL : s->tag[i];
      low += cf[i] < f->conf_cut;
    }
    if (low && f->conf_mode == VP_CONF_DROP) {
      dropped++;
      continue;
    }
    unknown += low;
    hoso_tag_seq seq;
    hoso_error err;
    if (vp_sent_seq(f, s, si < f->nud, ph ? ph->v + ph->off[si] : NULL, &ts, &w, &capw, &sb,
                    &seq))
      vd_die("out of memory", NULL);
    unsigned times = si < f->nud && f->ud_times > 1 ? f->ud_times : 1;
    for (unsigned k = 0; k < times; k++)
      if (hoso__tag_trainer_add(t, &seq, cf ? lab : (const char *const *)s->tag, &err))
        vd_die("cannot add a training sentence", err.message);
  }
  if (f->conf && f->conf_mode == VP_CONF_DROP)
    fprintf(stderr, "train_pos: %zu VLSP sentences with a word mapped with margin < %g left out\n",
            dropped, (double)f->conf_cut);
  if (f->conf && f->conf_mode == VP_CONF_UNKNOWN)
    fprintf(stderr, "train_pos: %zu VLSP words mapped with margin < %g have unknown labels\n",
            unknown, (double)f->conf_cut);
  free(lab);
  free(w);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

/* Train a tagger on c (less fold skip, see vp_add_corpus; stacked with ph);
** save it as OUTDIR/name when name is not NULL; return the model. */
static hoso_tag_model *vp_train(const hoso_tag_train_opts *o, const vp_feat *f,
                                const vcorpus *c, const unsigned char *fold, unsigned skip,
                                const vp_wordvals *ph, const char *outdir, const char *name) {
  hoso_error err;
  hoso_tag_trainer *t = hoso__tag_trainer_new(o);
  if (!t) vd_die("out of memory", NULL);
  vp_add_corpus(t, f, c, fold, skip, ph);
  if (hoso__tag_trainer_train(t, &err)) vd_die(err.message, NULL);
  if (name) {
    char p[4096];
    snprintf(p, sizeof(p), "%s/%s", outdir, name);
    if (hoso__tag_trainer_save(t, p, &err)) vd_die(err.message, p);
    fprintf(stderr, "train_pos: wrote %s\n", p);
  }
  hoso_tag_model *m;
  if (hoso__tag_trainer_model(t, &m, &err)) vd_die(err.message, NULL);
  hoso__tag_trainer_free(t);
  return m;
}

/* Tag c's sentences (those of fold `only` when fold is not NULL) with the
** sum of models m[0..nm)' scores (same labels in the same order; first-
** order Viterbi; one model: exactly hoso__tag_decode's labels) into out
** (tag hashes). ud: as vp_sent_seq's (c is UD's). ph as vp_add_corpus's. */
static void vp_predict(hoso_tag_model *const *m, size_t nm, const vp_feat *f,
                       const vcorpus *c, int ud, const unsigned char *fold, unsigned only,
                       const vp_wordvals *ph, vp_wordvals *out) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0, L = hoso__tag_nlabels(m[0]);
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  hoso_tag_work *wk = hoso__tag_work_new();
  if (!wk) vd_die("out of memory", NULL);
  float *tr = vd_xrealloc(NULL, (L + 1) * L * sizeof(float));
  for (size_t a = 0; a <= L; a++)
    for (size_t b = 0; b < L; b++) {
      tr[a * L + b] = 0;
      for (size_t k = 0; k < nm; k++) tr[a * L + b] += hoso__tag_trans(m[k], a, b);
    }
  uint64_t lh[HOSO_TAG_MAX_LABELS];
  for (size_t y = 0; y < L; y++) lh[y] = vp_tag_hash(hoso__tag_label(m[0], y));
  float *dl = NULL;
  uint16_t *bk = NULL, *lab = NULL;
  for (size_t si = 0; si < c->n; si++) {
    if (fold && fold[si] != only) continue;
    const vsent *s = &c->s[si];
    size_t n = s->nw;
    hoso_tag_seq seq;
    if (!n) continue;
    if (vp_sent_seq(f, s, ud, ph ? ph->v + ph->off[si] : NULL, &ts, &w, &capw, &sb, &seq))
      vd_die("out of memory", NULL);
    lab = vd_xrealloc(lab, n * sizeof(uint16_t));
    if (nm == 1) {
      if (hoso__tag_decode(m[0], wk, &seq, lab)) vd_die("decode failed", NULL);
    } else {
      dl = vd_xrealloc(dl, n * L * sizeof(float));
      bk = vd_xrealloc(bk, n * L * sizeof(uint16_t));
      for (size_t i = 0; i < n; i++) {
        float *e = dl + i * L;
        for (size_t y = 0; y < L; y++) e[y] = 0;
        for (size_t k = 0; k < nm; k++)
          hoso__tag_score(m[k], seq.feats + seq.off[i], seq.off[i + 1] - seq.off[i], e);
      }
      for (size_t y = 0; y < L; y++) dl[y] += tr[L * L + y];
      for (size_t i = 1; i < n; i++)
        for (size_t y = 0; y < L; y++) {
          size_t best = 0;
          float bs = dl[(i - 1) * L] + tr[y];
          for (size_t a = 1; a < L; a++) {
            float v = dl[(i - 1) * L + a] + tr[a * L + y];
            if (v > bs) bs = v, best = a;
          }
          dl[i * L + y] += bs;
          bk[i * L + y] = (uint16_t)best;
        }
      size_t y = 0;
      for (size_t a = 1; a < L; a++)
        if (dl[(n - 1) * L + a] > dl[(n - 1) * L + y]) y = a;
      for (size_t i = n; i-- > 0;) {
        lab[i] = (uint16_t)y;
        if (i) y = bk[i * L + y];
      }
    }
    for (size_t i = 0; i < n; i++) out->v[out->off[si] + i] = lh[lab[i]];
  }
  free(dl);
  free(bk);
  free(lab);
  free(tr);
  free(w);
  hoso__tag_work_free(wk);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

/* How sure model m is of its own tags of c's words (stacked with ph, may be
** NULL): conf[off + i] = the score of the label Viterbi gives word i minus
** the best score of another label there, the neighbours' labels held
** fixed (emission + both transitions); >= 0. conf is flat by c's word
** offsets (vp_wordvals_init's off). */
static void vp_margins(const hoso_tag_model *m, const vp_feat *f, const vcorpus *c,
                       const vp_wordvals *ph, float *conf) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0, L = hoso__tag_nlabels(m), at = 0;
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  hoso_tag_work *wk = hoso__tag_work_new();
  uint16_t *lab = vd_xrealloc(NULL, VD_MAXW * sizeof(uint16_t));
  float *e = vd_xrealloc(NULL, L * sizeof(float));
  if (!wk) vd_die("out of memory", NULL);
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    size_t n = s->nw;
    hoso_tag_seq seq;
    if (!n) continue;
    if (vp_sent_seq(f, s, 0, ph ? ph->v + ph->off[si] : NULL, &ts, &w, &capw, &sb, &seq) ||
        hoso__tag_decode(m, wk, &seq, lab))
      vd_die("out of memory", NULL);
    for (size_t i = 0; i < n; i++) {
      for (size_t y = 0; y < L; y++) e[y] = 0;
      hoso__tag_score(m, seq.feats + seq.off[i], seq.off[i + 1] - seq.off[i], e);
      float best = 0, other = -1e30f;
      for (size_t y = 0; y < L; y++) {
        float v = e[y] + hoso__tag_trans(m, i ? lab[i - 1] : L, y) +
                  (i + 1 < n ? hoso__tag_trans(m, y, lab[i + 1]) : 0.0f);
        if (y == lab[i]) best = v;
        else if (v > other) other = v;
      }
      conf[at++] = best - other > 0 ? best - other : 0;
    }
  }
  free(e);
  free(lab);
  free(w);
  hoso__tag_work_free(wk);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

static int vp_cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* The value below which a fraction q of conf's finite values lie (the
** VLSP words the map tagged; UD's and the aligned words are INFINITY). */
static float vp_conf_quantile(const float *conf, size_t n, double q) {
  float *v = vd_xrealloc(NULL, (n + 1) * sizeof(float));
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(conf[i])) v[k++] = conf[i];
  qsort(v, k, sizeof(float), vp_cmp_float);
  size_t at = (size_t)(q * (double)k);
  float cut = k ? v[at < k ? at : k - 1] : 0;
  fprintf(stderr, "train_pos: map margins of %zu VLSP words: quantile %.3f is %g (median %g)\n", k, q, (double)cut,
         k ? (double)v[k / 2] : 0.0);
  free(v);
  return cut;
}

/* ---- VLSP tags -> UPOS in context (session 7) --------------------------
** vp_map_vlsp gives each (word, VLSP tag) pair one UPOS wherever it occurs.
** The contextual map is a tagger instead (annotation adaptation): trained
** on the UD train sentences that VLSP POS train also holds with the same
** words, with UD's UPOS as labels and as features the tagger's own
** (vi__pos_features) plus the VLSP tags of the word and of its neighbours
** at -2..+2, their pairs and the word with them (vp_stack_features over
** the VLSP tags), so that one (word, VLSP tag) pair can take different
** UPOS in different contexts. It relabels every VLSP sentence; the aligned
** ones take UD's own tags. Learnt from training data only (UD train and
** VLSP train, both through the held-out filter). */
typedef struct vp_cmap {
  const vp_feat *f;       /* the mapper's base features (salt 0, no x) */
  hoso_tag_train_opts o;  /* the mapper's training options */
  unsigned cv;            /* > 1: print the mapper's cv-fold accuracy on
                             the aligned sentences, beside the word map's
                             and the tag-for-tag table's */
} vp_cmap;

/* VLSP tag hashes of c's words into out (vp_wordvals_init'ed for c). The
** hashes are salted so that no VLSP tag hash equals a UPOS tag hash. */
static void vp_vlsp_tag_hashes(const vcorpus *c, vp_wordvals *out) {
  for (size_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < c->s[i].nw; k++)
      out->v[out->off[i] + k] = hoso__tag_hash_mix(0x71599, vp_tag_hash(c->s[i].tag[k]));
}

/* conf (may be NULL): the map's margins (vp_margins) of v's words, flat
** by v's word offsets, INFINITY for the aligned sentences' words. */
static void vp_map_ctx(vi_keycache *kc, const vp_cmap *cm, const vcorpus *ud, vcorpus *v,
                       float *conf) {
  size_t *al = vd_xrealloc(NULL, (v->n + 1) * sizeof(size_t));
  size_t na = vp_align(kc, ud, v, al), *src = vd_xrealloc(NULL, (na + 1) * sizeof(size_t));
  vcorpus mc = {.s = vd_xrealloc(NULL, (na + 1) * sizeof(vsent)), .cap = na + 1};
  for (size_t si = 0; si < v->n; si++)
    if (al[si]) src[mc.n] = si, mc.s[mc.n++] = ud->s[al[si] - 1]; /* shallow copies */
  vcorpus mv = {.s = vd_xrealloc(NULL, (na + 1) * sizeof(vsent)), .n = na, .cap = na + 1};
  for (size_t j = 0; j < na; j++) mv.s[j] = v->s[src[j]]; /* their VLSP copies, shallow */
  vp_wordvals mph, vph, out;
  vp_wordvals_init(&mph, &mc);
  vp_vlsp_tag_hashes(&mv, &mph);
  if (cm->cv > 1) {
    unsigned char *fold = vd_xrealloc(NULL, na + 1);
    vi_tokens fp = {0};
    for (size_t j = 0; j < na; j++) fold[j] = (unsigned char)(vd_fingerprint(kc, &mc.s[j], &fp) % cm->cv);
    vi__tokens_free(&fp);
    vp_wordvals_init(&out, &mc);
    for (unsigned k = 0; k < cm->cv; k++) {
      hoso_tag_model *m = vp_train(&cm->o, cm->f, &mc, fold, k, &mph, NULL, NULL);
      vp_predict(&m, 1, cm->f, &mc, 0, fold, k, &mph, &out);
      hoso__tag_model_close(m);
    }
    size_t ok = 0, okt = 0, tot = mph.off[na];
    for (size_t j = 0; j < na; j++)
      for (size_t k = 0; k < mc.s[j].nw; k++) {
        ok += out.v[out.off[j] + k] == vp_tag_hash(mc.s[j].tag[k]);
        okt += !strcmp(vd_vlsp_upos(mv.s[j].tag[k]), mc.s[j].tag[k]);
      }
    fprintf(stderr, "train_pos: contextual VLSP->UPOS map, %u-fold on the %zu aligned sentences "
            "(%zu words): %.2f%% UD's tags (tag-for-tag table: %.2f%%)\n", cm->cv, na, tot,
            100.0 * (double)ok / (double)tot, 100.0 * (double)okt / (double)tot);
    vp_wordvals_free(&out);
    free(fold);
  }
  hoso_tag_model *m = vp_train(&cm->o, cm->f, &mc, NULL, 0, &mph, NULL, NULL);
  vp_wordvals_init(&vph, v);
  vp_vlsp_tag_hashes(v, &vph);
  vp_wordvals_init(&out, v);
  vp_predict(&m, 1, cm->f, v, 0, NULL, 0, &vph, &out);
  if (conf) {
    vp_margins(m, cm->f, v, &vph, conf);
    for (size_t si = 0; si < v->n; si++)
      for (size_t k = 0; al[si] && k < v->s[si].nw; k++) conf[out.off[si] + k] = INFINITY;
  }
  size_t changed = 0, total = 0;
  for (size_t si = 0; si < v->n; si++) {
    vsent *s = &v->s[si];
    for (size_t k = 0; k < s->nw; k++) {
      const char *t = al[si] ? ud->s[al[si] - 1].tag[k] : vp_tag_of_hash(out.v[out.off[si] + k]);
      changed += strcmp(t, vd_vlsp_upos(s->tag[k])) != 0;
      total++;
      free(s->tag[k]);
      s->tag[k] = vd_xstrndup(t, strlen(t));
    }
  }
  fprintf(stderr, "train_pos: contextual VLSP->UPOS map from %zu aligned UD train sentences: "
          "%zu of %zu VLSP tags differ from the tag-for-tag table\n", na, changed, total);
  hoso__tag_model_close(m);
  vp_wordvals_free(&out);
  vp_wordvals_free(&vph);
  vp_wordvals_free(&mph);
  free(mv.s);
  free(mc.s);
  free(src);
  free(al);
}

/* The training data: UD VTB train first (*nud sentences), then VLSP 2013
** POS train and, when extra is not NULL, that 4-column file, mapped to
** UPOS by vp_map_vlsp (cm NULL) or vp_map_ctx. Every file is read through held's filter (UD VTB
** dev and test sentences dropped; held NULL: nothing dropped, only for
** the overlap analysis of vi_pos_exp --keep-heldout). */
/* conf (may be NULL, only with cm): *conf gets the map's margins of every
** word of c (malloc'd, flat by c's word offsets; UD's words INFINITY). */
static void vp_load_training(vi_keycache *kc, const char *shared, const char *extra,
                             vd_heldout *held, const vp_cmap *cm, vcorpus *c, size_t *nud,
                             float **conf) {
  char p[4096];
  vd_hook hk = {0}, *h = NULL;
  if (held) hk = vd_heldout_as_hook(held), h = &hk;
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-train.conllu", shared);
  if (held) vd_heldout_source(held, "vi-ud-vtb/vi_vtb-ud-train.conllu");
  vd_load_conllu_hook(c, p, h);
  *nud = c->n;
  snprintf(p, sizeof(p), "%s/vlsp2013-pos/train", shared);
  vcorpus v = {0};
  if (held) vd_heldout_source(held, "vlsp2013-pos/train");
  vd_load_pos_dir_hook(&v, p, 1, h);
  if (extra) {
    if (held) vd_heldout_source(held, extra);
    size_t before = v.n, skipped = vp_load_col4(&v, extra, h);
    fprintf(stderr, "train_pos: %zu sentences from %s (%zu skipped)\n", v.n - before, extra,
            skipped);
  }
  if (held) vd_heldout_end(held);
  float *vconf = NULL;
  size_t nudw = 0, nvw = 0;
  if (conf) {
    if (!cm) vd_die("mapper margins need the contextual map", NULL);
    for (size_t i = 0; i < c->n; i++) nudw += c->s[i].nw;
    for (size_t i = 0; i < v.n; i++) nvw += v.s[i].nw;
    *conf = vd_xrealloc(NULL, (nudw + nvw + 1) * sizeof(float));
    for (size_t i = 0; i < nudw; i++) (*conf)[i] = INFINITY;
    vconf = *conf + nudw;
  }
  if (cm) vp_map_ctx(kc, cm, c, &v, vconf);
  else vp_map_vlsp(kc, c, &v, VP_WMAP_MIN);
  for (size_t i = 0; i < v.n; i++) { /* append v to c (moves the sentences) */
    if (c->n == c->cap) c->s = vd_xrealloc(c->s, (c->cap = c->cap * 2 + 1) * sizeof(vsent));
    c->s[c->n++] = v.s[i];
  }
  free(v.s);
  fprintf(stderr, "train_pos: %zu sentences (UD VTB %zu, VLSP POS %zu) after dropping %zu "
          "that match one of UD VTB dev+test's %zu\n", c->n, *nud, c->n - *nud,
          held ? held->all_dropped : 0, held ? held->nheld : 0);
}

/* ---- scoring on dev ------------------------------------------------------ */

/* Every training word's tag counts (keyed by vp_word_hash), for the
** report of unknown words and of tags a word never has in training. */
static void vp_count_sentence_tags(void *ctx, const vsent *s, const vi_tokens *ts,
                                   const vi_word *w) {
  vd_tagcount *m = ctx;
  for (size_t i = 0; i < s->nw; i++) {
    size_t up = vd_upos_index(s->tag[i]);
    if (up < VD_NUPOS) vd_tagcount_get(m, vp_word_hash(ts->t, &w[i]), 1)[up]++;
  }
}

typedef struct vp_dev_report {
  size_t unknown, unknown_ok; /* words not in training, and tagged right */
  size_t unsupported;         /* known words whose gold tag they never have */
} vp_dev_report;

/* Accuracy of pred (tag hashes) on c; *unseen_acc on the sentences not in
** seen; r (may be NULL) counts the words not in training (wt) and the
** unsupported tags. VI_POS_UNKNOWN / VI_POS_CONFUSION in the environment
** print the unknown words / the errors on stdout. */
static double vp_dev_acc(vi_keycache *kc, const vcorpus *c, const vp_wordvals *pred,
                         const vd_seen *seen, double *unseen_acc, vd_tagcount *wt,
                         vp_dev_report *r) {
  size_t uok = 0, utot = 0;
  vi_tokens fp = {0};
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0, ok = 0, tot = 0;
  int p_unk = getenv("VI_POS_UNKNOWN") != NULL, p_conf = getenv("VI_POS_CONFUSION") != NULL;
  for (size_t si = 0; si < c->n; si++) {
    const vsent *s = &c->s[si];
    vd_words_of(kc, s, &ts, &w, &capw);
    const uint64_t *ph = pred->v + pred->off[si];
    int unseen = !vd_seen_has(seen, vd_fingerprint(kc, s, &fp));
    for (size_t i = 0; i < s->nw; i++) {
      int good = ph[i] == vp_tag_hash(s->tag[i]);
      ok += (size_t)good;
      if (unseen) uok += (size_t)good, utot++;
      const uint32_t *tc = vd_tagcount_get(wt, vp_word_hash(ts.t, &w[i]), 0);
      size_t up = vd_upos_index(s->tag[i]);
      if (r && !tc) r->unknown++, r->unknown_ok += (size_t)good;
      else if (r && (up == VD_NUPOS || !tc[up])) r->unsupported++;
      if (r && !tc && p_unk)
        printf("unk\t%d\t%s\t%s\t%.*s\n", good, s->tag[i], vp_tag_of_hash(ph[i]),
               (int)(s->we[i] - s->ws[i]), s->text + s->ws[i]);
      if (r && !good && p_conf)
        printf("%d\t%s\t%s\t%.*s\n", unseen, s->tag[i], vp_tag_of_hash(ph[i]),
               (int)(s->we[i] - s->ws[i]), s->text + s->ws[i]);
    }
    tot += s->nw;
  }
  *unseen_acc = utot ? 100.0 * (double)uok / (double)utot : 0;
  vi__tokens_free(&fp);
  free(w);
  vi__tokens_free(&ts);
  return tot ? 100.0 * (double)ok / (double)tot : 0;
}

/* The dev data and what the reports need: the training words' tag counts
** and the fingerprints of every training sentence (VLSP 2013 word
** segmentation train too), for the unseen subset. */
typedef struct vp_dev {
  vcorpus dv;
  vd_seen seen;
  vd_tagcount wt;
} vp_dev;

static void vp_dev_load(vp_dev *x, vi_keycache *kc, const char *shared, const vcorpus *train,
                        vd_heldout *held) {
  char p[4096];
  memset(x, 0, sizeof(*x));
  vd_each_sentence(kc, train, vp_count_sentence_tags, &x->wt);
  vcorpus all = {0};
  snprintf(p, sizeof(p), "%s/vlsp2013-ws/train", shared);
  vd_hook hk = {0};
  if (held) hk = vd_heldout_as_hook(held), vd_heldout_source(held, "vlsp2013-ws/train");
  vd_load_ws_dir_hook(&all, p, held ? &hk : NULL);
  if (held) vd_heldout_end(held);
  vd_seen_corpus(&x->seen, kc, &all);
  vd_seen_corpus(&x->seen, kc, train);
  vd_free(&all);
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-dev.conllu", shared);
  vd_load_conllu(&x->dv, p);
}

static void vp_dev_free(vp_dev *x) {
  vd_free(&x->dv);
  free(x->seen.k);
  vd_tagcount_free(&x->wt);
}

#endif /* HOSO_VI_POS_H */
