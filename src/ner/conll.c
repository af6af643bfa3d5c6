/*
** conll.c -- `hoso ner --conll`: words in, words with BIO tags out.
** Each sentence's words are joined with spaces ('_' inside a word becomes
** a space, as in running text) and analysed like any text; every word
** then takes the tag of the outermost mention that covers it (PER, ORG,
** LOC for places and countries, MISC; dates are left O).
** When the input is word-segmented (at least 5% of a batch's words have
** several syllables, "Hà_Nội"), the tagger is told where the words are.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/ner_api.h"

struct hoso_ner;
int hoso__ner_doc(const hoso_ner *n, hoso__ndoc *d, const char *text,
                  size_t len, const size_t *words, size_t nwords,
                  hoso_error *err);
const hoso__gaz *hoso__ner_gaz(const hoso_ner *n);

typedef struct wspan {
  size_t line0, line1; /* the input line (without newline) */
  size_t w0, w1;       /* the word in the joined text */
  int tag;             /* etype, 0 = O */
  int begin;
  int end_mark;        /* 1: not a word but the blank line after a sentence */
} wspan;

static int grow_w(wspan **w, size_t *nw, size_t *capw, size_t l0, size_t l1,
                  size_t w0, size_t w1, int end_mark) {
  if (*nw == *capw) {
    size_t nc = *capw ? *capw * 2 : 64;
    wspan *p = realloc(*w, nc * sizeof **w);
    if (!p) return -1;
    *w = p;
    *capw = nc;
  }
  wspan *x = &(*w)[(*nw)++];
  memset(x, 0, sizeof *x);
  x->line0 = l0;
  x->line1 = l1;
  x->w0 = w0;
  x->w1 = w1;
  x->end_mark = end_mark;
  return 0;
}

static const char *conll_type(int t) {
  switch (t) {
  case ET_PER: return "PER";
  case ET_ORG: return "ORG";
  case ET_LOC:
  case ET_GPE: return "LOC";
  case ET_MISC: return "MISC";
  default: return NULL;
  }
}

static int flush(const hoso_ner *n, const char *in, wspan *w, size_t nw,
                 hoso_buf *sent, hoso_buf *out, hoso_error *err) {
  if (!nw) return HOSO_OK;
  hoso__ndoc d;
  if (!sent->p) return HOSO_OK;
  /* segmented input: at least 5% of the words hold a space (was '_') */
  size_t nwords = 0, njoined = 0;
  for (size_t k = 0; k < nw; k++) {
    if (w[k].end_mark) continue;
    nwords++;
    if (memchr(sent->p + w[k].w0, ' ', w[k].w1 - w[k].w0)) njoined++;
  }
  int seg = njoined && njoined * 20 >= nwords;
  size_t *spans = NULL, ns = 0;
  if (seg) {
    spans = malloc(2 * nw * sizeof *spans);
    if (!spans) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    for (size_t k = 0; k < nw; k++) {
      if (w[k].end_mark) continue;
      spans[2 * ns] = w[k].w0;
      spans[2 * ns + 1] = w[k].w1;
      ns++;
    }
  }
  int rc = hoso__ner_doc(n, &d, sent->p ? sent->p : "", sent->n, spans, ns, err);
  free(spans);
  if (!rc) {
    /* outermost first: sort mention indexes by length, longest first */
    for (size_t k = 0; k < nw; k++) w[k].tag = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (size_t m = 0; m < d.nmen; m++) {
        const hoso__mention *x = &d.men[m];
        if (!conll_type(x->type)) continue;
        int outer = 1;
        for (size_t m2 = 0; m2 < d.nmen && outer; m2++) {
          const hoso__mention *y = &d.men[m2];
          if (m2 != m && conll_type(y->type) && y->tok0 <= x->tok0 &&
              y->tok1 >= x->tok1 && (y->tok1 - y->tok0) > (x->tok1 - x->tok0))
            outer = 0;
        }
        if (pass == 0 && !outer) continue;
        size_t s0 = d.tok[x->tok0].off;
        size_t s1 = d.tok[x->tok1 - 1].off + d.tok[x->tok1 - 1].len;
        int first = 1;
        for (size_t k = 0; k < nw; k++) {
          if (w[k].end_mark || w[k].w1 <= s0 || w[k].w0 >= s1) continue;
          if (w[k].tag) {
            first = 0;
            continue;
          }
          w[k].tag = x->type;
          w[k].begin = first;
          first = 0;
        }
      }
    }
    for (size_t k = 0; k < nw && !rc; k++) {
      if (w[k].end_mark) {
        rc = hoso__buf_adds(out, "\n");
        continue;
      }
      rc = hoso__buf_add(out, in + w[k].line0, w[k].line1 - w[k].line0);
      const char *t = conll_type(w[k].tag);
      if (!rc) {
        if (t) rc = hoso__buf_printf(out, "\t%s-%s\n", w[k].begin ? "B" : "I", t);
        else rc = hoso__buf_adds(out, "\tO\n");
      }
    }
  }
  hoso__ndoc_free(&d);
  hoso__buf_reset(sent);
  return rc;
}

int hoso_ner_conll(const hoso_ner *n, const char *in, size_t len, char **out,
                   size_t *out_n, hoso_error *err) {
  *out = NULL;
  if (!n) return hoso__err(err, HOSO_EARG, "no analyser");
  hoso_buf o, sent;
  hoso__buf_init(&o, 0);
  hoso__buf_init(&sent, 1u << 20);
  wspan *w = NULL;
  size_t nw = 0, capw = 0;
  int rc = HOSO_OK;
  size_t p = 0;
  while (p <= len && !rc) {
    const char *nl = p < len ? memchr(in + p, '\n', len - p) : NULL;
    size_t e = nl ? (size_t)(nl - in) : len;
    if (p == len && !nl) {
      rc = flush(n, in, w, nw, &sent, &o, err);
      nw = 0;
      break;
    }
    size_t le = e;
    if (le > p && in[le - 1] == '\r') le--;
    if (le == p) { /* blank line: end of sentence */
      /* sentences are analysed in batches of a few hundred, one per line,
      ** so a name found in one sentence is known in the next */
      if (nw && (rc = hoso__buf_addc(&sent, '\n'))) break;
      if (nw) {
        if (grow_w(&w, &nw, &capw, p, p, sent.n, sent.n, 1)) {
          rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
          break;
        }
      } else {
        rc = hoso__buf_adds(&o, "\n");
      }
      if (!rc && (sent.n > (256u << 10) || nw > 20000)) {
        rc = flush(n, in, w, nw, &sent, &o, err);
        nw = 0;
      }
    } else {
      /* the word is the first column */
      size_t we = p;
      while (we < le && in[we] != '\t') we++;
      if (nw == capw) {
        size_t nc = capw ? capw * 2 : 64;
        wspan *nwp = realloc(w, nc * sizeof *w);
        if (!nwp) {
          rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
          break;
        }
        w = nwp;
        capw = nc;
      }
      if (sent.n && sent.p[sent.n - 1] != '\n' && (rc = hoso__buf_addc(&sent, ' '))) break;
      memset(&w[nw], 0, sizeof w[nw]);
      w[nw].line0 = p;
      w[nw].line1 = le;
      w[nw].w0 = sent.n;
      for (size_t k = p; k < we && !rc; k++)
        rc = hoso__buf_addc(&sent, in[k] == '_' ? ' ' : in[k]);
      if (rc) {
        rc = hoso__err_at(err, rc, p, "sentence too long");
        break;
      }
      w[nw].w1 = sent.n;
      nw++;
    }
    p = e + 1;
  }
  /* the last line had no newline: its sentence is still pending */
  if (!rc && nw) rc = flush(n, in, w, nw, &sent, &o, err);
  free(w);
  hoso__buf_free(&sent);
  if (rc) {
    hoso__buf_free(&o);
    return rc;
  }
  if (out_n) *out_n = o.n;
  *out = hoso__buf_take(&o);
  if (!*out) *out = calloc(1, 1);
  return *out ? HOSO_OK : hoso__err(err, HOSO_ENOMEM, "out of memory");
}
