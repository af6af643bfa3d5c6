/*
** entities.c -- mentions by rule and gazetteer, then entities: the order
** of the passes, and the run's scratch they share (rules.h).
**
** Before the passes, the tagger labels every token (its labels are hints
** to the rules), and the abbreviations a text defines ("Nhật Bản (NB)")
** join the gazetteer matches (abbrev.c). Then, over each sentence (each
** pass skips tokens an earlier one claimed):
**   1. dates (datepass.c, dates.c);
**   2. people: a rank ("Thượng tướng", "генерал-полковник") or a title
**      with its body ("Tổng thống Mỹ") followed by a capitalised name;
**      posts stated before the rank or after the name (", Thứ trưởng Bộ
**      Quốc phòng") are attached to the person (people.c);
**   3. later mentions of those people (aliases.c);
**   4. organisations: a listed name, or a head word ("Bộ", "Tổng cục",
**      "Trung tâm") running on over capitalised words (orgs.c);
**   5. countries and places from the gazetteers (also inside an
**      organisation's name, which is how a body gets its country), and
**      the names after a place's or a paper's noun (places.c);
**   6. the statistical tagger's spans where no rule spoke (tagspans.c),
**      and later mentions of the people it found (aliases.c);
**   7. short forms of a name referring to a longer one (aliases.c).
** Entities group mentions by key (group.c, key.c); a person's country
** comes from a country in brackets after the name, else the countries in
** their posts, else a Vietnamese name, else the foreign country the
** article names most (entcountry.c).
**
** Ownership: hoso__ner_run() owns the run's scratch and frees it before it
** returns; mentions and entities go into d, which owns them.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"

const char *hoso__etype_name(int t) {
  switch (t) {
  case ET_PER: return "PER";
  case ET_ORG: return "ORG";
  case ET_LOC: return "LOC";
  case ET_GPE: return "GPE";
  case ET_DATE: return "DATE";
  case ET_MISC: return "MISC";
  default: return "O";
  }
}

int hoso__nr_add_mention(hoso__nrun *r, uint32_t t0, uint32_t t1, int type, int gz,
                         int source) {
  hoso__ndoc *d = r->d;
  if (d->nmen >= HOSO_NER_MAX_MENTIONS) return -1;
  if (d->nmen == d->capmen) {
    size_t nc = d->capmen ? d->capmen * 2 : 64;
    hoso__mention *m = realloc(d->men, nc * sizeof *m);
    int *rk = realloc(r->rank_of_men, nc * sizeof *rk);
    if (rk) r->rank_of_men = rk;
    if (!m || !rk) {
      if (m) d->men = m;
      return -2;
    }
    d->men = m;
    d->capmen = nc;
  }
  hoso__mention *m = &d->men[d->nmen];
  m->tok0 = t0;
  m->tok1 = t1;
  m->type = type;
  m->entity = -1;
  m->gz = gz;
  m->source = source;
  m->alias_of = -1;
  r->rank_of_men[d->nmen] = -1;
  return (int)d->nmen++;
}

int hoso__nr_add_post(hoso__nrun *r, int men, uint32_t t0, uint32_t t1) {
  if (r->nposts == r->capposts) {
    size_t nc = r->capposts ? r->capposts * 2 : 32;
    hoso__post *p = realloc(r->posts, nc * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    r->posts = p;
    int *pm = realloc(r->post_men, nc * sizeof *pm);
    if (!pm) return HOSO_ENOMEM;
    r->post_men = pm;
    r->capposts = nc;
  }
  r->posts[r->nposts].tok0 = t0;
  r->posts[r->nposts].tok1 = t1;
  r->post_men[r->nposts] = men;
  r->nposts++;
  return HOSO_OK;
}

int hoso__ner_run(hoso__ndoc *d, const hoso__gaz *g,
                  const struct hoso__nermodel *model, unsigned opts,
                  hoso_error *err) {
  hoso__nrun r;
  memset(&r, 0, sizeof r);
  r.d = d;
  r.g = g;
  r.model_only = (opts & HOSO__NER_MODEL_ONLY) != 0;
  int rc = hoso__gaz_scan(g, d, err);
  if (rc) return rc;
  r.claim = calloc(d->ntok + 1, 1);
  if (!r.claim) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int rules = !(opts & HOSO__NER_MODEL_ONLY) || !model;
  if (model) rc = hoso__nr_tagger_labels(&r, model);
  /* after the tagger: its features never see a text's own abbreviations */
  if (rules && !rc) rc = hoso__ner_defined_abbrevs(g, d);
  for (size_t s = 0; s < d->nsent && !rc; s++) rc = hoso__nr_dates(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = hoso__nr_people(&r, &d->sent[s]);
  if (rules && !rc) rc = hoso__nr_aliases(&r);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = hoso__nr_orgs(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = hoso__nr_places(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = hoso__nr_place_heads(&r, &d->sent[s]);
  if (!rc && model) rc = hoso__nr_tagger_spans(&r, model);
  if (!rc && model) rc = hoso__nr_aliases(&r); /* names the tagger found */
  if (!rc && !(opts & HOSO__NER_MODEL_ONLY)) rc = hoso__nr_short_forms(&r);
  if (!rc) rc = hoso__nr_group(&r);
  if (!rc) rc = hoso__nr_countries(&r);
  free(r.claim);
  free(r.lab);
  free(r.posts);
  free(r.post_men);
  free(r.rank_of_men);
  if (rc && err && !err->code) hoso__err(err, rc, "out of memory (entities)");
  return rc;
}

void hoso__entity_name(const hoso__ndoc *d, const hoso__entity *e,
                       const char **s, size_t *n) {
  if (e->name_owned) {
    *s = e->name_owned;
    *n = strlen(e->name_owned);
    return;
  }
  if (e->name_static) {
    *s = e->name_static;
    *n = strlen(e->name_static);
    return;
  }
  const hoso__mention *m = &d->men[e->first_mention];
  hoso__span_text(d, m->tok0, m->tok1, s, n);
}
