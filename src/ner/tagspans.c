/*
** tagspans.c -- the statistical tagger (model.c) in the article record:
** its labels for every token, which the rules read as hints; after the
** rules, its spans over the tokens no rule claimed, mended where a rule
** knows better (a country stuck before a name, a foreign name after a
** body's Vietnamese words, a site's frame).
**
** Ownership: hoso__nr_tagger_labels() allocates r->lab (freed by
** hoso__ner_run()); the spans are added through the run (rules.h).
*/
#include <stdlib.h>

#include "ner/model.h"
#include "ner/ner.h"
#include "ner/rules.h"

/* End of the rule mentions (countries, places, bodies) that open the
** tagger's person span [i, e), when a name remains after them: two or more
** free words, or one foreign-looking word. i if none (or the span opens
** with a surname: "Nông Đức Mạnh"). */
static uint32_t lead_mention_end(hoso__nrun *r, uint32_t i, uint32_t e) {
  const hoso__ndoc *d = r->d;
  uint32_t k = i, l;
  if (hoso__gaz_match(r->g, d, i, GCM(GC_SURNAME), &l) >= 0) return i;
  while (k < e && (r->claim[k] == 2 || r->claim[k] == 4)) {
    uint32_t end = 0;
    for (size_t m = 0; m < d->nmen; m++)
      if (d->men[m].tok0 == k && d->men[m].type != ET_PER && d->men[m].type != ET_NONE &&
          d->men[m].tok1 > end)
        end = d->men[m].tok1;
    if (!end || end >= e) return i;
    k = end;
  }
  if (k == i) return i;
  for (uint32_t x = k; x < e; x++)
    if (r->claim[x]) return i;
  if (e - k >= 2 || !(d->tok[k].flags & (NT_VIET | NT_ALLCAPS))) return k;
  return i;
}

/* Does a post's title end before token i, with one to TITLE_GAP_MAX
** words in small letters or numbers between, none a word of place
** ("tại", "ở", "thăm") or of whom a thing belongs to ("của":
** models/gazetteers/placeheads.tsv), all in the sentence opening at s0?
** Right after the title the words are as often the post's place
** ("Thị trưởng Biritiba Mirim"): the tagger decides those. */
#define TITLE_GAP_MAX 6
static int title_before(hoso__nrun *r, uint32_t i, uint32_t s0) {
  const hoso__ndoc *d = r->d;
  for (uint32_t p = i, gap = 0; p > s0 && gap <= TITLE_GAP_MAX; p--, gap++) {
    /* a title ending at p: try the ones starting a few tokens before */
    for (uint32_t k = p > s0 + 4 ? p - 4 : s0; gap && k < p; k++) {
      uint32_t l;
      if (hoso__gaz_match(r->g, d, k, GCM(GC_TITLE), &l) >= 0 && k + l == p) return 1;
    }
    uint32_t w = p - 1;
    if (!(d->tok[w].flags & (NT_WORD | NT_NUM)) || is_upper(d, w) ||
        hoso__nr_value_at(r, w, GC_WORD, 2, "placeprep") > 0 ||
        hoso__nr_value_at(r, w, GC_WORD, 2, "owner") > 0)
      return 0;
  }
  return 0;
}

/* The tagger's spans over tokens no rule claimed. */
int hoso__nr_tagger_spans(hoso__nrun *r, const hoso__nermodel *model) {
  hoso__ndoc *d = r->d;
  const uint8_t *lab = r->lab;
  int rc = lab ? HOSO_OK : HOSO_EINTERNAL;
  (void)model;
  for (size_t s = 0; s < d->nsent && !rc; s++) {
    const hoso__nsent *se = &d->sent[s];
    uint32_t i = se->tok0;
    while (!rc && i < se->tok1) {
      uint8_t b = lab[i];
      if (!NER_LABEL_IS_B(b)) {
        i++;
        continue;
      }
      int type = (b + 1) / 2;
      uint32_t e = i + 1;
      while (e < se->tok1 && lab[e] == NER_LABEL_I(type)) e++;
      /* a wide space inside the tagger's person ends it; the words after
      ** it are a name of their own ("Bush  Karl Rove") */
      for (uint32_t k = i + 1; type == ET_PER && k < e; k++)
        if (hoso__nr_wide_gap(d, k)) {
          r->lab[k] = NER_LABEL_B(type);
          e = k;
        }
      /* "Nhật Bản Shinzo Abe", "Samsung Lee Kun-hee": a country, place or
      ** body a rule found, stuck before a name, is not part of it */
      if (type == ET_PER) {
        uint32_t k = lead_mention_end(r, i, e);
        if (k > i) i = k;
        /* a site's frame ("Реклама", "Zalo": models/gazetteers/chrome.tsv)
        ** is no one's name */
        uint32_t cl;
        while (i < e && (cl = hoso__nr_value_at(r, i, GC_WORD, 2, "chrome")) > 0) i += cl;
        if (i >= e) continue;
      }
      int free_span = 1, over_place = 0;
      /* "Anh cho biết ...": the tagger's one-word place opening a sentence
      ** goes by the same rule as the gazetteer's (places.c; the rule's list
      ** holds one-word countries only) */
      if (type == ET_LOC && e == i + 1 && !r->model_only &&
          hoso__nr_not_country_opening(r, i, se->tok0, se->tok1))
        free_span = 0;
      for (uint32_t k = i; k < e; k++) {
        if (r->claim[k] == 4 && type == ET_PER && e - i >= 2) over_place = 1;
        /* a body may hold a country or place after its first word
        ** ("đảng Dân chủ Xã hội Nhật"): both are kept */
        else if (r->claim[k] == 4 && type == ET_ORG && r->claim[i] == 0) continue;
        else if (r->claim[k]) free_span = 0;
      }
      /* "Nông Đức Mạnh": a name the tagger is sure of wins over a country
      ** listed inside it; not over one that is all of it ("Chi Lê") */
      for (size_t m = 0; over_place && m < d->nmen; m++)
        if ((d->men[m].type == ET_GPE || d->men[m].type == ET_LOC) && d->men[m].tok0 == i &&
            d->men[m].tok1 == e)
          over_place = free_span = 0;
      if (free_span && over_place)
        for (size_t m = 0; m < d->nmen; m++)
          if ((d->men[m].type == ET_GPE || d->men[m].type == ET_LOC) &&
              d->men[m].tok0 >= i && d->men[m].tok1 <= e)
            d->men[m].type = ET_NONE;
      /* a span that cuts a known word in two ("Quốc | khánh") is noise */
      uint32_t wl;
      if (e < se->tok1 && hoso__gaz_match(r->g, d, e - 1, GCM(GC_WORD), &wl) >= 0 && wl >= 2 &&
          !is_upper(d, e))
        free_span = 0;
      for (uint32_t k = i > se->tok0 + 2 ? i - 2 : se->tok0; k < i; k++)
        if (hoso__gaz_match(r->g, d, k, GCM(GC_WORD), &wl) >= 0 && k + wl > i &&
            !is_upper(d, i))
          free_span = 0;
      /* "Tsutomu Takebe, tổng bí thư đảng ...": foreign words the tagger
      ** calls a place, followed by a post in commas and not after a word
      ** of place ("tại", "ở", "thăm", ...), are a person */
      uint32_t ql;
      if (type == ET_LOC && e - i >= 2 && e + 1 < se->tok1 && is_punct(d, e, ",") &&
          hoso__nr_foreign_span(d, i, e) &&
          hoso__gaz_match(r->g, d, e + 1, GCM(GC_TITLE), &ql) >= 0 &&
          hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &ql) < 0 &&
          !(i > se->tok0 && hoso__nr_value_at(r, i - 1, GC_WORD, 2, "placeprep") > 0))
        type = ET_PER;
      /* "đặc phái viên về đàm phán 6 bên Joseph DeTrani": the same after a
      ** post's title, when only words in small letters and numbers stand
      ** between them, none a word of place */
      if (type == ET_LOC && e - i >= 2 && hoso__nr_foreign_span(d, i, e) &&
          hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &ql) < 0 &&
          title_before(r, i, se->tok0))
        type = ET_PER;
      /* "đảng Dân chủ Xã hội Nhật Mizuho Fukushima": a foreign name after
      ** a body's Vietnamese capitalised words ends the body and is a person
      ** (in the article record: hoso ner --conll keeps the tagger's span,
      ** as the NER sets do: "Công ty Dệt Pacific Crystal") */
      uint32_t pn = 0, pe = e;
      if (free_span && type == ET_ORG && !r->model_only) {
        int viet = 0;
        for (uint32_t p = i; p + 1 < e && !pn; p++) {
          if (viet && hoso__nr_person_after_body(r, p, e, se->tok1, 1)) pn = p;
          if (is_upper(d, p) && (d->tok[p].flags & NT_VIET)) viet = 1;
          if (is_upper(d, p) && !(d->tok[p].flags & NT_VIET)) break;
        }
        if (pn) e = pn;
      }
      if (free_span) {
        uint32_t gl;
        int gz = hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG), &gl);
        int mtype = type;
        int c = gz >= 0 ? hoso__gaz_entry(r->g, gz)->cls : 0;
        if (gz >= 0 && i + gl == e && type == ET_LOC && (c == GC_GPE || c == GC_LOC))
          mtype = c == GC_GPE ? ET_GPE : ET_LOC;
        else if (!(gz >= 0 && i + gl == e && type == ET_ORG && c == GC_ORG))
          gz = -1;
        int m = hoso__nr_add_mention(r, i, e, mtype, gz, 1);
        if (m == -2) rc = HOSO_ENOMEM;
        for (uint32_t k = i; k < e; k++) r->claim[k] = type == ET_PER ? 1 : 2;
        /* "ông X, Ủy viên Bộ Chính trị, Phó thủ tướng ...": the posts
        ** after a name the tagger found are the person's too */
        uint32_t e2;
        if (m >= 0 && mtype == ET_PER && hoso__nr_posts_after(r, m, e, se->tok1, &e2))
          rc = HOSO_ENOMEM;
        if (pn && !rc) {
          int pm = hoso__nr_add_mention(r, pn, pe, ET_PER, -1, 1);
          if (pm == -2) rc = HOSO_ENOMEM;
          for (uint32_t k = pn; k < pe; k++) r->claim[k] = 1;
          if (pm >= 0 && hoso__nr_posts_after(r, pm, pe, se->tok1, &e2)) rc = HOSO_ENOMEM;
          e = pe;
        }
      }
      i = e;
    }
  }
  return rc;
}

/* The tagger's labels for every sentence, before the rules run: they use
** them as hints (a capitalised word the tagger calls a place does not
** start a name). */
int hoso__nr_tagger_labels(hoso__nrun *r, const hoso__nermodel *model) {
  hoso__ndoc *d = r->d;
  hoso__nerwork *w = hoso__nerwork_new();
  r->lab = calloc(d->ntok + 1, 1);
  int rc = (!w || !r->lab) ? HOSO_ENOMEM : HOSO_OK;
  if (!rc) rc = hoso__nermodel_tag_doc(model, w, d, r->g, r->lab, NULL);
  hoso__nerwork_free(w);
  return rc;
}
