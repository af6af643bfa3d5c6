/*
** model.c -- the statistical entity tagger: BIO labels over the syllable
** tokens of src/ner/scan.c, scored by the averaged perceptron of src/tag.
**
** Features of token i (hashed; the feature-set version is stored in the
** model's info string and checked at load):
**   the token's key and its exact form; keys of i-2..i+2; key bigrams
**   (i-1,i) and (i,i+1); word shape (Xx, x, X, d, p; all capitals);
**   capitalisation of i-1, i, i+1 together; suffix of 3 letters for
**   non-Vietnamese words; the gazetteer classes whose matches begin at
**   or cover i (B-/I-RANK, TITLE, GPE, ORG, ORGHEAD, LOC, SURNAME, STOP)
**   and those ending just before i; sentence start; where the input is
**   word-segmented (CoNLL), the token's place in its word (S, B, I, E),
**   alone and with the shape, and the whole word's key; the word classes
**   (clusters.h) of i-1, i, i+1, and of the pairs (i-1,i), (i,i+1);
**   the names of the training data remembered (memory.h): the type and
**   reliability of the longest remembered token sequence starting at i,
**   and of those covering i; for word-segmented input, salted copies of
**   the bias, key, form, class, gazetteer and memory features (the VLSP
**   2016 conventions: style_copy).
** Labels: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "ner/memory.h"
#include "ner/model.h"
#include "tag/tag.h"

#define FEATSET "hoso-ner-features-6"

#define FEATSET2 "hoso-ner-doc-features-2"

struct hoso__nermodel {
  hoso_tag_model *tm;  /* stage 1 */
  hoso_tag_model *tm2; /* stage 2 (ner-doc.model), NULL: one stage */
  hoso__nclust *cl;    /* word classes (ner-clusters.tsv) */
  hoso__nmem *mem;     /* names of the training data (ner-memory.tsv) */
  int own;             /* 1: tm, cl and mem are ours to close */
  uint8_t map[HOSO_TAG_MAX_LABELS];  /* stage-1 label id -> our label */
  uint8_t map2[HOSO_TAG_MAX_LABELS]; /* stage-2 label id -> our label */
};
struct hoso__nerwork {
  hoso_tag_work *tw;
  hoso_tag_seqbuf sb;
  uint16_t *lab;
  size_t caplab;
  /* the first stage's features of a document, kept for the second */
  uint64_t *kf;
  size_t nkf, capkf;
  uint32_t *kbeg, *klen; /* per token */
  size_t capk;
};

/* Documents up to this many tokens keep their first-stage features for
** the second stage (about 400 bytes a token) instead of computing them
** again; longer ones recompute them (bounded memory). */
#define KEEP_MAX_TOKENS 40000
/* The second stage runs twice: the second pass reads the document as the
** first pass labelled it (its labels, not the first stage's, are the
** "first-stage labels" and the document statistics), which carries a fix
** made in one sentence to the others. Same models; VLSP 2016 dev 89.90 ->
** 90.01 (seed 7: 89.96 -> 90.13), 2018 dev 86.77 -> 86.78 (86.56 ->
** 86.67); a third pass: 90.08 (90.13), 86.79 (86.70); a fourth 90.01. */
#define STAGE2_PASSES 2

static uint8_t label_code(const char *name) {
  static const char *const types[] = {"", "PER", "ORG", "LOC", "GPE", "DATE", "MISC"};
  if (!name || name[0] == 'O' || strlen(name) < 3) return 0;
  for (int t = 1; t < 7; t++)
    if (!strcmp(name + 2, types[t]))
      return name[0] == 'B' ? NER_LABEL_B(t) : NER_LABEL_I(t);
  return 0;
}

int hoso__nermodel_open(const char *path, hoso__nermodel **out,
                        hoso_error *err) {
  *out = NULL;
  hoso__nermodel *m = calloc(1, sizeof *m);
  if (!m) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  m->own = 1;
  int rc = hoso__tag_model_open(path, &m->tm, err);
  if (rc) {
    free(m);
    return rc;
  }
  if (strcmp(hoso__tag_info(m->tm), FEATSET) != 0) {
    hoso__nermodel_close(m);
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EMODEL, "model built for features '%s', want '%s'",
                     "other", FEATSET);
  }
  char cpath[4200];
  const char *slash = strrchr(path, '/');
  snprintf(cpath, sizeof cpath, "%.*sner-clusters.tsv", slash ? (int)(slash - path + 1) : 0, path);
  rc = hoso__nclust_open(cpath, &m->cl, err);
  if (!rc) {
    snprintf(cpath, sizeof cpath, "%.*sner-memory.tsv", slash ? (int)(slash - path + 1) : 0,
             path);
    rc = hoso__nmem_open(cpath, &m->mem, err);
  }
  if (rc) {
    hoso__nermodel_close(m);
    return rc;
  }
  size_t nl = hoso__tag_nlabels(m->tm);
  for (size_t i = 0; i < nl && i < HOSO_TAG_MAX_LABELS; i++)
    m->map[i] = label_code(hoso__tag_label(m->tm, i));
  /* the second stage, when it was built (make models builds it) */
  snprintf(cpath, sizeof cpath, "%.*sner-doc.model", slash ? (int)(slash - path + 1) : 0, path);
  FILE *f2 = fopen(cpath, "rb");
  if (f2) {
    fclose(f2);
    hoso_tag_model *t2;
    rc = hoso__tag_model_open(cpath, &t2, err);
    if (!rc && strcmp(hoso__tag_info(t2), FEATSET2) != 0) {
      hoso__tag_model_close(t2);
      hoso__err_file(err, cpath);
      rc = hoso__err(err, HOSO_EMODEL, "model built for other features, want '%s'", FEATSET2);
    }
    if (rc) {
      hoso__nermodel_close(m);
      return rc;
    }
    hoso__nermodel_set_stage2(m, t2);
  }
  *out = m;
  return HOSO_OK;
}

int hoso__nermodel_wrap(hoso_tag_model *tm, const hoso__nclust *cl,
                        const hoso__nmem *mem, hoso__nermodel **out) {
  hoso__nermodel *m = calloc(1, sizeof *m);
  if (!m) return HOSO_ENOMEM;
  m->tm = tm;
  m->cl = (hoso__nclust *)cl; /* borrowed: never freed (own == 0) */
  m->mem = (hoso__nmem *)mem; /* borrowed too */
  size_t nl = hoso__tag_nlabels(tm);
  for (size_t i = 0; i < nl && i < HOSO_TAG_MAX_LABELS; i++)
    m->map[i] = label_code(hoso__tag_label(tm, i));
  *out = m;
  return HOSO_OK;
}

void hoso__nermodel_set_stage2(hoso__nermodel *m, hoso_tag_model *tm2) {
  m->tm2 = tm2;
  size_t nl = hoso__tag_nlabels(tm2);
  for (size_t i = 0; i < nl && i < HOSO_TAG_MAX_LABELS; i++)
    m->map2[i] = label_code(hoso__tag_label(tm2, i));
}

int hoso__nermodel_has_stage2(const hoso__nermodel *m) { return m && m->tm2; }

void hoso__nermodel_close(hoso__nermodel *m) {
  if (!m) return;
  if (m->own) {
    hoso__tag_model_close(m->tm);
    hoso__nclust_free(m->cl);
    hoso__nmem_free(m->mem);
  }
  hoso__tag_model_close(m->tm2);
  free(m);
}

hoso__nerwork *hoso__nerwork_new(void) {
  hoso__nerwork *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->tw = hoso__tag_work_new();
  if (!w->tw) {
    free(w);
    return NULL;
  }
  hoso__tag_seqbuf_init(&w->sb);
  return w;
}

void hoso__nerwork_free(hoso__nerwork *w) {
  if (!w) return;
  hoso__tag_work_free(w->tw);
  hoso__tag_seqbuf_free(&w->sb);
  free(w->lab);
  free(w->kf);
  free(w->kbeg);
  free(w->klen);
  free(w);
}

static const char *shape(const hoso__ntok *t) {
  if (t->flags & NT_NUM) return "d";
  if (t->flags & NT_PUNCT) return "p";
  if (t->flags & NT_ALLCAPS) return "X";
  if (t->flags & NT_UPPER) return "Xx";
  return "x";
}

/* tmp = a|b[|c] (each part cut to fit); returns the length. No printf:
** this runs for every token of every text. */
static size_t join3(char *tmp, size_t cap, const char *a, size_t na, const char *b,
                    size_t nb, const char *c, size_t nc) {
  size_t n = 0;
  const char *p[3] = {a, b, c};
  size_t l[3] = {na, nb, nc};
  for (int i = 0; i < 3; i++) {
    if (!p[i]) break;
    if (i && n < cap) tmp[n++] = '|';
    size_t k = l[i] < cap - n ? l[i] : cap - n;
    memcpy(tmp + n, p[i], k);
    n += k;
  }
  return n;
}

/* Feature-name prefixes, hashed once per sentence (pfx_init) rather than
** once per feature: the feature "prefix" + value is
** mix(hash(prefix), hash(value)), as hoso__tag_seqbuf_add_str makes it. */
enum {
  P_b,
  P_f0,
  P_wm1w0,
  P_w0wp1,
  P_s0,
  P_sm101,
  P_sm10,
  P_wm1s0,
  P_s0wp1,
  P_wm2wm1s0,
  P_wp,
  P_wps0,
  P_W0,
  P_c0,
  P_cm1,
  P_cp1,
  P_cm1c0,
  P_c0cp1,
  P_suf3,
  P_cyr,
  P_first,
  P_gB,
  P_gI,
  P_gEm1,
  P_w0,
  P_wm1,
  P_wp1,
  P_wm2,
  P_wp2,
  P_p0,
  P_pm1,
  P_pp1,
  P_pm1p0,
  P_p0pp1,
  P_dmaj,
  P_dmajp0,
  P_dhas,
  P_dlow,
  P_dupn,
  P_dmajm1,
  P_dmajp1,
  P_mB,
  P_mI,
  NPFX
};
static const char *const pfx_names[NPFX] = {
    [P_b] = "b",
    [P_f0] = "f0=",
    [P_wm1w0] = "w-1w0=",
    [P_w0wp1] = "w0w+1=",
    [P_s0] = "s0=",
    [P_sm101] = "s-101=",
    [P_sm10] = "s-10=",
    [P_wm1s0] = "w-1s0=",
    [P_s0wp1] = "s0w+1=",
    [P_wm2wm1s0] = "w-2w-1s0=",
    [P_wp] = "wp=",
    [P_wps0] = "wps0=",
    [P_W0] = "W0=",
    [P_c0] = "c0=",
    [P_cm1] = "c-1=",
    [P_cp1] = "c+1=",
    [P_cm1c0] = "c-1c0=",
    [P_c0cp1] = "c0c+1=",
    [P_suf3] = "suf3=",
    [P_cyr] = "cyr",
    [P_first] = "first",
    [P_gB] = "gB=",
    [P_gI] = "gI=",
    [P_gEm1] = "gE-1=",
    [P_w0] = "w0=",
    [P_wm1] = "w-1=",
    [P_wp1] = "w+1=",
    [P_wm2] = "w-2=",
    [P_wp2] = "w+2=",
    [P_p0] = "p0=",
    [P_pm1] = "p-1=",
    [P_pp1] = "p+1=",
    [P_pm1p0] = "p-1p0=",
    [P_p0pp1] = "p0p+1=",
    [P_dmaj] = "dmaj=",
    [P_dmajp0] = "dmajp0=",
    [P_dhas] = "dhas=",
    [P_dlow] = "dlow=",
    [P_dupn] = "dupn=",
    [P_dmajm1] = "dmaj-1=",
    [P_dmajp1] = "dmaj+1=",
    [P_mB] = "mB=",
    [P_mI] = "mI=",
};

static void pfx_init(uint64_t *ph) {
  for (size_t i = 0; i < NPFX; i++) ph[i] = hoso__tag_hash(pfx_names[i], strlen(pfx_names[i]));
}

static inline void padd(hoso_tag_seqbuf *b, uint64_t ph, const char *s, size_t n) {
  hoso__tag_seqbuf_add(b, hoso__tag_hash_mix(ph, hoso__tag_hash(s, n)));
}

static void add_key(hoso_tag_seqbuf *b, const hoso__ndoc *d, uint64_t pfx,
                    int64_t i, uint32_t t0, uint32_t t1) {
  if (i < (int64_t)t0) {
    padd(b, pfx, "<s>", 3);
  } else if (i >= (int64_t)t1) {
    padd(b, pfx, "</s>", 4);
  } else {
    size_t n;
    const char *k = hoso__tok_key(d, (uint32_t)i, &n);
    padd(b, pfx, k, n);
  }
}

/* A class id as a feature value ("-": none); tmp holds 8 bytes. */
static size_t cls_str(unsigned c, char *tmp) {
  if (c == HOSO_NCLUST_NONE) {
    tmp[0] = '-';
    return 1;
  }
  size_t n = 0;
  char r[8];
  do r[n++] = (char)('0' + c % 10); while ((c /= 10) && n < 7);
  for (size_t k = 0; k < n; k++) tmp[k] = r[n - 1 - k];
  return n;
}

static void add_doc_features(hoso_tag_seqbuf *b, const uint64_t *ph, uint32_t i,
                             uint32_t t0, uint32_t t1, const uint8_t *lab1,
                             const uint16_t *ds);

/* Word-segmented input (CoNLL, NT_SEG) is read under the VLSP 2016
** annotation conventions, which differ from VLSP 2018's and from what the
** article record wants: "Đảng" alone is an organisation in 2016 (19 of 31
** in its training set) and not in 2018 (9 of 89); a university or border
** gate named after a place is often a place in 2016. Some features (the
** bias, the token's key and form, its word class, the gazetteer classes)
** get a second, salted copy that only such input has: the shared weights
** learn what both sets agree on, the copies how the 2016 conventions
** differ (feature augmentation, Daume 2007). Raw text never has them, so
** the article record follows the shared weights. */
#define STYLE_SALT 0x5e6d2016a11ce5edULL
static inline void style_copy(hoso_tag_seqbuf *b, int on) {
  if (on && !b->rc && b->nfeats)
    hoso__tag_seqbuf_add(b, hoso__tag_hash_mix(b->feats[b->nfeats - 1], STYLE_SALT));
}

/* Build the feature sequence of tokens [t0, t1) into b; with lab1 and ds
** (stage 2) also the first stage's labels and the document features. */
static int build(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nclust *cl,
                 const hoso__nmem *mem, uint32_t t0, uint32_t t1, const uint8_t *lab1,
                 const uint16_t *ds, hoso_tag_seqbuf *b) {
  static const int classes[] = {GC_RANK, GC_TITLE, GC_GPE, GC_ORG, GC_ORGHEAD,
                                GC_LOC, GC_SURNAME, GC_STOP, GC_AWARDHEAD};
  static const char *const cname[] = {"RANK", "TITLE", "GPE", "ORG", "ORGHEAD",
                                      "LOC", "SURNAME", "STOP", "AWARD"};
  enum { NC = sizeof classes / sizeof *classes };
  hoso__tag_seqbuf_reset(b);
  uint64_t ph[NPFX];
  pfx_init(ph);
  /* the longest remembered name starting at each token: mm[i - t0] =
  ** length | type << 4 | bucket << 7 (memory.h) */
  uint16_t mbuf[256], *mm = mbuf;
  size_t nt = t1 - t0;

  if (mem && nt > sizeof mbuf / sizeof *mbuf) {
    mm = malloc(nt * sizeof *mm);
    if (!mm) return HOSO_ENOMEM;
  }
  for (uint32_t i = t0; mem && i < t1; i++) {
    int ty = 0;
    unsigned rel = 0, len = hoso__nmem_match(mem, d, i, t1, &ty, &rel);
    mm[i - t0] = (uint16_t)(len ? len | (unsigned)ty << 4 | rel << 7 : 0);
  }
  /* classes of i-1, i, i+1, each looked up once */
  unsigned cprev = HOSO_NCLUST_NONE, ccur = HOSO_NCLUST_NONE, cnext;
  if (cl && t0 < t1) ccur = hoso__nclust_tok(cl, d, t0);
  for (uint32_t i = t0; i < t1; i++) {
    cnext = cl && i + 1 < t1 ? hoso__nclust_tok(cl, d, i + 1) : HOSO_NCLUST_NONE;
    const hoso__ntok *t = &d->tok[i];
    hoso__tag_seqbuf_next(b);
    int sty = (t->flags & NT_SEG) != 0; /* VLSP 2016 conventions */
    padd(b, ph[P_b], "", 0);
    style_copy(b, sty);
    add_key(b, d, ph[P_w0], i, t0, t1);
    style_copy(b, sty);
    padd(b, ph[P_f0], d->text + t->off, t->len);
    style_copy(b, sty);
    add_key(b, d, ph[P_wm1], (int64_t)i - 1, t0, t1);
    add_key(b, d, ph[P_wp1], (int64_t)i + 1, t0, t1);
    add_key(b, d, ph[P_wm2], (int64_t)i - 2, t0, t1);
    add_key(b, d, ph[P_wp2], (int64_t)i + 2, t0, t1);
    char tmp[512];
    size_t n0, n1;
    const char *k0 = hoso__tok_key(d, i, &n0);
    if (i > t0) {
      const char *kp = hoso__tok_key(d, i - 1, &n1);
      if (n0 + n1 + 2 < sizeof tmp) {
        memcpy(tmp, kp, n1);
        tmp[n1] = '|';
        memcpy(tmp + n1 + 1, k0, n0);
        padd(b, ph[P_wm1w0], tmp, n0 + n1 + 1);
      }
    }
    if (i + 1 < t1) {
      const char *kn = hoso__tok_key(d, i + 1, &n1);
      if (n0 + n1 + 2 < sizeof tmp) {
        memcpy(tmp, k0, n0);
        tmp[n0] = '|';
        memcpy(tmp + n0 + 1, kn, n1);
        padd(b, ph[P_w0wp1], tmp, n0 + n1 + 1);
      }
    }
    const char *s0 = shape(t);
    padd(b, ph[P_s0], s0, strlen(s0));
    const char *sa = i > t0 ? shape(&d->tok[i - 1]) : "<s>";
    const char *sc = i + 1 < t1 ? shape(&d->tok[i + 1]) : "</s>";
    size_t len = join3(tmp, sizeof tmp, sa, strlen(sa), s0, strlen(s0), sc, strlen(sc));
    padd(b, ph[P_sm101], tmp, len);
    if (i > t0) {
      len = join3(tmp, sizeof tmp, sa, strlen(sa), s0, strlen(s0), NULL, 0);
      padd(b, ph[P_sm10], tmp, len);
    }
    if (i > t0) {
      size_t np;
      const char *kp = hoso__tok_key(d, i - 1, &np);
      len = join3(tmp, sizeof tmp, kp, np < 200 ? np : 200, s0, strlen(s0), NULL, 0);
      padd(b, ph[P_wm1s0], tmp, len);
    }
    if (i + 1 < t1) {
      size_t nn;
      const char *kn = hoso__tok_key(d, i + 1, &nn);
      len = join3(tmp, sizeof tmp, s0, strlen(s0), kn, nn < 200 ? nn : 200, NULL, 0);
      padd(b, ph[P_s0wp1], tmp, len);
    }
    if (i >= t0 + 2) {
      size_t na, nb;
      const char *ka = hoso__tok_key(d, i - 2, &na);
      const char *kb = hoso__tok_key(d, i - 1, &nb);
      len = join3(tmp, sizeof tmp, ka, na < 100 ? na : 100, kb, nb < 100 ? nb : 100, s0,
                  strlen(s0));
      padd(b, ph[P_wm2wm1s0], tmp, len);
    }
    if ((t->flags & NT_SEG) && !(t->flags & (NT_UPPER | NT_ALLCAPS))) { /* the input's words (CoNLL) */
      uint32_t ws = i, we = i + 1;
      while (ws > t0 && (d->tok[ws].flags & NT_WCONT)) ws--;
      while (we < t1 && (d->tok[we].flags & NT_WCONT)) we++;
      const char *wp = we - ws == 1 ? "S" : i == ws ? "B" : i + 1 == we ? "E" : "I";
      padd(b, ph[P_wp], wp, 1);
      len = join3(tmp, sizeof tmp, wp, 1, s0, strlen(s0), NULL, 0);
      padd(b, ph[P_wps0], tmp, len);
      if (we - ws > 1) {
        len = 0;
        for (uint32_t k = ws; k < we; k++) {
          size_t nk;
          const char *kk = hoso__tok_key(d, k, &nk);
          if (len + nk + 1 >= sizeof tmp) break;
          if (k > ws) tmp[len++] = '_';
          memcpy(tmp + len, kk, nk);
          len += nk;
        }
        padd(b, ph[P_W0], tmp, len);
      }
    }
    if (cl) { /* word classes of i-1, i, i+1 */
      char ca[8], cb[8], cc[8];
      size_t la = cls_str(cprev, ca), lb = cls_str(ccur, cb), lc = cls_str(cnext, cc);
      padd(b, ph[P_c0], cb, lb);
      style_copy(b, sty);
      padd(b, ph[P_cm1], ca, la);
      padd(b, ph[P_cp1], cc, lc);
      len = join3(tmp, sizeof tmp, ca, la, cb, lb, NULL, 0);
      padd(b, ph[P_cm1c0], tmp, len);
      len = join3(tmp, sizeof tmp, cb, lb, cc, lc, NULL, 0);
      padd(b, ph[P_c0cp1], tmp, len);
    }
    if ((t->flags & NT_WORD) && !(t->flags & NT_VIET) && n0 > 3)
      padd(b, ph[P_suf3], k0 + n0 - 3, 3);
    if (t->flags & NT_CYR) padd(b, ph[P_cyr], "", 0);
    if (i == t0) padd(b, ph[P_first], "", 0);
    /* gazetteer classes */
    if (g && d->gm_first) {
      for (uint32_t k = i >= 12 ? i - 12 : 0; k <= i; k++) {
        if (k < t0) continue;
        for (uint32_t m = d->gm_first[k]; m < d->gm_first[k + 1]; m++) {
          const struct hoso__gmatch *gm = &d->gm[m];
          if (hoso__gaz_entry(g, gm->id)->rules_only) continue; /* index.txt "rules" */
          for (int c = 0; c < NC; c++) {
            if (gm->cls != classes[c]) continue;
            if (k == i) padd(b, ph[P_gB], cname[c], strlen(cname[c]));
            else if (k + gm->len > i)
              padd(b, ph[P_gI], cname[c], strlen(cname[c]));
            else if (k + gm->len == i)
              padd(b, ph[P_gEm1], cname[c], strlen(cname[c]));
            else continue;
            style_copy(b, sty);
          }
        }
      }
    }
    /* remembered names starting here or covering i (for the VLSP 2016
    ** form with salted copies too: its conventions differ from the
    ** memory's majority, "Đảng", places named in bodies) */
    if (mem) {
      static const char *const mt = "?POLM";
      for (uint32_t k = i >= t0 + HOSO_NMEM_MAXLEN ? i - HOSO_NMEM_MAXLEN + 1 : t0; k <= i; k++) {
        unsigned v = mm[k - t0], ml = v & 15;
        if (!ml) continue;
        char f[2] = {mt[(v >> 4) & 7], (char)('0' + (v >> 7))};
        if (k == i) padd(b, ph[P_mB], f, 2);
        else if (k + ml > i) padd(b, ph[P_mI], f, 2);
        else continue;
        style_copy(b, sty);
      }
    }
    if (lab1) add_doc_features(b, ph, i, t0, t1, lab1, ds);
    cprev = ccur;
    ccur = cnext;
  }
  if (mm != mbuf) free(mm);
  return b->rc;
}

int hoso__nermodel_features(const hoso__ndoc *d, const hoso__gaz *g,
                            const hoso__nclust *cl, const hoso__nmem *mem, uint32_t t0,
                            uint32_t t1, hoso_tag_seqbuf *b) {
  return build(d, g, cl, mem, t0, t1, NULL, NULL, b);
}

int hoso__nermodel_features2(const hoso__ndoc *d, const hoso__gaz *g,
                             const hoso__nclust *cl, const hoso__nmem *mem, uint32_t t0,
                             uint32_t t1, const uint8_t *lab1, const uint16_t *ds,
                             hoso_tag_seqbuf *b) {
  return build(d, g, cl, mem, t0, t1, lab1, ds, b);
}

/* Decode the sequence in w->sb with tm (labels through map) into out. */
static int decode(const hoso_tag_model *tm, const uint8_t *map, hoso__nerwork *w,
                  size_t n, uint8_t *out) {
  hoso_tag_seq seq;
  int rc = hoso__tag_seqbuf_seq(&w->sb, &seq);
  if (rc) return rc;
  if (n > w->caplab) {
    uint16_t *l = realloc(w->lab, n * sizeof *l);
    if (!l) return HOSO_ENOMEM;
    w->lab = l;
    w->caplab = n;
  }
  rc = hoso__tag_decode(tm, w->tw, &seq, w->lab);
  if (rc) return rc;
  for (size_t i = 0; i < n; i++)
    out[i] = w->lab[i] < HOSO_TAG_MAX_LABELS ? map[w->lab[i]] : 0;
  /* an I- without a B- of its type starts a span */
  for (size_t i = 0; i < n; i++) {
    if (NER_LABEL_IS_I(out[i]) && (i == 0 || (out[i - 1] != out[i] &&
                                               out[i - 1] != out[i] - 1)))
      out[i] = (uint8_t)(out[i] - 1);
  }
  return HOSO_OK;
}

int hoso__nermodel_tag(const hoso__nermodel *m, hoso__nerwork *w,
                       const hoso__ndoc *d, const hoso__gaz *g, uint32_t tok0,
                       uint32_t tok1, uint8_t *out) {
  size_t n = tok1 - tok0;
  if (!n) return HOSO_OK;
  int rc = hoso__nermodel_features(d, g, m->cl, m->mem, tok0, tok1, &w->sb);
  return rc ? rc : decode(m->tm, m->map, w, n, out);
}

/* ---- the second stage: the document's other mentions ------------------ */

/* Names are capitalised: a sentence with no capital at all has none the
** tagger could find, so it is not tagged (all O). Its first word counts:
** "Michael rất tức giận ." is a name opening a sentence with no other
** capital (such sentences held 35 of the 1,443 names of VLSP 2016 dev, and
** were never tagged while only capitals after the first word counted). */
static int has_caps(const hoso__ndoc *d, const hoso__nsent *se) {
  for (uint32_t t = se->tok0; t < se->tok1; t++)
    if (d->tok[t].flags & (NT_UPPER | NT_ALLCAPS)) return 1;
  return 0;
}

/* Document features of a token (hoso__nermodel_docstats), bits of a
** uint16: DS_HAS << c: another capitalised occurrence of the same word in
** the window has a first-stage label of class c (0 O, 1 PER, 2 ORG, 3
** LOC, 4 MISC); the majority class << DS_MAJ_SHIFT; DS_LOW: it occurs in
** lower case; DS_UPN: it occurs capitalised inside a sentence; DS_ANY:
** the token is capitalised and occurs elsewhere in the window at all. */
#define DS_MAJ_SHIFT 5
#define DS_LOW (1u << 8)
#define DS_UPN (1u << 9)
#define DS_ANY (1u << 15)
#define DS_WINDOW 25 /* sentences either side */
#define NCAT 7       /* classes 0-4, lower case, capital inside */

static int lab_class(uint8_t code) {
  int t = (code + 1) / 2;
  switch (t) {
  case ET_PER: return 1;
  case ET_ORG: return 2;
  case ET_LOC:
  case ET_GPE: return 3;
  case ET_MISC: return 4;
  default: return 0;
  }
}

typedef struct dentry { uint64_t h; uint32_t sent, tok; } dentry;

static int dentry_cmp(const void *a, const void *b) {
  const dentry *x = a, *y = b;
  if (x->h != y->h) return x->h < y->h ? -1 : 1;
  if (x->sent != y->sent) return x->sent < y->sent ? -1 : 1;
  return x->tok < y->tok ? -1 : x->tok > y->tok;
}

int hoso__nermodel_docstats(const hoso__ndoc *d, const uint8_t *lab1, uint16_t *ds) {
  memset(ds, 0, d->ntok * sizeof *ds);
  size_t n = 0;
  for (uint32_t i = 0; i < d->ntok; i++) n += (d->tok[i].flags & NT_WORD) != 0;
  if (!n) return HOSO_OK;
  dentry *e = malloc(n * sizeof *e);
  uint32_t (*pre)[NCAT] = malloc((n + 1) * sizeof *pre);
  if (!e || !pre) {
    free(e);
    free(pre);
    return HOSO_ENOMEM;
  }
  n = 0;
  for (uint32_t i = 0; i < d->ntok; i++) {
    if (!(d->tok[i].flags & NT_WORD)) continue;
    size_t kn;
    const char *k = hoso__tok_key(d, i, &kn);
    e[n].h = hoso__tag_hash(k, kn);
    e[n].sent = d->tok[i].sent;
    e[n++].tok = i;
  }
  qsort(e, n, sizeof *e, dentry_cmp);
  memset(pre[0], 0, sizeof pre[0]);
  for (size_t k = 0; k < n; k++) {
    const hoso__ntok *t = &d->tok[e[k].tok];
    memcpy(pre[k + 1], pre[k], sizeof pre[k]);
    if (t->flags & (NT_UPPER | NT_ALLCAPS)) {
      pre[k + 1][lab_class(lab1[e[k].tok])]++;
      if (!(t->flags & NT_SENT)) pre[k + 1][6]++;
    } else {
      pre[k + 1][5]++;
    }
  }
  for (size_t g0 = 0, g1; g0 < n; g0 = g1) {
    for (g1 = g0 + 1; g1 < n && e[g1].h == e[g0].h; g1++) {}
    if (g1 - g0 < 2) continue;
    size_t lo = g0, hi = g0, a = g0, b = g0;
    for (size_t k = g0; k < g1; k++) {
      uint32_t s = e[k].sent;
      if (!(d->tok[e[k].tok].flags & (NT_UPPER | NT_ALLCAPS))) continue;
      /* window [s - W, s + W] and own sentence [s, s], as entry ranges
      ** (the entries are sorted by sentence; the bounds only move on) */
      while (lo < g1 && e[lo].sent + DS_WINDOW < s) lo++;
      while (hi < g1 && e[hi].sent <= s + DS_WINDOW) hi++;
      while (a < g1 && e[a].sent < s) a++;
      if (b < a) b = a;
      while (b < g1 && e[b].sent <= s) b++;
      uint32_t c[NCAT], tot = 0;
      for (int x = 0; x < NCAT; x++) {
        c[x] = (pre[hi][x] - pre[lo][x]) - (pre[b][x] - pre[a][x]);
        if (x < 5) tot += c[x];
      }
      uint16_t v = 0;
      int maj = 0;
      for (int x = 0; x < 5; x++) {
        if (c[x]) v |= (uint16_t)(1u << x);
        if (c[x] > c[maj]) maj = x;
      }
      if (tot) v |= (uint16_t)(maj << DS_MAJ_SHIFT);
      if (c[5]) v |= DS_LOW;
      if (c[6]) v |= DS_UPN;
      if (tot || c[5]) v |= DS_ANY;
      ds[e[k].tok] = v;
    }
  }
  free(e);
  free(pre);
  return HOSO_OK;
}

static void add_small(hoso_tag_seqbuf *b, uint64_t pfx, unsigned v) {
  char c[4];
  size_t n = 0;
  if (v >= 100) c[n++] = (char)('0' + v / 100 % 10);
  if (v >= 10) c[n++] = (char)('0' + v / 10 % 10);
  c[n++] = (char)('0' + v % 10);
  padd(b, pfx, c, n);
}

static void add_doc_features(hoso_tag_seqbuf *b, const uint64_t *ph, uint32_t i,
                             uint32_t t0, uint32_t t1, const uint8_t *lab1,
                             const uint16_t *ds) {
  unsigned p0 = lab1[i];
  unsigned pa = i > t0 ? lab1[i - 1] : 99, pc = i + 1 < t1 ? lab1[i + 1] : 99;
  add_small(b, ph[P_p0], p0);
  add_small(b, ph[P_pm1], pa);
  add_small(b, ph[P_pp1], pc);
  add_small(b, ph[P_pm1p0], pa * 16 + p0);
  add_small(b, ph[P_p0pp1], p0 * 16 + (pc == 99 ? 15 : pc));
  uint16_t v = ds[i];
  if (v & DS_ANY) {
    unsigned maj = (v >> DS_MAJ_SHIFT) & 7, first = i == t0;
    if (v & 31) {
      add_small(b, ph[P_dmaj], maj);
      add_small(b, ph[P_dmajp0], maj * 16 + p0);
      for (unsigned x = 0; x < 5; x++)
        if (v & (1u << x)) add_small(b, ph[P_dhas], x);
    }
    if (v & DS_LOW) add_small(b, ph[P_dlow], first);
    if (v & DS_UPN) add_small(b, ph[P_dupn], first);
  }
  if (i > t0 && (ds[i - 1] & DS_ANY) && (ds[i - 1] & 31))
    add_small(b, ph[P_dmajm1], (ds[i - 1] >> DS_MAJ_SHIFT) & 7);
  if (i + 1 < t1 && (ds[i + 1] & DS_ANY) && (ds[i + 1] & 31))
    add_small(b, ph[P_dmajp1], (ds[i + 1] >> DS_MAJ_SHIFT) & 7);
}

/* Does the document disagree with the first stage anywhere in sentence
** se: a word labelled elsewhere with another class, or a name that is
** also written in lower case? Where it does not, the second stage would
** repeat the first, and is not run. */
static int conflict(const hoso__ndoc *d, const hoso__nsent *se, const uint8_t *lab1,
                    const uint16_t *ds) {
  for (uint32_t i = se->tok0; i < se->tok1; i++) {
    uint16_t v = ds[i];
    if (!(v & DS_ANY)) continue;
    int c = lab_class(lab1[i]);
    if ((v & 31) && (v & 31) != (1u << c)) return 1;
    if ((v & DS_LOW) && c) return 1;
    if ((v & DS_UPN) && i == se->tok0 && !c) return 1;
  }
  (void)d;
  return 0;
}

/* Keep the features now in w->sb (tokens [t0, t0 + n)) for stage 2. */
static int keep_features(hoso__nerwork *w, uint32_t t0, size_t n) {
  const hoso_tag_seqbuf *b = &w->sb;
  if (w->nkf + b->nfeats > w->capkf) {
    size_t nc = w->capkf ? w->capkf : 4096;
    while (nc < w->nkf + b->nfeats) nc *= 2;
    uint64_t *p = realloc(w->kf, nc * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    w->kf = p;
    w->capkf = nc;
  }
  memcpy(w->kf + w->nkf, b->feats, b->nfeats * sizeof *b->feats);
  for (size_t k = 0; k < n; k++) {
    w->kbeg[t0 + k] = (uint32_t)(w->nkf + b->off[k]);
    w->klen[t0 + k] = (uint32_t)(b->off[k + 1] - b->off[k]);
  }
  w->nkf += b->nfeats;
  return HOSO_OK;
}

int hoso__nermodel_tag_doc(const hoso__nermodel *m, hoso__nerwork *w,
                           const hoso__ndoc *d, const hoso__gaz *g, uint8_t *out,
                           uint8_t *lab1) {
  memset(out, 0, d->ntok);
  uint8_t *l1 = lab1 ? lab1 : out;
  if (lab1) memset(lab1, 0, d->ntok);
  int rc = HOSO_OK, any = 0;
  int keep = m->tm2 && d->ntok <= KEEP_MAX_TOKENS;
  if (keep && d->ntok > w->capk) {
    uint32_t *kb = realloc(w->kbeg, d->ntok * sizeof *kb);
    if (kb) w->kbeg = kb;
    uint32_t *kl = realloc(w->klen, d->ntok * sizeof *kl);
    if (kl) w->klen = kl;
    if (!kb || !kl) return HOSO_ENOMEM;
    w->capk = d->ntok;
  }
  w->nkf = 0;
  for (size_t s = 0; s < d->nsent && !rc; s++) {
    const hoso__nsent *se = &d->sent[s];
    if (!has_caps(d, se)) continue;
    any = 1;
    rc = hoso__nermodel_tag(m, w, d, g, se->tok0, se->tok1, l1 + se->tok0);
    if (!rc && keep) rc = keep_features(w, se->tok0, se->tok1 - se->tok0);
  }
  if (rc || !m->tm2 || !any) {
    if (!rc && lab1) memcpy(out, lab1, d->ntok);
    return rc;
  }
  uint8_t *own = NULL;
  if (!lab1) { /* stage 2 needs the first stage's labels apart */
    own = malloc(d->ntok ? d->ntok : 1);
    if (!own) return HOSO_ENOMEM;
    memcpy(own, out, d->ntok);
    l1 = own;
  }
  size_t nt = d->ntok ? d->ntok : 1;
  /* ds: the document features of this pass; prev_ds, prev_l1: those and
  ** the labels the previous pass read (a sentence whose tokens read the
  ** same again would be tagged the same: it is not tagged again) */
  uint16_t *ds = malloc(nt * sizeof *ds), *prev_ds = NULL;
  uint8_t *prev_l1 = NULL;
  if (STAGE2_PASSES > 1 && ds) {
    prev_ds = malloc(nt * sizeof *prev_ds);
    prev_l1 = malloc(nt);
    if (!own) own = malloc(nt);
  }
  rc = ds && (STAGE2_PASSES < 2 || (prev_ds && prev_l1 && own)) ? HOSO_OK : HOSO_ENOMEM;
  uint64_t ph[NPFX];
  pfx_init(ph);
  /* a later pass reads the document as the pass before labelled it (in
  ** own: lab1 keeps the first stage's labels for the caller) */
  for (int pass = 0; pass < STAGE2_PASSES && !rc; pass++) {
    if (pass) {
      memcpy(prev_ds, ds, d->ntok * sizeof *ds);
      memcpy(prev_l1, l1, d->ntok);
      memcpy(own, out, d->ntok);
      l1 = own;
    }
    rc = hoso__nermodel_docstats(d, l1, ds);
    for (size_t s = 0; s < d->nsent && !rc; s++) {
      const hoso__nsent *se = &d->sent[s];
      if (!has_caps(d, se)) continue;
      if (pass) {
        uint32_t i = se->tok0;
        while (i < se->tok1 && ds[i] == prev_ds[i] && l1[i] == prev_l1[i]) i++;
        if (i == se->tok1) continue; /* out keeps the last pass's labels */
      }
      if (!conflict(d, se, l1, ds)) {
        memcpy(out + se->tok0, l1 + se->tok0, se->tok1 - se->tok0);
        continue;
      }
      if (keep) { /* the same features as build(..., l1, ds, ...) */
        hoso__tag_seqbuf_reset(&w->sb);
        for (uint32_t i = se->tok0; i < se->tok1; i++) {
          hoso__tag_seqbuf_next(&w->sb);
          for (uint32_t k = 0; k < w->klen[i]; k++)
            hoso__tag_seqbuf_add(&w->sb, w->kf[w->kbeg[i] + k]);
          add_doc_features(&w->sb, ph, i, se->tok0, se->tok1, l1, ds);
        }
        rc = w->sb.rc;
      } else {
        rc = build(d, g, m->cl, m->mem, se->tok0, se->tok1, l1, ds, &w->sb);
      }
      if (!rc) rc = decode(m->tm2, m->map2, w, se->tok1 - se->tok0, out + se->tok0);
    }
  }
  /* a company named after its head word is a company at its other
  ** mentions too (orgpass.c) */
  if (!rc) rc = hoso__ner_org_pass(d, g, out);
  /* military units in lower case with a number (unitpass.c) */
  if (!rc) rc = hoso__ner_unit_pass(d, g, out);
  free(ds);
  free(prev_ds);
  free(prev_l1);
  free(own);
  return rc;
}

const char *hoso__nermodel_featset(void) { return FEATSET; }
const char *hoso__nermodel_featset2(void) { return FEATSET2; }
