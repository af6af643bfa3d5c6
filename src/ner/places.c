/*
** places.c -- the place passes: listed countries and places, the short
** forms of a pair joined by a dash ("Việt - Trung", "Á - Âu"), a country
** whose name is mostly another word ("Ý", "Anh") where the text around it
** says it is the country; and the capitalised words after a place's noun
** ("sân bay quốc tế McDonald Cartier") or a paper's ("tờ Sunday Telegraph").
**
** Ownership: adds mentions through the run (rules.h); may retype (to
** ET_NONE) the places inside a paper's name.
*/
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"
#include "text/text.h"

/* The same, returning the entry's id (-1 if none) and its length. */
static int gaz_value_id(const hoso__nrun *r, uint32_t i, int cls, int col, const char *value,
                        uint32_t *len) {
  const hoso__ndoc *d = r->d;
  int best = -1;
  *len = 0;
  if (!d->gm_first || i >= d->ntok) return -1;
  for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
    const struct hoso__gmatch *m = &d->gm[k];
    if (m->cls != cls || m->len <= *len) continue;
    const hoso__gentry *e = hoso__gaz_entry(r->g, m->id);
    if (e && e->nf > col && !strcmp(e->f[col], value)) {
      best = m->id;
      *len = m->len;
    }
  }
  return best;
}

/* A one-syllable short form in a pair joined by a dash
** (models/gazetteers/countries_short.tsv, column 5): a country's
** ("Việt - Trung", "Việt – Pháp": "countryshort") or a continent's ("Á - Âu":
** "continentshort"). The entry's id, -1 if token i is none; *loc is 1 for
** a continent. */
static int short_form(hoso__nrun *r, uint32_t i, int *loc) {
  uint32_t l, l2;
  int id = gaz_value_id(r, i, GC_WORD, 4, "countryshort", &l);
  int id2 = gaz_value_id(r, i, GC_WORD, 4, "continentshort", &l2);
  if (loc) *loc = id < 0 && id2 >= 0;
  if (id >= 0) return l == 1 ? id : -1;
  return id2 >= 0 && l2 == 1 ? id2 : -1;
}

/* Token i as a short form in a pair joined by a dash: the entry's id
** (*loc as short_form), -1 if it is not one. The other side is a short
** form or a listed country. */
static int short_country(hoso__nrun *r, uint32_t i, uint32_t t0, uint32_t t1, int *loc) {
  const hoso__ndoc *d = r->d;
  uint32_t ol;
  int lc = 0, id = is_upper(d, i) ? short_form(r, i, &lc) : -1;
  *loc = 0;
  if (id < 0) return -1;
  if (i + 2 < t1 && is_dash(d, i + 1) && is_upper(d, i + 2) &&
      (short_form(r, i + 2, NULL) >= 0 ||
       hoso__gaz_match(r->g, d, i + 2, GCM(GC_GPE), &ol) >= 0)) {
    *loc = lc;
    return id;
  }
  for (uint32_t j = i >= t0 + 4 ? i - 4 : t0; i >= t0 + 2 && j + 1 < i; j++)
    if (is_dash(d, i - 1) && is_upper(d, j) &&
        ((short_form(r, j, NULL) >= 0 && j + 1 == i - 1) ||
         (hoso__gaz_match(r->g, d, j, GCM(GC_GPE), &ol) >= 0 && j + ol == i - 1))) {
      *loc = lc;
      return id;
    }
  return -1;
}

/* A country whose one-syllable name is mostly another word ("Ý": Italy,
** and "ý kiến"; countries_short.tsv, value "countrybeforename") names the
** country when a foreign name follows it: "nghệ sĩ điêu khắc Ý Giancarlo
** Neri". The next word decides, not the list: capitalised, of foreign look
** and no Vietnamese syllable ("Ý Nhi" is a name, "Ý kiến" a word); and no
** capitalised word before it ("Như Ý"). Or alone in brackets ("Roma
** (Ý)"). The entry's id, else -1. */
static int country_before_name(hoso__nrun *r, uint32_t i, uint32_t t0, uint32_t t1) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  int id = is_upper(d, i) ? gaz_value_id(r, i, GC_WORD, 4, "countrybeforename", &l) : -1;
  if (id < 0 || l != 1 || i + 1 >= t1) return -1;
  /* "Roma (Ý)": alone in brackets after a place */
  if (i > t0 && is_punct(d, i - 1, "(") && is_punct(d, i + 1, ")")) return id;
  if ((i > t0 && is_upper(d, i - 1)) || !hoso__nr_foreign_span(d, i + 1, i + 2)) return -1;
  const hoso__ntok *n = &d->tok[i + 1];
  return hoso__vi_is_syllable(d->text + n->off, n->len) ? -1 : id;
}

/* A country whose name, opening a sentence, is mostly another word
** (countries_short.tsv, value "countrynotopening": "Anh", also "he, you,
** Mr." in "Anh cho biết", "Anh Nguyễn Đăng ...") names the country there
** only when punctuation follows it ("Anh, Pháp và Đức") or a listed
** country opens one of the next two words ("Anh Pháp", "Anh và Mỹ").
** Elsewhere the list decides. Is the country at token i (sentence [t0, t1))
** to be dropped? */
int hoso__nr_not_country_opening(hoso__nrun *r, uint32_t i, uint32_t t0, uint32_t t1) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  if (!hoso__nr_value_at(r, i, GC_WORD, 4, "countrynotopening")) return 0;
  for (uint32_t k = t0; k < i; k++)
    if (!(d->tok[k].flags & NT_PUNCT)) return 0; /* not the sentence's first word */
  if (i + 1 >= t1 || (d->tok[i + 1].flags & NT_PUNCT)) return 0;
  for (uint32_t k = i + 1; k < t1 && k <= i + 2; k++)
    if (hoso__gaz_match(r->g, d, k, GCM(GC_GPE), &l) >= 0) return 0;
  return 1;
}

int hoso__nr_places(hoso__nrun *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0, l;
  while (i < s->tok1) {
    if (r->claim[i] == 1 || r->claim[i] == 3) {
      i++;
      continue;
    }
    int gz = hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &l), loc = 0;
    if (gz < 0 && ((gz = short_country(r, i, s->tok0, s->tok1, &loc)) >= 0 ||
                   (gz = country_before_name(r, i, s->tok0, s->tok1)) >= 0)) {
      /* the short form names the listed country (or continent): its
      ** entry's canonical name and code (columns 3 and 4) give the entity */
      int m = hoso__nr_add_mention(r, i, i + 1, loc ? ET_LOC : ET_GPE, gz, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      if (!r->claim[i]) r->claim[i] = 4;
      i++;
      continue;
    }
    if (gz >= 0 && l == 1 && hoso__nr_not_country_opening(r, i, s->tok0, s->tok1)) {
      i++;
      continue;
    }
    const hoso__gentry *e = gz >= 0 ? hoso__gaz_entry(r->g, gz) : NULL;
    /* capitalised in the text, unless listed in lower case ("châu Á") */
    if (e && !is_upper(d, i) && !(e->f[0][0] >= 'a' && e->f[0][0] <= 'z')) {
      i++;
      continue;
    }
    if (e) {
      int m = hoso__nr_add_mention(r, i, i + l, e->cls == GC_GPE ? ET_GPE : ET_LOC, gz, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = i; x < i + l; x++)
        if (!r->claim[x]) r->claim[x] = 4; /* a place: a person's name may win */
      i += l;
      continue;
    }
    i++;
  }
  return HOSO_OK;
}

/* "sân bay quốc tế McDonald Cartier", "nhà khách Baekhwawon": the
** capitalised words after a place noun (models/gazetteers/placeheads.tsv),
** over up to two lower-case words, are a place, not a person; after a
** newspaper's or broadcaster's noun ("tờ Sunday Telegraph", "kênh truyền
** hình Ảrập Abu Dhabi": mediaheads.tsv) they are an organisation. A head
** that is part of a longer word ("điện đàm", "cảnh báo") is none. */
int hoso__nr_place_heads(hoso__nrun *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0, wl;
  while (i < s->tok1) {
    int type = ET_LOC;
    uint32_t hl = r->claim[i] ? 0 : hoso__nr_value_at(r, i, GC_WORD, 2, "placehead");
    if (!hl && !r->claim[i] && (hl = hoso__nr_value_at(r, i, GC_WORD, 2, "mediahead")) > 0)
      type = ET_ORG;
    if (hl && hoso__gaz_match(r->g, d, i, GCM(GC_WORD), &wl) >= 0 && wl > hl) hl = 0;
    for (uint32_t j = i > s->tok0 + 3 ? i - 3 : s->tok0; hl && j < i; j++)
      if (hoso__gaz_match(r->g, d, j, GCM(GC_WORD), &wl) >= 0 && j + wl > i) hl = 0;
    if (!hl) {
      i++;
      continue;
    }
    uint32_t k = i + hl;
    while (k < s->tok1 && k < i + hl + 2 && (d->tok[k].flags & NT_WORD) && !is_upper(d, k) &&
           !r->claim[k])
      k++;
    uint32_t e = k < s->tok1 && is_upper(d, k) ? hoso__nr_name_run(r, k, s->tok1, 0) : k;
    if (type == ET_ORG) { /* a paper's name may hold a place: "tờ Washington Post" */
      e = k;
      while (e < s->tok1 && e - k < 8 && (d->tok[e].flags & NT_WORD) && is_upper(d, e) &&
             (!r->claim[e] || r->claim[e] == 4) &&
             hoso__gaz_match(r->g, d, e, GCM(GC_STOP) | GCM(GC_RANK) | GCM(GC_TITLE) |
                                             GCM(GC_DATEW), &wl) < 0)
        e++;
      /* never cut a place in two */
      for (size_t m = 0; m < d->nmen && e > k; m++)
        if ((d->men[m].type == ET_GPE || d->men[m].type == ET_LOC) && d->men[m].tok0 < e &&
            d->men[m].tok1 > e)
          e = d->men[m].tok0 > k ? d->men[m].tok0 : k;
      /* a place alone after the noun is the place ("báo Mỹ") */
      int place_only = 0;
      for (size_t m = 0; m < d->nmen && e > k; m++)
        if ((d->men[m].type == ET_GPE || d->men[m].type == ET_LOC) && d->men[m].tok0 == k &&
            d->men[m].tok1 == e)
          place_only = 1;
      if (place_only) e = k;
      for (size_t m = 0; m < d->nmen && e > k; m++)
        if ((d->men[m].type == ET_GPE || d->men[m].type == ET_LOC) && d->men[m].tok0 >= k &&
            d->men[m].tok1 <= e)
          d->men[m].type = ET_NONE;
    }
    if (e > k) {
      int m = hoso__nr_add_mention(r, k, e, type, -1, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = k; x < e; x++) r->claim[x] = 2;
      i = e;
      continue;
    }
    i += hl;
  }
  return HOSO_OK;
}
