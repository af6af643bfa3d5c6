/*
** entities.c -- mentions by rule and gazetteer, then entities.
**
** Before the passes, the abbreviations a text defines ("Nhật Bản (NB)")
** join the gazetteer matches (abbrev.c). Order of the passes over each
** sentence (each pass skips tokens an earlier one claimed):
**   1. dates (dates.c);
**   2. people: a rank ("Thượng tướng", "генерал-полковник") or a title
**      with its body ("Tổng thống Mỹ") followed by a capitalised name;
**      posts stated before the rank or after the name (", Thứ trưởng Bộ
**      Quốc phòng") are attached to the person;
**   3. organisations: a listed name, or a head word ("Bộ", "Tổng cục",
**      "Trung tâm") running on over capitalised words;
**   4. countries and places from the gazetteers (also inside an
**      organisation's name, which is how a body gets its country);
**   5. the statistical tagger's spans where no rule spoke (model.c);
**   6. later mentions of a known person by the same name or, for foreign
**      names, the surname alone.
** Entities group mentions by key (key.c); a person's country comes from
** the countries in their posts, else a Vietnamese name, else the foreign
** country the article names most.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/model.h"
#include "text/text.h"

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

/* Per-run scratch: what each token is claimed by, pending posts. */
typedef struct run {
  hoso__ndoc *d;
  const hoso__gaz *g;
  uint8_t *claim;   /* per token: 0 free, 1 person/rank/title/date, 2 org */
  int *men_of_tok;  /* person mention index per name token, -1 */
  hoso__post *posts; /* posts per mention: (mention, span) */
  int *post_men;
  size_t nposts, capposts;
  int *rank_of_men;
  size_t caprank;
  uint8_t *lab;     /* the tagger's labels per token (NULL: no model) */
  int model_only;   /* HOSO__NER_MODEL_ONLY: the tagger's spans as they are */
  hoso_error *err;
} run;

static int add_mention(run *r, uint32_t t0, uint32_t t1, int type, int gz,
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

static int add_post(run *r, int men, uint32_t t0, uint32_t t1) {
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

static int is_upper(const hoso__ndoc *d, uint32_t i) {
  return (d->tok[i].flags & (NT_UPPER | NT_ALLCAPS)) != 0;
}
static int is_punct(const hoso__ndoc *d, uint32_t i, const char *s) {
  const hoso__ntok *t = &d->tok[i];
  return (t->flags & NT_PUNCT) && t->len == strlen(s) &&
         memcmp(d->text + t->off, s, t->len) == 0;
}
static int is_dash(const hoso__ndoc *d, uint32_t i) {
  return is_punct(d, i, "-") || is_punct(d, i, "\xe2\x80\x93") ||
         is_punct(d, i, "\xe2\x80\x94");
}

/* Is the space before token k two characters or more, or a line break?
** ("Bush  Karl Rove  đối mặt": a dash or comma lost on the way.) */
static int wide_gap(const hoso__ndoc *d, uint32_t k) {
  const hoso__ntok *a = &d->tok[k - 1];
  size_t n = 0;
  for (size_t p = a->off + a->len; p < d->tok[k].off; p++) {
    unsigned char c = (unsigned char)d->text[p];
    if (c == '\n' || c == '\r') return 1;
    n += (c & 0xC0) != 0x80; /* characters, not bytes (NBSP is two) */
  }
  return n >= 2;
}

/* "(" ABBR ")" at token k: one word in capitals in brackets. */
static int bracketed_abbrev(const hoso__ndoc *d, uint32_t k, uint32_t send) {
  return k + 2 < send && is_punct(d, k, "(") && is_punct(d, k + 2, ")") &&
         (d->tok[k + 1].flags & NT_WORD) && (d->tok[k + 1].flags & NT_ALLCAPS);
}

/* End (exclusive) of a body phrase starting at token j in sentence
** ending at send: capitalised words, lower-case runs of up to three
** words that lead to another capitalised word, dashes between
** capitalised words; with brackets (a post's body), an abbreviation in
** brackets with a capitalised word after it; never over a stop word, a
** rank or other punctuation. Returns j when nothing fits. */
static uint32_t extend_body(run *r, uint32_t j, uint32_t send,
                            int stop_at_title, int brackets) {
  const hoso__ndoc *d = r->d;
  uint32_t end = j, k = j, l;
  while (k < send && k - j < 24) {
    const hoso__ntok *t = &d->tok[k];
    if (r->claim[k] == 1 || (k > j && wide_gap(d, k))) break;
    /* the second syllable of a capitalised word, even a stop word
    ** ("Tự do", "Quốc phòng") */
    if (k == end && k > j && !(t->flags & NT_PUNCT) && is_upper(d, k - 1) &&
        hoso__gaz_match(r->g, d, k - 1, GCM(GC_WORD), &l) >= 0 && l == 2) {
      end = ++k;
      continue;
    }
    if (hoso__gaz_match(r->g, d, k, GCM(GC_STOP), &l) >= 0) break;
    if (hoso__gaz_match(r->g, d, k, GCM(GC_RANK), &l) >= 0 && is_upper(d, k)) break;
    if (stop_at_title && k > j &&
        hoso__gaz_match(r->g, d, k, GCM(GC_TITLE), &l) >= 0 && is_upper(d, k))
      break;
    if (t->flags & NT_PUNCT) {
      /* an abbreviation in brackets inside the body, a capitalised word
      ** after it: "Ngoại trưởng Nhật Bản (NB) Nobutaka Machimura" */
      if (brackets && bracketed_abbrev(d, k, send) && k == end && k > j && is_upper(d, k - 1) &&
          k + 3 < send && is_upper(d, k + 3) && (d->tok[k + 3].flags & NT_WORD) &&
          !wide_gap(d, k + 3)) {
        end = k += 3;
        continue;
      }
      if (is_punct(d, k, "+") && k == end && k > j) {
        end = ++k;
        continue;
      }
      if (is_dash(d, k) && k > j && k + 1 < send && is_upper(d, k - 1) &&
          is_upper(d, k + 1)) {
        k++;
        continue;
      }
      break;
    }
    if (is_upper(d, k)) {
      end = ++k;
      continue;
    }
    if (t->flags & NT_NUM) {
      if (k == end && k > j && t->len <= 4) { /* "Quân khu 7" */
        end = ++k;
      }
      break;
    }
    /* lower-case word: look ahead for a capitalised one */
    uint32_t m = k;
    int ok = 0;
    while (m < send && m - k < 4) {
      if (d->tok[m].flags & NT_PUNCT) break;
      if (hoso__gaz_match(r->g, d, m, GCM(GC_STOP), &l) >= 0) break;
      if (r->claim[m] == 1) break;
      if (is_upper(d, m)) {
        ok = 1;
        break;
      }
      /* a verb of an event or its cue ends a post ("Đại sứ Lào X được
      ** Bộ trưởng Y tiếp", "Bộ trưởng X đã tiếp Đại sứ Y") */
      int cue = hoso__gaz_match(r->g, d, m, GCM(GC_STATUS), &l);
      if (hoso__gaz_match(r->g, d, m, GCM(GC_TRIGGER), &l) >= 0 ||
          (cue >= 0 && (!strcmp(hoso__gaz_entry(r->g, cue)->f[2], "passive") ||
                        !strcmp(hoso__gaz_entry(r->g, cue)->f[2], "happened") ||
                        !strcmp(hoso__gaz_entry(r->g, cue)->f[2], "planned"))))
        break;
      m++;
    }
    if (!ok) break;
    k = m;
  }
  return end;
}

/* A post's body ending at e runs on over "tại" + a country or place
** (listed, or so tagged: "Đại sứ Canada tại Việt Nam", "Tư lệnh Quân đội Mỹ tại Irắc")
** and the capitalised words after it. Returns the new end (or e). */
static uint32_t body_at_place(run *r, uint32_t b0, uint32_t e, uint32_t send,
                              int stop_at_title) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  int st = e < send ? hoso__gaz_match(r->g, d, e, GCM(GC_STOP), &l) : -1;
  if (e <= b0 || e + 1 >= send || r->claim[e] || st < 0 || l != 1 ||
      strcmp(hoso__gaz_entry(r->g, st)->f[0], "tại") != 0 || !is_upper(d, e + 1))
    return e;
  /* a listed place, or one the tagger calls a place */
  if (hoso__gaz_match(r->g, d, e + 1, GCM(GC_GPE) | GCM(GC_LOC), &l) < 0 &&
      !(r->lab && r->lab[e + 1] == NER_LABEL_B(ET_LOC)))
    return e;
  uint32_t e2 = extend_body(r, e + 1, send, stop_at_title, 1);
  return e2 > e + 1 ? e2 : e;
}

/* A lower-case particle inside a foreign name: "al-Faisal", "el-Sisi"
** (a capital after "al-"), or "van", "von", "de", "bin" ... between two
** foreign capitalised words ("Ludwig van Beethoven", "Osama bin Laden"). */
static int name_particle(const hoso__ndoc *d, uint32_t k, uint32_t send) {
  static const char *const part[] = {"van", "von", "de", "der", "den", "da", "das", "dos",
                                     "del", "della", "di", "du", "la", "le", "bin", "ibn",
                                     "abu", "al", "el", "ter", "zu", "y"};
  const hoso__ntok *t = &d->tok[k];
  const char *p = d->text + t->off;
  if (!(t->flags & NT_WORD) || (t->flags & (NT_UPPER | NT_ALLCAPS | NT_VIET)) || k == 0 ||
      !(d->tok[k - 1].flags & NT_UPPER) || (d->tok[k - 1].flags & NT_VIET))
    return 0;
  if (t->len > 3 && (p[0] == 'a' || p[0] == 'e') && p[1] == 'l' && p[2] == '-' &&
      p[3] >= 'A' && p[3] <= 'Z')
    return 1;
  if (k + 1 >= send || !(d->tok[k + 1].flags & NT_WORD) || !(d->tok[k + 1].flags & NT_UPPER) ||
      (d->tok[k + 1].flags & NT_VIET))
    return 0;
  for (size_t i = 0; i < sizeof part / sizeof *part; i++)
    if (t->len == strlen(part[i]) && !memcmp(p, part[i], t->len)) return 1;
  return 0;
}

/* Capitalised name run at j (not a stop word, rank, title, country). */
static uint32_t name_run(run *r, uint32_t j, uint32_t send, int allow_gpe) {
  const hoso__ndoc *d = r->d;
  uint32_t k = j, l;
  while (k < send && k - j < HOSO_NER_MAX_NAME_TOKENS) {
    const hoso__ntok *t = &d->tok[k];
    if (k > j && wide_gap(d, k)) break; /* "Bush  Karl Rove" */
    /* an initial: "N. Bagabandi", "M.Morshed Khan" */
    if ((t->flags & NT_WORD) && t->len == 1 && is_upper(d, k) && k + 2 < send &&
        is_punct(d, k + 1, ".") && (d->tok[k + 2].flags & NT_WORD) && is_upper(d, k + 2) &&
        !r->claim[k] && !r->claim[k + 2]) {
      k += 2;
      continue;
    }
    if (k > j && name_particle(d, k, send)) {
      k++;
      continue;
    }
    if (!(t->flags & NT_WORD) || !is_upper(d, k) || r->claim[k]) break;
    if (hoso__gaz_match(r->g, d, k,
                        GCM(GC_STOP) | GCM(GC_RANK) | GCM(GC_TITLE) |
                            GCM(GC_ORG) | GCM(GC_ORGHEAD) | GCM(GC_DATEW),
                        &l) >= 0)
      break;
    /* in capitals, a verb or cue word ends the name ("... CƯỜNG ĐIỆN ĐÀM") */
    if ((t->flags & NT_ALLCAPS) &&
        hoso__gaz_match(r->g, d, k, GCM(GC_TRIGGER) | GCM(GC_STATUS) | GCM(GC_AGREE), &l) >= 0)
      break;
    if (!allow_gpe && k == j &&
        hoso__gaz_match(r->g, d, k, GCM(GC_GPE) | GCM(GC_LOC), &l) >= 0)
      break;
    k++;
  }
  return k;
}

/* Where a person's name starts inside a post body [b0, e): a surname or a
** foreign word opening a run of capitalised words that reaches the end (or
** a lower-case word inside the body),
** at the body's start or right after a country or place ("Tổng thống Mỹ
** Donald Trump", "Chủ tịch UBND TPHCM Nguyễn Thành Tài"). 0 if none. */
static uint32_t name_in_body(run *r, uint32_t b0, uint32_t e, uint32_t send) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  /* first a name that reaches the end ("Vụ trưởng Nam Á bộ Ngoại giao
  ** Pakistan Jalil Abbas Jilani"), then one cut by a lower-case word */
  for (int pass = 0; pass < 2; pass++)
  for (uint32_t k = b0; k < e; k++) {
    if (!is_upper(d, k) || !(d->tok[k].flags & NT_WORD)) continue;
    /* a name never starts with a country, a place or a body */
    if (hoso__gaz_match(r->g, d, k, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG) |
                                        GCM(GC_ORGHEAD) | GCM(GC_TITLE),
                        &l) >= 0)
      continue;
    /* the tagger calls it a place: not a name's start */
    /* nor inside one ("Đông | Timor") */
    int inside = 0;
    for (uint32_t j = b0; j < k && !inside; j++)
      if (hoso__gaz_match(r->g, d, j, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG), &l) >= 0 &&
          j + l > k)
        inside = 1;
    if (inside) continue;
    /* nor right after a body's head word ("Bộ | Công Thương") */
    for (uint32_t j = k > b0 + 3 ? k - 3 : b0; j < k && !inside; j++)
      if (hoso__gaz_match(r->g, d, j, GCM(GC_ORGHEAD), &l) >= 0 && j + l == k) inside = 1;
    if (inside) continue;
    int surname0 = hoso__gaz_match(r->g, d, k, GCM(GC_SURNAME), &l) >= 0;
    if (!surname0 && k == b0 && r->lab &&
        (r->lab[k] == NER_LABEL_B(ET_LOC) || r->lab[k] == NER_LABEL_I(ET_LOC)))
      continue;
    uint32_t nr = name_run(r, k, send, 1);
    /* the name reaches the body's end, or a lower-case word follows it
    ** and the body ran on to another capitalised word ("Tổng bí thư
    ** Chummaly Xaynhaxỏn mời Tổng bí thư ...": the post is "Tổng bí thư") */
    if (nr - k < 1) continue;
    if (nr < e && (pass == 0 || !((d->tok[nr].flags & NT_WORD) && !is_upper(d, nr)))) continue;
    /* a name after another post in the body is that post's */
    int titled = 0;
    for (uint32_t j = b0; pass == 0 && j < k && !titled; j++)
      titled = is_upper(d, j) && hoso__gaz_match(r->g, d, j, GCM(GC_TITLE), &l) >= 0;
    if (titled) continue;
    int after_place = 0;
    for (uint32_t j = b0; j < k && !after_place; j++)
      if (hoso__gaz_match(r->g, d, j, GCM(GC_GPE) | GCM(GC_LOC), &l) >= 0 &&
          (j + l == k || (j + l + 3 == k && bracketed_abbrev(d, j + l, send))))
        after_place = 1; /* "Mỹ Donald Trump", "Nhật Bản (NB) Nobutaka Machimura" */
    int surname = hoso__gaz_match(r->g, d, k, GCM(GC_SURNAME), &l) >= 0;
    int foreign = !(d->tok[k].flags & (NT_VIET | NT_ALLCAPS));
    /* two initials in capitals before a foreign name: "GW Bush" */
    if ((d->tok[k].flags & NT_ALLCAPS) && !(d->tok[k].flags & NT_VIET) && d->tok[k].len == 2 &&
        k + 1 < nr && !(d->tok[k + 1].flags & (NT_VIET | NT_ALLCAPS)))
      foreign = 1;
    /* Vietnamese-looking: two to four syllables, no known word pair
    ** among them ("Nông Đức Mạnh", not "Quốc phòng"), not opening with an
    ** abbreviation ("ĐH Thương mại") */
    int vn_name = 0;
    if ((d->tok[k].flags & NT_VIET) && !(d->tok[k].flags & NT_ALLCAPS) && nr - k >= 2 &&
        nr - k <= 4) {
      vn_name = 1;
      for (uint32_t j = k; j + 1 < nr && vn_name; j++)
        if (hoso__gaz_match(r->g, d, j, GCM(GC_WORD), &l) >= 0) vn_name = 0;
    }
    if (surname && nr - k >= 2) return k;
    if (foreign && (nr - k >= 2 || after_place)) return k;
    if (r->lab && r->lab[k] == NER_LABEL_B(ET_PER) && nr - k >= 2) return k;
    if (vn_name && (k == b0 || after_place)) return k;
  }
  return 0;
}

/* A person's name at p running to the end e of a body: two or more
** capitalised words, foreign-looking, opening with a surname, or called a
** person by the tagger. */
static int person_after_body(run *r, uint32_t p, uint32_t e, uint32_t send,
                             int foreign_only) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  if (!(d->tok[p].flags & NT_WORD) || !is_upper(d, p)) return 0;
  if (hoso__gaz_match(r->g, d, p, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG) |
                                      GCM(GC_ORGHEAD) | GCM(GC_TITLE),
                      &l) >= 0)
    return 0;
  if (r->lab && (r->lab[p] == NER_LABEL_B(ET_LOC) || r->lab[p] == NER_LABEL_I(ET_LOC)))
    return 0;
  uint32_t nr = name_run(r, p, send, 1);
  if (nr != e || nr - p < 2) return 0;
  int foreign = 1;
  for (uint32_t k = p; k < nr; k++)
    if (d->tok[k].flags & (NT_VIET | NT_ALLCAPS)) foreign = 0;
  if (foreign) return 1;
  if (foreign_only) return 0;
  if (hoso__gaz_match(r->g, d, p, GCM(GC_SURNAME), &l) >= 0) return 1;
  return r->lab && r->lab[p] == NER_LABEL_B(ET_PER);
}

/* Posts after a name: ", TITLE body" repeated; a post that ends in
** another person's name is left for the caller. */
static int posts_after(run *r, int men, uint32_t k, uint32_t send,
                       uint32_t *endp) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  while (k + 1 < send && is_punct(d, k, ",")) {
    int tg = hoso__gaz_match(r->g, d, k + 1, GCM(GC_TITLE), &l);
    if (tg < 0) break;
    uint32_t t0 = k + 1, bstart = t0 + l;
    uint32_t e = extend_body(r, bstart, send, 1, 1);
    if (e < bstart) e = bstart;
    e = body_at_place(r, bstart, e, send, 1);
    if (e > bstart && name_in_body(r, bstart, e, send)) break;
    for (uint32_t x = t0; x < bstart; x++) r->claim[x] = 3;
    if (add_post(r, men, t0, e)) return HOSO_ENOMEM;
    k = e;
  }
  *endp = k;
  return HOSO_OK;
}

/* Longest gazetteer entry of class cls whose column col is value,
** starting at token i: its length in tokens, 0 if none. */
static uint32_t gaz_value_at(const run *r, uint32_t i, int cls, int col, const char *value) {
  return hoso__gaz_value_len(r->g, r->d, i, cls, col, value);
}

/* The same, returning the entry's id (-1 if none) and its length. */
static int gaz_value_id(const run *r, uint32_t i, int cls, int col, const char *value,
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

/* Tokens [i, e) are capitalised words of foreign look (no Vietnamese
** letters, not in capitals). */
static int foreign_span(const hoso__ndoc *d, uint32_t i, uint32_t e) {
  for (uint32_t k = i; k < e; k++)
    if (!(d->tok[k].flags & NT_WORD) || !(d->tok[k].flags & NT_UPPER) ||
        (d->tok[k].flags & (NT_VIET | NT_ALLCAPS)))
      return 0;
  return 1;
}

/* A one-syllable short form in a pair joined by a dash
** (models/gazetteers/countries_short.tsv, column 5): a country's
** ("Việt - Trung", "Việt – Pháp": "countryshort") or a continent's ("Á - Âu":
** "continentshort"). The entry's id, -1 if token i is none; *loc is 1 for
** a continent. */
static int short_form(run *r, uint32_t i, int *loc) {
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
static int short_country(run *r, uint32_t i, uint32_t t0, uint32_t t1, int *loc) {
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
static int country_before_name(run *r, uint32_t i, uint32_t t0, uint32_t t1) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  int id = is_upper(d, i) ? gaz_value_id(r, i, GC_WORD, 4, "countrybeforename", &l) : -1;
  if (id < 0 || l != 1 || i + 1 >= t1) return -1;
  /* "Roma (Ý)": alone in brackets after a place */
  if (i > t0 && is_punct(d, i - 1, "(") && is_punct(d, i + 1, ")")) return id;
  if ((i > t0 && is_upper(d, i - 1)) || !foreign_span(d, i + 1, i + 2)) return -1;
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
static int not_country_opening(run *r, uint32_t i, uint32_t t0, uint32_t t1) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  if (!gaz_value_at(r, i, GC_WORD, 4, "countrynotopening")) return 0;
  for (uint32_t k = t0; k < i; k++)
    if (!(d->tok[k].flags & NT_PUNCT)) return 0; /* not the sentence's first word */
  if (i + 1 >= t1 || (d->tok[i + 1].flags & NT_PUNCT)) return 0;
  for (uint32_t k = i + 1; k < t1 && k <= i + 2; k++)
    if (hoso__gaz_match(r->g, d, k, GCM(GC_GPE), &l) >= 0) return 0;
  return 1;
}

static int people(run *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0, l;
  int64_t pend0 = -1, pend1 = -1; /* a post stated before a rank */
  while (i < s->tok1) {
    if (r->claim[i]) {
      i++;
      continue;
    }
    int rk = hoso__gaz_match(r->g, d, i, GCM(GC_RANK), &l);
    /* a rank word right after a body's head word names the body ("Tập
    ** đoàn General Electric"), not a person */
    for (uint32_t j = i > s->tok0 + 3 ? i - 3 : s->tok0; rk >= 0 && j < i; j++) {
      uint32_t hl;
      if (hoso__gaz_match(r->g, d, j, GCM(GC_ORGHEAD), &hl) >= 0 && j + hl == i) rk = -1;
    }
    if (rk >= 0) {
      uint32_t n0 = i + l, n1 = name_run(r, n0, s->tok1, 1);
      if (n1 == n0) { /* a rank without a name */
        i += l;
        continue;
      }
      for (uint32_t x = i; x < n1; x++) r->claim[x] = 1;
      int m = add_mention(r, n0, n1, ET_PER, -1, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      r->rank_of_men[m] = rk;
      if (pend1 == (int64_t)i && add_post(r, m, (uint32_t)pend0, (uint32_t)pend1))
        return HOSO_ENOMEM;
      pend0 = pend1 = -1;
      uint32_t e;
      if (posts_after(r, m, n1, s->tok1, &e)) return HOSO_ENOMEM;
      i = e > n1 ? e : n1;
      continue;
    }
    int tg = hoso__gaz_match(r->g, d, i, GCM(GC_TITLE), &l);
    /* royal titles (models/gazetteers/titles_royal.tsv): also in lower
    ** case, and a single given name after them is a name */
    int royal = tg >= 0 && gaz_value_at(r, i, GC_TITLE, 4, "royal") == l;
    /* any title in lower case opens a post when a name follows it
    ** ("người đồng nhiệm Mỹ Colin Powell", "tổng thống Bush") */
    if (tg >= 0) {
      uint32_t b0 = i + l;
      uint32_t e = extend_body(r, b0, s->tok1, 0, 1);
      if (e < b0) e = b0;
      e = body_at_place(r, b0, e, s->tok1, 0);
      /* "Tổng thống Mỹ Donald Trump": the last country in the body,
      ** followed by a name, ends the post */
      uint32_t split = e > b0 ? name_in_body(r, b0, e, s->tok1) : 0;
      if (!split && b0 == e) {
        uint32_t nr = name_run(r, b0, s->tok1, 0);
        if (nr > b0 && nr - b0 >= 2) split = b0; /* "Thủ tướng Phạm Minh Chính" */
      }
      if (!split && royal && b0 < s->tok1 && (d->tok[b0].flags & NT_WORD) && is_upper(d, b0) &&
          name_run(r, b0, s->tok1, 0) > b0)
        split = b0; /* "Thái tử Willem-Alexander", "nữ hoàng Beatrix" */
      if (!split && !is_upper(d, i) && !(d->tok[i].flags & NT_CYR)) {
        i += l; /* a title in lower case names no one here */
        continue;
      }
      for (uint32_t x = i; x < b0; x++) r->claim[x] = 3;
      if (split)
        for (uint32_t x = b0; x < split; x++)
          if (!r->claim[x]) r->claim[x] = 5; /* the post's body: places and bodies may be in it */
      if (split) {
        uint32_t n1 = name_run(r, split, s->tok1, 1);
        if (n1 <= split) { i++; continue; }
        for (uint32_t x = split; x < n1; x++) r->claim[x] = 1;
        int m = add_mention(r, split, n1, ET_PER, -1, 0);
        if (m == -2) return HOSO_ENOMEM;
        if (m < 0) return HOSO_OK;
        /* "người đồng nhiệm G W Bush": a relation, not a post, unless a
        ** body or country follows it ("người đồng nhiệm Mỹ") */
        int relation = split == b0 && gaz_value_at(r, i, GC_TITLE, 4, "relation") == l;
        if (!relation && add_post(r, m, i, split)) return HOSO_ENOMEM;
        uint32_t e2;
        if (posts_after(r, m, n1, s->tok1, &e2)) return HOSO_ENOMEM;
        i = e2 > n1 ? e2 : n1;
        continue;
      }
      pend0 = i;
      pend1 = e;
      i = e > i ? e : i + 1;
      continue;
    }
    i++;
  }
  return HOSO_OK;
}

static int orgs(run *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0, l;
  while (i < s->tok1) {
    if (r->claim[i] == 1 || r->claim[i] == 3 || !is_upper(d, i)) {
      i++;
      continue;
    }
    /* no body's head inside a listed country or place ("Tây Ban Nha") */
    int in_place = 0;
    for (uint32_t j = i > s->tok0 + 3 ? i - 3 : s->tok0; j < i && !in_place; j++)
      in_place = hoso__gaz_match(r->g, d, j, GCM(GC_GPE) | GCM(GC_LOC), &l) >= 0 && j + l > i;
    if (in_place) {
      i++;
      continue;
    }
    uint32_t plen = 0;
    if (hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &plen) < 0) plen = 0;
    uint32_t best = 0;
    int gz = hoso__gaz_match(r->g, d, i, GCM(GC_ORG), &l);
    if (gz >= 0) best = l;
    int hd = hoso__gaz_match(r->g, d, i, GCM(GC_ORGHEAD), &l);
    if (hd >= 0) {
      uint32_t e = extend_body(r, i + l, s->tok1, 1, 0);
      int has_upper = 0;
      for (uint32_t k = i + l; k < e; k++)
        if (is_upper(d, k)) has_upper = 1;
      if (has_upper && e - i > best) {
        best = e - i;
        gz = -1;
      }
    }
    /* "Bộ Ngoại giao [Nhật Bản] Kenichiro Sasae": a listed body (and
    ** its country) followed by a person's name ends before the name */
    uint32_t pn0 = 0, pn1 = 0;
    /* "Đài Loan" is a place, not a body opened by "Đài" */
    if (best && plen >= best) best = 0;
    if (best && gz < 0) {
      uint32_t gl, hl = 0;
      int lz = hoso__gaz_match(r->g, d, i, GCM(GC_ORG), &gl);
      if (lz >= 0 && gl < best) {
        uint32_t p = i + gl;
        while (p < i + best && hoso__gaz_match(r->g, d, p, GCM(GC_GPE), &l) >= 0) p += l;
        if (p < i + best && person_after_body(r, p, i + best, s->tok1, 0)) {
          pn0 = p;
          gz = p == i + gl ? lz : -1;
        }
      } else if (hd >= 0 && hoso__gaz_match(r->g, d, i, GCM(GC_ORGHEAD), &hl) >= 0) {
        /* an unlisted body: a foreign name after its Vietnamese words */
        int upper = 0;
        for (uint32_t p = i + hl; p + 1 < i + best && !pn0; p++) {
          if (upper && person_after_body(r, p, i + best, s->tok1, 1)) pn0 = p;
          if (is_upper(d, p) && (d->tok[p].flags & NT_VIET)) upper = 1;
          if (is_upper(d, p) && !(d->tok[p].flags & NT_VIET)) break;
        }
      }
      if (pn0) {
        pn1 = i + best;
        best = pn0 - i;
      }
    }
    if (best) {
      int m = add_mention(r, i, i + best, ET_ORG, gz, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = i; x < i + best; x++)
        if (!r->claim[x]) r->claim[x] = 2;
      /* "Ngân hàng Thế giới (WB)": the abbreviation is the same body */
      uint32_t e0 = i + best;
      if (e0 + 2 < s->tok1 && is_punct(d, e0, "(") && is_punct(d, e0 + 2, ")") &&
          (d->tok[e0 + 1].flags & NT_ALLCAPS) && !r->claim[e0 + 1]) {
        int am = add_mention(r, e0 + 1, e0 + 2, ET_ORG, -1, 2);
        if (am == -2) return HOSO_ENOMEM;
        if (am >= 0) {
          d->men[am].alias_of = m;
          r->claim[e0 + 1] = 2;
        }
        /* "Cung Văn hóa Lao động (CVHLĐ) TPHCM": a listed place right after
        ** the abbreviation still belongs to the body's name (its key leaves
        ** the abbreviation out: mention_key) */
        uint32_t pl;
        if (e0 + 3 < s->tok1 && is_upper(d, e0 + 3) && !r->claim[e0 + 3] &&
            hoso__gaz_match(r->g, d, e0 + 3, GCM(GC_GPE) | GCM(GC_LOC), &pl) >= 0 &&
            e0 + 3 + pl <= s->tok1) {
          d->men[m].tok1 = e0 + 3 + pl;
          for (uint32_t x = e0; x < e0 + 3 + pl; x++)
            if (!r->claim[x]) r->claim[x] = 2;
          best = e0 + 3 + pl - i;
        }
      }
      /* listed bodies inside a longer name ("Nhóm chuyên gia ADMM+") */
      for (uint32_t x = i + 1; gz < 0 && x < i + best; x++) {
        uint32_t il;
        int ig = hoso__gaz_match(r->g, d, x, GCM(GC_ORG), &il);
        if (ig >= 0 && is_upper(d, x) && x + il <= i + best) {
          if (add_mention(r, x, x + il, ET_ORG, ig, 0) == -2) return HOSO_ENOMEM;
          x += il - 1;
        }
      }
      i += best;
      if (pn1 > pn0) {
        int pm = add_mention(r, pn0, pn1, ET_PER, -1, 0);
        if (pm == -2) return HOSO_ENOMEM;
        if (pm < 0) return HOSO_OK;
        for (uint32_t x = pn0; x < pn1; x++) r->claim[x] = 1;
        uint32_t e2;
        if (posts_after(r, pm, pn1, s->tok1, &e2)) return HOSO_ENOMEM;
        i = e2 > pn1 ? e2 : pn1;
      }
      continue;
    }
    i++;
  }
  return HOSO_OK;
}

static int places(run *r, const hoso__nsent *s) {
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
      int m = add_mention(r, i, i + 1, loc ? ET_LOC : ET_GPE, gz, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      if (!r->claim[i]) r->claim[i] = 4;
      i++;
      continue;
    }
    if (gz >= 0 && l == 1 && not_country_opening(r, i, s->tok0, s->tok1)) {
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
      int m = add_mention(r, i, i + l, e->cls == GC_GPE ? ET_GPE : ET_LOC, gz, 0);
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
static int place_heads(run *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0, wl;
  while (i < s->tok1) {
    int type = ET_LOC;
    uint32_t hl = r->claim[i] ? 0 : gaz_value_at(r, i, GC_WORD, 2, "placehead");
    if (!hl && !r->claim[i] && (hl = gaz_value_at(r, i, GC_WORD, 2, "mediahead")) > 0)
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
    uint32_t e = k < s->tok1 && is_upper(d, k) ? name_run(r, k, s->tok1, 0) : k;
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
      int m = add_mention(r, k, e, type, -1, 0);
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

static int dates(run *r, const hoso__nsent *s) {
  hoso__ndoc *d = r->d;
  uint32_t i = s->tok0;
  while (i < s->tok1) {
    hoso__date dt;
    uint32_t n = hoso__date_at(d, r->g, i, &d->pub, &dt);
    if (n && i + n <= s->tok1) {
      /* a date glued to a capitalised name ("Quốc khánh 2-9") is part of it */
      int m = add_mention(r, i, i + n, ET_DATE, -1, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = i; x < i + n; x++) r->claim[x] = 1;
      r->rank_of_men[m] = -1;
      /* keep the value: stash in an entity later; store via gz = -1 */
      i += n;
      continue;
    }
    i++;
  }
  return HOSO_OK;
}

/* End of the rule mentions (countries, places, bodies) that open the
** tagger's person span [i, e), when a name remains after them: two or more
** free words, or one foreign-looking word. i if none (or the span opens
** with a surname: "Nông Đức Mạnh"). */
static uint32_t lead_mention_end(run *r, uint32_t i, uint32_t e) {
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

/* The tagger's spans over tokens no rule claimed. */
static int model_spans(run *r, const hoso__nermodel *model) {
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
        if (wide_gap(d, k)) {
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
        while (i < e && (cl = gaz_value_at(r, i, GC_WORD, 2, "chrome")) > 0) i += cl;
        if (i >= e) continue;
      }
      int free_span = 1, over_place = 0;
      uint32_t wl0;
      /* "Anh cho biết ...": the tagger's one-word place opening a sentence
      ** goes by the same rule as the gazetteer's (not_country_opening) */
      if (type == ET_LOC && e == i + 1 && !r->model_only &&
          hoso__gaz_match(r->g, d, i, GCM(GC_GPE), &wl0) >= 0 && wl0 == 1 &&
          not_country_opening(r, i, se->tok0, se->tok1))
        free_span = 0;
      for (uint32_t k = i; k < e; k++) {
        if (r->claim[k] == 4 && type == ET_PER && e - i >= 2) over_place = 1;
        /* a body may hold a country or place after its first word
        ** ("đảng Dân chủ Xã hội Nhật"): both are kept */
        else if (r->claim[k] == 4 && type == ET_ORG && r->claim[i] == 0) continue;
        else if (r->claim[k]) free_span = 0;
      }
      /* "Nông Đức Mạnh": a name the tagger is sure of wins over a country
      ** listed inside it */
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
          foreign_span(d, i, e) &&
          hoso__gaz_match(r->g, d, e + 1, GCM(GC_TITLE), &ql) >= 0 &&
          hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC), &ql) < 0 &&
          !(i > se->tok0 && gaz_value_at(r, i - 1, GC_WORD, 2, "placeprep") > 0))
        type = ET_PER;
      /* "đảng Dân chủ Xã hội Nhật Mizuho Fukushima": a foreign name after
      ** a body's Vietnamese capitalised words ends the body and is a person
      ** (in the article record: hoso ner --conll keeps the tagger's span,
      ** as the NER sets do: "Công ty Dệt Pacific Crystal") */
      uint32_t pn = 0, pe = e;
      if (free_span && type == ET_ORG && !r->model_only) {
        int viet = 0;
        for (uint32_t p = i; p + 1 < e && !pn; p++) {
          if (viet && person_after_body(r, p, e, se->tok1, 1)) pn = p;
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
        int m = add_mention(r, i, e, mtype, gz, 1);
        if (m == -2) rc = HOSO_ENOMEM;
        for (uint32_t k = i; k < e; k++) r->claim[k] = type == ET_PER ? 1 : 2;
        /* "ông X, Ủy viên Bộ Chính trị, Phó thủ tướng ...": the posts
        ** after a name the tagger found are the person's too */
        uint32_t e2;
        if (m >= 0 && mtype == ET_PER && posts_after(r, m, e, se->tok1, &e2))
          rc = HOSO_ENOMEM;
        if (pn && !rc) {
          int pm = add_mention(r, pn, pe, ET_PER, -1, 1);
          if (pm == -2) rc = HOSO_ENOMEM;
          for (uint32_t k = pn; k < pe; k++) r->claim[k] = 1;
          if (pm >= 0 && posts_after(r, pm, pe, se->tok1, &e2)) rc = HOSO_ENOMEM;
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
static int model_labels(run *r, const hoso__nermodel *model) {
  hoso__ndoc *d = r->d;
  hoso__nerwork *w = hoso__nerwork_new();
  r->lab = calloc(d->ntok + 1, 1);
  int rc = (!w || !r->lab) ? HOSO_ENOMEM : HOSO_OK;
  if (!rc) rc = hoso__nermodel_tag_doc(model, w, d, r->g, r->lab, NULL);
  hoso__nerwork_free(w);
  return rc;
}

/* Later mentions of known people: the full name again, or a foreign
** surname or a Vietnamese given name alone. Candidates are found through
** a sorted table of name hashes, so a page of thousands of names stays
** linear (at most ALIAS_TRIES candidates are tried per token). */
#define ALIAS_TRIES 16
#define ALIAS_SINGLE_SENTS 10 /* sentences a one-syllable name reaches */
typedef struct acand { uint64_t h; uint32_t m; uint8_t single; } acand;

static uint64_t seq_hash(const hoso__ndoc *d, uint32_t t0, uint32_t t1) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (uint32_t t = t0; t < t1; t++) {
    size_t n;
    const unsigned char *k = (const unsigned char *)hoso__tok_key(d, t, &n);
    for (size_t i = 0; i < n; i++) {
      h ^= k[i];
      h *= 0x100000001b3ULL;
    }
    h ^= 0x1f;
    h *= 0x100000001b3ULL;
  }
  return h;
}

static int acand_cmp(const void *a, const void *b) {
  const acand *x = a, *y = b;
  if (x->h != y->h) return x->h < y->h ? -1 : 1;
  if (x->m != y->m) return x->m < y->m ? -1 : 1;
  return (int)x->single - (int)y->single;
}

/* Try mention m as the referent of an alias at token i (len tokens for a
** full name, 1 for a single name). Returns 1 if added, 0 if not, <0 on
** error. */
/* Where the input gives words (CoNLL), does token e continue the word of
** the token before it in lower case ("Phương_thức", "Thành_ra")? A name
** ending there would cut a word in two. */
static int mid_word(const hoso__ndoc *d, uint32_t e) {
  return e < d->ntok && (d->tok[e].flags & NT_WCONT) && !is_upper(d, e);
}

static int try_alias(run *r, uint32_t i, uint32_t m, int single) {
  hoso__ndoc *d = r->d;
  const hoso__mention *pm = &d->men[m];
  uint32_t len = pm->tok1 - pm->tok0, k, sl;
  if (!single) {
    /* names the tagger found refer back only when they look like names
    ** (a surname first, or one Vietnamese syllable): its own later
    ** decisions are better than repeating an early mistake */
    int vn_name = len >= 2 && hoso__gaz_match(r->g, d, pm->tok0, GCM(GC_SURNAME), &sl) >= 0;
    int vn_single = len == 1 && (d->tok[pm->tok0].flags & NT_VIET) &&
                    !(d->tok[pm->tok0].flags & NT_ALLCAPS);
    if (!(pm->source == 0 || vn_name || vn_single) || i + len > d->ntok) return 0;
    /* one syllable alone ("Hạnh", "Tám") refers back only a few
    ** sentences: further on it is as likely a common word opening a
    ** sentence ("Hạnh phúc ...", "Tám năm ...") */
    if (vn_single && d->tok[i].sent > d->tok[pm->tok0].sent + ALIAS_SINGLE_SENTS) return 0;
    if (mid_word(d, i + len)) return 0;
    /* nor inside a longer run of capitals ("Tân Sơn Nhất", "Đông Bắc"; a
    ** capital on the next line or in the next sentence is not in the run) */
    if (vn_single && i + 1 < d->ntok && is_upper(d, i + 1) && (d->tok[i + 1].flags & NT_WORD) &&
        !(d->tok[i + 1].flags & (NT_NL | NT_SENT)))
      return 0;
    for (k = 0; k < len; k++) {
      size_t a, b;
      const char *ka = hoso__tok_key(d, i + k, &a);
      const char *kb = hoso__tok_key(d, pm->tok0 + k, &b);
      if (a != b || memcmp(ka, kb, a) || r->claim[i + k]) return 0;
    }
    int x = add_mention(r, i, i + len, ET_PER, -1, 2);
    if (x == -2) return -1;
    if (x < 0) return 0;
    d->men[x].alias_of = (int)m;
    for (k = 0; k < len; k++) r->claim[i + k] = 1;
    return 1;
  }
  uint32_t last = pm->tok1 - 1;
  /* a given name alone refers back only a few sentences, after the full
  ** name, and never when it is also a place, a body or a common word */
  int vn_given = len >= 2 && len <= 4 &&
                 hoso__gaz_match(r->g, d, pm->tok0, GCM(GC_SURNAME), &sl) >= 0 &&
                 i > pm->tok1 && d->tok[i].sent <= d->tok[pm->tok0].sent + 8 &&
                 hoso__gaz_match(r->g, d, i, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG) |
                                     GCM(GC_ORGHEAD) | GCM(GC_TITLE) | GCM(GC_RANK) |
                                     GCM(GC_WORD) | GCM(GC_DATEW), &sl) < 0;
  int foreign = pm->source == 0 && !(d->tok[last].flags & (NT_VIET | NT_ALLCAPS)) &&
                d->tok[last].len >= 4;
  if (len < 2 || !(vn_given || foreign)) return 0;
  /* not the first word of a longer name (a capitalised word on the next
  ** line or in the next sentence is not part of it: "cuộc gặp Bush -
  ** Putin" as a title) */
  if (i + 1 < d->ntok && is_upper(d, i + 1) && (d->tok[i + 1].flags & NT_WORD) &&
      !(d->tok[i + 1].flags & (NT_NL | NT_SENT)))
    return 0;
  if (mid_word(d, i + 1)) return 0;
  int x = add_mention(r, i, i + 1, ET_PER, -1, 2);
  if (x == -2) return -1;
  if (x < 0) return 0;
  d->men[x].alias_of = (int)m;
  r->claim[i] = 1;
  return 1;
}

/* The last two words of a longer foreign name ("Xanana Gusmao" after
** "Kay Rala Xanana Gusmao"). */
static int try_suffix_alias(run *r, uint32_t i, uint32_t m) {
  hoso__ndoc *d = r->d;
  const hoso__mention *pm = &d->men[m];
  if (i + 2 > d->ntok || r->claim[i] || r->claim[i + 1] || i < pm->tok1) return 0;
  if (d->tok[pm->tok1 - 1].flags & NT_VIET) return 0;
  for (uint32_t k = 0; k < 2; k++) {
    size_t a, b;
    const char *ka = hoso__tok_key(d, i + k, &a);
    const char *kb = hoso__tok_key(d, pm->tok1 - 2 + k, &b);
    if (a != b || memcmp(ka, kb, a)) return 0;
  }
  int x = add_mention(r, i, i + 2, ET_PER, -1, 2);
  if (x == -2) return -1;
  if (x < 0) return 0;
  d->men[x].alias_of = (int)m;
  r->claim[i] = r->claim[i + 1] = 1;
  return 1;
}

static int aliases(run *r) {
  hoso__ndoc *d = r->d;
  size_t nmen0 = d->nmen, nc = 0;
  acand *c = malloc((3 * nmen0 + 1) * sizeof *c);
  if (!c) return HOSO_ENOMEM;
  for (size_t m = 0; m < nmen0; m++) {
    const hoso__mention *pm = &d->men[m];
    if (pm->type != ET_PER || pm->source == 2) continue;
    c[nc].h = seq_hash(d, pm->tok0, pm->tok1);
    c[nc].m = (uint32_t)m;
    c[nc++].single = 0;
    if (pm->tok1 - pm->tok0 >= 2) {
      c[nc].h = seq_hash(d, pm->tok1 - 1, pm->tok1);
      c[nc].m = (uint32_t)m;
      c[nc++].single = 1;
    }
    if (pm->tok1 - pm->tok0 >= 3 && pm->source == 0) { /* "Xanana Gusmao" */
      c[nc].h = seq_hash(d, pm->tok1 - 2, pm->tok1);
      c[nc].m = (uint32_t)m;
      c[nc++].single = 2;
    }
  }
  qsort(c, nc, sizeof *c, acand_cmp);
  int rc = HOSO_OK;
  for (uint32_t i = 0; i < d->ntok && !rc && nc; i++) {
    if (r->claim[i] || !is_upper(d, i) || !(d->tok[i].flags & NT_WORD)) continue;
    int done = 0;
    for (uint32_t len = HOSO_NER_MAX_NAME_TOKENS; len >= 1 && !done; len--) {
      if (i + len > d->ntok) continue;
      uint64_t h = seq_hash(d, i, i + len);
      size_t lo = 0, hi = nc;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c[mid].h < h) lo = mid + 1;
        else hi = mid;
      }
      for (size_t k = lo, tries = 0; k < nc && c[k].h == h && tries < ALIAS_TRIES && !done;
           k++, tries++) {
        if (c[k].single == 1 && len != 1) continue;
        if (c[k].single == 2 && len != 2) continue;
        int x = c[k].single == 2 ? try_suffix_alias(r, i, c[k].m) : try_alias(r, i, c[k].m, c[k].single);
        if (x < 0) rc = HOSO_ENOMEM;
        if (x > 0) done = 1;
      }
    }
  }
  free(c);
  return rc;
}

/* A person named in short ("N. Bagabandi", "Xanana Gusmao", "Takashima",
** "Bush" in a title before "G W Bush") and the full name ("Natsagyn
** Bagabandi", "Kay Rala Xanana Gusmao"): every word of the short form,
** initials aside, is a word of a longer name in the article (more words;
** as many, and more initials: "Bush" and "G W Bush"). The longer names before the short form are asked
** first ("ông Kim" after "Kim Jong-Il" and before "Kim Hong-Je"): it
** refers to the one longer name among them, else, when none is before it,
** to the one longer name after it. Bounded: pages with very many names
** skip this (their names are matched by the other rules). */
static uint32_t name_words(const hoso__ndoc *d, const hoso__mention *m) {
  uint32_t n = 0;
  for (uint32_t t = m->tok0; t < m->tok1; t++)
    n += (d->tok[t].flags & NT_WORD) && d->tok[t].len > 1;
  return n;
}
static uint32_t all_words(const hoso__ndoc *d, const hoso__mention *m) {
  uint32_t n = 0;
  for (uint32_t t = m->tok0; t < m->tok1; t++) n += (d->tok[t].flags & NT_WORD) != 0;
  return n;
}

static int same_name(const hoso__ndoc *d, const hoso__mention *a, const hoso__mention *b) {
  if (a->tok1 - a->tok0 != b->tok1 - b->tok0) return 0;
  for (uint32_t t = 0; t < a->tok1 - a->tok0; t++) {
    size_t n1, n2;
    const char *k1 = hoso__tok_key(d, a->tok0 + t, &n1);
    const char *k2 = hoso__tok_key(d, b->tok0 + t, &n2);
    if (n1 != n2 || memcmp(k1, k2, n1)) return 0;
  }
  return 1;
}

static int short_forms(run *r) {
  hoso__ndoc *d = r->d;
  size_t nper = 0;
  for (size_t m = 0; m < d->nmen; m++)
    if (d->men[m].type == ET_PER && d->men[m].alias_of < 0) nper++;
  if (nper < 2 || nper > 2000) return HOSO_OK;
  for (size_t a = 0; a < d->nmen; a++) {
    hoso__mention *sa = &d->men[a];
    if (sa->type != ET_PER || sa->alias_of >= 0) continue;
    /* [0]: longer names before the short form, [1]: after it */
    int found[2] = {-1, -1}, several[2] = {0, 0};
    for (size_t b = 0; b < d->nmen && !several[0]; b++) {
      const hoso__mention *lb = &d->men[b];
      if (b == a || lb->type != ET_PER || lb->alias_of >= 0) continue;
      uint32_t wa = name_words(d, sa), wb = name_words(d, lb);
      if (wb < wa || (wb == wa && all_words(d, lb) <= all_words(d, sa))) continue;
      int all = 1, words = 0;
      for (uint32_t t = sa->tok0; t < sa->tok1 && all; t++) {
        if (!(d->tok[t].flags & NT_WORD) || d->tok[t].len == 1) continue; /* initials, "." */
        words++;
        size_t n1;
        const char *k1 = hoso__tok_key(d, t, &n1);
        int in = 0;
        for (uint32_t u = lb->tok0; u < lb->tok1 && !in; u++) {
          size_t n2;
          const char *k2 = hoso__tok_key(d, u, &n2);
          in = n1 == n2 && !memcmp(k1, k2, n1);
        }
        all = in;
      }
      if (!all || !words) continue;
      int side = lb->tok0 < sa->tok0 ? 0 : 1;
      /* the same longer name again is the same candidate */
      if (found[side] >= 0) {
        if (!same_name(d, &d->men[found[side]], lb)) several[side] = 1;
        continue;
      }
      found[side] = (int)b;
    }
    if (found[0] >= 0 && !several[0]) sa->alias_of = found[0];
    else if (found[0] < 0 && found[1] >= 0 && !several[1]) sa->alias_of = found[1];
  }
  return HOSO_OK;
}

/* ---- grouping ------------------------------------------------------- */

static int mention_key(const hoso__ndoc *d, const hoso__gaz *g,
                       const hoso__mention *m, hoso_buf *k) {
  hoso__buf_reset(k);
  int rc = hoso__buf_printf(k, "%s:", hoso__etype_name(m->type));
  if (rc) return rc;
  if (m->gz >= 0 && (m->type == ET_GPE || m->type == ET_LOC || m->type == ET_ORG)) {
    const hoso__gentry *e = hoso__gaz_entry(g, m->gz);
    return hoso__name_key_append(k, e->f[2], strlen(e->f[2]));
  }
  const char *s;
  size_t n;
  hoso__span_text(d, m->tok0, m->tok1, &s, &n);
  /* a body's name with its abbreviation inside, "A (X) B", is "A B" */
  for (uint32_t t = m->tok0 + 1; m->type == ET_ORG && t + 3 < m->tok1; t++) {
    if (!is_punct(d, t, "(") || !is_punct(d, t + 2, ")")) continue;
    hoso_buf tmp;
    hoso__buf_init(&tmp, 1u << 16);
    const char *s1, *s2;
    size_t n1, n2;
    hoso__span_text(d, m->tok0, t, &s1, &n1);
    hoso__span_text(d, t + 3, m->tok1, &s2, &n2);
    rc = hoso__buf_add(&tmp, s1, n1);
    if (!rc) rc = hoso__buf_addc(&tmp, ' ');
    if (!rc) rc = hoso__buf_add(&tmp, s2, n2);
    if (!rc) rc = hoso__name_key_append(k, tmp.p, tmp.n);
    hoso__buf_free(&tmp);
    return rc;
  }
  return hoso__name_key_append(k, s, n);
}

static int new_entity(hoso__ndoc *d, int type) {
  if (d->nents == d->capents) {
    size_t nc = d->capents ? d->capents * 2 : 32;
    hoso__entity *e = realloc(d->ents, nc * sizeof *e);
    if (!e) return -1;
    d->ents = e;
    d->capents = nc;
  }
  hoso__entity *e = &d->ents[d->nents];
  memset(e, 0, sizeof *e);
  e->type = type;
  e->rank_gz = -1;
  e->first_mention = -1;
  return (int)d->nents++;
}

static int entity_add_post(hoso__ndoc *d, hoso__entity *e, hoso__post p) {
  const char *s;
  size_t n;
  hoso__span_text(d, p.tok0, p.tok1, &s, &n);
  for (size_t i = 0; i < e->nposts; i++) {
    const char *s2;
    size_t n2;
    hoso__span_text(d, e->posts[i].tok0, e->posts[i].tok1, &s2, &n2);
    if (n == n2 && !memcmp(s, s2, n)) return HOSO_OK;
  }
  if (e->nposts == e->capposts) {
    size_t nc = e->capposts ? e->capposts * 2 : 4;
    hoso__post *np = realloc(e->posts, nc * sizeof *np);
    if (!np) return HOSO_ENOMEM;
    e->posts = np;
    e->capposts = nc;
  }
  e->posts[e->nposts++] = p;
  return HOSO_OK;
}

/* Entities keyed by string: a small open hash over mention keys. */
static int group(run *r) {
  hoso__ndoc *d = r->d;
  const hoso__gaz *g = r->g;
  size_t nslot = 64;
  while (nslot < d->nmen * 2) nslot *= 2;
  int *slot = malloc(nslot * sizeof *slot);
  char **keys = calloc(d->nmen + 1, sizeof *keys);
  hoso_buf k;
  hoso__buf_init(&k, 1u << 16);
  int rc = (!slot || !keys) ? HOSO_ENOMEM : HOSO_OK;
  for (size_t i = 0; slot && i < nslot; i++) slot[i] = -1;
  for (size_t mi = 0; mi < d->nmen && !rc; mi++) {
    hoso__mention *m = &d->men[mi];
    if (m->type == ET_NONE) continue; /* given up to a longer name */
    if (m->alias_of >= 0) continue;    /* after the others, below */
    rc = mention_key(d, g, m, &k);
    if (rc) break;
    if (m->type == ET_DATE) { /* dates: one entity per expression value */
      hoso__date dt;
      hoso__date_at(d, g, m->tok0, &d->pub, &dt);
      char v[32];
      hoso__date_format(&dt, v, sizeof v);
      hoso__buf_reset(&k);
      rc = hoso__buf_printf(&k, "DATE:%s:%s:%d", v, dt.daypart ? dt.daypart : "",
                            dt.determinable);
      if (rc) break;
      if (!v[0]) { /* not resolvable: one entity per wording ("hôm qua") */
        const char *ds;
        size_t dn;
        hoso__span_text(d, m->tok0, m->tok1, &ds, &dn);
        hoso__buf_reset(&k);
        rc = hoso__buf_adds(&k, "DATE:unresolved ");
        if (!rc) rc = hoso__name_key_append(&k, ds, dn);
        if (rc) break;
      }
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t x = 0; x < k.n; x++) {
      h ^= (unsigned char)k.p[x];
      h *= 0x100000001b3ULL;
    }
    size_t j = (size_t)(h & (nslot - 1));
    int ent = -1;
    while (slot[j] >= 0) {
      if (strcmp(keys[slot[j]], k.p) == 0) {
        ent = slot[j];
        break;
      }
      j = (j + 1) & (nslot - 1);
    }
    if (ent < 0) {
      ent = new_entity(d, m->type);
      if (ent < 0) {
        rc = HOSO_ENOMEM;
        break;
      }
      keys[ent] = strdup(k.p);
      if (!keys[ent]) {
        rc = HOSO_ENOMEM;
        break;
      }
      slot[j] = ent;
      hoso__entity *e = &d->ents[ent];
      const char *colon = strchr(k.p, ':');
      e->key = strdup(colon ? colon + 1 : k.p);
      if (!e->key) {
        rc = HOSO_ENOMEM;
        break;
      }
      e->first_mention = (int)mi;
      if (m->type == ET_DATE) hoso__date_at(d, g, m->tok0, &d->pub, &e->date);
      if (m->gz >= 0) {
        const hoso__gentry *ge = hoso__gaz_entry(g, m->gz);
        e->name_static = ge->f[2];
        if (ge->nf > 3 && strlen(ge->f[3]) == 2 && ge->f[3][0] >= 'A' &&
            ge->f[3][0] <= 'Z' && strcmp(ge->f[3], "XX") != 0) {
          memcpy(e->country, ge->f[3], 2);
          e->country[2] = 0;
          e->country_source = "gazetteer";
        }
      }
    }
    m->entity = ent;
    hoso__entity *e = &d->ents[ent];
    e->nmentions++;
    /* the longest mention names a person; the first any other entity */
    if (m->type == ET_PER) {
      const hoso__mention *f = &d->men[e->first_mention];
      if (name_words(d, m) > name_words(d, f)) e->first_mention = (int)mi;
    }
    if (r->rank_of_men[mi] >= 0 && e->rank_gz < 0) e->rank_gz = r->rank_of_men[mi];
  }
  /* references to another mention (aliases, short forms) join its entity;
  ** chains resolve in a few rounds */
  for (int round = 0; round < 4 && !rc; round++)
    for (size_t mi = 0; mi < d->nmen; mi++) {
      hoso__mention *m = &d->men[mi];
      if (m->type == ET_NONE || m->alias_of < 0 || m->entity >= 0) continue;
      int t = d->men[m->alias_of].entity;
      if (t < 0) continue;
      m->entity = t;
      d->ents[t].nmentions++;
      if (m->type == ET_PER) { /* a person is named by the longest mention */
        const hoso__mention *f = &d->men[d->ents[t].first_mention];
        if (name_words(d, m) > name_words(d, f)) d->ents[t].first_mention = (int)mi;
      }
      if (r->rank_of_men[mi] >= 0 && d->ents[t].rank_gz < 0) d->ents[t].rank_gz = r->rank_of_men[mi];
    }
  /* a body's name: its most frequent spelling ("Việt - Nga" over "Việt – Nga") */
  for (size_t ei = 0; !rc && ei < d->nents; ei++) {
    hoso__entity *e = &d->ents[ei];
    if (e->type == ET_PER || e->type == ET_DATE || e->name_static) continue;
    int best = e->first_mention, bestn = 0;
    for (size_t a = 0; a < d->nmen; a++) {
      if (d->men[a].entity != (int)ei) continue;
      const char *sa;
      size_t na;
      hoso__span_text(d, d->men[a].tok0, d->men[a].tok1, &sa, &na);
      int cnt = 0;
      for (size_t b = 0; b < d->nmen && cnt <= bestn + 8; b++) {
        if (d->men[b].entity != (int)ei) continue;
        const char *sb;
        size_t nb;
        hoso__span_text(d, d->men[b].tok0, d->men[b].tok1, &sb, &nb);
        if (na == nb && !memcmp(sa, sb, na)) cnt++;
      }
      if (cnt > bestn) {
        bestn = cnt;
        best = (int)a;
      }
      if (bestn > 8) break;
    }
    e->first_mention = best;
  }
  if (!rc) {
    for (size_t p = 0; p < r->nposts && !rc; p++) {
      int ent = d->men[r->post_men[p]].entity;
      if (ent >= 0) rc = entity_add_post(d, &d->ents[ent], r->posts[p]);
    }
  }
  if (keys)
    for (size_t i = 0; i <= d->nmen && i < d->nents; i++) free(keys[i]);
  free(keys);
  free(slot);
  hoso__buf_free(&k);
  return rc;
}

/* Country of an organisation: a country named inside it. Of a person:
** countries inside their posts, else a Vietnamese name, else the
** foreign country the article names most. */
static void countries(run *r) {
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
    if (e->type != ET_PER) continue;
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
}

int hoso__ner_run(hoso__ndoc *d, const hoso__gaz *g,
                  const struct hoso__nermodel *model, unsigned opts,
                  hoso_error *err) {
  run r;
  memset(&r, 0, sizeof r);
  r.d = d;
  r.g = g;
  r.err = err;
  r.model_only = (opts & HOSO__NER_MODEL_ONLY) != 0;
  int rc = hoso__gaz_scan(g, d, err);
  if (rc) return rc;
  r.claim = calloc(d->ntok + 1, 1);
  if (!r.claim) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int rules = !(opts & HOSO__NER_MODEL_ONLY) || !model;
  if (model) rc = model_labels(&r, model);
  /* after the tagger: its features never see a text's own abbreviations */
  if (rules && !rc) rc = hoso__ner_defined_abbrevs(g, d);
  for (size_t s = 0; s < d->nsent && !rc; s++) rc = dates(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = people(&r, &d->sent[s]);
  if (rules && !rc) rc = aliases(&r);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = orgs(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = places(&r, &d->sent[s]);
  for (size_t s = 0; rules && s < d->nsent && !rc; s++) rc = place_heads(&r, &d->sent[s]);
  if (!rc && model) rc = model_spans(&r, model);
  if (!rc && model) rc = aliases(&r); /* names the tagger found */
  if (!rc && !(opts & HOSO__NER_MODEL_ONLY)) rc = short_forms(&r);
  if (!rc) rc = group(&r);
  if (!rc) countries(&r);
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
  if (e->name_static) {
    *s = e->name_static;
    *n = strlen(e->name_static);
    return;
  }
  const hoso__mention *m = &d->men[e->first_mention];
  hoso__span_text(d, m->tok0, m->tok1, s, n);
}
