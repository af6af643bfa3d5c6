/*
** sentence.c -- the events of one sentence: for every trigger
** (models/events/triggers.tsv), check what must follow it, then read its
** participants (parties.c), status, date and place (dateplace.c) and
** object.
**
** Ownership: appends the events to the caller's list, which owns them; an
** event left with nobody named is freed at once unless it may be named
** later (see hoso__events_find).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* Participants of the article's main event (call, talks, dialogue,
** meeting, reception) found so far, for "hai Bộ trưởng đã ký ...". */
static const hoso__event *main_event(const hoso__events *out) {
  static const char *const mains[] = {"call", "talks", "dialogue", "meeting", "reception"};
  for (size_t i = 0; i < out->n; i++)
    for (size_t k = 0; k < 5 && out->ev[i].npart; k++)
      if (!strcmp(out->ev[i].type, mains[k])) return &out->ev[i];
  /* no encounter: the first event of two or more ("A và B đã ký ...",
  ** then "Hai bên đã ký tắt ...") */
  for (size_t i = 0; i < out->n; i++)
    if (out->ev[i].npart >= 2) return &out->ev[i];
  return NULL;
}

/* An encounter whose sides may be named in the sentences after it. */
int hoso__ev_is_main(const char *type) {
  return !strcmp(type, "talks") || !strcmp(type, "meeting") || !strcmp(type, "dialogue") ||
         !strcmp(type, "call");
}

/* The country of the one who travels to a place at the trigger at token i:
** the person or the post told without a name ("Thủ tướng Nhật tới Bắc
** Kinh": d->postrefs, its holder's country, else the one named in it)
** nearest before i in sentence s; "" when there is none or its country is
** not known. */
static const char *traveller_country(const hoso__ndoc *d, const hoso__nsent *s,
                                     const slice *sl, uint32_t i) {
  const char *c = "";
  uint32_t at = 0;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type == ET_PER && x->entity >= 0 && x->tok1 <= i && x->tok1 >= at) {
      c = d->ents[x->entity].country;
      at = x->tok1;
    }
  }
  for (size_t k = 0; k < d->npostrefs; k++) {
    const hoso__postref *p = &d->postrefs[k];
    if (p->tok0 < s->tok0 || p->dropped || p->plural || p->tok1 > i || p->tok1 <= at) continue;
    c = p->holder >= 0 ? d->ents[p->holder].country : p->country;
    at = p->tok1;
  }
  return c;
}

typedef struct entlist {
  int ent[16];
  size_t n;
  int took_right; /* the clause's trigger took people after it */
} entlist;

int hoso__ev_find_in_sentence(const hoso__ndoc *d, const hoso__gaz *g,
                              const hoso__nsent *s, uint32_t si, const slice *sl,
                              hoso__events *out, int *topic, const heads *hd) {
  size_t n_before = out->n;
  uint32_t i = s->tok0, l;
  uint32_t clause_lo_v = s->tok0, *clause_lo = &clause_lo_v;
  entlist prev_left_v = {{0}, 0, 0}, *prev_left = &prev_left_v;
  entlist prev_right = {{0}, 0, 0}; /* people after the previous trigger */
  const char *prev_type = NULL;      /* and its event's type */
  const char *prev_status = NULL;
  while (i < s->tok1) {
    int tg = hoso__gaz_match(g, d, i, GCM(GC_TRIGGER), &l);
    if (tg < 0 || hoso__ev_in_title(d, g, i)) {
      i++;
      continue;
    }
    /* several patterns may share a surface ("trao"): try each */
    int done = 0;
    for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1] && !done; k++) {
      const struct hoso__gmatch *gm = &d->gm[k];
      if (gm->cls != GC_TRIGGER || gm->len != l) continue;
      const hoso__gentry *e = hoso__gaz_entry(g, gm->id);
      if (e->nf < 7 || !strcmp(e->f[2], "-")) {
        done = 1;
        break;
      }
      const char *needs = e->f[4];
      uint32_t t1 = i + l;
      uint32_t o0 = 0, o1 = 0, rel_lo = 0;
      const char *obj_static = NULL;
      if (!strcmp(needs, "ENT")) {
        uint32_t lim = t1;
        while (lim < s->tok1 && lim < t1 + 10 && !(d->tok[lim].flags & NT_PUNCT)) lim++;
        /* or named as the sentence's frame: "trong cuộc gặp vào tháng 2, ..." */
        if (hoso__ev_mention_at(d, sl, t1, lim,
                       (1u << ET_PER) | (1u << ET_ORG) | (1u << ET_GPE) | (1u << ET_LOC)) < 0 &&
            !hoso__ev_frame_before(d, g, s, i) && !hoso__ev_passive_before(d, g, s, sl, i))
          continue;
      } else if (!strcmp(needs, "PER")) { /* "thăm Chủ tịch Cuba Fidel Castro" */
        if (hoso__ev_person_after(d, g, sl, t1, s->tok1) < 0) continue;
      } else if (!strcmp(needs, "GPE")) {
        if (hoso__ev_mention_at(d, sl, t1, t1 + 1, (1u << ET_GPE) | (1u << ET_LOC)) < 0) continue;
      } else if (!strcmp(needs, "COUNTRY")) { /* "tới Hàn Quốc", not "tới Hà Nội" */
        /* the place may follow a place noun: "tới thủ đô Slovakia" (STATUS
        ** "place-noun") */
        uint32_t at = t1, pl;
        if (hoso__ev_cue_at(d, g, t1, "place-noun", &pl)) at = t1 + pl;
        /* or a place with its country in brackets: "đến Côn Minh (Trung Quốc)",
        ** or after "của": "tới thủ đô Tripoli của Libya" */
        int pm = hoso__ev_mention_at(d, sl, at, at + 1, 1u << ET_LOC);
        uint32_t pe = pm >= 0 ? d->men[pm].tok1 : 0, ofl = 0;
        if (pm >= 0 && pe + 1 < s->tok1) {
          if ((d->tok[pe].flags & NT_PUNCT) && d->text[d->tok[pe].off] == '(') ofl = 1;
          else hoso__ev_cue_at(d, g, pe, "of", &ofl); /* leaves ofl 0 when absent */
        }
        int bracket = ofl && hoso__ev_mention_at(d, sl, pe + ofl, pe + ofl + 1, 1u << ET_GPE) >= 0;
        /* or a foreign city: "sẽ đến Matxcơva" said of a person of another
        ** country (the place's country is known and is not the person's) */
        const char *pc = pm >= 0 && d->men[pm].entity >= 0
                             ? hoso__ev_place_country(d, g, d->men[pm].entity)
                             : "";
        const char *tc = pc[0] ? traveller_country(d, s, sl, i) : "";
        int foreign = tc[0] && strcmp(tc, pc);
        if (hoso__ev_mention_at(d, sl, at, at + 1, 1u << ET_GPE) < 0 && !bracket && !foreign)
          continue;
      } else if (!strcmp(needs, "PLACE")) { /* "chuyến đi không báo trước tới Baghdad" */
        uint32_t lim = t1;
        while (lim < s->tok1 && lim < t1 + 8 && !(d->tok[lim].flags & NT_PUNCT)) lim++;
        if (hoso__ev_mention_at(d, sl, t1, lim, (1u << ET_GPE) | (1u << ET_LOC)) < 0) continue;
      } else if (!strcmp(needs, "DOC")) {
        int found = 0;
        for (uint32_t x = t1; x < t1 + 3 && x < s->tok1 && !found; x++) {
          uint32_t dl;
          int de = hoso__gaz_match(g, d, x, GCM(GC_DOC), &dl);
          if (de >= 0) {
            found = 1;
            o0 = x;
            o1 = x + dl;
            obj_static = hoso__gaz_entry(g, de)->f[2];
            /* "hiệp định tín dụng": the document's kind, one word */
            uint32_t wl, sl2;
            if (dl <= 2 && o1 < s->tok1 && !(d->tok[o1].flags & (NT_UPPER | NT_ALLCAPS)) &&
                hoso__gaz_match(g, d, o1, GCM(GC_WORD), &wl) >= 0 &&
                hoso__gaz_match(g, d, o1, GCM(GC_STOP) | GCM(GC_DOC), &sl2) < 0)
              o1 += wl;
          }
        }
        /* "Hiệp định ... vừa được ký bởi A và B": the document before */
        uint32_t pl;
        for (uint32_t x = i; !found && x > s->tok0 && i - x < 3;) {
          x--;
          if (!hoso__ev_cue_at(d, g, x, "passive", &pl) || x + pl != i) continue;
          found = hoso__ev_doc_before(d, g, s->tok0, x, 24, 0, &o0, &o1, &obj_static);
        }
        /* "hiệp định hợp tác ... mà Việt Nam và Pháp đã ký": the document
        ** before a relative word ("mà": STATUS "relative-doc") */
        for (uint32_t x = i; !found && x > s->tok0 && i - x < 8;) {
          x--;
          if (hoso__ev_is_comma(d, x)) break;
          uint32_t rl;
          if (!hoso__ev_cue_any(d, g, x, "relative-doc", &rl) || x + rl > i) continue;
          found = hoso__ev_doc_before(d, g, s->tok0, x, 16, 1, &o0, &o1, &obj_static);
          if (found) rel_lo = x + rl; /* the clause of the signing opens there */
          break;
        }
        if (!found) continue;
      } else if (!strcmp(needs, "AWARD")) {
        int found = 0;
        for (uint32_t x = t1; x < t1 + 2 && x < s->tok1 && !found; x++) {
          uint32_t al;
          int ae = hoso__gaz_match(g, d, x, GCM(GC_AWARD), &al);
          if (ae >= 0) {
            found = 1;
            o0 = x;
            o1 = x + al;
            obj_static = hoso__gaz_entry(g, ae)->f[2];
            /* its class: "Huân chương Lao động hạng Ba" (then as written) */
            if (o1 + 1 < s->tok1 && hoso__ev_grade_at(d, g, o1)) {
              o1 += 2;
              obj_static = NULL;
            }
            break;
          }
          ae = hoso__gaz_match(g, d, x, GCM(GC_AWARDHEAD), &al);
          /* "Huân chương Hữu nghị"; lower case only right after the
          ** trigger ("đã trao tặng huy chương ...") */
          if (ae >= 0 && ((d->tok[x].flags & (NT_UPPER | NT_ALLCAPS)) || x == t1)) {
            found = 1;
            o0 = x;
            o1 = x + al;
            while (o1 < s->tok1 && (d->tok[o1].flags & NT_WORD) &&
                   (d->tok[o1].flags & (NT_UPPER | NT_ALLCAPS)) &&
                   hoso__ev_mention_at(d, sl, o1, o1 + 1, 1u << ET_PER) < 0)
              o1++;
            if (o1 + 1 < s->tok1 && hoso__ev_grade_at(d, g, o1)) o1 += 2;
            /* "Huân chương Lao động hạng Nhất" */
          }
        }
        if (!found) continue;
      }
      done = 1;
      /* "Trao đổi với phóng viên, ông X cho biết ...": an interview
      ** (STATUS "interview" opening the sentence, no person before the
      ** comma, then a verb of saying), not an encounter */
      if (hoso__ev_cue_at(d, g, i, "interview", NULL)) {
        uint32_t c = s->tok0;
        while (c < i && (d->tok[c].flags & NT_PUNCT)) c++;
        uint32_t cm = t1;
        while (cm < s->tok1 && !hoso__ev_is_comma(d, cm)) cm++;
        /* with a person ("Trao đổi với Đại sứ X, Y nói") it is an encounter */
        if (c == i && cm < s->tok1 && hoso__ev_mention_at(d, sl, t1, cm, 1u << ET_PER) < 0 &&
            hoso__ev_cue_between(d, g, cm, s->tok1, "said"))
          break;
      }
      /* "Tại buổi đối thoại, A ... B": the event named as the frame of the
      ** sentence; everyone in it took part, and the clauses are left to
      ** the sentence's verbs. A frame of an event already reported ("Ngay
      ** sau hội đàm, ...") only adds its sentence as evidence. */
      int frame = 0;
      for (uint32_t x = i > s->tok0 + 4 ? i - 4 : s->tok0; x < i; x++) {
        uint32_t fl;
        int fe = hoso__gaz_match(g, d, x, GCM(GC_STATUS), &fl);
        if (fe >= 0 && x + fl == i && !strcmp(hoso__gaz_entry(g, fe)->f[2], "frame")) frame = 1;
      }
      /* "trong cuộc gặp với X, ...": a new encounter when a person is
      ** named right after the trigger ("với": STATUS "with") */
      if (frame &&
          hoso__ev_mention_at(d, sl, t1, t1 + 8 < s->tok1 ? t1 + 8 : s->tok1, 1u << ET_PER) >= 0 &&
          t1 < s->tok1 && hoso__ev_cue_any(d, g, t1, "with", NULL))
        frame = 2;
      if (frame == 1) {
        hoso__event *prior = NULL;
        for (size_t q = 0; q < out->n && !prior; q++)
          if (!strcmp(out->ev[q].type, e->f[2]) && out->ev[q].npart) prior = &out->ev[q];
        /* "kể từ sau chuyến thăm Algeria của cố thủ tướng X": a visit of
        ** someone the event before does not name is another one, told
        ** like any other trigger */
        int om = prior ? hoso__ev_of_person(d, g, sl, t1, s->tok1) : -1;
        for (size_t p = 0; om >= 0 && p < prior->npart; p++)
          if (prior->part[p].entity == d->men[om].entity) om = -1;
        if (om >= 0) {
          prior = NULL;
          frame = 0;
        }
        if (prior) {
          if (hoso__ev_add_sent(&prior->evid, &prior->nevid, &prior->capevid, si))
            return HOSO_ENOMEM;
          /* "trong cuộc gặp vào tuần thứ hai của tháng 2": a date right
          ** after the framed trigger is the event's when it had none */
          for (size_t q = 0; q < sl->n && hoso__ev_date_rank(d->ents, prior) < 2; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->type != ET_DATE || x->entity < 0 || x->tok0 < t1 || x->tok0 > t1 + 8) continue;
            uint32_t c = t1;
            while (c < x->tok0 && !hoso__ev_is_comma(d, c)) c++;
            if (c < x->tok0 || !d->ents[x->entity].date.month) continue;
            prior->date_entity = x->entity;
            prior->date_men = (int)sl->m[q];
            prior->day_only = 0;
            prior->ranged = hoso__event_date_range(d, g, sl->m, sl->n, prior->date_men,
                                                   &prior->first, &prior->last);
          }
          /* its status covers the triggers after it in the sentence */
          if (prior->status_cue) prev_status = prior->status;
          break;
        }
      }
      /* a new event */
      if (hoso__ev_grow((void **)&out->ev, &out->cap, out->n, sizeof *out->ev)) return HOSO_ENOMEM;
      hoso__event *ev = &out->ev[out->n];
      memset(ev, 0, sizeof *ev);
      ev->type = e->f[2];
      ev->cameo = e->f[3];
      ev->date_entity = ev->place_entity = ev->date_men = -1;
      ev->obj_tok0 = o0;
      ev->obj_tok1 = o1;
      ev->obj_static = obj_static;
      ev->trig0 = i;
      ev->trig1 = t1;
      ev->framed = frame != 0;
      ev->sequel = hoso__ev_cue_any(d, g, s->tok0, "sequel", NULL) ||
                   (s->tok0 + 1 < s->tok1 && hoso__ev_cue_any(d, g, s->tok0 + 1, "sequel", NULL));
      out->n++;
      /* status: nearest cue before the trigger */
      ev->status = "happened";
      int status_cue = 0;
      for (uint32_t x = i; x > s->tok0 && i - x < 10;) {
        x--;
        if (hoso__ev_is_comma(d, x)) break;
        uint32_t stl;
        int se = hoso__gaz_match(g, d, x, GCM(GC_STATUS), &stl);
        const char *sv = se >= 0 ? hoso__gaz_entry(g, se)->f[2] : "";
        /* the cue may run into the trigger: "sẽ có" + "có cuộc gặp" */
        if (se >= 0 &&
            (!strcmp(sv, "happened") || !strcmp(sv, "planned") || !strcmp(sv, "proposed") ||
             !strcmp(sv, "negated"))) {
          ev->status = hoso__gaz_entry(g, se)->f[2];
          status_cue = 1;
          break;
        }
      }
      /* "chuyến thăm Mỹ sắp tới", "gặp nhau lần gần đây nhất": a cue
      ** after the trigger */
      for (uint32_t x = t1; !status_cue && x < s->tok1 && x < t1 + 12 && !hoso__ev_is_comma(d, x);
           x++)
        if (hoso__ev_cue_at(d, g, x, "planned-after", NULL) ||
            hoso__ev_cue_at(d, g, x, "happened-after", NULL)) {
          ev->status = hoso__ev_cue_at(d, g, x, "planned-after", NULL) ? "planned" : "happened";
          status_cue = 1;
        }
      /* "sẽ có cuộc hội đàm, hội kiến với ...": the cue covers the list */
      if (!status_cue && prev_status) ev->status = prev_status;
      if (status_cue) prev_status = ev->status;
      ev->status_cue = status_cue;
      if (!strcmp(ev->status, "negated")) { /* "chưa ký", "không gặp" */
        hoso__ev_event_free(ev);
        out->n--;
        continue;
      }
      /* participants: each side of the trigger within its clause -- after
      ** the previous trigger's people and before the next trigger ("A hội
      ** đàm với B, hội kiến với C") -- people first, then a post named
      ** without a name that one of the article's people holds ("Chủ tịch
      ** nước đã trao ..."), then, where the pattern allows, bodies */
      /* the event named as a thing: "chuyến thăm", "cuộc hội đàm" */
      int nominal = hoso__ev_cue_at(d, g, i, "nominal", NULL) ||
                    (i > s->tok0 && hoso__ev_cue_at(d, g, i - 1, "nominal", NULL));
      int allow_org = strstr(e->f[6], "ORG") != NULL;
      uint32_t right_hi = frame ? s->tok1 : hoso__ev_next_trigger(d, g, t1 > o1 ? t1 : o1, s->tok1);
      uint32_t saved_lo = *clause_lo;
      size_t npart_left = 0;
      /* "..., hội đàm diễn ra, ...": the trigger is a subject; nobody
      ** after it takes part */
      for (uint32_t x = t1; !frame && x < right_hi; x++)
        if (hoso__ev_cue_at(d, g, x, "end", NULL)) right_hi = x;
      /* the passive: "X được Y tiếp", "X được trao Huân chương", "Hiệp
      ** định ... được ký bởi A và B": the roles change sides */
      uint32_t pv = 0, pvl = 0;
      int passive = 0;
      for (uint32_t x = i; !frame && x > *clause_lo && i - x < 8;) {
        x--;
        if (hoso__ev_is_comma(d, x)) break;
        if (hoso__ev_cue_at(d, g, x, "passive", &pvl) && x + pvl <= i) {
          pv = x;
          passive = 1;
          break;
        }
      }
      /* "chuyến thăm Mỹ sắp tới của Thủ tướng X": X is the subject */
      int of_subject = 0, of_pronoun = 0;
      {
        int all0;
        const char *r0 = hoso__ev_role_of(e->f[5], 0, &all0), *r1;
        r1 = hoso__ev_role_of(e->f[5], 1, &all0);
        int mi = !frame && r0 && !r1 ? hoso__ev_of_person(d, g, sl, t1, right_hi) : -1;
        if (mi >= 0) {
          if (hoso__ev_add_part(ev, d->men[mi].entity, NULL, d->ents[d->men[mi].entity].country,
                                r0))
            return HOSO_ENOMEM;
          of_subject = 1;
        } else if (!frame && r0 && !r1) {
          /* "của Tổng thống Mỹ": a description */
          int od = hoso__ev_of_described(d, g, sl, ev, t1, right_hi, r0);
          if (od < 0) return HOSO_ENOMEM;
          of_subject = od;
          /* "chuyến thăm Việt Nam của ông": the person the text is about */
          if (!od && *topic >= 0 && hoso__ev_of_pronoun(d, g, t1, right_hi)) {
            if (hoso__ev_add_part(ev, *topic, NULL, d->ents[*topic].country, r0))
              return HOSO_ENOMEM;
            of_subject = 1;
            of_pronoun = 1;
          }
        }
      }
      /* that person stands as the clause's subject ("..., trong đó có
      ** các buổi gặp A, B": the same person meets them) */
      if (of_pronoun) npart_left = ev->npart;
      /* "Hai thủ tướng đã chứng kiến ký kết 2 văn kiện": those before a
      ** witness cue (models/events/words.tsv) saw it, did not take part */
      uint32_t witness_end = 0;
      for (uint32_t x = *clause_lo; !frame && x < i; x++) {
        uint32_t wtl;
        if (hoso__ev_cue_at(d, g, x, "witness", &wtl) && x + wtl <= i) witness_end = x + wtl;
      }
      for (int side = 0; side < 2 && !of_subject; side++) {
        int all;
        const char *role = hoso__ev_role_of(e->f[5], side, &all);
        if (frame) all = 1;
        uint32_t lo = side == 0 ? (frame ? s->tok0 : *clause_lo) : t1,
                 hi = side == 0 ? i : right_hi;
        if (side == 0 && witness_end > lo) lo = witness_end;
        if (side == 0 && rel_lo > lo) lo = rel_lo;
        int dir = side == 0 ? -1 : 1;
        if (passive) {
          /* the agent between "được" and the trigger takes the left role,
          ** the subject before "được" the right one */
          int all0, all1;
          const char *rl = hoso__ev_role_of(e->f[5], 0, &all0),
                     *rr = hoso__ev_role_of(e->f[5], 1, &all1);
          if (side == 0) {
            role = rl;
            all = all0;
            lo = pv + pvl;
            hi = i;
            dir = 1;
          } else {
            /* "Hiệp định ... được ký": the document is the subject */
            if (o1 && o1 <= pv) continue;
            role = rr ? rr : rl;
            all = rr ? all1 : all0;
            lo = *clause_lo;
            hi = pv;
            dir = -1;
          }
        }
        if (!role) continue;
        size_t before = ev->npart;
        /* bodies stand in for people only as recipients (an honour to a
        ** unit), or when the pattern allows it and nobody is named at all */
        int org_here = allow_org || !strcmp(role, "recipient");
        /* "đối thoại với Nga ...": a country right after the trigger and a
        ** party link is the counterpart, before anyone named further on */
        if (side == 1 && !passive && !frame && strstr(e->f[6], "GPE")) {
          uint32_t c0 = hoso__ev_party_after_link(d, g, sl, t1, hi, ET_GPE, 1);
          if (c0 && hoso__ev_pick(d, g, s, sl, ev, c0, hi, ET_GPE, role, all, 1, 0, t1, 0))
            return HOSO_ENOMEM;
        }
        for (int pass = 0; pass < 3 && ev->npart == before; pass++) {
          if (pass == 2 && !org_here) {
            /* "X đã gặp gỡ Hội đồng điều hành Iraq": a body right after
            ** the trigger is the counterpart of the one named before it,
            ** whoever the pattern names */
            uint32_t b0 = side == 1 && !passive && !frame && ev->npart
                              ? hoso__ev_party_after_link(d, g, sl, t1, hi, ET_ORG, 0)
                              : 0;
            if (b0 && hoso__ev_pick(d, g, s, sl, ev, b0, hi, ET_ORG, role, all, 1, 0, t1, 0))
              return HOSO_ENOMEM;
            break;
          }
          if (pass == 2 && strcmp(role, "recipient") && ev->npart) break;
          if (pass == 1) { /* a post without a name, or a description */
            if (hoso__ev_title_refs(d, g, ev, lo, hi, role, all)) return HOSO_ENOMEM;
            if (ev->npart == before && !frame &&
                hoso__ev_described(d, g, sl, ev, lo, hi, role, dir))
              return HOSO_ENOMEM;
            continue;
          }
          if (hoso__ev_pick(d, g, s, sl, ev, lo, hi, pass == 0 ? ET_PER : ET_ORG, role, all, dir,
                   frame, t1, nominal))
            return HOSO_ENOMEM;
        }
        /* "Dự kiến ông sẽ gặp X": a pronoun for the person the text is
        ** about */
        if (ev->npart == before && side == 0 && !passive && !frame && *topic >= 0 &&
            hoso__ev_pronoun_before(d, g, lo, hi))
          if (hoso__ev_add_part(ev, *topic, NULL, d->ents[*topic].country, role))
            return HOSO_ENOMEM;
        /* "Đoàn đại biểu Quốc hội hai nước sẽ hội đàm": the delegation's
        ** head (both heads when of both sides) */
        if (ev->npart == before && side == 0 && !passive && !frame && hd->n) {
          int dl = hoso__ev_delegation_before(d, g, lo, hi);
          for (int h = 0; dl && h < hd->n && hd->grp[h] < dl; h++)
            if (hoso__ev_add_part(ev, hd->ent[h], NULL, d->ents[hd->ent[h]].country, role))
              return HOSO_ENOMEM;
        }
        /* countries as parties where the pattern allows it ("who" has GPE):
        ** nobody named at all ("Hàn Quốc và Singapore đã ký"), or the
        ** counterpart after a party link ("X ký thỏa thuận với Chile",
        ** "Ngoại trưởng Mỹ ... hội đàm giữa Mỹ và Iran") */
        if (ev->npart == before && strstr(e->f[6], "GPE") && !frame) {
          if (ev->npart == 0) {
            if (hoso__ev_pick(d, g, s, sl, ev, lo, hi, ET_GPE, role, all, dir, 0, t1, nominal))
              return HOSO_ENOMEM;
          } else if (side == 1 || passive) {
            for (size_t q = 0; q < sl->n; q++) {
              const hoso__mention *x = &d->men[sl->m[q]];
              uint32_t wl2;
              if (x->type != ET_GPE || x->entity < 0 || x->tok0 < lo || x->tok1 > hi ||
                  x->tok0 == 0)
                continue;
              /* "với Chile", "giữa Mỹ và Iran" (STATUS "party-link") */
              if (!hoso__ev_cue_any(d, g, x->tok0 - 1, "party-link", &wl2) ||
                  x->tok0 - 1 + wl2 != x->tok0)
                continue;
              if (hoso__ev_pick(d, g, s, sl, ev, x->tok0, hi, ET_GPE, role, all, 1, 0, t1, 0))
                return HOSO_ENOMEM;
              break;
            }
          }
        }
        /* "được ký bởi A và B": the agent after the trigger */
        if (passive && side == 0 && ev->npart == before) {
          for (uint32_t x = t1; x < right_hi && x < t1 + 3; x++) {
            uint32_t bl;
            if (!hoso__ev_cue_at(d, g, x, "by", &bl)) continue;
            if (hoso__ev_pick(d, g, s, sl, ev, x + bl, right_hi, ET_PER, role, all, 1, 0, t1, 0))
              return HOSO_ENOMEM;
            break;
          }
        }
        if (passive) {
          /* "A hội đàm với B, ..., được lãnh đạo C tiếp": nobody before
          ** "được" in its clause, right after the clause before (or
          ** anywhere after it when it named nobody after its trigger):
          ** that clause's subject, as for the active below */
          int named = 0;
          for (size_t q = 0; q < sl->n && !named; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            named =
                (x->type == ET_PER || x->type == ET_ORG) && x->tok0 >= *clause_lo && x->tok1 <= pv;
          }
          if (side == 1 && ev->npart == before && !named && prev_left->n && pv >= *clause_lo &&
              (pv - *clause_lo <= 4 || !prev_left->took_right))
            for (size_t p = 0; p < prev_left->n; p++)
              if (hoso__ev_add_part(ev, prev_left->ent[p], NULL, d->ents[prev_left->ent[p]].country,
                                    role))
                return HOSO_ENOMEM;
          if (side == 0) npart_left = ev->npart;
          continue;
        }
        /* nobody before the trigger, right after the previous event's
        ** clause: the same subject ("A hội đàm với B, hội kiến với C") */
        int between = 0;
        for (size_t q = 0; q < sl->n && !between; q++) {
          const hoso__mention *x = &d->men[sl->m[q]];
          if ((x->type == ET_PER || x->type == ET_ORG) && x->tok0 >= *clause_lo && x->tok1 <= i)
            between = 1;
        }
        /* "tiếp đoàn ... do X dẫn đầu đang ở thăm Việt Nam": a clause
        ** about the previous trigger's people on its right */
        int person_between = 0;
        for (size_t q = 0; q < sl->n && !person_between; q++) {
          const hoso__mention *x = &d->men[sl->m[q]];
          person_between = x->type == ET_PER && x->tok0 >= *clause_lo && x->tok1 <= i;
        }
        if (side == 0 && ev->npart == before && !person_between && prev_right.n &&
            i >= *clause_lo) {
          int rel = 0; /* "dẫn đầu đang ở thăm": the cue right before */
          for (uint32_t x = i > *clause_lo + 3 ? i - 3 : *clause_lo; x < i && !rel; x++)
            rel = hoso__ev_cue_any(d, g, x, "relative", NULL);
          /* "chào đón X và Phu nhân ... thăm chính thức Việt Nam", "lễ
          ** đón X thăm Canada": the guest of a reception just before, in
          ** the same clause (no comma between), is the one who visits */
          if (!rel && prev_type && !strcmp(prev_type, "reception") && !strcmp(ev->type, "visit")) {
            rel = 1;
            for (uint32_t x = *clause_lo; x < i && rel; x++) rel = !hoso__ev_is_comma(d, x);
          }
          for (size_t p = 0; rel && p < prev_right.n; p++)
            if (hoso__ev_add_part(ev, prev_right.ent[p], NULL, d->ents[prev_right.ent[p]].country,
                                  role))
              return HOSO_ENOMEM;
        }
        /* right after the previous clause, or, when that clause named
        ** nobody after its trigger, anywhere before the next name */
        if (side == 0 && ev->npart == before && prev_left && prev_left->n &&
            i >= *clause_lo && !between && (i - *clause_lo <= 4 || !prev_left->took_right)) {
          for (size_t p = 0; p < prev_left->n; p++)
            if (hoso__ev_add_part(ev, prev_left->ent[p], NULL,
                         d->ents[prev_left->ent[p]].country, role))
              return HOSO_ENOMEM;
        }
        if (side == 0) npart_left = ev->npart;
      }
      /* "cuộc hội đàm giữa A với B"; passive: "được ký kết giữa A và B"
      ** (the left role: the agents) */
      {
        int all1;
        const char *r1 = hoso__ev_role_of(e->f[5], passive ? 0 : 1, &all1);
        if (!frame && !of_subject && r1 && hoso__ev_between_second(d, g, sl, ev, t1, right_hi, r1))
          return HOSO_ENOMEM;
      }
      /* "X thăm Việt Nam theo lời mời của Y": a trigger that takes nobody
      ** on its right still takes its host from an invitation after it */
      {
        int all1;
        if (!frame && !hoso__ev_role_of(e->f[5], 1, &all1) && !strcmp(ev->type, "visit")) {
          for (uint32_t x = t1; x < s->tok1 && x < t1 + 16; x++) {
            uint32_t il;
            if (!hoso__ev_cue_at(d, g, x, "invite", &il)) continue;
            int m = hoso__ev_person_after(d, g, sl, x + il, s->tok1);
            if (m >= 0 && hoso__ev_add_part(ev, d->men[m].entity, NULL,
                                            d->ents[d->men[m].entity].country, "host"))
              return HOSO_ENOMEM;
            break;
          }
        }
      }
      /* "Trong khuôn khổ chuyến thăm Anh, Chủ tịch nước X đã ...": a visit
      ** named as the frame of the sentence, nobody in it: the guest is
      ** the person opening the clause after the frame's comma */
      if (frame && ev->npart == 0 && !strcmp(ev->type, "visit")) {
        uint32_t c = t1;
        while (c < s->tok1 && !hoso__ev_is_comma(d, c)) c++;
        int m = c < s->tok1 ? hoso__ev_person_after(d, g, sl, c + 1, s->tok1) : -1;
        if (m >= 0) {
          int all0;
          const char *r0 = hoso__ev_role_of(e->f[5], 0, &all0);
          if (hoso__ev_add_part(ev, d->men[m].entity, NULL, d->ents[d->men[m].entity].country,
                       r0 ? r0 : "guest"))
            return HOSO_ENOMEM;
        }
      }
      /* "Hội kiến với A, B và C, Quốc vương X ...": nobody before a trigger
      ** that opens the sentence; the subject follows its clause */
      {
        int all0;
        const char *r0 = hoso__ev_role_of(e->f[5], 0, &all0);
        if (!frame && !passive && !of_subject && r0 && npart_left == 0) {
          uint32_t end = t1 > o1 ? t1 : o1;
          for (size_t p = 0; p < ev->npart; p++)
            for (size_t q = 0; q < sl->n; q++) {
              const hoso__mention *x = &d->men[sl->m[q]];
              if (x->entity == ev->part[p].entity && x->tok0 >= t1 && x->tok1 <= right_hi &&
                  x->tok1 > end)
                end = x->tok1;
            }
          int m = hoso__ev_subject_after_opening(d, g, s, sl, i, end);
          size_t p = 0;
          while (m >= 0 && p < ev->npart && ev->part[p].entity != d->men[m].entity) p++;
          if (m >= 0 && p == ev->npart) {
            if (hoso__ev_add_part(ev, d->men[m].entity, NULL, d->ents[d->men[m].entity].country,
                                  r0))
              return HOSO_ENOMEM;
            /* first, as the clause's left side */
            hoso__eparticipant subj = ev->part[ev->npart - 1];
            memmove(&ev->part[1], &ev->part[0], (ev->npart - 1) * sizeof *ev->part);
            ev->part[0] = subj;
            npart_left = 1;
          }
        }
      }
      /* "X mời Y thăm Lào": Y is the guest, X the host (or the person a
      ** pronoun before "mời" stands for) */
      if (!frame && !strcmp(ev->type, "visit")) {
        for (uint32_t c = s->tok0; c < i; c++) {
          uint32_t cl;
          if (!hoso__ev_cue_any(d, g, c, "inviter", &cl)) continue;
          int m = hoso__ev_person_after(d, g, sl, c + cl, i);
          if (m < 0) continue;
          int host = -1;
          for (size_t q = 0; q < sl->n; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->type == ET_PER && x->entity >= 0 && x->tok1 <= c &&
                x->entity != d->men[m].entity && !hoso__ev_is_source(d, g, x, s))
              host = x->entity;
          }
          if (host < 0 && *topic >= 0 && *topic != d->men[m].entity &&
              hoso__ev_pronoun_before(d, g, s->tok0, c))
            host = *topic;
          if (host >= 0 && hoso__ev_add_part(ev, host, NULL, d->ents[host].country, "host"))
            return HOSO_ENOMEM;
          break;
        }
      }
      /* "các cuộc tiếp xúc với A, B": several encounters, one per
      ** counterpart (plural.c splits them) */
      ev->nleft = npart_left;
      for (uint32_t x = i > s->tok0 + 3 ? i - 3 : s->tok0, pl, nl; x < i && !frame; x++)
        if (hoso__ev_cue_at(d, g, x, "plural", &pl) && hoso__ev_cue_at(d, g, x + pl, "nominal", &nl) &&
            (x + pl == i || x + pl + nl == i))
          ev->plural = 1;
      /* remember this clause for the next trigger of the sentence */
      if (frame) {
        *clause_lo = saved_lo;
      } else if (prev_left) {
        prev_right.n = 0;
        prev_type = ev->type;
        for (size_t p = npart_left; p < ev->npart && prev_right.n < 16; p++)
          if (ev->part[p].entity >= 0) prev_right.ent[prev_right.n++] = ev->part[p].entity;
        prev_left->n = 0;
        prev_left->took_right = ev->npart > npart_left;
        for (size_t p = 0; p < npart_left && p < 16; p++)
          if (ev->part[p].entity >= 0) prev_left->ent[prev_left->n++] = ev->part[p].entity;
      }
      if (!frame) {
        /* the next clause starts after this trigger and, when it took
        ** people on its right, after them */
        uint32_t end = t1 > o1 ? t1 : o1;
        for (size_t p = npart_left; p < ev->npart; p++)
          for (size_t q = 0; q < sl->n; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->entity == ev->part[p].entity && x->tok0 >= t1 && x->tok1 <= right_hi &&
                x->tok1 > end)
              end = x->tok1;
          }
        *clause_lo = end;
      }
      /* "hai bên", "hai Bộ trưởng" before the trigger in its clause: the
      ** people of the article's main event */
      int doc_subject = passive && o1 && o1 <= pv;
      if (doc_subject || witness_end) {
        /* "Hiệp định ... giữa hai nước sớm được ký": not the main event's people */
      } else if (ev->npart == 0 ||
                 (ev->npart && !strcmp(ev->type, "signing") &&
                  d->ents[ev->part[0].entity < 0 ? 0 : ev->part[0].entity].type == ET_ORG &&
                  hoso__ev_subject_before(d, g, sl, s->tok0, i))) {
        if (hoso__ev_subject_before(d, g, sl, s->tok0, i)) {
          const hoso__event *me = main_event(out);
          int all;
          const char *role = hoso__ev_role_of(e->f[5], 0, &all);
          if (me && me != ev && me->npart) {
            for (size_t p = 0; p < ev->npart; p++) free(ev->part[p].name);
            ev->npart = 0;
          }
          for (size_t p = 0; me && me != ev && p < me->npart; p++)
            if (hoso__ev_add_part(ev, me->part[p].entity, me->part[p].name, me->part[p].side,
                         role ? role : "participant"))
              return HOSO_ENOMEM;
        }
      } else if (npart_left == 0 && !passive && !frame && !of_subject &&
                 hoso__ev_subject_before(d, g, sl, saved_lo, i)) {
        /* "hai vợ chồng sẽ thăm ông Bush": the people of the main event
        ** who are not on the trigger's other side take its left role */
        const hoso__event *me = main_event(out);
        int all;
        const char *role = hoso__ev_role_of(e->f[5], 0, &all);
        size_t have = ev->npart;
        for (size_t p = 0; me && me != ev && role && p < me->npart; p++) {
          size_t q = 0;
          while (q < have && !hoso__ev_same_part(&ev->part[q], &me->part[p])) q++;
          if (q == have &&
              hoso__ev_add_part(ev, me->part[p].entity, me->part[p].name, me->part[p].side, role))
            return HOSO_ENOMEM;
        }
      }
      /* "Bộ Quốc phòng 2 nước": the body of each side */
      for (size_t p = 0; p < ev->npart; p++) {
        const hoso__entity *pe = &d->ents[ev->part[p].entity < 0 ? 0 : ev->part[p].entity];
        if (ev->part[p].entity < 0 || pe->type != ET_ORG) continue;
        const hoso__mention *fm = NULL;
        for (size_t q = 0; q < sl->n; q++)
          if (d->men[sl->m[q]].entity == ev->part[p].entity &&
              d->men[sl->m[q]].tok1 <= s->tok1)
            fm = &d->men[sl->m[q]];
        if (!fm || fm->tok1 >= s->tok1) continue;
        uint32_t al;
        int ag = hoso__gaz_match(g, d, fm->tok1, GCM(GC_AGREE), &al);
        if (ag < 0 || strcmp(hoso__gaz_entry(g, ag)->f[2], "subject")) continue;
        const char *c1, *c2;
        int g1, g2;
        hoso__ev_sides(d, &c1, &c2, &g1, &g2);
        if (!c1 || !c2 || g1 < 0 || g2 < 0) continue;
        const char *bs;
        size_t bn;
        hoso__span_text(d, fm->tok0, fm->tok1, &bs, &bn);
        const char *role = ev->part[p].role;
        ev->part[p] = ev->part[--ev->npart];
        for (int k2 = 0; k2 < 2; k2++) {
          const hoso__entity *ge = &d->ents[k2 ? g2 : g1];
          const char *gn;
          size_t gnn;
          hoso__entity_name(d, ge, &gn, &gnn);
          char name[512];
          snprintf(name, sizeof name, "%.*s %.*s", (int)bn, bs, (int)gnn, gn);
          /* an entity of that name in the article, if any */
          int ent = -1;
          for (size_t q = 0; q < d->nents; q++) {
            if (d->ents[q].type != ET_ORG) continue;
            const char *qn;
            size_t qnn;
            hoso__entity_name(d, &d->ents[q], &qn, &qnn);
            if (qnn == strlen(name) && !memcmp(qn, name, qnn)) ent = (int)q;
          }
          if (hoso__ev_add_part(ev, ent, ent < 0 ? name : NULL, ge->country, role))
            return HOSO_ENOMEM;
        }
        break;
      }
      /* date, place */
      int first_in_sentence = 1;
      for (size_t q = 0; q + 1 < out->n && first_in_sentence; q++)
        for (size_t v = 0; v < out->ev[q].nevid; v++)
          if (out->ev[q].evid[v] == si) first_in_sentence = 0;
      int date_pri = 0;
      uint32_t date_dist = 0;
      int year_men = -1; /* a bare year in the trigger's clause, after it */
      for (size_t q = 0; q < sl->n; q++) {
        const hoso__mention *x = &d->men[sl->m[q]];
        if (x->tok0 < s->tok0 || x->tok1 > s->tok1 || x->entity < 0) continue;
        if (x->tok0 < rel_lo) continue; /* "... tháng 2 ... mà A và B đã ký" */
        /* "gặp nhau lần gần đây nhất ... là vào năm 2003", "mà Việt Nam
        ** và Pháp đã ký năm 2000": a year right after the trigger in its
        ** clause (no comma, no "kể từ") says when, if nothing else does;
        ** elsewhere a bare year is background ("quan hệ từ năm 1971") */
        if (x->type == ET_DATE && year_men < 0 && d->ents[x->entity].date.year &&
            !d->ents[x->entity].date.month && !d->ents[x->entity].date.week &&
            x->tok0 >= t1 && x->tok0 - t1 <= 16 &&
            !hoso__ev_cue_between(d, g, t1, x->tok0, "since")) {
          uint32_t c = t1;
          while (c < x->tok0 && !hoso__ev_is_comma(d, c) &&
                 !hoso__ev_cue_any(d, g, c, "year-from", NULL))
            c++;
          if (c == x->tok0) year_men = (int)sl->m[q];
        }
        /* a day, a month or a week; a bare year ("năm 1971") is
        ** background, not when the event took place */
        /* "kể từ tháng 4/2003": a point of reference, not when it took place */
        int since =
            x->tok0 >= t1 && x->tok0 - t1 < 24 && hoso__ev_cue_between(d, g, t1, x->tok0, "since");
        if (x->type == ET_DATE && !since &&
            (d->ents[x->entity].date.month || d->ents[x->entity].date.week ||
             !d->ents[x->entity].date.determinable)) {
          /* when: the date opening the sentence ("Chiều 3/5, tại ...,
          ** A đã tiếp B"); else the nearest one in the trigger's clause
          ** (no comma between); else one just after it ("... tại Hạ
          ** Long, ngày 5/3") -- not a date of another clause */
          int pri = 0;
          uint32_t dist = 0;
          if (x->tok0 <= s->tok0 + 3) {
            /* the sentence's opening date is its first event's; an event
            ** named as a frame after it ("Ngày 20/5, tại cuộc hội đàm ...,
            ** trong khuôn khổ chuyến thăm ... của ông, ...") contains that
            ** day, when nothing in its own clause says otherwise */
            pri = first_in_sentence ? 3 : ev->framed ? 1 : 0;
            /* "Ngày 6/3, X ra thông báo cho biết Y sẽ thăm Z từ ngày 8
            ** đến 11/3": the opening date is when it was said; a date in
            ** the trigger's own clause beats it */
            if (pri && x->tok1 <= i && hoso__ev_cue_between(d, g, x->tok1, i, "said")) pri = 1;
          } else {
            uint32_t a = x->tok1 <= i ? x->tok1 : t1, b = x->tok1 <= i ? i : x->tok0;
            int commas = 0;
            for (uint32_t kk = a; kk < b; kk++) commas += hoso__ev_is_comma(d, kk);
            dist = b - a;
            /* "..., sáng 4/7, Thủ tướng X đã đến": the date and its comma
            ** open the trigger's clause */
            if (x->tok1 <= i && commas == 1 && hoso__ev_is_comma(d, x->tok1) &&
                !hoso__ev_cue_between(d, g, x->tok1, i, "said"))
              commas = 0; /* not "Tại cuộc họp báo chiều 15/10, X cho biết Y đã tiếp" */
            if (!commas) pri = 2;
            else if (x->tok0 >= t1 && commas <= 2 && dist <= 24) pri = 1;
          }
          /* "Sáng qua 20/11": the day stated beats the relative word
          ** that cannot be resolved */
          const hoso__date *dn = &d->ents[x->entity].date;
          int better = ev->date_entity >= 0 && pri && pri == date_pri &&
                       !d->ents[ev->date_entity].date.determinable &&
                       !d->ents[ev->date_entity].date.month && dn->month;
          if (pri > date_pri || better || (pri && pri == date_pri && dist < date_dist)) {
            ev->date_entity = x->entity;
            ev->date_men = (int)sl->m[q];
            date_pri = pri;
            date_dist = dist;
          }
        }
        if ((x->type == ET_LOC || x->type == ET_GPE) && ev->place_entity < 0) {
          /* "tại" (STATUS "place-at") right before the place */
          int tai = x->tok0 > s->tok0 && hoso__ev_cue_any(d, g, x->tok0 - 1, "place-at", NULL) &&
                    hoso__ev_mention_at(d, sl, x->tok1, x->tok1 + 1, 1u << ET_PER) < 0 &&
                    (x->tok0 < i || x->tok1 <= right_hi);
          int goes = (!strcmp(needs, "GPE") && x->tok0 == t1) ||
                     (!strcmp(ev->type, "visit") && x->tok0 >= t1 && x->tok0 < t1 + 4);
          if (tai || goes) ev->place_entity = x->entity;
        }
      }
      hoso__ev_visit_place(d, s, sl, t1, ev);
      /* "Sáng cùng ngày, ... X đã tiếp Y": no date of its own, the day
      ** of the latest one stated before the sentence */
      if (ev->date_entity < 0) hoso__ev_same_day(d, g, s, i, ev);
      if (ev->date_entity < 0 && year_men >= 0) {
        ev->date_entity = d->men[year_men].entity;
        ev->date_men = year_men;
      }
      /* "X đã đến Bắc Kinh và có cuộc hội đàm với Y": no date of its own,
      ** joined by "và" to the clause of the event before it in the
      ** sentence (no comma, nobody named between): that event's date */
      if (ev->date_entity < 0 && out->n >= 2 && i > saved_lo) {
        const hoso__event *pv0 = &out->ev[out->n - 2];
        int same_sent = pv0->nevid && pv0->evid[pv0->nevid - 1] == si;
        if (same_sent && pv0->date_entity >= 0 && hoso__ev_and_between(d, g, saved_lo, i) &&
            hoso__ev_mention_at(d, sl, saved_lo, i, (1u << ET_PER) | (1u << ET_ORG)) < 0) {
          uint32_t c = saved_lo;
          while (c < i && !hoso__ev_is_comma(d, c)) c++;
          if (c == i) {
            ev->date_entity = pv0->date_entity;
            ev->date_men = pv0->date_men;
            ev->day_only = pv0->day_only;
          }
        }
      }
      /* "từ 18 đến 22/7": the first day (src/events/ranges.c) */
      if (ev->date_men >= 0 && !ev->day_only)
        ev->ranged = hoso__event_date_range(d, g, sl->m, sl->n, ev->date_men, &ev->first,
                                            &ev->last);
      if (hoso__ev_add_sent(&ev->evid, &ev->nevid, &ev->capevid, si)) return HOSO_ENOMEM;
      /* nobody named: not an event we can report -- unless a talk, meeting,
      ** dialogue or call whose sides a following sentence names ("Cuộc hội
      ** đàm diễn ra ... Đứng đầu đoàn Nhật Bản là X."), or a signing (its
      ** document is named: "nhiều văn kiện hợp tác sẽ được ký kết"): kept
      ** until the end of the text (see no_party()) */
      if (ev->npart == 0 && !hoso__ev_is_main(ev->type) && strcmp(ev->type, "signing")) {
        hoso__ev_event_free(ev);
        out->n--;
      }
    }
    i += l;
  }
  *topic = hoso__ev_sentence_topic(d, g, s, sl, out, n_before, *topic);
  return HOSO_OK;
}
