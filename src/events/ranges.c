/*
** ranges.c -- an event's date stated as a range of days: the event's date
** is the first day, the last one is reported beside it.
**
**   "từ 18 đến 22/7", "từ ngày 10 đến 12/10"  a day number, a cue of the
**       kind "range-to" (models/events/words.tsv: "đến", "tới") and the
**       date; with "từ" (kind "range-from") or "ngày" before the first day
**   "hai ngày 8 và 9-5", "ngày 18 và 19/11"    two days listed ("và", kind
**       "range-and"): the first is the event's, the second its last
**   "26 - 27/4", "4 – 5/7"                    a day number, a dash, the date
**   "từ 30/6 đến 2/7", "30/6 - 2/7"            two dates
**   "ngày 4-5/7"                              the date reader stops at the
**       "4-5" (day 4 of May); a "/7" right after it makes it days 4-5 of July
**
** The entity stage reads the date (src/ner/dates.c); this file only looks
** at the words around the mention the event took its date from.
*/
#include <string.h>

#include "events/events.h"

/* A day number 1..31 alone in token i ("18"), else 0. */
static int day_num(const hoso__ndoc *d, uint32_t i) {
  if (i >= d->ntok || !(d->tok[i].flags & NT_NUM)) return 0;
  const char *p = d->text + d->tok[i].off;
  size_t n = d->tok[i].len;
  if (n == 0 || n > 2) return 0;
  int v = 0;
  for (size_t k = 0; k < n; k++) {
    if (p[k] < '0' || p[k] > '9') return 0;
    v = v * 10 + (p[k] - '0');
  }
  return v >= 1 && v <= 31 ? v : 0;
}

static int is_slash(const hoso__ndoc *d, uint32_t i) {
  return i < d->ntok && (d->tok[i].flags & NT_PUNCT) && d->tok[i].len == 1 &&
         d->text[d->tok[i].off] == '/';
}

/* Does an entry of class cls (GC_STATUS, GC_DATEW) with this value start at
** token j and end right before token end? */
static int word_to(const hoso__ndoc *d, const hoso__gaz *g, uint32_t j, int cls,
                   const char *value, uint32_t end) {
  if (j >= d->ntok) return 0;
  for (uint32_t m = d->gm_first[j]; m < d->gm_first[j + 1]; m++) {
    if (d->gm[m].cls != cls || j + d->gm[m].len != end) continue;
    const hoso__gentry *e = hoso__gaz_entry(g, d->gm[m].id);
    if (e && e->nf >= 3 && !strcmp(e->f[2], value)) return 1;
  }
  return 0;
}

static int cue_to(const hoso__ndoc *d, const hoso__gaz *g, uint32_t j, const char *value,
                  uint32_t end) {
  return word_to(d, g, j, GC_STATUS, value, end);
}

/* Does a "range-from" cue ("từ", "từ ngày") or the date reader's day unit
** ("ngày", "hai ngày 8 và 9-5": DATEW DAY in models/gazetteers/dates.tsv)
** end right at token k? */
static int from_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  for (uint32_t j = k >= 3 ? k - 3 : 0; j < k; j++)
    if (cue_to(d, g, j, "range-from", k) || word_to(d, g, j, GC_DATEW, "DAY", k)) return 1;
  return 0;
}

/* The DATE mention of the sentence (mention indexes sm[0..ns)) ending
** right at token k, or -1. */
static int date_ending_at(const hoso__ndoc *d, const uint32_t *sm, size_t ns, uint32_t k) {
  for (size_t q = 0; q < ns; q++) {
    const hoso__mention *m = &d->men[sm[q]];
    if (m->type == ET_DATE && m->tok1 == k && m->entity >= 0) return (int)sm[q];
  }
  return -1;
}

int hoso__event_date_range(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *sm,
                           size_t ns, int men, hoso__date *first, hoso__date *last) {
  if (men < 0 || (size_t)men >= d->nmen) return 0;
  const hoso__mention *x = &d->men[men];
  if (x->entity < 0 || x->type != ET_DATE) return 0;
  const hoso__date *de = &d->ents[x->entity].date;
  if (!de->day || !de->month || de->week) return 0;
  uint32_t sent = d->tok[x->tok0].sent;
  /* "ngày 4-5/7": the mention ends inside the range */
  if (x->tok1 + 1 < d->ntok && is_slash(d, x->tok1) && d->tok[x->tok1 + 1].sent == sent) {
    const hoso__ntok *t = &d->tok[x->tok1 - 1];
    int month = day_num(d, x->tok1 + 1);
    if (month >= 1 && month <= 12 && (t->flags & NT_NUM) &&
        memchr(d->text + t->off, '-', t->len) && de->day < de->month) {
      *first = *de;
      first->month = month;
      *last = *first;
      last->day = de->month;
      return 1;
    }
    return 0;
  }
  /* the last day after a dash or "đến" */
  if (x->tok0 < 2 || d->tok[x->tok0 - 1].sent != sent) return 0;
  uint32_t k = x->tok0 - 1;
  int dash = hoso__tok_is_dash(d, k);
  if (!dash) { /* "đến", "đến ngày"; "và" (the first of a list of days) */
    int found = 0;
    for (uint32_t j = k >= 1 ? k - 1 : 0; j <= k && !found; j++)
      if (cue_to(d, g, j, "range-to", x->tok0) || cue_to(d, g, j, "range-and", x->tok0)) {
        k = j;
        found = 1;
      }
    if (!found) return 0;
  }
  if (k == 0 || d->tok[k - 1].sent != sent) return 0;
  int pm = date_ending_at(d, sm, ns, k);
  if (pm >= 0) { /* "từ 30/6 đến 2/7" */
    const hoso__date *ds = &d->ents[d->men[pm].entity].date;
    if (!ds->day || !ds->month || (!dash && !from_before(d, g, d->men[pm].tok0))) return 0;
    *first = *ds;
    *last = *de;
    return 1;
  }
  int n = day_num(d, k - 1);
  if (!n || n >= de->day) return 0;
  /* a bare number before "đến" or "và" is a range only after "từ" or
  ** "ngày" ("từ 18 đến 22/7", "hai ngày 8 và 9-5"), not "tăng 5 đến 22/7" */
  if (!dash && !from_before(d, g, k - 1)) return 0;
  *first = *de;
  first->day = n;
  first->hour = first->minute = -1;
  *last = *de;
  return 1;
}
