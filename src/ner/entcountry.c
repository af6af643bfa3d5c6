/*
** entcountry.c -- the country of each entity once grouped: a body's from
** a country named inside it, else from a country in brackets after it; a
** person's from a country in brackets after the name ("Andy Roddick
** (Mỹ)"), else the countries in their posts, else the side a sentence
** says they speak for ("Đại diện của Bình Nhưỡng là ..."), else a
** Vietnamese name, else
** the foreign country the article names most; an unlisted place's from
** a country in brackets after it ("Ulsan (Hàn Quốc)").
**
** Ownership: writes country and country_source (a static string) of d's
** entities; the tables by token and by entity are freed before returning.
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

/* The side a sentence says people speak for: "Đại diện của Bình Nhưỡng
** là Đại sứ Pak Gil-Yon và Phó đại sứ Han Song-Ryol", "phía Mỹ gồm ông
** A, ông B". A word of the side class (sides.tsv: "đại diện", "phía",
** "trưởng đoàn"...), at most two linking words ("của", "phía"), then a
** country, a place or a body with a country (a capital stands for its
** country: places_extra.tsv gives Bình Nhưỡng KP), then a copula ("là",
** "gồm"): the people named after it in the sentence, up to a ";", the
** next place or body, or the next side word, take that country. A person
** given two different sides keeps neither. side[e * 3..] receives entity
** e's country ("" for none). */
static void side_countries(hoso__nrun *r, const int *men_at, char (*side)[3]) {
  hoso__ndoc *d = r->d;
  for (uint32_t i = 0; i < d->ntok; i++) {
    uint32_t l = hoso__nr_value_at(r, i, GC_WORD, 2, "side");
    if (!l) continue;
    uint32_t j = i + l, send = d->sent[d->tok[i].sent].tok1, nl;
    for (int k = 0; k < 2 && j < send && (nl = hoso__nr_value_at(r, j, GC_WORD, 2, "sidelink")); k++)
      j += nl;
    if (j >= send || men_at[j] < 0) continue;
    const hoso__mention *xm = &d->men[men_at[j]];
    if ((xm->type != ET_GPE && xm->type != ET_LOC && xm->type != ET_ORG) || xm->entity < 0)
      continue;
    const char *cc = d->ents[xm->entity].country;
    uint32_t c = xm->tok1;
    if (!cc[0] || !strcmp(cc, "EU") || c >= send ||
        !(nl = hoso__nr_value_at(r, c, GC_WORD, 2, "sidecopula")))
      continue;
    for (uint32_t t = c + nl; t < send && !is_punct(d, t, ";"); t++) {
      if (hoso__nr_value_at(r, t, GC_WORD, 2, "side")) break;
      if (men_at[t] < 0) continue;
      const hoso__mention *pm = &d->men[men_at[t]];
      if (pm->type == ET_GPE || pm->type == ET_LOC || pm->type == ET_ORG) break;
      if (pm->type != ET_PER || pm->entity < 0) continue;
      char *sc = side[pm->entity];
      if (!sc[0] && sc[1] != '-') memcpy(sc, cc, 2);
      else if (memcmp(sc, cc, 2)) memcpy(sc, "\0-", 2); /* two sides: none */
      t = pm->tok1 - 1;
    }
    i = c;
  }
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
  /* the side a sentence says a person speaks for (mentions by first token) */
  int *men_at = malloc((d->ntok + 1) * sizeof *men_at);
  char(*side)[3] = calloc(d->nents + 1, sizeof *side);
  if (!men_at || !side) {
    free(men_at);
    free(side);
    return HOSO_ENOMEM;
  }
  for (size_t t = 0; t <= d->ntok; t++) men_at[t] = -1;
  for (size_t mi = 0; mi < d->nmen; mi++)
    if (d->men[mi].entity >= 0 && men_at[d->men[mi].tok0] < 0) men_at[d->men[mi].tok0] = (int)mi;
  side_countries(r, men_at, side);
  free(men_at);
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
    } else if (side[ei][0]) {
      memcpy(e->country, side[ei], 2);
      e->country[2] = 0;
      e->country_source = "side";
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
  free(side);
  return HOSO_OK;
}
