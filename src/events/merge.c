/*
** merge.c -- one event told over several sentences is one event: folding
** events into their first report, and the agreed items of the article's
** main event.
**
** Ownership: works in place on the caller's list and frees the events it
** folds into others.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

static int shares_participant(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++)
    for (size_t j = 0; j < b->npart; j++) {
      if (a->part[i].entity >= 0 && a->part[i].entity == b->part[j].entity) return 1;
      if (a->part[i].name && b->part[j].name && !strcmp(a->part[i].name, b->part[j].name))
        return 1;
    }
  return 0;
}

/* Do x and y both state their status by a cue, and differ, one happened
** and the other not? Then they are two occasions. */
static int stated_apart(const hoso__event *x, const hoso__event *y) {
  return x->status_cue && y->status_cue && strcmp(x->status, y->status) &&
         (!strcmp(x->status, "happened") || !strcmp(y->status, "happened"));
}

/* The day ev is stated to take place on (its range's first day), else
** NULL: a date without a day, a week, or none. */
static const hoso__date *stated_day(const hoso__entity *ents, const hoso__event *ev) {
  if (ev->date_entity < 0) return NULL;
  const hoso__date *dt = ev->ranged ? &ev->first : &ents[ev->date_entity].date;
  return dt->day && dt->month && !dt->week ? dt : NULL;
}

/* Is ev's date a part of a relative day that cannot be resolved ("Sáng nay"
** without a publication date)? */
static int unresolved_day(const hoso__entity *ents, const hoso__event *ev) {
  if (ev->date_entity < 0) return 0;
  const hoso__date *dt = &ents[ev->date_entity].date;
  return dt->relative && !dt->determinable && dt->daypart && !dt->month && !dt->year;
}

/* Are x and y, of a type that takes place on one day (not a visit), told
** on different days? Both stated days differ ("ký ... ngày 28/5", "ký tắt
** ... ngày 30/5"), or one is a day stated outright and the other a part of
** a relative day that cannot be compared ("Sáng nay ... chính thức ký",
** "đã ký tắt ... ngày 30/5"): two occasions. */
static int days_apart(const hoso__entity *ents, const hoso__event *x, const hoso__event *y) {
  if (!strcmp(x->type, "visit")) return 0;
  const hoso__date *dx = stated_day(ents, x), *dy = stated_day(ents, y);
  if (dx && dy)
    return dx->month != dy->month || dx->day != dy->day ||
           (dx->year && dy->year && dx->year != dy->year);
  return (dx && unresolved_day(ents, y)) || (dy && unresolved_day(ents, x));
}

static int status_rank(const char *s) {
  return !strcmp(s, "happened") ? 3 : !strcmp(s, "planned") ? 2 : 1;
}

/* Are all of ev's participants of country cc? */
static int all_of_side(const hoso__event *ev, const char *cc) {
  for (size_t i = 0; i < ev->npart; i++)
    if (strcmp(ev->part[i].side, cc)) return 0;
  return ev->npart > 0;
}

/* Fold event y into x (same type, a shared participant). */
static int fold(const hoso__entity *ents, hoso__event *x, hoso__event *y) {
  for (size_t p = 0; p < y->npart; p++)
    if (hoso__ev_add_part(x, y->part[p].entity, y->part[p].name, y->part[p].side, y->part[p].role))
      return HOSO_ENOMEM;
  for (size_t s = 0; s < y->nevid; s++)
    if (hoso__ev_add_sent(&x->evid, &x->nevid, &x->capevid, y->evid[s])) return HOSO_ENOMEM;
  /* a status stated by a cue wins over the default ("X thăm Y" in the
  ** title, "X sẽ thăm Y" in the text) */
  if ((y->status_cue && !x->status_cue) ||
      (y->status_cue == x->status_cue && status_rank(y->status) > status_rank(x->status)))
    x->status = y->status;
  x->status_cue |= y->status_cue;
  x->rule_drop = x->rule_drop && y->rule_drop;
  if (hoso__ev_date_rank(ents, y) > hoso__ev_date_rank(ents, x)) {
    x->date_entity = y->date_entity;
    x->date_men = y->date_men;
    x->ranged = y->ranged;
    x->day_only = y->day_only;
    x->first = y->first;
    x->last = y->last;
  }
  /* "đã đến Hà Nội, bắt đầu chuyến thăm Việt Nam": a visit's place is the
  ** country rather than a city in it */
  if (x->place_entity < 0 ||
      (!strcmp(x->type, "visit") && y->place_entity >= 0 && ents[x->place_entity].type == ET_LOC &&
       ents[y->place_entity].type == ET_GPE))
    x->place_entity = y->place_entity;
  if (!x->obj_tok1 && y->obj_tok1) {
    x->obj_tok0 = y->obj_tok0;
    x->obj_tok1 = y->obj_tok1;
    x->obj_static = y->obj_static;
  }
  return HOSO_OK;
}

/* Is every participant of a one of b's? */
static int part_subset(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++) {
    size_t j = 0;
    while (j < b->npart && !hoso__ev_same_part(&a->part[i], &b->part[j])) j++;
    if (j == b->npart) return 0;
  }
  return 1;
}

/* Are all of ev's participants countries? */
static int gpe_only(const hoso__event *ev, const hoso__entity *ents) {
  if (!ev->npart) return 0;
  for (size_t i = 0; i < ev->npart; i++)
    if (ev->part[i].entity < 0 || ents[ev->part[i].entity].type != ET_GPE) return 0;
  return 1;
}

/* Is one of the countries of c (all GPE) the side of a participant of p? */
static int side_overlap(const hoso__event *c, const hoso__event *p, const hoso__entity *ents) {
  for (size_t i = 0; i < c->npart; i++) {
    const char *cc = ents[c->part[i].entity].country;
    for (size_t j = 0; cc[0] && j < p->npart; j++)
      if (!strcmp(p->part[j].side, cc)) return 1;
  }
  return 0;
}

/* Is someone the host of one visit and the guest of the other? Then they
** are two visits ("X thăm VN theo lời mời của Y" and "Y thăm Mỹ"). */
static int roles_clash(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++)
    for (size_t j = 0; j < b->npart; j++)
      if (hoso__ev_same_part(&a->part[i], &b->part[j]) &&
          ((!strcmp(a->part[i].role, "host") && !strcmp(b->part[j].role, "guest")) ||
           (!strcmp(a->part[i].role, "guest") && !strcmp(b->part[j].role, "host"))))
        return 1;
  return 0;
}

/* Has the visit participants, all of them hosts (no guest named)? */
static int no_guest(const hoso__event *ev) {
  if (!ev->npart) return 0;
  for (size_t i = 0; i < ev->npart; i++)
    if (strcmp(ev->part[i].role, "host")) return 0;
  return 1;
}

/* Events are read per sentence; one event told over several sentences is
** folded into its first report:
**   - same type, a shared participant, and one's participants all among
**     the other's ("A hội đàm với B" ... "Tại buổi hội đàm, A cho biết")
**     -- not two meetings of A with B and with C; not two visits to
**     different places;
**   - two awards of the same honour, two signings of the same document;
**   - an event of countries ("Việt Nam - Singapore ký thoả thuận") and one
**     of people from those countries ("Bộ trưởng X và người đồng nhiệm Y
**     đã ký"): the people's;
**   - a meeting ("gặp") of two or more people who all took part in a
**     reception or talks of the article: the same encounter ("X tiếp Y
**     ... Y tới gặp X"); so is a meeting named as a sentence's frame
**     ("Trong cuộc gặp, X ...") whose people all took part in one -- not
**     one told as what came next ("Sau lễ đón, A và B đã có cuộc gặp
**     riêng": STATUS "sequel");
**   - a visit with only its host named and a visit to the same place
**     with a guest.
** Each event is compared with at most MERGE_WINDOW earlier ones (bounded
** time on a page with thousands of events). */
#define MERGE_WINDOW 256

int hoso__ev_merge(hoso__events *out, const hoso__ndoc *d, const hoso__gaz *g) {
  const hoso__entity *ents = d->ents;
  uint8_t *dead = calloc(out->n + 1, 1);
  if (!dead) return HOSO_ENOMEM;
  int rc = HOSO_OK;
  for (size_t b = 0; !rc && b < out->n; b++) {
    hoso__event *y = &out->ev[b];
    int target = -1;
    size_t a0 = b > MERGE_WINDOW ? b - MERGE_WINDOW : 0;
    for (size_t a = a0; a < b && target < 0; a++) {
      const hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, y->type) || gpe_only(x, ents) != gpe_only(y, ents)) continue;
      if (stated_apart(x, y)) continue; /* "đã gặp" and "sẽ gặp": two encounters */
      if (days_apart(ents, x, y)) continue;
      if (roles_clash(x, y)) continue;
      /* a visit to Cuba and one to Belgium are two; Bắc Kinh is in Trung
      ** Quốc; a place whose country is not known ("Nhà Trắng", "TP HCM")
      ** is taken to be in the other's country; Hà Nội is in Việt Nam */
      if (x->place_entity >= 0 && y->place_entity >= 0 && x->place_entity != y->place_entity) {
        const char *cx = hoso__ev_place_country(d, g, x->place_entity),
                   *cy = hoso__ev_place_country(d, g, y->place_entity);
        if ((!cx[0] && !cy[0]) || (cx[0] && cy[0] && strcmp(cx, cy))) continue;
        /* "... bắt đầu chuyến thăm Việt Nam", "X sẽ thăm Quảng Ninh": a
        ** leg told apart, with its own status */
        if ((!cx[0] || !cy[0]) && strcmp(x->status, y->status)) continue;
        /* a Vietnamese leader's visits to two provinces are two: "thăm
        ** nhân dân tỉnh Trà Vinh", "Chiều cùng ngày, ... thăm ... TP Cần Thơ" */
        if (hoso__ev_vn_unit(d, g, x->place_entity) && hoso__ev_vn_unit(d, g, y->place_entity) &&
            all_of_side(x, "VN") && all_of_side(y, "VN"))
          continue;
      }
      if (shares_participant(x, y) && (part_subset(y, x) || part_subset(x, y))) target = (int)a;
      else if (x->obj_static && y->obj_static && !strcmp(x->obj_static, y->obj_static) &&
               strcmp(y->type, "visit") && gpe_only(x, ents) == gpe_only(y, ents))
        target = (int)a;
    }
    /* countries and their people */
    for (size_t a = a0; a < b && target < 0; a++) {
      hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, y->type) || gpe_only(x, ents) == gpe_only(y, ents) ||
          stated_apart(x, y))
        continue;
      if (gpe_only(x, ents) ? !side_overlap(x, y, ents) : !side_overlap(y, x, ents)) continue;
      if (gpe_only(x, ents)) { /* the people's list replaces the countries' */
        for (size_t p = 0; p < x->npart; p++) free(x->part[p].name);
        x->npart = 0;
        for (size_t p = 0; !rc && p < y->npart; p++)
          if (hoso__ev_add_part(x, y->part[p].entity, y->part[p].name, y->part[p].side,
                                y->part[p].role))
            rc = HOSO_ENOMEM;
      } else {
        for (size_t p = 0; p < y->npart; p++) free(y->part[p].name);
        y->npart = 0; /* fold() adds no country to the people's event */
      }
      target = (int)a;
    }
    /* a visit whose guest is not named ("Thái tử thăm Việt Nam theo lời
    ** mời của X": only the host) and a visit of the article to the same
    ** place with a guest: one visit */
    for (size_t a = a0; a < b && target < 0 && !strcmp(y->type, "visit"); a++) {
      hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, "visit") || stated_apart(x, y)) continue;
      if (no_guest(x) == no_guest(y)) continue;
      if (x->place_entity >= 0 && y->place_entity >= 0 && x->place_entity != y->place_entity)
        continue;
      target = (int)a;
    }
    for (size_t a = a0; a < b && target < 0 && (y->npart >= 2 || y->framed) && !y->sequel &&
                        !strcmp(y->type, "meeting");
         a++) {
      const hoso__event *x = &out->ev[a];
      if (dead[a] || (strcmp(x->type, "reception") && strcmp(x->type, "talks"))) continue;
      if (part_subset(y, x) && !stated_apart(x, y)) target = (int)a;
    }
    if (target >= 0) {
      rc = fold(ents, &out->ev[target], y);
      dead[b] = 1;
    }
  }
  /* compact */
  size_t w = 0;
  for (size_t i = 0; i < out->n; i++) {
    if (dead[i]) {
      hoso__ev_event_free(&out->ev[i]);
      continue;
    }
    out->ev[w++] = out->ev[i];
  }
  out->n = w;
  free(dead);
  return rc;
}

int hoso__ev_agreed(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                    const size_t *first, hoso__events *out) {
  hoso__event *main_ev = NULL;
  static const char *const mains[] = {"call", "talks", "dialogue", "meeting", "reception"};
  for (size_t i = 0; i < out->n && !main_ev; i++)
    for (size_t k = 0; k < 5; k++)
      if (!strcmp(out->ev[i].type, mains[k])) {
        main_ev = &out->ev[i];
        break;
      }
  if (!main_ev) return HOSO_OK;
  for (size_t si = 0; si < d->nsent; si++) {
    const hoso__nsent *s = &d->sent[si];
    int subject = 0;
    for (uint32_t i = s->tok0; i < s->tok1; i++) {
      uint32_t l;
      int a = hoso__gaz_match(g, d, i, GCM(GC_AGREE), &l);
      if (a >= 0 && !strcmp(hoso__gaz_entry(g, a)->f[2], "subject")) subject = 1;
      for (size_t q = first[si]; q < first[si + 1] && !subject; q++) {
        const hoso__mention *x = &d->men[idx[q]];
        if (x->tok0 == i && x->type == ET_PER) {
          for (size_t p = 0; p < main_ev->npart; p++)
            if (main_ev->part[p].entity == x->entity) subject = 1;
        }
      }
      if (a >= 0 && subject && !strcmp(hoso__gaz_entry(g, a)->f[2], "verb")) {
        if (hoso__ev_add_sent(&main_ev->agreed, &main_ev->nagreed, &main_ev->capagreed,
                     (uint32_t)si))
          return HOSO_ENOMEM;
        break;
      }
    }
  }
  return HOSO_OK;
}
