/*
** bracketpeople.c -- names in a list of people with their countries in
** brackets that neither a rule nor the tagger found: "Sharapova (Nga)
** thua Henin (Bỉ) 0-2". Where a sentence holds a person found with a
** country in brackets right after the name, another run of capitalised
** words in Latin letters (one to four, no word of Vietnamese letters, no
** token any mention holds) followed by a country in brackets is a person
** too: the sentence lists people that way. A run that goes on from a
** claimed capitalised word ("Tập đoàn Poma (Pháp)") is left alone.
**
** Ownership: adds mentions to r->d and claims their tokens (rules.h);
** allocates nothing.
*/
#include "ner/ner.h"
#include "ner/rules.h"

#define RUN_MAX 4

/* The GPE mention opening at token t, -1 if none. */
static int gpe_at(const hoso__ndoc *d, uint32_t t) {
  for (size_t m = 0; m < d->nmen; m++)
    if (d->men[m].tok0 == t && d->men[m].type == ET_GPE) return (int)m;
  return -1;
}

/* Does "(" COUNTRY ")" open at token t, inside the sentence ending at
** send? */
static int country_bracket(const hoso__ndoc *d, uint32_t t, uint32_t send) {
  if (t + 2 >= send || !is_punct(d, t, "(")) return 0;
  int g = gpe_at(d, t + 1);
  return g >= 0 && d->men[g].tok1 < send && is_punct(d, d->men[g].tok1, ")");
}

int hoso__nr_bracket_people(hoso__nrun *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  if (r->model_only) return HOSO_OK;
  int listed = 0;
  for (size_t m = 0; m < d->nmen && !listed; m++) {
    const hoso__mention *pm = &d->men[m];
    if (pm->type == ET_PER && pm->tok0 >= s->tok0 && pm->tok1 < s->tok1 &&
        country_bracket(d, pm->tok1, s->tok1))
      listed = 1;
  }
  if (!listed) return HOSO_OK;
  for (uint32_t t = s->tok0 + 1; t < s->tok1; t++) {
    if (!country_bracket(d, t, s->tok1)) continue;
    uint32_t k = t;
    while (k > s->tok0 && t - k < RUN_MAX && is_upper(d, k - 1) && !r->claim[k - 1] &&
           (d->tok[k - 1].flags & NT_WORD) && !(d->tok[k - 1].flags & NT_VIET))
      k--;
    if (k == t || (k > s->tok0 && is_upper(d, k - 1))) continue;
    int m = hoso__nr_add_mention(r, k, t, ET_PER, -1, 0);
    if (m == -2) return HOSO_ENOMEM;
    for (uint32_t x = k; x < t; x++) r->claim[x] = 1;
  }
  return HOSO_OK;
}
