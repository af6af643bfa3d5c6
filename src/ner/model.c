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
**   (clusters.h) of i-1, i, i+1, and of the pairs (i-1,i), (i,i+1).
** Labels: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "ner/model.h"
#include "tag/tag.h"

#define FEATSET "hoso-ner-features-4"

struct hoso__nermodel {
  hoso_tag_model *tm;
  hoso__nclust *cl; /* word classes (ner-clusters.tsv) */
  uint8_t map[HOSO_TAG_MAX_LABELS]; /* model label id -> our label */
};
struct hoso__nerwork {
  hoso_tag_work *tw;
  hoso_tag_seqbuf sb;
  uint16_t *lab;
  size_t caplab;
};

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
  if (rc) {
    hoso__nermodel_close(m);
    return rc;
  }
  size_t nl = hoso__tag_nlabels(m->tm);
  for (size_t i = 0; i < nl && i < HOSO_TAG_MAX_LABELS; i++)
    m->map[i] = label_code(hoso__tag_label(m->tm, i));
  *out = m;
  return HOSO_OK;
}

void hoso__nermodel_close(hoso__nermodel *m) {
  if (!m) return;
  hoso__tag_model_close(m->tm);
  hoso__nclust_free(m->cl);
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

static void add_key(hoso_tag_seqbuf *b, const hoso__ndoc *d, const char *pfx,
                    int64_t i, uint32_t t0, uint32_t t1) {
  if (i < (int64_t)t0) {
    hoso__tag_seqbuf_add_str(b, pfx, "<s>", 3);
  } else if (i >= (int64_t)t1) {
    hoso__tag_seqbuf_add_str(b, pfx, "</s>", 4);
  } else {
    size_t n;
    const char *k = hoso__tok_key(d, (uint32_t)i, &n);
    hoso__tag_seqbuf_add_str(b, pfx, k, n);
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

/* Build the feature sequence of tokens [t0, t1) into b. */
int hoso__nermodel_features(const hoso__ndoc *d, const hoso__gaz *g,
                            const hoso__nclust *cl, uint32_t t0, uint32_t t1,
                            hoso_tag_seqbuf *b) {
  static const int classes[] = {GC_RANK, GC_TITLE, GC_GPE, GC_ORG, GC_ORGHEAD,
                                GC_LOC, GC_SURNAME, GC_STOP, GC_AWARDHEAD};
  static const char *const cname[] = {"RANK", "TITLE", "GPE", "ORG", "ORGHEAD",
                                      "LOC", "SURNAME", "STOP", "AWARD"};
  enum { NC = sizeof classes / sizeof *classes };
  hoso__tag_seqbuf_reset(b);
  /* classes of i-1, i, i+1, each looked up once */
  unsigned cprev = HOSO_NCLUST_NONE, ccur = HOSO_NCLUST_NONE, cnext;
  if (cl && t0 < t1) ccur = hoso__nclust_tok(cl, d, t0);
  for (uint32_t i = t0; i < t1; i++) {
    cnext = cl && i + 1 < t1 ? hoso__nclust_tok(cl, d, i + 1) : HOSO_NCLUST_NONE;
    const hoso__ntok *t = &d->tok[i];
    hoso__tag_seqbuf_next(b);
    hoso__tag_seqbuf_add_str(b, "b", "", 0);
    add_key(b, d, "w0=", i, t0, t1);
    hoso__tag_seqbuf_add_str(b, "f0=", d->text + t->off, t->len);
    add_key(b, d, "w-1=", (int64_t)i - 1, t0, t1);
    add_key(b, d, "w+1=", (int64_t)i + 1, t0, t1);
    add_key(b, d, "w-2=", (int64_t)i - 2, t0, t1);
    add_key(b, d, "w+2=", (int64_t)i + 2, t0, t1);
    char tmp[512];
    size_t n0, n1;
    const char *k0 = hoso__tok_key(d, i, &n0);
    if (i > t0) {
      const char *kp = hoso__tok_key(d, i - 1, &n1);
      if (n0 + n1 + 2 < sizeof tmp) {
        memcpy(tmp, kp, n1);
        tmp[n1] = '|';
        memcpy(tmp + n1 + 1, k0, n0);
        hoso__tag_seqbuf_add_str(b, "w-1w0=", tmp, n0 + n1 + 1);
      }
    }
    if (i + 1 < t1) {
      const char *kn = hoso__tok_key(d, i + 1, &n1);
      if (n0 + n1 + 2 < sizeof tmp) {
        memcpy(tmp, k0, n0);
        tmp[n0] = '|';
        memcpy(tmp + n0 + 1, kn, n1);
        hoso__tag_seqbuf_add_str(b, "w0w+1=", tmp, n0 + n1 + 1);
      }
    }
    const char *s0 = shape(t);
    hoso__tag_seqbuf_add_str(b, "s0=", s0, strlen(s0));
    const char *sa = i > t0 ? shape(&d->tok[i - 1]) : "<s>";
    const char *sc = i + 1 < t1 ? shape(&d->tok[i + 1]) : "</s>";
    size_t len = join3(tmp, sizeof tmp, sa, strlen(sa), s0, strlen(s0), sc, strlen(sc));
    hoso__tag_seqbuf_add_str(b, "s-101=", tmp, len);
    if (i > t0) {
      len = join3(tmp, sizeof tmp, sa, strlen(sa), s0, strlen(s0), NULL, 0);
      hoso__tag_seqbuf_add_str(b, "s-10=", tmp, len);
    }
    if (i > t0) {
      size_t np;
      const char *kp = hoso__tok_key(d, i - 1, &np);
      len = join3(tmp, sizeof tmp, kp, np < 200 ? np : 200, s0, strlen(s0), NULL, 0);
      hoso__tag_seqbuf_add_str(b, "w-1s0=", tmp, len);
    }
    if (i + 1 < t1) {
      size_t nn;
      const char *kn = hoso__tok_key(d, i + 1, &nn);
      len = join3(tmp, sizeof tmp, s0, strlen(s0), kn, nn < 200 ? nn : 200, NULL, 0);
      hoso__tag_seqbuf_add_str(b, "s0w+1=", tmp, len);
    }
    if (i >= t0 + 2) {
      size_t na, nb;
      const char *ka = hoso__tok_key(d, i - 2, &na);
      const char *kb = hoso__tok_key(d, i - 1, &nb);
      len = join3(tmp, sizeof tmp, ka, na < 100 ? na : 100, kb, nb < 100 ? nb : 100, s0,
                  strlen(s0));
      hoso__tag_seqbuf_add_str(b, "w-2w-1s0=", tmp, len);
    }
    if ((t->flags & NT_SEG) && !(t->flags & (NT_UPPER | NT_ALLCAPS))) { /* the input's words (CoNLL) */
      uint32_t ws = i, we = i + 1;
      while (ws > t0 && (d->tok[ws].flags & NT_WCONT)) ws--;
      while (we < t1 && (d->tok[we].flags & NT_WCONT)) we++;
      const char *wp = we - ws == 1 ? "S" : i == ws ? "B" : i + 1 == we ? "E" : "I";
      hoso__tag_seqbuf_add_str(b, "wp=", wp, 1);
      len = join3(tmp, sizeof tmp, wp, 1, s0, strlen(s0), NULL, 0);
      hoso__tag_seqbuf_add_str(b, "wps0=", tmp, len);
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
        hoso__tag_seqbuf_add_str(b, "W0=", tmp, len);
      }
    }
    if (cl) { /* word classes of i-1, i, i+1 */
      char ca[8], cb[8], cc[8];
      size_t la = cls_str(cprev, ca), lb = cls_str(ccur, cb), lc = cls_str(cnext, cc);
      hoso__tag_seqbuf_add_str(b, "c0=", cb, lb);
      hoso__tag_seqbuf_add_str(b, "c-1=", ca, la);
      hoso__tag_seqbuf_add_str(b, "c+1=", cc, lc);
      len = join3(tmp, sizeof tmp, ca, la, cb, lb, NULL, 0);
      hoso__tag_seqbuf_add_str(b, "c-1c0=", tmp, len);
      len = join3(tmp, sizeof tmp, cb, lb, cc, lc, NULL, 0);
      hoso__tag_seqbuf_add_str(b, "c0c+1=", tmp, len);
    }
    if ((t->flags & NT_WORD) && !(t->flags & NT_VIET) && n0 > 3)
      hoso__tag_seqbuf_add_str(b, "suf3=", k0 + n0 - 3, 3);
    if (t->flags & NT_CYR) hoso__tag_seqbuf_add_str(b, "cyr", "", 0);
    if (i == t0) hoso__tag_seqbuf_add_str(b, "first", "", 0);
    /* gazetteer classes */
    if (g && d->gm_first) {
      for (uint32_t k = i >= 12 ? i - 12 : 0; k <= i; k++) {
        if (k < t0) continue;
        for (uint32_t m = d->gm_first[k]; m < d->gm_first[k + 1]; m++) {
          const struct hoso__gmatch *gm = &d->gm[m];
          for (int c = 0; c < NC; c++) {
            if (gm->cls != classes[c]) continue;
            if (k == i) hoso__tag_seqbuf_add_str(b, "gB=", cname[c], strlen(cname[c]));
            else if (k + gm->len > i)
              hoso__tag_seqbuf_add_str(b, "gI=", cname[c], strlen(cname[c]));
            else if (k + gm->len == i)
              hoso__tag_seqbuf_add_str(b, "gE-1=", cname[c], strlen(cname[c]));
          }
        }
      }
    }
    cprev = ccur;
    ccur = cnext;
  }
  return b->rc;
}

int hoso__nermodel_tag(const hoso__nermodel *m, hoso__nerwork *w,
                       const hoso__ndoc *d, const hoso__gaz *g, uint32_t tok0,
                       uint32_t tok1, uint8_t *out) {
  size_t n = tok1 - tok0;
  if (!n) return HOSO_OK;
  int rc = hoso__nermodel_features(d, g, m->cl, tok0, tok1, &w->sb);
  if (rc) return rc;
  hoso_tag_seq seq;
  rc = hoso__tag_seqbuf_seq(&w->sb, &seq);
  if (rc) return rc;
  if (n > w->caplab) {
    uint16_t *l = realloc(w->lab, n * sizeof *l);
    if (!l) return HOSO_ENOMEM;
    w->lab = l;
    w->caplab = n;
  }
  rc = hoso__tag_decode(m->tm, w->tw, &seq, w->lab);
  if (rc) return rc;
  for (size_t i = 0; i < n; i++)
    out[i] = w->lab[i] < HOSO_TAG_MAX_LABELS ? m->map[w->lab[i]] : 0;
  /* an I- without a B- of its type starts a span */
  for (size_t i = 0; i < n; i++) {
    if (out[i] && !(out[i] & 1) && (i == 0 || (out[i - 1] != out[i] &&
                                               out[i - 1] != out[i] - 1)))
      out[i] = (uint8_t)(out[i] - 1);
  }
  return HOSO_OK;
}

const char *hoso__nermodel_featset(void) { return FEATSET; }
