/*
** phrases.c -- where the phrases the rule passes read end: a body's name
** (capitalised words, short lower-case runs between them), a person's
** name, a name inside a post's body, the posts after a name.
**
** Ownership: reads the document and the run's claims; only
** hoso__nr_posts_after() writes (claims, and posts through the run).
*/
#include <string.h>

#include "ner/model.h"
#include "ner/ner.h"
#include "ner/rules.h"

/* Is the space before token k two characters or more, or a line break?
** ("Bush  Karl Rove  đối mặt": a dash or comma lost on the way.) */
int hoso__nr_wide_gap(const hoso__ndoc *d, uint32_t k) {
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
int hoso__nr_bracketed_abbrev(const hoso__ndoc *d, uint32_t k, uint32_t send) {
  return k + 2 < send && hoso__ner_bracketed_word(d, k + 1);
}

/* End (exclusive) of a body phrase starting at token j in sentence
** ending at send: capitalised words, lower-case runs of up to three
** words that lead to another capitalised word, dashes between
** capitalised words; with brackets (a post's body), an abbreviation in
** brackets with a capitalised word after it; never over a stop word, a
** rank or other punctuation. Returns j when nothing fits. */
uint32_t hoso__nr_extend_body(hoso__nrun *r, uint32_t j, uint32_t send,
                              int stop_at_title, int brackets) {
  const hoso__ndoc *d = r->d;
  uint32_t end = j, k = j, l;
  while (k < send && k - j < 24) {
    const hoso__ntok *t = &d->tok[k];
    if (r->claim[k] == 1 || (k > j && hoso__nr_wide_gap(d, k))) break;
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
      if (brackets && hoso__nr_bracketed_abbrev(d, k, send) && k == end && k > j && is_upper(d, k - 1) &&
          k + 3 < send && is_upper(d, k + 3) && (d->tok[k + 3].flags & NT_WORD) &&
          !hoso__nr_wide_gap(d, k + 3)) {
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
uint32_t hoso__nr_body_at_place(hoso__nrun *r, uint32_t b0, uint32_t e, uint32_t send,
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
  uint32_t e2 = hoso__nr_extend_body(r, e + 1, send, stop_at_title, 1);
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
uint32_t hoso__nr_name_run(hoso__nrun *r, uint32_t j, uint32_t send, int allow_gpe) {
  const hoso__ndoc *d = r->d;
  uint32_t k = j, l;
  while (k < send && k - j < HOSO_NER_MAX_NAME_TOKENS) {
    const hoso__ntok *t = &d->tok[k];
    if (k > j && hoso__nr_wide_gap(d, k)) break; /* "Bush  Karl Rove" */
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
uint32_t hoso__nr_name_in_body(hoso__nrun *r, uint32_t b0, uint32_t e, uint32_t send) {
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
    uint32_t nr = hoso__nr_name_run(r, k, send, 1);
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
          (j + l == k || (j + l + 3 == k && hoso__nr_bracketed_abbrev(d, j + l, send))))
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
int hoso__nr_person_after_body(hoso__nrun *r, uint32_t p, uint32_t e, uint32_t send,
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
  uint32_t nr = hoso__nr_name_run(r, p, send, 1);
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
int hoso__nr_posts_after(hoso__nrun *r, int men, uint32_t k, uint32_t send,
                         uint32_t *endp) {
  const hoso__ndoc *d = r->d;
  uint32_t l;
  while (k + 1 < send && is_punct(d, k, ",")) {
    int tg = hoso__gaz_match(r->g, d, k + 1, GCM(GC_TITLE), &l);
    if (tg < 0) break;
    uint32_t t0 = k + 1, bstart = t0 + l;
    uint32_t e = hoso__nr_extend_body(r, bstart, send, 1, 1);
    if (e < bstart) e = bstart;
    e = hoso__nr_body_at_place(r, bstart, e, send, 1);
    if (e > bstart && hoso__nr_name_in_body(r, bstart, e, send)) break;
    for (uint32_t x = t0; x < bstart; x++) r->claim[x] = 3;
    if (hoso__nr_add_post(r, men, t0, e)) return HOSO_ENOMEM;
    k = e;
  }
  *endp = k;
  return HOSO_OK;
}

/* Tokens [i, e) are capitalised words of foreign look (no Vietnamese
** letters, not in capitals). */
int hoso__nr_foreign_span(const hoso__ndoc *d, uint32_t i, uint32_t e) {
  for (uint32_t k = i; k < e; k++)
    if (!(d->tok[k].flags & NT_WORD) || !(d->tok[k].flags & NT_UPPER) ||
        (d->tok[k].flags & (NT_VIET | NT_ALLCAPS)))
      return 0;
  return 1;
}
