/*
** entcountry.c -- the country of each entity once grouped: a body's from
** a country named inside it, else from a country in brackets after it; a
** person's from a country in brackets after the name ("Andy Roddick
** (Mỹ)"), else the countries in their posts, else a Vietnamese name, else
** the foreign country the article names most; an unlisted place's from
** a country in brackets after it ("Ulsan (Hàn Quốc)").
**
** Ownership: writes country and country_source (a static string) of d's
** entities; the table of countries by token is freed before returning.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"

/* A country alone in brackets right after a name: "Andy Roddick (Mỹ)",
** "Sharapova (Nga)", "tập đoàn Poma (Pháp)", "Ulsan (Hàn Quốc)". What the
** brackets hold must be exactly one country of the country gazetteers
** (a GPE mention: countries.tsv, countries_variants.tsv, a short form),
** in the name's sentence; a union ("EU") is no one's country. The first
** such bracket after any mention of an entity without a country gives
** it. HOSO_OK or HOSO_ENOMEM. */
static int bracket_countries(hoso__nrun *r) {
  hoso__ndoc *d = r->d;
  int *gpe_at = malloc((d->ntok + 1) * sizeof *gpe_at); /* GPE mention opening at token */
  if (!gpe_at) return HOSO_ENOMEM;
  for (size_t t = 0; t <= d->ntok; t++) gpe_at[t] = -1;
  for (size_t gi = 0; gi < d->nmen; gi++) {
    const hoso__mention *gm = &d->men[gi];
    if (gm->type == ET_GPE && gm->entity >= 0 && gpe_at[gm->tok0] < 0) gpe_at[gm->tok0] = (int)gi;
  }
  for (size_t mi = 0; mi < d->nmen; mi++) {
    const hoso__mention *m = &d->men[mi];
    if ((m->type != ET_PER && m->type != ET_ORG && m->type != ET_LOC) || m->entity < 0)
      continue;
    hoso__entity *e = &d->ents[m->entity];
    uint32_t b = m->tok1;
    if (e->country[0] || b + 2 >= d->ntok || !is_punct(d, b, "(") || gpe_at[b + 1] < 0)
      continue;
    const hoso__mention *gm = &d->men[gpe_at[b + 1]];
    const char *cc = d->ents[gm->entity].country;
    if (gm->tok1 >= d->ntok || !is_punct(d, gm->tok1, ")") ||
        d->tok[gm->tok1].sent != d->tok[m->tok0].sent || !cc[0] || !strcmp(cc, "EU"))
      continue;
    memcpy(e->country, cc, 3);
    e->country_source = "bracket";
  }
  free(gpe_at);
  return HOSO_OK;
}

/* Country of an organisation: a country named inside it, else in brackets
** after it. Of a person: a country in brackets after the name, else
** countries inside their posts, else a Vietnamese name, else the foreign
** country the article names most. HOSO_OK or HOSO_ENOMEM. */
int hoso__nr_countries(hoso__nrun *r) {
  hoso__ndoc *d = r->d;
  /* per entity: GPE mention inside its spans */
  for (size_t mi = 0; mi < d->nmen; mi++) {
    hoso__mention *m = &d->men[mi];
    if (m->type != ET_ORG || m->entity < 0) continue;
    hoso__entity *e = &d->ents[m->entity];
    if (e->country[0]) continue;
    for (size_t gi = 0; gi < d->nmen; gi++) {
      const hoso__mention *gm = &d->men[gi];
      if (gm->type == ET_GPE && gm->tok0 >= m->tok0 && gm->tok1 <= m->tok1 &&
          gm->entity >= 0 && d->ents[gm->entity].country[0]) {
        memcpy(e->country, d->ents[gm->entity].country, 3);
        e->country_source = "name";
        break;
      }
    }
  }
  if (bracket_countries(r)) return HOSO_ENOMEM;
  /* most-named foreign country */
  int best = -1;
  for (size_t ei = 0; ei < d->nents; ei++) {
    const hoso__entity *e = &d->ents[ei];
    if (e->type != ET_GPE || !e->country[0] || !strcmp(e->country, "VN") ||
        !strcmp(e->country, "SU") || !strcmp(e->country, "EU"))
      continue;
    if (best < 0 || e->nmentions > d->ents[best].nmentions) best = (int)ei;
  }
  for (size_t ei = 0; ei < d->nents; ei++) {
    hoso__entity *e = &d->ents[ei];
    if (e->type != ET_PER || e->country[0]) continue; /* a bracket told it */
    /* in a post, a country named beats a body's country, and a longer
    ** body a shorter one inside it ("Tổng bí thư BCH T.Ư Đảng Nhân dân
    ** Cách mạng Lào": Lào, not the T.Ư listed as Vietnam's) */
    const hoso__mention *pick = NULL;
    for (size_t p = 0; p < e->nposts && !(pick && pick->type == ET_GPE); p++) {
      for (size_t gi = 0; gi < d->nmen; gi++) {
        const hoso__mention *gm = &d->men[gi];
        if ((gm->type == ET_GPE || gm->type == ET_ORG) && gm->entity >= 0 &&
            gm->tok0 >= e->posts[p].tok0 && gm->tok1 <= e->posts[p].tok1 &&
            d->ents[gm->entity].country[0]) {
          if (!pick || (gm->type == ET_GPE && pick->type != ET_GPE) ||
              (gm->type == pick->type && gm->type == ET_ORG &&
               gm->tok1 - gm->tok0 > pick->tok1 - pick->tok0))
            pick = gm;
          if (pick->type == ET_GPE) break;
        }
      }
    }
    if (pick) {
      memcpy(e->country, d->ents[pick->entity].country, 3);
      e->country_source = "post";
    }
    if (e->country[0]) continue;
    const hoso__mention *m = &d->men[e->first_mention];
    int viet = 0;
    for (uint32_t t = m->tok0; t < m->tok1; t++)
      if (d->tok[t].flags & NT_VIET) viet = 1;
    uint32_t l;
    if (viet || hoso__gaz_match(r->g, d, m->tok0, GCM(GC_SURNAME), &l) >= 0) {
      strcpy(e->country, "VN");
      e->country_source = "name";
    } else if (best >= 0) {
      memcpy(e->country, d->ents[best].country, 3);
      e->country_source = "article";
    }
  }
  return HOSO_OK;
}
