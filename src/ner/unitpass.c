/*
** unitpass.c -- the tagger's last step: military units named in lower
** case by a head word and a number ("sư 23", "lữ 196", "tiểu đoàn 202",
** "sư đoàn bộ binh 23"), which the NER sets annotate as ORG and the tagger,
** seeing lower-case words and a number, leaves out. A unit head word
** (models/gazetteers/unitheads.tsv: WORD entries valued "unithead") that is
** no part of a longer word ("giáo sư", "sư phạm", "lữ hành"), then at most
** UNIT_GAP lower-case syllables ("bộ binh", "số"; no stop word), then a
** number of up to
** four digits, all labelled O by the tagger, are labelled ORG.
** Measured on the gold labels before it was built (VLSP 2016 train, the
** heads above): head + number is ORG 9 of 12 times, with one lower-case
** word between 1 of 2 (the other, "sư đoàn huấn luyện 441", is a unit the
** annotators left out); VLSP 2018 train and dev hold no such unit.
**
** Ownership: works in place on the caller's labels; allocates nothing.
*/
#include <string.h>

#include "ner/model.h"
#include "ner/ner.h"

#define UNIT_GAP 4 /* lower-case syllables between head and number */

/* Length of the longest unit head word at token i, 0 if none. */
static uint32_t unit_head_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t i) {
  return hoso__gaz_value_len(g, d, i, GC_WORD, 2, "unithead");
}

/* Is the head [i, i+h) part of a longer word: a listed word starting
** before it and reaching into it, starting at it and longer, or starting
** inside it and running past its end ("đại đoàn kết"); or, where
** the input gives words, a word running into or out of it? */
static int in_longer_word(const hoso__ndoc *d, const hoso__gaz *g, uint32_t i, uint32_t h,
                          uint32_t t0) {
  uint32_t l;
  if (hoso__gaz_match(g, d, i, GCM(GC_WORD), &l) >= 0 && l > h) return 1;
  for (uint32_t j = i > t0 + 3 ? i - 3 : t0; j < i + h; j++) /* "đại [đoàn kết]" */
    if (j != i && hoso__gaz_match(g, d, j, GCM(GC_WORD), &l) >= 0 && j + l > i &&
        (j < i || j + l > i + h))
      return 1;
  if (d->tok[i].flags & NT_WCONT) return 1;
  return i + h < d->ntok && (d->tok[i + h].flags & NT_WCONT);
}

int hoso__ner_unit_pass(const hoso__ndoc *d, const hoso__gaz *g, uint8_t *lab) {
  if (!d->gm_first) return HOSO_OK;
  for (size_t s = 0; s < d->nsent; s++) {
    const hoso__nsent *se = &d->sent[s];
    for (uint32_t i = se->tok0; i < se->tok1; i++) {
      uint32_t h = unit_head_at(d, g, i);
      if (!h || (d->tok[i].flags & (NT_UPPER | NT_ALLCAPS)) || in_longer_word(d, g, i, h, se->tok0))
        continue;
      uint32_t k = i + h;
      uint32_t sl;
      while (k < se->tok1 && k - (i + h) < UNIT_GAP && (d->tok[k].flags & NT_WORD) &&
             !(d->tok[k].flags & (NT_UPPER | NT_ALLCAPS)) && !unit_head_at(d, g, k) &&
             hoso__gaz_match(g, d, k, GCM(GC_STOP), &sl) < 0) /* "của", "và" end it */
        k++;
      if (k >= se->tok1 || !(d->tok[k].flags & NT_NUM) || d->tok[k].len > 4) continue;
      const char *p = d->text + d->tok[k].off;
      int digits = 1;
      for (uint32_t c = 0; c < d->tok[k].len; c++) digits &= p[c] >= '0' && p[c] <= '9';
      int free_span = digits;
      for (uint32_t x = i; x <= k && free_span; x++) free_span = lab[x] == 0;
      /* the number opens no longer word ("23_tuổi") */
      if (!free_span || (k + 1 < se->tok1 && (d->tok[k + 1].flags & NT_WCONT))) continue;
      lab[i] = NER_LABEL_B(ET_ORG);
      for (uint32_t x = i + 1; x <= k; x++) lab[x] = NER_LABEL_I(ET_ORG);
      i = k;
    }
  }
  return HOSO_OK;
}
