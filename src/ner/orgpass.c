/*
** orgpass.c -- the tagger's last step: a company's name at its other
** mentions. News names a company once after its head word ("tập đoàn
** Unilever", "công ty L'Oréal", "thương hiệu Giorgio Armani") and then
** alone, where the tagger, seeing a capitalised foreign or Vietnamese
** name, reads it as a person or a place at every mention. A capitalised
** run of words right after a company head word (models/gazetteers/
** companyheads.tsv: WORD entries valued "companyhead"), unless it is a
** listed country or place ("hãng Hàn Quốc") nor one word in Vietnamese
** letters or capitals ("Công ty Điện lực", "Công ty XDCT"), is a
** company's name; within
** ORGPASS_WINDOW sentences of it each other mention of the same words that
** stands alone (no capitalised word on either side, not inside or at the
** start of a longer span the tagger found) is labelled ORG.
** An organisation's abbreviation, written in brackets after the name the
** tagger labelled ORG ("Liên minh Xã hội Cơ đốc giáo (CSU)", "Hiệp hội
** Bóng đá Anh (FA)"), is such a name too: the bracketed word and its other
** mentions standing alone are labelled ORG. Measured on the gold labels
** before it was built (one word in capitals in brackets after a gold ORG):
** the bracketed word is ORG 43 of 48 times in VLSP 2018 dev, 86 of 100 in
** 2018 train; its other mentions within the window 122 of 147 (dev) and
** 229 of 350 (train; most of the rest have a capitalised neighbour, "AFF
** Cup", which the pass leaves alone). After a place the same words are
** mostly not places ("AIMAG", "SAA"): places are left out.
** Measured on the gold labels before it was built (the heads "công ty",
** "tập đoàn", "hãng", "thương hiệu", "nhãn hiệu"; listed places left out):
** of the names such a head introduces, every other mention in VLSP 2018
** dev is ORG (43 of 43), and 44 of 45 in VLSP 2018 train.
**
** Ownership: works in place on the caller's labels; allocates nothing that
** outlives the call.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/model.h"
#include "ner/ner.h"

/* Sentences either side of the head's sentence where its name counts
** (documents of `hoso ner --conll` are batches of up to 20,000 words of
** many articles; a whole batch joined unrelated articles' names). */
#define ORGPASS_WINDOW 25

typedef struct cname { uint32_t sent, t0, t1; } cname;

static int upper(const hoso__ndoc *d, uint32_t i) {
  return (d->tok[i].flags & (NT_UPPER | NT_ALLCAPS)) != 0;
}

static int is_org(uint8_t l) {
  return l == NER_LABEL_B(ET_ORG) || l == NER_LABEL_I(ET_ORG);
}

static int is_bracket(const hoso__ndoc *d, uint32_t i, char b) {
  const hoso__ntok *t = &d->tok[i];
  return (t->flags & NT_PUNCT) && t->len == 1 && d->text[t->off] == b;
}

/* Token i opens "(" ABBR ")" right after a span labelled ORG: the
** abbreviation's token, else 0. */
static uint32_t org_abbrev_at(const hoso__ndoc *d, const uint8_t *lab, uint32_t i,
                              const hoso__nsent *se) {
  if (i <= se->tok0 || i + 2 >= se->tok1 || !is_org(lab[i - 1]) || !is_bracket(d, i, '(') ||
      !is_bracket(d, i + 2, ')'))
    return 0;
  const hoso__ntok *a = &d->tok[i + 1];
  return (a->flags & NT_WORD) && (a->flags & NT_ALLCAPS) ? i + 1 : 0;
}

int hoso__ner_org_pass(const hoso__ndoc *d, const hoso__gaz *g, uint8_t *lab) {
  cname *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t s = 0; s < d->nsent; s++) {
    const hoso__nsent *se = &d->sent[s];
    for (uint32_t i = se->tok0; i < se->tok1; i++) {
      uint32_t h = hoso__gaz_value_len(g, d, i, GC_WORD, 2, "companyhead"), k = i + h, e = k, l;
      uint32_t ab = org_abbrev_at(d, lab, i, se);
      if (ab) {
        k = ab;
        e = ab + 1;
      } else {
        if (!h || k >= se->tok1 || !upper(d, k)) continue;
        while (e < se->tok1 && upper(d, e)) e++;
        /* a listed place ("hãng Hàn Quốc"); one word in Vietnamese letters
        ** or capitals opens a longer name or a company's kind ("Công ty
        ** Điện lực", "Công ty XDCT"), it is no name alone */
        if ((hoso__gaz_match(g, d, k, GCM(GC_GPE) | GCM(GC_LOC), &l) >= 0 && k + l == e) ||
            (e - k == 1 && (d->tok[k].flags & (NT_VIET | NT_ALLCAPS))))
          continue;
      }
      if (n == cap) {
        size_t nc = cap ? cap * 2 : 16;
        cname *nv = realloc(v, nc * sizeof *nv);
        if (!nv) {
          free(v);
          return HOSO_ENOMEM;
        }
        v = nv;
        cap = nc;
      }
      v[n++] = (cname){(uint32_t)s, k, e};
      i = e - 1;
    }
  }
  for (size_t c = 0; c < n; c++) {
    uint32_t len = v[c].t1 - v[c].t0;
    size_t s0 = v[c].sent > ORGPASS_WINDOW ? v[c].sent - ORGPASS_WINDOW : 0;
    size_t s1 = v[c].sent + ORGPASS_WINDOW + 1 < d->nsent ? v[c].sent + ORGPASS_WINDOW + 1 : d->nsent;
    for (size_t s = s0; s < s1; s++) {
      const hoso__nsent *se = &d->sent[s];
      for (uint32_t i = se->tok0; i + len <= se->tok1; i++) {
        uint32_t e = i + len;
        if (!hoso__tok_same_text(d, i, v[c].t0, len) || (i > se->tok0 && upper(d, i - 1)) ||
            (e < se->tok1 && upper(d, e)) || is_org(lab[i]) ||
            (i > se->tok0 && lab[i - 1]) || (e < se->tok1 && NER_LABEL_IS_I(lab[e])))
          continue;
        lab[i] = NER_LABEL_B(ET_ORG);
        for (uint32_t k = i + 1; k < e; k++) lab[k] = NER_LABEL_I(ET_ORG);
      }
    }
  }
  free(v);
  return HOSO_OK;
}
