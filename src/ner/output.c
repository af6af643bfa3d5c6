/* output.c -- the "entities" array of an analysed document as JSON
** (fields documented in README, section ner). */
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"

void hoso__ner_write_json(const hoso__ndoc *d, const hoso__gaz *g,
                          hoso_json *w) {
  /* mentions grouped by entity, in text order within each (counting sort) */
  size_t *first = calloc(d->nents + 2, sizeof *first);
  uint32_t *by = malloc((d->nmen + 1) * sizeof *by);
  if (!first || !by) {
    free(first);
    free(by);
    if (!w->rc) w->rc = HOSO_ENOMEM;
    return;
  }
  for (size_t m = 0; m < d->nmen; m++)
    if (d->men[m].entity >= 0) first[d->men[m].entity + 1]++;
  for (size_t e = 0; e < d->nents; e++) first[e + 1] += first[e];
  for (size_t m = 0; m < d->nmen; m++) {
    int e = d->men[m].entity;
    if (e < 0) continue;
    by[first[e]++] = (uint32_t)m;
  }
  /* first[e] is now the end of e's run; its start is first[e - 1] */
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < d->nents; i++) {
    const hoso__entity *e = &d->ents[i];
    const char *s;
    size_t n;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "id");
    hoso__json_int(w, (int64_t)i);
    hoso__json_key(w, "type");
    hoso__json_str(w, hoso__etype_name(e->type));
    hoso__json_key(w, "name");
    hoso__entity_name(d, e, &s, &n);
    hoso__json_strn(w, s, n);
    hoso__json_key(w, "key");
    hoso__json_str(w, e->key);
    if (e->type == ET_PER) {
      hoso__json_key(w, "rank");
      if (e->rank_gz >= 0) hoso__json_str(w, hoso__gaz_entry(g, e->rank_gz)->f[2]);
      else hoso__json_null(w);
      hoso__json_key(w, "posts");
      hoso__json_arr_begin(w);
      for (size_t p = 0; p < e->nposts; p++) {
        hoso__span_text(d, e->posts[p].tok0, e->posts[p].tok1, &s, &n);
        hoso__json_strn(w, s, n);
      }
      hoso__json_arr_end(w);
    }
    if (e->type != ET_DATE) {
      hoso__json_key(w, "country");
      if (e->country[0]) hoso__json_str(w, e->country);
      else hoso__json_null(w);
      if (e->country[0] && e->country_source) {
        hoso__json_key(w, "country_from");
        hoso__json_str(w, e->country_source);
      }
    } else {
      char v[32];
      hoso__date_format(&e->date, v, sizeof v);
      hoso__json_key(w, "value");
      if (v[0] && e->date.determinable) hoso__json_str(w, v);
      else hoso__json_null(w);
      if (e->date.daypart) {
        hoso__json_key(w, "daypart");
        hoso__json_str(w, e->date.daypart);
      }
      if (e->date.hour >= 0) {
        char t[32];
        snprintf(t, sizeof t, "%02d:%02d", e->date.hour, e->date.minute);
        hoso__json_key(w, "time");
        hoso__json_str(w, t);
      }
      hoso__json_key(w, "relative");
      hoso__json_bool(w, e->date.relative);
      if (!e->date.determinable) {
        hoso__json_key(w, "note");
        hoso__json_str(w, v[0] ? "year unknown: no publication date"
                               : "relative to an unknown publication date");
      }
    }
    hoso__json_key(w, "mentions");
    hoso__json_arr_begin(w);
    size_t from = i ? first[i - 1] : 0, to = first[i];
    /* text order: insertion sort of the run (runs are short, aliases come
    ** after the mentions found first) */
    for (size_t a = from + 1; a < to; a++) {
      uint32_t v = by[a];
      size_t b = a;
      while (b > from && d->men[by[b - 1]].tok0 > d->men[v].tok0) {
        by[b] = by[b - 1];
        b--;
      }
      by[b] = v;
    }
    for (size_t q = from; q < to; q++) {
      const hoso__mention *x = &d->men[by[q]];
      hoso__json_arr_begin(w);
      hoso__json_int(w, (int64_t)hoso__doc_off(d, d->tok[x->tok0].off, 0));
      hoso__json_int(w, (int64_t)hoso__doc_off(
                            d, d->tok[x->tok1 - 1].off + d->tok[x->tok1 - 1].len, 1));
      hoso__json_arr_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  free(first);
  free(by);
}
