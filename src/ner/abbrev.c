/*
** abbrev.c -- abbreviations of countries and places a text defines for
** itself.
**
** News writes a country's name once with its abbreviation in brackets,
** then the abbreviation alone: "Ngoại trưởng Nhật Bản (NB) Nobutaka
** Machimura ... việc NB chấp thuận ...", "Đài Loan (ĐL)", "Hàn Quốc (HQ)".
** A listed country or place (a GPE or LOC gazetteer entry) followed by
** "(" ABBR ")", where
** ABBR is one word in capitals whose letters are the initials of the
** name's words in order (N-B for Nhật Bản; "Hà Nội (TTXVN)" is no
** definition), defines ABBR for the whole text: every token spelt exactly
** ABBR becomes a match of that entry, so the entity rules read it as the
** country or place (its canonical name and code) like any listed form.
** An abbreviation already listed (TQ) or defined for two names is left
** alone.
**
** Checked on the gold labels before it was built: the bracketed
** abbreviations after a country in VLSP 2016 train (Đài Loan (ĐL) twice,
** Trung Quốc (TQ)) are all LOC.
**
** Ownership: reads the gazetteer; rebuilds d->gm / d->gm_first in place
** (the old arrays are freed); allocates nothing that outlives the call.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "text/text.h"

#define ABBREV_MAX 16 /* definitions kept per text */

/* Code point at key position *p of key k (n bytes), skipping combining
** marks and tone digits; -1 at the end. */
static int32_t next_letter(const char *k, size_t n, size_t *p) {
  while (*p < n) {
    size_t l;
    int32_t c = hoso__utf8_decode(k + *p, n - *p, &l);
    *p += l;
    if (c >= 0x300 && c <= 0x36f) continue;
    if (c >= '0' && c <= '9') continue;
    return c;
  }
  return -1;
}

/* Are the letters of token a's key the initials of tokens [t0, t1)? (ner.h) */
int hoso__ner_initials(const hoso__ndoc *d, uint32_t a, uint32_t t0, uint32_t t1) {
  size_t an, ap = 0;
  const char *ak = hoso__tok_key(d, a, &an);
  for (uint32_t t = t0; t < t1; t++) {
    if (!(d->tok[t].flags & NT_WORD)) return 0;
    size_t kn, kp = 0;
    const char *k = hoso__tok_key(d, t, &kn);
    int32_t c = next_letter(k, kn, &kp);
    if (c < 0 || next_letter(ak, an, &ap) != c) return 0;
  }
  return next_letter(ak, an, &ap) < 0;
}

static int has_place(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i) {
  uint32_t l;
  return hoso__gaz_match(g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &l) >= 0;
}

int hoso__ner_defined_abbrevs(const hoso__gaz *g, hoso__ndoc *d) {
  hoso__bdefs defs;
  hoso__bdefs_init(&defs, ABBREV_MAX);
  if (!d->gm_first) return HOSO_OK;
  for (uint32_t i = 0; i + 3 < d->ntok; i++) {
    uint32_t l;
    int id = hoso__gaz_match(g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &l);
    if (id < 0 || !(d->tok[i].flags & NT_UPPER)) continue;
    uint32_t a = i + l + 1; /* the bracketed word */
    if (!hoso__ner_bracketed_word(d, a) || has_place(g, d, a) || !hoso__ner_initials(d, a, i, i + l) ||
        hoso__ner_bracket_names_other(d, g, a, i, i + l))
      continue;
    /* two countries, one abbreviation: neither (brackets.c) */
    hoso__bdefs_define(&defs, d, a, i, i + l, id, -1, HOSO__BDEF_SAME_OWNER);
  }
  size_t nadd = 0;
  for (uint32_t t = 0; t < d->ntok; t++) nadd += hoso__bdefs_find(&defs, d, t) != NULL;
  if (!nadd) return HOSO_OK;
  /* merge the new matches in token order */
  size_t ngm = d->ngm + nadd;
  struct hoso__gmatch *gm = malloc(ngm * sizeof *gm);
  uint32_t *first = malloc((d->ntok + 1) * sizeof *first);
  if (!gm || !first) {
    free(gm);
    free(first);
    return HOSO_ENOMEM;
  }
  size_t n = 0;
  for (uint32_t t = 0; t < d->ntok; t++) {
    first[t] = (uint32_t)n;
    for (uint32_t k = d->gm_first[t]; k < d->gm_first[t + 1]; k++) gm[n++] = d->gm[k];
    const hoso__bdef *def = hoso__bdefs_find(&defs, d, t);
    if (def) {
      gm[n].tok = t;
      gm[n].cls = (uint16_t)hoso__gaz_entry(g, def->owner)->cls;
      gm[n].len = 1;
      gm[n++].id = def->owner;
    }
  }
  first[d->ntok] = (uint32_t)n;
  free(d->gm);
  free(d->gm_first);
  d->gm = gm;
  d->gm_first = first;
  d->ngm = d->capgm = n;
  return HOSO_OK;
}
