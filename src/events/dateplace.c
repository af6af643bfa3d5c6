/*
** dateplace.c -- when and where: how much an event's date says, "cùng
** ngày" (the day of the date told before), the country of a place.
** Read-only on the document; nothing is allocated. Ranges of days are in
** ranges.c.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* How much an event's date says: 0 none, 1 a relative word that cannot be
** resolved ("sáng nay" without a publication date), 2 a stated day or
** month. */
int hoso__ev_date_rank(const hoso__entity *ents, const hoso__event *ev) {
  if (ev->date_entity < 0) return 0;
  const hoso__date *dt = &ents[ev->date_entity].date;
  if (dt->year && !dt->month && !dt->week) return 1; /* a year: any day beats it */
  return dt->determinable || dt->month || dt->year ? 2 : 1;
}

/* Is place entity ent a Vietnamese province, city or commune? The list
** of them, models/gazetteers/admin_vn.tsv, gives codes "province-..." and
** "commune-..." instead of a country. */
int hoso__ev_vn_unit(const hoso__ndoc *d, const hoso__gaz *g, int ent) {
  static const char *const unit_codes[] = {"province-", "commune-"};
  const hoso__mention *fm = &d->men[d->ents[ent].first_mention];
  if (fm->gz < 0) return 0;
  const hoso__gentry *ge = hoso__gaz_entry(g, fm->gz);
  for (size_t i = 0; ge->nf > 3 && i < sizeof unit_codes / sizeof *unit_codes; i++)
    if (!strncmp(ge->f[3], unit_codes[i], strlen(unit_codes[i]))) return 1;
  return 0;
}

/* The country of place entity ent: its own, else Việt Nam for a
** Vietnamese administrative unit, else "". */
const char *hoso__ev_place_country(const hoso__ndoc *d, const hoso__gaz *g, int ent) {
  const hoso__entity *pe = &d->ents[ent];
  if (pe->country[0]) return pe->country;
  return hoso__ev_vn_unit(d, g, ent) ? "VN" : "";
}

/* "Chủ tịch X đã đến thăm, chúc Tết cán bộ và nhân dân TP Cần Thơ": the
** place of a visit read at the trigger ending at t1 that has none yet is
** the first place named after it in its sentence, within 12 words, over
** at most one comma and nobody named between. */
void hoso__ev_visit_place(const hoso__ndoc *d, const hoso__nsent *s, const slice *sl,
                          uint32_t t1, hoso__event *ev) {
  if (ev->place_entity >= 0 || strcmp(ev->type, "visit")) return;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->tok0 < t1 || x->entity < 0) continue;
    if (x->tok0 >= t1 + 12 || x->tok1 > s->tok1) return;
    if (x->type == ET_PER || x->type == ET_ORG) return;
    if (x->type != ET_LOC && x->type != ET_GPE) continue;
    int commas = 0;
    for (uint32_t k = t1; k < x->tok0; k++) commas += hoso__ev_is_comma(d, k);
    if (commas <= 1) ev->place_entity = x->entity;
    return;
  }
}

/* Does date mention x open its sentence (within its first 3 tokens) or a
** clause after a dash or a bracket ("(NLĐ)- Tối 28-3, ...")? */
static int opens_clause(const hoso__ndoc *d, const hoso__mention *x) {
  if (x->tok0 <= d->sent[d->tok[x->tok0].sent].tok0 + 3) return 1;
  if (x->tok1 >= d->ntok || !hoso__ev_is_comma(d, x->tok1)) return 0;
  const hoso__ntok *before = &d->tok[x->tok0 - 1];
  return (before->flags & NT_PUNCT) && !hoso__ev_is_comma(d, x->tok0 - 1);
}

/* A cue of the kind "same-day" ("cùng ngày", "hôm đó", "dịp này":
** models/events/words.tsv) before the trigger at token i, in its clause:
** the event is on the day of the latest date with a day stated before the
** sentence that opens its sentence or a clause, else of the latest one
** (only its day: the part of day and time are the earlier event's). */
void hoso__ev_same_day(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s, uint32_t i,
                       hoso__event *ev) {
  int cue = 0;
  uint32_t l;
  for (uint32_t k = i; k > s->tok0 && !cue;) { /* in the trigger's clause */
    k--;
    if (hoso__ev_is_comma(d, k)) break;
    cue = hoso__ev_cue_at(d, g, k, "same-day", &l) && k + l <= i;
  }
  for (uint32_t k = s->tok0; k < s->tok0 + 3 && k < i && !cue; k++) /* opening the sentence */
    cue = hoso__ev_cue_at(d, g, k, "same-day", &l) && k + l <= i;
  if (!cue) return;
  /* the latest date opening its sentence ("Tối 28-3, ..."), the day the
  ** text told of; else the latest one ("(28.3.1976 - 28.3.2006)" in it is
  ** an anniversary's span, not the day) */
  int best = -1, best_open = -1;
  for (size_t m = 0; m < d->nmen; m++) {
    const hoso__mention *x = &d->men[m];
    if (x->type != ET_DATE || x->entity < 0 || x->tok1 > s->tok0 || !d->ents[x->entity].date.day)
      continue;
    if (best < 0 || x->tok0 > d->men[best].tok0) best = (int)m;
    if (opens_clause(d, x) && (best_open < 0 || x->tok0 > d->men[best_open].tok0))
      best_open = (int)m;
  }
  if (best_open >= 0) best = best_open;
  if (best < 0) return;
  ev->date_entity = d->men[best].entity;
  ev->date_men = best;
  ev->day_only = 1;
}
