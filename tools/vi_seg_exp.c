/*
** vi_seg_exp.c -- word segmenter experiments scored on UD VTB dev (never
** test); writes no model. Not part of `make models` or `make eval`.
**
**   vi_seg_exp SHARED_DATA MODEL_DIR EPOCHS PRUNE [--seeds=S1,S2,...]
**              [--classes=FILE [--cfeat=LIST]] [--ensemble]
**
** For each seed (default 20130101, train_seg's) the segmenter is trained
** as train_seg trains it (vi_seg.h: same data, held-out filter, features,
** dictionary MODEL_DIR/vi-dict.bin), then scored on dev with the trained
** hashed model itself (src/tag's weights; Viterbi over the whole sentence
** with the tokens vi__seg_forced_begin names forced to start a word), so
** the figures are those of the runtime model up to the runtime's chunking
** of very long lines. Prints each seed's dev P/R/F1, then mean, sample
** standard deviation and range of F1 over the seeds.
**
** --classes=FILE: word classes in models/ner-clusters.tsv's format
** (tools/ner_clusters: "ITEM<TAB>CLASS", ITEM a token's matching key, "^"
** + key for a capitalised word, "0" for numbers; the key is the entity
** tagger's, hoso__match_key_append). A token's class is its key's class,
** else its "^" key's class, else "none"; numbers take "0"'s;
** the line edges have their own classes. --cfeat picks the class features
** added to each position i (comma-separated; default u0,b01,b12,t012):
**   u0 u1 u2 u3 u4   the class of token i-2 .. i+2 alone
**   b01 b12 b23      the classes of the pairs (i-2,i-1), (i-1,i), (i,i+1)
**   t012 t123        the classes of (i-2,i-1,i), (i-1,i,i+1)
**   k1c2 c1k2        token i-1's key with token i's class, and the reverse
** --ensemble: also the dev figures of all the seeds' models together
** (emission scores and transitions summed).
*/
#define HOSO_VI_DATA_SCORE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "tag/tag.h"
#include "vi/vi.h"
#include "vi_data.h"
#include "vi_seg.h"

#define MAX_SEEDS 16
enum { C_NONE = 0xFFFF, C_BOS = 0xFFFE, C_EOS = 0xFFFD };

/* key hash -> class, open addressing (keys != 0). */
typedef struct classes {
  uint64_t *key;
  uint16_t *cls;
  size_t mask;
  uint16_t num; /* the class of "0" (numbers) */
  uint64_t *memo_key; /* direct-mapped: vi key -> class (tok_class) */
  uint16_t *memo_cls;
  size_t memo_mask;
  hoso_buf buf;
} classes;

static void classes_put(classes *c, uint64_t k, uint16_t v) {
  if (!k) k = 1;
  size_t s = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & c->mask;
  while (c->key[s] && c->key[s] != k) s = (s + 1) & c->mask;
  if (!c->key[s]) c->key[s] = k, c->cls[s] = v;
}

static uint16_t classes_get(const classes *c, uint64_t k) {
  if (!k) k = 1;
  size_t s = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & c->mask;
  for (; c->key[s]; s = (s + 1) & c->mask)
    if (c->key[s] == k) return c->cls[s];
  return C_NONE;
}

/* Lower-case keys first, so that a key's own class wins over its "^" form. */
static void classes_load(classes *c, const char *path) {
  size_t n;
  char *buf = vd_read(path, &n);
  size_t lines = 1;
  for (size_t i = 0; i < n; i++) lines += buf[i] == '\n';
  size_t slots = 16;
  while (slots < 2 * lines) slots *= 2;
  c->key = calloc(slots, sizeof *c->key);
  c->cls = calloc(slots, sizeof *c->cls);
  if (!c->key || !c->cls) vd_die("out of memory", NULL);
  c->mask = slots - 1;
  c->num = C_NONE;
  c->memo_mask = (1u << 20) - 1;
  c->memo_key = calloc(c->memo_mask + 1, sizeof *c->memo_key);
  c->memo_cls = calloc(c->memo_mask + 1, sizeof *c->memo_cls);
  if (!c->memo_key || !c->memo_cls) vd_die("out of memory", NULL);
  hoso__buf_init(&c->buf, 0);
  for (int pass = 0; pass < 2; pass++) {
    size_t i = 0, line = 0;
    while (i < n) {
      char *nl = memchr(buf + i, '\n', n - i);
      size_t e = nl ? (size_t)(nl - buf) : n;
      line++;
      char *tab = memchr(buf + i, '\t', e - i);
      if (buf[i] != '#' && e > i) {
        if (!tab || tab == buf + i) {
          fprintf(stderr, "vi_seg_exp: %s:%zu: no ITEM<TAB>CLASS\n", path, line);
          exit(2);
        }
        char *end;
        unsigned long v = strtoul(tab + 1, &end, 10);
        if (end != buf + e || v >= C_NONE - 2) {
          fprintf(stderr, "vi_seg_exp: %s:%zu: bad class\n", path, line);
          exit(2);
        }
        const char *it = buf + i;
        size_t il = (size_t)(tab - it);
        int cap = it[0] == '^';
        if (il == 1 && it[0] == '0') c->num = (uint16_t)v;
        else if (cap == pass) classes_put(c, hoso__tag_hash(it + cap, il - (size_t)cap), (uint16_t)v);
      }
      i = e + 1;
    }
  }
  free(buf);
}

/* The class of token j: its item's (the entity tagger's match key of its
** bytes, hoso__match_key_append), memoised by the token's vi key. */
static uint16_t tok_class(classes *c, const char *text, const vi_tok *t, size_t n, ptrdiff_t j) {
  if (j < 0) return C_BOS;
  if ((size_t)j >= n) return C_EOS;
  if (t[j].type == VI_NUM) return c->num;
  uint64_t k = t[j].key ? t[j].key : 1;
  size_t s = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & c->memo_mask;
  if (c->memo_key[s] == k) return c->memo_cls[s];
  hoso__buf_reset(&c->buf);
  if (hoso__match_key_append(&c->buf, text + t[j].off, t[j].len)) vd_die("out of memory", NULL);
  uint16_t v = classes_get(c, hoso__tag_hash(c->buf.p, c->buf.n));
  c->memo_key[s] = k;
  c->memo_cls[s] = v;
  return v;
}

enum { CF_U = 0, CF_B = 5, CF_T = 8, CF_K1C2 = 10, CF_C1K2 = 11, CF_N = 12 };
static const char *const CF_NAME[CF_N] = {"u0", "u1", "u2", "u3", "u4", "b01", "b12", "b23",
                                          "t012", "t123", "k1c2", "c1k2"};

typedef struct cfeat {
  classes *c;
  unsigned on; /* bit per CF_* */
} cfeat;

static uint64_t ch(unsigned tmpl, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = hoso__tag_hash_mix(0x5ca1ab1e00000000ULL + tmpl, a);
  return hoso__tag_hash_mix(hoso__tag_hash_mix(h, b), c);
}

static void class_features(void *ctx, const char *text, const vi_tok *t, size_t n, size_t i,
                           hoso_tag_seqbuf *b) {
  const cfeat *f = ctx;
  ptrdiff_t p = (ptrdiff_t)i;
  uint64_t c[5];
  for (int k = 0; k < 5; k++) c[k] = tok_class(f->c, text, t, n, p - 2 + k);
  for (unsigned k = 0; k < 5; k++)
    if (f->on >> (CF_U + k) & 1u) hoso__tag_seqbuf_add(b, ch(CF_U + k, c[k], 0, 0));
  for (unsigned k = 0; k < 3; k++)
    if (f->on >> (CF_B + k) & 1u) hoso__tag_seqbuf_add(b, ch(CF_B + k, c[k], c[k + 1], 0));
  for (unsigned k = 0; k < 2; k++)
    if (f->on >> (CF_T + k) & 1u) hoso__tag_seqbuf_add(b, ch(CF_T + k, c[k], c[k + 1], c[k + 2]));
  uint64_t km1 = i ? t[i - 1].key : VI_SEG_BOS;
  if (f->on >> CF_K1C2 & 1u) hoso__tag_seqbuf_add(b, ch(CF_K1C2, km1, c[2], 0));
  if (f->on >> CF_C1K2 & 1u) hoso__tag_seqbuf_add(b, ch(CF_C1K2, c[1], t[i].key, 0));
}

static unsigned parse_cfeat(const char *s) {
  unsigned on = 0;
  while (*s) {
    size_t l = strcspn(s, ",");
    int k = 0;
    while (k < CF_N && !(strlen(CF_NAME[k]) == l && !strncmp(CF_NAME[k], s, l))) k++;
    if (k == CF_N) vd_die("unknown --cfeat feature", s);
    on |= 1u << k;
    s += l + (s[l] == ',');
  }
  return on;
}

/* Dev word P/R/F1 of models m[0..nm) summed. */
static void score_dev(hoso_tag_model *const *m, size_t nm, vi_keycache *kc, const vi_dict *d,
                      const vcorpus *dv, vs_extra_fn extra, void *ctx, vd_score *sc) {
  vi_tokens ts = {0};
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  uint8_t *dmask = NULL;
  float *em = NULL, *vs = NULL;
  uint8_t *bk = NULL;
  size_t cap = 0;
  int lb = hoso__tag_label_id(m[0], "B");
  if (lb < 0 || hoso__tag_nlabels(m[0]) != 2) vd_die("not a B/I model", NULL);
  for (size_t k = 1; k < nm; k++)
    if (hoso__tag_label_id(m[k], "B") != lb) vd_die("models with different label ids", NULL);
  float tr[3][2] = {{0}}; /* row 2 = start */
  for (size_t k = 0; k < nm; k++)
    for (size_t a = 0; a < 3; a++)
      for (size_t y = 0; y < 2; y++) tr[a][y] += hoso__tag_trans(m[k], a, y);
  for (size_t si = 0; si < dv->n; si++) {
    const vsent *s = &dv->s[si];
    ts.n = 0;
    if (vi__tokenize(kc, NULL, s->text, s->n, &ts)) vd_die("out of memory", NULL);
    size_t n = ts.n;
    if (!n) continue;
    if (n > cap) {
      cap = n * 2;
      dmask = vd_xrealloc(dmask, cap);
      em = vd_xrealloc(em, cap * 2 * sizeof(float));
      vs = vd_xrealloc(vs, cap * 2 * sizeof(float));
      bk = vd_xrealloc(bk, cap * 2);
    }
    vi__seg_dict_masks(ts.t, n, d, dmask);
    hoso__tag_seqbuf_reset(&sb);
    for (size_t i = 0; i < n; i++) {
      vi__seg_features(ts.t, n, i, dmask, &sb);
      if (extra) extra(ctx, s->text, ts.t, n, i, &sb);
    }
    hoso_tag_seq seq;
    if (hoso__tag_seqbuf_seq(&sb, &seq)) vd_die("out of memory", NULL);
    memset(em, 0, n * 2 * sizeof(float));
    for (size_t k = 0; k < nm; k++)
      for (size_t i = 0; i < n; i++)
        hoso__tag_score(m[k], seq.feats + seq.off[i], seq.off[i + 1] - seq.off[i], em + 2 * i);
    /* Viterbi, forced positions restricted to B */
    const float NEG = -1e30f;
    for (size_t i = 0; i < n; i++) {
      int forced = vi__seg_forced_begin(ts.t, n, i);
      for (int y = 0; y < 2; y++) {
        float best;
        uint8_t arg = 0;
        if (i == 0) best = tr[2][y];
        else {
          best = vs[2 * (i - 1)] + tr[0][y];
          float s1 = vs[2 * (i - 1) + 1] + tr[1][y];
          if (s1 > best) best = s1, arg = 1;
        }
        vs[2 * i + (size_t)y] = forced && y != lb ? NEG : best + em[2 * i + (size_t)y];
        bk[2 * i + (size_t)y] = arg;
      }
    }
    unsigned y = vs[2 * (n - 1) + 1] > vs[2 * (n - 1)] ? 1u : 0u;
    /* labels back to front, then words front to back */
    for (size_t i = n; i-- > 0;) {
      unsigned prev = i ? bk[2 * i + y] : 0;
      dmask[i] = (uint8_t)(y == (unsigned)lb || i == 0);
      y = prev;
    }
    size_t g = 0, nw = 0;
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && !dmask[j]) j++;
      size_t a = ts.t[i].off, e = ts.t[j - 1].off + ts.t[j - 1].len;
      while (g < s->nw && s->ws[g] < a) g++;
      if (g < s->nw && s->ws[g] == a && s->we[g] == e) sc->tp++;
      nw++;
      i = j;
    }
    sc->npred += nw;
    sc->ngold += s->nw;
  }
  free(dmask);
  free(em);
  free(vs);
  free(bk);
  vi__tokens_free(&ts);
  hoso__tag_seqbuf_free(&sb);
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: vi_seg_exp SHARED_DATA MODEL_DIR EPOCHS PRUNE [--seeds=S1,S2,...] "
            "[--classes=FILE [--cfeat=LIST]] [--ensemble]\n");
    return 2;
  }
  const char *sh = argv[1], *md = argv[2];
  unsigned epochs = (unsigned)atoi(argv[3]);
  double prune = atof(argv[4]);
  uint64_t seeds[MAX_SEEDS] = {20130101};
  size_t nseed = 1;
  const char *cpath = NULL;
  unsigned on = parse_cfeat("u0,b01,b12,t012");
  int ens = 0;
  for (int i = 5; i < argc; i++) {
    if (!strncmp(argv[i], "--seeds=", 8)) {
      nseed = 0;
      char *s = argv[i] + 8;
      while (*s) {
        size_t l = strcspn(s, ",");
        char one[32];
        if (l == 0 || l >= sizeof one || nseed == MAX_SEEDS) vd_die("bad --seeds", argv[i]);
        memcpy(one, s, l);
        one[l] = 0;
        seeds[nseed++] = vd_parse_seed(one);
        s += l + (s[l] == ',');
      }
    } else if (!strncmp(argv[i], "--classes=", 10)) cpath = argv[i] + 10;
    else if (!strncmp(argv[i], "--cfeat=", 8)) on = parse_cfeat(argv[i] + 8);
    else if (!strcmp(argv[i], "--ensemble")) ens = 1;
    else vd_die("unknown option", argv[i]);
  }
  if (epochs == 0 || !(prune >= 0) || nseed == 0) vd_die("bad EPOCHS, PRUNE or --seeds", NULL);
  char p[4096];
  hoso_error err;
  vi_keycache *kc = vi__keycache_new();
  if (!kc) vd_die("out of memory", NULL);
  vi_dict *d;
  snprintf(p, sizeof(p), "%s/vi-dict.bin", md);
  if (vi__dict_open(p, &d, &err)) vd_die(err.message, p);
  classes cl = {0};
  cfeat cf = {.c = &cl, .on = on};
  vs_extra_fn extra = NULL;
  if (cpath) {
    classes_load(&cl, cpath);
    extra = class_features;
  }
  vcorpus c = {0}, dv = {0};
  vs_load_training(kc, sh, NULL, "vi_seg_exp", &c);
  snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-dev.conllu", sh);
  vd_load_conllu(&dv, p);
  if (cpath) {
    size_t nt = 0, nc = 0;
    vi_tokens ts = {0};
    for (size_t i = 0; i < dv.n; i++) {
      ts.n = 0;
      if (vi__tokenize(kc, NULL, dv.s[i].text, dv.s[i].n, &ts)) vd_die("out of memory", NULL);
      for (size_t j = 0; j < ts.n; j++) nc += tok_class(&cl, dv.s[i].text, ts.t, ts.n, (ptrdiff_t)j) != C_NONE;
      nt += ts.n;
    }
    vi__tokens_free(&ts);
    printf("classes %s: %zu of %zu dev tokens (%.2f%%) have a class; features", cpath, nc, nt,
           100.0 * (double)nc / (double)(nt ? nt : 1));
    for (int k = 0; k < CF_N; k++)
      if (on >> k & 1u) printf(" %s", CF_NAME[k]);
    printf("\n");
  }
  hoso_tag_model *m[MAX_SEEDS];
  double f1[MAX_SEEDS], sum = 0;
  for (size_t k = 0; k < nseed; k++) {
    hoso_tag_train_opts o = {.epochs = epochs, .seed = seeds[k], .min_count = 1, .prune = prune,
                             .greedy = 0, .info = VI_SEG_INFO};
    hoso_tag_trainer *t = hoso__tag_trainer_new(&o);
    if (!t) vd_die("out of memory", NULL);
    vs_add_corpus(t, kc, d, &c, extra, &cf);
    if (hoso__tag_trainer_train(t, &err) || hoso__tag_trainer_model(t, &m[k], &err))
      vd_die(err.message, NULL);
    hoso__tag_trainer_free(t);
    vd_score sc = {0};
    score_dev(&m[k], 1, kc, d, &dv, extra, &cf, &sc);
    f1[k] = vd_f(&sc);
    sum += f1[k];
    printf("seed %-10llu dev P %.2f R %.2f F1 %.2f (%zu features)\n", (unsigned long long)seeds[k],
           vd_p(&sc), vd_r(&sc), f1[k], hoso__tag_nfeatures(m[k]));
    fflush(stdout);
  }
  double mean = sum / (double)nseed, var = 0, lo = f1[0], hi = f1[0];
  for (size_t k = 0; k < nseed; k++) {
    var += (f1[k] - mean) * (f1[k] - mean);
    if (f1[k] < lo) lo = f1[k];
    if (f1[k] > hi) hi = f1[k];
  }
  printf("dev F1 over %zu seeds: mean %.3f, sd %.3f, range %.2f-%.2f\n", nseed, mean,
         nseed > 1 ? sqrt(var / (double)(nseed - 1)) : 0.0, lo, hi);
  if (ens && nseed > 1) {
    vd_score sc = {0};
    score_dev(m, nseed, kc, d, &dv, extra, &cf, &sc);
    printf("ensemble of the %zu seeds: dev P %.2f R %.2f F1 %.2f\n", nseed, vd_p(&sc), vd_r(&sc),
           vd_f(&sc));
  }
  for (size_t k = 0; k < nseed; k++) hoso__tag_model_close(m[k]);
  vd_free(&c);
  vd_free(&dv);
  free(cl.key);
  free(cl.cls);
  free(cl.memo_key);
  free(cl.memo_cls);
  hoso__buf_free(&cl.buf);
  vi__dict_close(d);
  vi__keycache_free(kc);
  return 0;
}
