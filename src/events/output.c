/*
** output.c -- events as JSON (the "events" array of `hoso ner --events`).
** Reads the list and the document; writes through the caller's writer.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

static void write_span(hoso_json *w, const hoso__ndoc *d, uint32_t a, uint32_t b) {
  hoso__json_arr_begin(w);
  hoso__json_int(w, (int64_t)hoso__doc_off(d, a, 0));
  hoso__json_int(w, (int64_t)hoso__doc_off(d, b, 1));
  hoso__json_arr_end(w);
}

void hoso__events_write_json(const hoso__events *e, const hoso__ndoc *d,
                             hoso_json *w) {
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < e->n; i++) {
    const hoso__event *ev = &e->ev[i];
    hoso__json_obj_begin(w);
    hoso__json_key(w, "type");
    hoso__json_str(w, ev->type);
    hoso__json_key(w, "cameo");
    hoso__json_str(w, ev->cameo);
    hoso__json_key(w, "status");
    hoso__json_str(w, ev->status);
    hoso__json_key(w, "date");
    const hoso__entity *de = ev->date_entity >= 0 ? &d->ents[ev->date_entity] : NULL;
    /* a range of days: the first day is the event's date */
    const hoso__date *dv = de ? (ev->ranged ? &ev->first : &de->date) : NULL;
    char v[32] = "", ve[32] = "";
    if (dv) hoso__date_format(dv, v, sizeof v);
    if (dv && ev->ranged) hoso__date_format(&ev->last, ve, sizeof ve);
    if (de && v[0] && dv->determinable) hoso__json_str(w, v);
    else hoso__json_null(w);
    if (ve[0]) {
      hoso__json_key(w, dv->determinable ? "date_end" : "date_end_stated");
      hoso__json_str(w, ve);
    }
    if (de && dv->daypart && !ev->day_only) {
      hoso__json_key(w, "daypart");
      hoso__json_str(w, dv->daypart);
    }
    if (de && !dv->determinable && v[0]) {
      /* "Ngày 20/5" without a publication date: the day as stated, its
      ** year unknown ("XXXX-05-20"); "date" stays null */
      hoso__json_key(w, "date_stated");
      hoso__json_str(w, v);
    }
    if (!de || !dv->determinable || !v[0]) {
      hoso__json_key(w, "date_note");
      hoso__json_str(w, !de ? "no date stated in the evidence"
                            : "date relative to an unknown publication date");
    }
    hoso__json_key(w, "place");
    if (ev->place_entity >= 0) {
      const char *s;
      size_t n;
      hoso__entity_name(d, &d->ents[ev->place_entity], &s, &n);
      hoso__json_strn(w, s, n);
    } else {
      hoso__json_null(w);
    }
    hoso__json_key(w, "participants");
    hoso__json_arr_begin(w);
    for (size_t p = 0; p < ev->npart; p++) {
      const hoso__eparticipant *pp = &ev->part[p];
      hoso__json_obj_begin(w);
      hoso__json_key(w, "name");
      if (pp->entity >= 0) {
        const char *s;
        size_t n;
        hoso__entity_name(d, &d->ents[pp->entity], &s, &n);
        hoso__json_strn(w, s, n);
      } else {
        hoso__json_str(w, pp->name);
      }
      hoso__json_key(w, "entity");
      if (pp->entity >= 0) hoso__json_int(w, pp->entity);
      else hoso__json_null(w);
      hoso__json_key(w, "side");
      if (pp->side[0]) hoso__json_str(w, pp->side);
      else hoso__json_null(w);
      hoso__json_key(w, "role");
      hoso__json_str(w, pp->role);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_key(w, "object");
    if (ev->obj_static && ev->obj_tok1 && ev->obj_tok1 - ev->obj_tok0 > 0 &&
        strcmp(ev->type, "award") == 0) {
      hoso__json_str(w, ev->obj_static);
    } else if (ev->obj_tok1) {
      const char *s;
      size_t n;
      hoso__span_text(d, ev->obj_tok0, ev->obj_tok1, &s, &n);
      hoso__json_strn(w, s, n);
    } else {
      hoso__json_null(w);
    }
    hoso__json_key(w, "agreed");
    hoso__json_arr_begin(w);
    for (size_t a = 0; a < ev->nagreed; a++) {
      const hoso__nsent *s = &d->sent[ev->agreed[a]];
      hoso__json_strn(w, d->text + s->off, s->end - s->off);
    }
    hoso__json_arr_end(w);
    hoso__json_key(w, "evidence");
    hoso__json_arr_begin(w);
    for (size_t s = 0; s < ev->nevid; s++) {
      const hoso__nsent *se = &d->sent[ev->evid[s]];
      write_span(w, d, se->off, se->end);
    }
    hoso__json_arr_end(w);
    if (ev->feats.nf) { /* HOSO__EV_FEATURES: for training */
      hoso__json_key(w, "rule");
      hoso__json_int(w, !ev->rule_drop);
      hoso__json_key(w, "score");
      hoso__json_int(w, ev->score);
      hoso__json_key(w, "features");
      hoso__json_arr_begin(w);
      for (size_t f = 0; f < ev->feats.nf; f++) hoso__json_str(w, hoso__efeats_get(&ev->feats, f));
      hoso__json_arr_end(w);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}
