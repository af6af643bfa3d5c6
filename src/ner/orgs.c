/*
** orgs.c -- the organisation pass: a listed body, or a head word ("Bộ",
** "Tổng cục", "Trung tâm") running on over capitalised words; its
** abbreviation in brackets after it ("Ngân hàng Thế giới (WB)"); a
** person's name right after a body ("Bộ Ngoại giao Nhật Bản Kenichiro
** Sasae") is a person, with the posts after the name.
**
** Ownership: adds mentions and posts through the run (rules.h).
*/
#include <stdint.h>

#include "ner/ner.h"
#include "ner/rules.h"

int hoso__nr_orgs(hoso__nrun *r, const hoso__nsent *s) {
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
      uint32_t e = hoso__nr_extend_body(r, i + l, s->tok1, 1, 0);
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
        if (p < i + best && hoso__nr_person_after_body(r, p, i + best, s->tok1, 0)) {
          pn0 = p;
          gz = p == i + gl ? lz : -1;
        }
      } else if (hd >= 0 && hoso__gaz_match(r->g, d, i, GCM(GC_ORGHEAD), &hl) >= 0) {
        /* an unlisted body: a foreign name after its Vietnamese words */
        int upper = 0;
        for (uint32_t p = i + hl; p + 1 < i + best && !pn0; p++) {
          if (upper && hoso__nr_person_after_body(r, p, i + best, s->tok1, 1)) pn0 = p;
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
      int m = hoso__nr_add_mention(r, i, i + best, ET_ORG, gz, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      for (uint32_t x = i; x < i + best; x++)
        if (!r->claim[x]) r->claim[x] = 2;
      /* "Ngân hàng Thế giới (WB)": the abbreviation is the same body */
      uint32_t e0 = i + best;
      if (e0 + 2 < s->tok1 && is_punct(d, e0, "(") && is_punct(d, e0 + 2, ")") &&
          (d->tok[e0 + 1].flags & NT_ALLCAPS) && !r->claim[e0 + 1] &&
          !hoso__ner_bracket_names_other(d, r->g, e0 + 1, i, i + best)) {
        int am = hoso__nr_add_mention(r, e0 + 1, e0 + 2, ET_ORG, -1, 2);
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
          if (hoso__nr_add_mention(r, x, x + il, ET_ORG, ig, 0) == -2) return HOSO_ENOMEM;
          x += il - 1;
        }
      }
      i += best;
      if (pn1 > pn0) {
        int pm = hoso__nr_add_mention(r, pn0, pn1, ET_PER, -1, 0);
        if (pm == -2) return HOSO_ENOMEM;
        if (pm < 0) return HOSO_OK;
        for (uint32_t x = pn0; x < pn1; x++) r->claim[x] = 1;
        uint32_t e2;
        if (hoso__nr_posts_after(r, pm, pn1, s->tok1, &e2)) return HOSO_ENOMEM;
        i = e2 > pn1 ? e2 : pn1;
      }
      continue;
    }
    i++;
  }
  return HOSO_OK;
}
