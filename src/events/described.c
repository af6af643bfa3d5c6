/*
** described.c -- a party told by description rather than by name: a group
** or a post with a country or a list of countries and no name ("đoàn luật
** sư Mỹ", "Quan chức Mỹ tại Iraq", "Đại sứ các nước New Zealand, Thụy Sĩ,
** Canada và Na Uy") stands for those countries, where the trigger's side
** names nobody else (sentence.c calls it after the people and the posts
** of the article's people).
** The heads of groups are data: STATUS "described" in models/events/
** words.tsv ("đoàn", "quan chức", "lãnh đạo", ...); the heads of posts
** are the TITLE gazetteer's. A post of ONE country ("Tổng thống Mỹ") is
** left alone: its holder is most often named in the report, and the
** entity stage does not always link the post to them (measured in session
** 14: taking the country fixed one report and broke twelve;
** docs/history/ner.md).
**
** Ownership: adds participants to the event it is given (record.c);
** allocates nothing else.
*/
#include <string.h>

#include "events/internal.h"

#define MAX_DESC_COUNTRIES 8

/* One description: its tokens [tok0, tok1) and the country mentions it
** names. */
typedef struct description {
  uint32_t tok0, tok1;
  int country_men[MAX_DESC_COUNTRIES];
  int n_countries;
  int body_men; /* "lãnh đạo Quốc hội Canada": the body's mention, else -1 */
} description;

/* The country code of a GPE mention that is a country ("Mỹ": US), else NULL. */
static const char *country_code(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  uint32_t gl;
  int ge = hoso__gaz_match(g, d, x->tok0, GCM(GC_GPE), &gl);
  if (ge < 0 || x->tok0 + gl != x->tok1) return NULL;
  const hoso__gentry *gen = hoso__gaz_entry(g, ge);
  if (gen->nf < 4 || strlen(gen->f[3]) < 2 || strlen(gen->f[3]) > 3) return NULL;
  return gen->f[3];
}

/* The mention of slice sl starting at token k of a type in mask, or -1. */
static int mention_starting(const hoso__ndoc *d, const slice *sl, uint32_t k, unsigned mask) {
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->tok0 == k && (mask & (1u << x->type)) && x->entity >= 0) return (int)sl->m[q];
  }
  return -1;
}

/* Is token k inside a word that does not start at k, or the start of a
** longer word than the l tokens of the head ("tập đoàn", "Đại sứ quán")? */
static int inside_word(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, uint32_t l) {
  uint32_t wl;
  if (hoso__gaz_match(g, d, k, GCM(GC_WORD), &wl) >= 0 && wl > l) return 1;
  for (uint32_t b = k > 2 ? k - 2 : 0; b < k; b++)
    if (hoso__gaz_match(g, d, b, GCM(GC_WORD), &wl) >= 0 && b + wl > k) return 1;
  return 0;
}

/* Is token k inside the post stated with one of the article's people
** ("Đại sứ Canada tại Việt Nam Richard Lecoq")? */
static int in_named_post(const hoso__ndoc *d, uint32_t k) {
  for (size_t e = 0; e < d->nents; e++) {
    const hoso__entity *pe = &d->ents[e];
    if (pe->type != ET_PER) continue;
    for (size_t p = 0; p < pe->nposts; p++)
      if (pe->posts[p].tok0 <= k && k < pe->posts[p].tok1) return 1;
  }
  return 0;
}

/* A word that makes the description one of bodies, not of a country's
** people: a body's head ("Đại sứ quán", "công ty") or STATUS "body-word"
** ("doanh nghiệp"). */
static int body_word(const hoso__ndoc *d, const hoso__gaz *g, uint32_t c) {
  return hoso__gaz_match(g, d, c, GCM(GC_ORGHEAD), NULL) >= 0 ||
         hoso__gaz_value_len(g, d, c, GC_WORD, 2, "companyhead") > 0 ||
         hoso__ev_cue_any(d, g, c, "body-word", NULL);
}

/* Is a description at token k, before hi? A head (a whole word, not in a
** named person's post, not after a plural word), then at most 6 words with no comma, no name of a
** person or body and no word of a body, then a country, and the countries
** joined to it by "," or "và"; no person named after it before a comma
** ("Tổng thống Mỹ George Bush", "Đại sứ Canada tại Việt Nam X" are a
** name's post). */
static int description_at(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t k,
                          uint32_t hi, description *out) {
  uint32_t l;
  int is_post = 0;
  if (hoso__ev_cue_any(d, g, k, "described", &l)) is_post = 0;
  else if (hoso__gaz_match(g, d, k, GCM(GC_TITLE), &l) >= 0) is_post = 1;
  else return 0;
  if (k + l >= hi || inside_word(d, g, k, l) || in_named_post(d, k)) return 0;
  /* "lãnh đạo Quốc hội Canada", "các thành viên uỷ ban tình báo Hạ viện
  ** Mỹ": a group of a body's people, counted or not, stands for the body */
  /* (not a delegation's, "phái đoàn LHQ": its head is the party) */
  int bm = is_post || hoso__ev_cue_any(d, g, k, "delegation", NULL)
               ? -1
               : mention_starting(d, sl, k + l, 1u << ET_ORG);
  if (bm >= 0 && d->men[bm].tok1 <= hi) {
    memset(out, 0, sizeof *out);
    out->tok0 = k;
    out->tok1 = d->men[bm].tok1;
    out->body_men = bm;
    return 1;
  }
  /* "các quan chức Trung Quốc", "các nhà lãnh đạo Việt Nam": some of a
  ** country's people, unnamed and uncounted, are not a party */
  for (uint32_t b = k > 2 ? k - 2 : 0, pl; b < k; b++)
    if (hoso__ev_cue_at(d, g, b, "plural", &pl) && b + pl == k) return 0;
  uint32_t c = k + l;
  int cm = -1;
  for (; c < hi && c < k + l + 7; c++) {
    if (!(d->tok[c].flags & NT_WORD) || body_word(d, g, c)) return 0;
    if (mention_starting(d, sl, c, (1u << ET_PER) | (1u << ET_ORG)) >= 0) return 0;
    cm = mention_starting(d, sl, c, 1u << ET_GPE);
    if (cm >= 0) break;
  }
  if (cm < 0 || !country_code(d, g, &d->men[cm])) return 0;
  memset(out, 0, sizeof *out);
  out->tok0 = k;
  out->body_men = -1;
  out->country_men[out->n_countries++] = cm;
  uint32_t end = d->men[cm].tok1;
  /* "các nước X, Y và Z" */
  while (end < hi && out->n_countries < MAX_DESC_COUNTRIES) {
    uint32_t jl = hoso__ev_is_comma(d, end) ? 1 : hoso__ev_and_word_at(d, g, end);
    if (!jl || end + jl >= hi) break;
    int nm = mention_starting(d, sl, end + jl, 1u << ET_GPE);
    if (nm < 0 || !country_code(d, g, &d->men[nm]) || d->men[nm].tok1 > hi) break;
    out->country_men[out->n_countries++] = nm;
    end = d->men[nm].tok1;
  }
  /* a name right after it, or after the rest of a post ("tại Việt Nam") */
  for (uint32_t a = end, pl; a < d->ntok && a < end + 8; a++) {
    if (mention_starting(d, sl, a, 1u << ET_PER) >= 0) return 0;
    if (hoso__ev_cue_at(d, g, a, "place-at", &pl)) a += pl - 1;
    else if (!(d->tok[a].flags & NT_WORD) || !(d->tok[a].flags & (NT_UPPER | NT_ALLCAPS))) break;
  }
  /* a post stands for its countries only in a list ("Đại sứ các nước X, Y
  ** và Z"; see the header on one post of one country) */
  if (is_post && out->n_countries < 2) return 0;
  out->tok1 = end;
  return 1;
}

static int add_described(const hoso__ndoc *d, hoso__event *ev, const description *ds,
                         const char *role) {
  if (ds->body_men >= 0) {
    int ent = d->men[ds->body_men].entity;
    return hoso__ev_add_part(ev, ent, NULL, d->ents[ent].country, role) ? -1 : 0;
  }
  for (int i = 0; i < ds->n_countries; i++) {
    int ent = d->men[ds->country_men[i]].entity;
    if (hoso__ev_add_part(ev, ent, NULL, d->ents[ent].country, role)) return -1;
  }
  return 0;
}

int hoso__ev_described(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, hoso__event *ev,
                       uint32_t lo, uint32_t hi, const char *role, int dir) {
  description best, cur;
  int have = 0;
  for (uint32_t k = lo; k < hi; k++) {
    if (!description_at(d, g, sl, k, hi, &cur)) continue;
    best = cur;
    have = 1;
    if (dir > 0) break;
    k = cur.tok1 - 1; /* before the trigger: the nearest one */
  }
  return have ? add_described(d, ev, &best, role) : 0;
}

int hoso__ev_of_described(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                          hoso__event *ev, uint32_t t1, uint32_t hi, const char *role) {
  for (uint32_t x = t1; x < hi && x < t1 + 6; x++) {
    uint32_t ol;
    if (!hoso__ev_cue_at(d, g, x, "of", &ol)) continue;
    if (hoso__ev_invite_ends_at(d, g, x + ol)) return 0;
    description ds;
    if (!description_at(d, g, sl, x + ol, hi, &ds)) return 0;
    size_t before = ev->npart;
    if (add_described(d, ev, &ds, role)) return -1;
    return ev->npart > before;
  }
  return 0;
}
