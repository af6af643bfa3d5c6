/*
** datepass.c -- the first pass: each date expression (dates.c) is a DATE
** mention, and its tokens are claimed before the other passes run.
**
** Ownership: adds mentions through the run (rules.h).
*/
#include "ner/ner.h"
#include "ner/rules.h"

int hoso__nr_dates(hoso__nrun *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0;
  while (i < s->tok1) {
    hoso__date dt;
    uint32_t n = hoso__date_at(d, r->g, i, &d->pub, &dt);
    if (n && i + n <= s->tok1) {
      /* a date glued to a capitalised name ("Quốc khánh 2-9") is part of it */
      int m = hoso__nr_add_mention(r, i, i + n, ET_DATE, -1, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = i; x < i + n; x++) r->claim[x] = 1;
      r->rank_of_men[m] = -1;
      /* keep the value: stash in an entity later; store via gz = -1 */
      i += n;
      continue;
    }
    i++;
  }
  return HOSO_OK;
}
