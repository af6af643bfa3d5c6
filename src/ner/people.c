/*
** people.c -- the person pass: a rank ("Thượng tướng", "генерал-полковник")
** or a title with its body ("Tổng thống Mỹ", "người đồng nhiệm Mỹ")
** followed by a capitalised name is a person; the post stated before a
** rank or after the name (", Thứ trưởng Bộ Quốc phòng") is attached.
**
** Ownership: adds mentions and posts through the run (rules.h).
*/
#include <stdint.h>

#include "ner/ner.h"
#include "ner/rules.h"

int hoso__nr_people(hoso__nrun *r, const hoso__nsent *s) {
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
      uint32_t n0 = i + l, n1 = hoso__nr_name_run(r, n0, s->tok1, 1);
      if (n1 == n0) { /* a rank without a name */
        i += l;
        continue;
      }
      for (uint32_t x = i; x < n1; x++) r->claim[x] = 1;
      int m = hoso__nr_add_mention(r, n0, n1, ET_PER, -1, 0);
      if (m == -2) return HOSO_ENOMEM;
      if (m < 0) return HOSO_OK;
      r->rank_of_men[m] = rk;
      if (pend1 == (int64_t)i) {
        if (hoso__nr_add_post(r, m, (uint32_t)pend0, (uint32_t)pend1)) return HOSO_ENOMEM;
        hoso__nr_post_untold(r, (uint32_t)pend0); /* the rank's person holds it */
      }
      pend0 = pend1 = -1;
      uint32_t e;
      if (hoso__nr_posts_after(r, m, n1, s->tok1, &e)) return HOSO_ENOMEM;
      i = e > n1 ? e : n1;
      continue;
    }
    int tg = hoso__gaz_match(r->g, d, i, GCM(GC_TITLE), &l);
    /* royal titles (models/gazetteers/titles_royal.tsv): also in lower
    ** case, and a single given name after them is a name */
    int royal = tg >= 0 && hoso__nr_value_at(r, i, GC_TITLE, 4, "royal") == l;
    /* any title in lower case opens a post when a name follows it
    ** ("người đồng nhiệm Mỹ Colin Powell", "tổng thống Bush") */
    if (tg >= 0) {
      uint32_t b0 = i + l;
      uint32_t e = hoso__nr_extend_body(r, b0, s->tok1, 0, 1);
      if (e < b0) e = b0;
      e = hoso__nr_body_at_place(r, b0, e, s->tok1, 0);
      /* "Tổng thống Mỹ Donald Trump": the last country in the body,
      ** followed by a name, ends the post */
      uint32_t split = e > b0 ? hoso__nr_name_in_body(r, b0, e, s->tok1) : 0;
      if (!split && b0 == e) {
        uint32_t nr = hoso__nr_name_run(r, b0, s->tok1, 0);
        if (nr > b0 && nr - b0 >= 2) split = b0; /* "Thủ tướng Phạm Minh Chính" */
      }
      if (!split && royal && b0 < s->tok1 && (d->tok[b0].flags & NT_WORD) && is_upper(d, b0) &&
          hoso__nr_name_run(r, b0, s->tok1, 0) > b0)
        split = b0; /* "Thái tử Willem-Alexander", "nữ hoàng Beatrix" */
      if (!split && !is_upper(d, i) && !(d->tok[i].flags & NT_CYR)) {
        /* a title in lower case names no one here; with its country it
        ** may still tell a post ("tổng thống Nga", "người đứng đầu nước
        ** Nga": postref.c keeps those with a country) */
        if (e > b0 && hoso__nr_post_told(r, i, b0, e, tg)) return HOSO_ENOMEM;
        i += l;
        continue;
      }
      for (uint32_t x = i; x < b0; x++) r->claim[x] = 3;
      if (split)
        for (uint32_t x = b0; x < split; x++)
          if (!r->claim[x]) r->claim[x] = 5; /* the post's body: places and bodies may be in it */
      if (split) {
        uint32_t n1 = hoso__nr_name_run(r, split, s->tok1, 1);
        if (n1 <= split) { i++; continue; }
        for (uint32_t x = split; x < n1; x++) r->claim[x] = 1;
        int m = hoso__nr_add_mention(r, split, n1, ET_PER, -1, 0);
        if (m == -2) return HOSO_ENOMEM;
        if (m < 0) return HOSO_OK;
        /* "người đồng nhiệm G W Bush": a relation, not a post, unless a
        ** body or country follows it ("người đồng nhiệm Mỹ") */
        int relation = split == b0 && hoso__nr_value_at(r, i, GC_TITLE, 4, "relation") == l;
        if (!relation && hoso__nr_add_post(r, m, i, split)) return HOSO_ENOMEM;
        uint32_t e2;
        if (hoso__nr_posts_after(r, m, n1, s->tok1, &e2)) return HOSO_ENOMEM;
        i = e2 > n1 ? e2 : n1;
        continue;
      }
      pend0 = i;
      pend1 = e;
      /* a post told without a name, unless a rank takes it below */
      if (hoso__nr_post_told(r, i, b0, e > b0 ? e : b0, tg)) return HOSO_ENOMEM;
      i = e > i ? e : i + 1;
      continue;
    }
    i++;
  }
  return HOSO_OK;
}
