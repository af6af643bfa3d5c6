/*
** followup.c -- sentences that add to an event told before them: "Cùng đi
** với ông ... là X" (people with the guest of a visit), "Đón ông tại sân
** bay là X" (a reception), "Đứng đầu đoàn ... là X" (a side of a talk),
** "Điển hình như A, ...; B" (the recipients of an award to a count),
** "Những nghị sĩ ... là A và B" (the people an encounter described).
**
** Ownership: appends events to, or adds participants to events of, the
** caller's list, which owns them.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* Everyone the sentence si names from token `from` on joins ev with this
** role; the sentence becomes evidence when someone was added. */
static int add_people_from(const hoso__ndoc *d, const slice *sl, hoso__event *ev, uint32_t from,
                           const char *role, uint32_t si) {
  int added = 0;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < from) continue;
    size_t before = ev->npart;
    if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, role))
      return HOSO_ENOMEM;
    added |= ev->npart > before;
  }
  if (added && hoso__ev_add_sent(&ev->evid, &ev->nevid, &ev->capevid, si)) return HOSO_ENOMEM;
  return HOSO_OK;
}

/* "Cùng đi với ông ... là X", "Tháp tùng Thủ tướng có X": a sentence
** opened by a cue of the kind "accompany" (models/events/words.tsv)
** names people who travel with the guest of the latest visit. */
int hoso__ev_accompany(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                       uint32_t si, const slice *sl, hoso__events *out) {
  uint32_t l;
  if (s->tok0 >= s->tok1 || !hoso__ev_cue_at(d, g, s->tok0, "accompany", &l)) return HOSO_OK;
  hoso__event *v = NULL;
  for (size_t i = out->n; i > 0 && !v; i--)
    if (!strcmp(out->ev[i - 1].type, "visit")) v = &out->ev[i - 1];
  if (!v) return HOSO_OK;
  return add_people_from(d, sl, v, s->tok0 + l, "guest", si);
}

/* "Đón ông tại sân bay là Thủ tướng lâm thời Iraq Iyad Allawi.": a sentence
** opened by a cue of the kind "welcome-by" (models/events/words.tsv) that
** is also a reception trigger, then "là" and a person (over their post):
** that person hosts a reception of the person named between the cue and
** "là", or, for a pronoun there ("ông", "bà"), of the person the text was
** about before the sentence (topic). */
int hoso__ev_welcomed_by(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                         uint32_t si, const slice *sl, hoso__events *out, int topic) {
  uint32_t l;
  if (s->tok0 >= s->tok1 || !hoso__ev_cue_any(d, g, s->tok0, "welcome-by", &l)) return HOSO_OK;
  const hoso__gentry *te = NULL;
  for (uint32_t m = d->gm_first[s->tok0]; m < d->gm_first[s->tok0 + 1] && !te; m++) {
    const hoso__gentry *e = hoso__gaz_entry(g, d->gm[m].id);
    if (d->gm[m].cls == GC_TRIGGER && e && e->nf >= 7 && !strcmp(e->f[2], "reception")) te = e;
  }
  if (!te) return HOSO_OK;
  uint32_t k = s->tok0 + l, wl;
  for (; k < s->tok1 && k < s->tok0 + l + 12; k++) {
    if (hoso__ev_is_comma(d, k)) return HOSO_OK;
    if (hoso__ev_cue_any(d, g, k, "is", &wl)) break; /* "là" */
  }
  if (k >= s->tok1 || k >= s->tok0 + l + 12) return HOSO_OK;
  int hm = hoso__ev_person_after(d, g, sl, k + wl, s->tok1);
  if (hm < 0) return HOSO_OK;
  int host = d->men[hm].entity, guest = -1;
  int gm = hoso__ev_mention_at(d, sl, s->tok0 + l, k, 1u << ET_PER);
  if (gm >= 0) guest = d->men[gm].entity;
  else if (hoso__ev_pronoun_before(d, g, s->tok0 + l, k)) guest = topic;
  if (guest < 0 || guest == host) return HOSO_OK;
  if (hoso__ev_grow((void **)&out->ev, &out->cap, out->n, sizeof *out->ev)) return HOSO_ENOMEM;
  hoso__event *ev = &out->ev[out->n++];
  memset(ev, 0, sizeof *ev);
  ev->type = te->f[2];
  ev->cameo = te->f[3];
  ev->trig0 = s->tok0;
  ev->trig1 = s->tok0 + l;
  ev->status = "happened";
  ev->date_entity = ev->place_entity = ev->date_men = -1;
  if (hoso__ev_add_part(ev, host, NULL, d->ents[host].country, "host") ||
      hoso__ev_add_part(ev, guest, NULL, d->ents[guest].country, "guest") ||
      hoso__ev_add_sent(&ev->evid, &ev->nevid, &ev->capevid, si))
    return HOSO_ENOMEM;
  return HOSO_OK;
}

/* "Đứng đầu đoàn đại biểu Nhật Bản là X.", "Về phía Trung Quốc là Y.": a
** sentence opened by a cue of the kind "lead-before" or "side-of"
** (models/events/words.tsv) names a side of the latest talk, meeting,
** dialogue or call of the two sentences before it that has fewer than two
** participants: the first person after the cue joins it. */
int hoso__ev_sides_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                         uint32_t si, const slice *sl, hoso__events *out) {
  uint32_t l = 0, k;
  int cue = 0;
  for (k = s->tok0; k < s->tok1 && k < s->tok0 + 2 && !cue; k++)
    cue = hoso__ev_cue_any(d, g, k, "lead-before", &l) || hoso__ev_cue_any(d, g, k, "side-of", &l);
  if (!cue) return HOSO_OK;
  k--;
  hoso__event *ev = NULL;
  for (size_t i = out->n; i > 0 && !ev; i--) {
    hoso__event *c = &out->ev[i - 1];
    if (!hoso__ev_is_main(c->type) || c->npart >= 2 || !c->nevid) continue;
    uint32_t last = c->evid[c->nevid - 1];
    if (last < si && si - last <= 2) ev = c;
    if (last + 2 < si) break;
  }
  if (!ev) return HOSO_OK;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < k + l) continue;
    if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, "participant"))
      return HOSO_ENOMEM;
    if (hoso__ev_add_sent(&ev->evid, &ev->nevid, &ev->capevid, si)) return HOSO_ENOMEM;
    break;
  }
  return HOSO_OK;
}

/* "Điển hình như A, SN 1987, ...; B, ...": a sentence opened by a cue of
** the kind "members" (models/events/words.tsv) names the people a count
** stood for in the sentence before it ("trao giải thưởng cho 10 gương mặt
** trẻ"): an award of that sentence with nobody receiving it yet gets
** everyone the sentence names as recipients. */
int hoso__ev_members_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                           uint32_t si, const slice *sl, hoso__events *out) {
  uint32_t l;
  if (si == 0 || s->tok0 >= s->tok1 || !hoso__ev_cue_any(d, g, s->tok0, "members", &l))
    return HOSO_OK;
  hoso__event *ev = NULL;
  for (size_t i = out->n; i > 0 && !ev; i--) {
    hoso__event *c = &out->ev[i - 1];
    if (strcmp(c->type, "award") || !c->nevid || c->evid[c->nevid - 1] + 1 != si) continue;
    int recipient = 0;
    for (size_t p = 0; p < c->npart && !recipient; p++)
      recipient = c->part[p].role && !strcmp(c->part[p].role, "recipient");
    if (!recipient) ev = c;
  }
  if (!ev) return HOSO_OK;
  return add_people_from(d, sl, ev, s->tok0 + l, "recipient", si);
}

/* "Những nghị sĩ từ đất nước mặt trời mọc là Tổng thư ký ... A và Tổng
** thư ký ... B.": a sentence opened by words that name nobody (no person
** or body; a country or place may be there) and then "là" (STATUS "is")
** within its first 12 words names, after it, the people the latest talk,
** meeting, dialogue or call of the sentence before described without
** their names ("ông X phát biểu trong cuộc gặp đại diện Nhật"): when
** that event has one participant only, the people named after "là"
** join it. */
int hoso__ev_described_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                             uint32_t si, const slice *sl, hoso__events *out) {
  if (si == 0 || s->tok0 >= s->tok1) return HOSO_OK;
  uint32_t k = s->tok0, wl = 0;
  for (; k < s->tok1 && k < s->tok0 + 12; k++) {
    if (hoso__ev_is_comma(d, k)) return HOSO_OK;
    if (hoso__ev_cue_any(d, g, k, "is", &wl)) break;
  }
  if (k == s->tok0 || k >= s->tok1 || k >= s->tok0 + 12) return HOSO_OK;
  if (hoso__ev_mention_at(d, sl, s->tok0, k, (1u << ET_PER) | (1u << ET_ORG)) >= 0) return HOSO_OK;
  hoso__event *ev = NULL;
  for (size_t i = out->n; i > 0 && !ev; i--) {
    hoso__event *c = &out->ev[i - 1];
    if (hoso__ev_is_main(c->type) && c->npart == 1 && c->nevid && c->evid[c->nevid - 1] + 1 == si)
      ev = c;
  }
  if (!ev) return HOSO_OK;
  return add_people_from(d, sl, ev, k + wl, "participant", si);
}
