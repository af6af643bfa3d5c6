/*
** cues.c -- what is at a token of a sentence: a mention, a comma, a cue of
** models/events/words.tsv (by its value), a trigger, a word of a post, a
** document's name, a pronoun, a delegation. Read-only tests on the
** document; nothing is allocated.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* Mentions starting in [a, b) of the types in mask (bit per etype). */
int hoso__ev_mention_at(const hoso__ndoc *d, const slice *sl, uint32_t a,
                        uint32_t b, unsigned mask) {
  for (size_t k = 0; k < sl->n; k++) {
    const hoso__mention *x = &d->men[sl->m[k]];
    if (x->tok0 >= a && x->tok0 < b && (mask & (1u << x->type))) return (int)sl->m[k];
  }
  return -1;
}

int hoso__ev_is_comma(const hoso__ndoc *d, uint32_t i) {
  return (d->tok[i].flags & NT_PUNCT) && d->tok[i].len == 1 &&
         d->text[d->tok[i].off] == ',';
}

/* The nearest document name ("hiệp định ...") that ends at or before x,
** looking back at most `back` tokens but not before lo (nor, with
** stop_comma, past a comma): its tokens in [*o0, *o1) and its static
** object; 1 when found. */
int hoso__ev_doc_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                        uint32_t x, uint32_t back, int stop_comma, uint32_t *o0,
                        uint32_t *o1, const char **obj) {
  for (uint32_t y = x; y > lo && x - y < back;) {
    y--;
    if (stop_comma && hoso__ev_is_comma(d, y)) break;
    uint32_t dl;
    int de = hoso__gaz_match(g, d, y, GCM(GC_DOC), &dl);
    if (de >= 0 && y + dl <= x) {
      *o0 = y;
      *o1 = y + dl;
      *obj = hoso__gaz_entry(g, de)->f[2];
      return 1;
    }
  }
  return 0;
}

/* "hạng Nhất", "hạng Ba" at token k: an honour's class (STATUS entries
** with the value "grade" in models/events/words.tsv). */
int hoso__ev_grade_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  uint32_t l;
  int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
  return c >= 0 && l == 2 && !strcmp(hoso__gaz_entry(g, c)->f[2], "grade");
}

/* Is a STATUS cue with this value in [a, b)? */
int hoso__ev_cue_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                         uint32_t b, const char *value) {
  for (uint32_t k = a; k < b; k++) {
    uint32_t l;
    int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
    if (c >= 0 && !strcmp(hoso__gaz_entry(g, c)->f[2], value)) return 1;
  }
  return 0;
}

/* A STATUS cue with this value starting at token k (its length in *len). */
int hoso__ev_cue_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k,
                    const char *value, uint32_t *len) {
  uint32_t l;
  if (k >= d->ntok) return 0;
  int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
  if (c < 0 || strcmp(hoso__gaz_entry(g, c)->f[2], value)) return 0;
  if (len) *len = l;
  return 1;
}

/* Is token k inside a post's name ("Tổng thư ký": not "ký")? */
int hoso__ev_in_title(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  for (uint32_t j = k >= 6 ? k - 6 : 0; j <= k; j++) {
    uint32_t l;
    if (hoso__gaz_match(g, d, j, GCM(GC_TITLE) | GCM(GC_RANK), &l) >= 0 && j + l > k &&
        j < k)
      return 1;
  }
  return 0;
}

/* Start of the next trigger (with an event type) in [a, b), else b. */
uint32_t hoso__ev_next_trigger(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                               uint32_t b) {
  for (uint32_t k = a; k < b; k++) {
    uint32_t l;
    int t = hoso__gaz_match(g, d, k, GCM(GC_TRIGGER), &l);
    if (t < 0 || hoso__ev_in_title(d, g, k)) continue;
    const hoso__gentry *e = hoso__gaz_entry(g, t);
    uint32_t gl;
    /* "tặng Huân chương đến Thượng tướng X": "đến" is a visit only
    ** before a country */
    if (e->nf >= 7 && (!strcmp(e->f[4], "COUNTRY") || !strcmp(e->f[4], "GPE")) &&
        (k + l >= d->ntok || hoso__gaz_match(g, d, k + l, GCM(GC_GPE) | GCM(GC_LOC), &gl) < 0)) {
      k += l - 1;
      continue;
    }
    if (e->nf >= 7 && strcmp(e->f[2], "-")) return k;
    k += l - 1; /* a phrase that hides a trigger ("tiếp tục") */
  }
  return b;
}

/* "hai bên", "hai Bộ trưởng" in [a, b), not as in "Bộ Quốc phòng 2 nước"
** (a body of both sides, handled apart). */
int hoso__ev_subject_before(const hoso__ndoc *d, const hoso__gaz *g,
                            const slice *sl, uint32_t a, uint32_t b) {
  for (uint32_t x = a; x < b; x++) {
    uint32_t al;
    int ag = hoso__gaz_match(g, d, x, GCM(GC_AGREE), &al);
    if (ag < 0 || strcmp(hoso__gaz_entry(g, ag)->f[2], "subject") || x + al > b) continue;
    int after_body = 0;
    for (size_t q = 0; q < sl->n; q++)
      if (d->men[sl->m[q]].type == ET_ORG && d->men[sl->m[q]].tok1 == x) after_body = 1;
    /* the subject of the clause: opening the sentence, or just before
    ** the trigger ("hai bên đã ký") -- not "hợp tác giữa hai nước" */
    if (!after_body && (x <= a + 1 || x + al + 3 >= b)) return 1;
  }
  return 0;
}

/* The length of a word that joins names and closes a list ("và", "cùng":
** STATUS "and" in models/events/words.tsv) at token k, 0 if none is there. */
uint32_t hoso__ev_and_word_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  uint32_t l;
  return hoso__ev_cue_any(d, g, k, "and", &l) ? l : 0;
}

/* Is the mention followed by a verb of saying ("X cho biết", "X nói")? Then
** X reports the event, unless the sentence is framed by it. */
int hoso__ev_says(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  return x->tok1 < d->ntok && d->tok[x->tok1].sent == d->tok[x->tok0].sent &&
         hoso__ev_cue_at(d, g, x->tok1, "said", NULL);
}

int hoso__ev_says_apart(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  uint32_t l;
  if (x->tok1 >= d->ntok || d->tok[x->tok1].sent != d->tok[x->tok0].sent ||
      !hoso__ev_cue_at(d, g, x->tok1, "said", &l) || x->tok1 + l >= d->ntok)
    return 0;
  const hoso__ntok *t = &d->tok[x->tok1 + l];
  return (t->flags & NT_PUNCT) && (d->text[t->off] == ',' || d->text[t->off] == ':');
}

/* Is a word that closes a list ("và", "cùng": STATUS "and") in [a, b)? */
int hoso__ev_and_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++)
    if (hoso__ev_and_word_at(d, g, k)) return 1;
  return 0;
}

/* Is a STATUS cue with this value (among all the entries of its surface:
** "mời" is both "proposed" and "inviter") at token k? */
int hoso__ev_cue_any(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, const char *value,
                     uint32_t *len) {
  if (k >= d->ntok) return 0;
  for (uint32_t m = d->gm_first[k]; m < d->gm_first[k + 1]; m++) {
    if (d->gm[m].cls != GC_STATUS) continue;
    const hoso__gentry *e = hoso__gaz_entry(g, d->gm[m].id);
    if (e && e->nf >= 3 && !strcmp(e->f[2], value)) {
      if (len) *len = d->gm[m].len;
      return 1;
    }
  }
  return 0;
}

/* Does an invitation cue ("theo lời mời của") end right before token end? */
int hoso__ev_invite_ends_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t end) {
  for (uint32_t j = end >= 5 ? end - 5 : 0; j < end; j++) {
    uint32_t l;
    if (hoso__ev_cue_at(d, g, j, "invite", &l) && j + l == end) return 1;
  }
  return 0;
}

/* Is "đoàn", "phái đoàn" (STATUS "delegation") the subject in [lo, hi), with no
** comma after it? 2 when it is "of both countries" ("đoàn hai nước", "hai
** đoàn"), else 1; 0 when not there. */
int hoso__ev_delegation_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                               uint32_t hi) {
  for (uint32_t k = hi; k > lo;) {
    k--;
    if (hoso__ev_is_comma(d, k)) return 0;
    uint32_t l;
    if (!hoso__ev_cue_any(d, g, k, "delegation", &l)) continue;
    /* the nearest one; both sides when "hai" is next to it */
    for (uint32_t j = k > lo + 1 ? k - 1 : lo; j < hi && j < k + l + 8; j++) {
      uint32_t al;
      int ag = hoso__gaz_match(g, d, j, GCM(GC_AGREE), &al);
      if (ag >= 0 && !strcmp(hoso__gaz_entry(g, ag)->f[2], "subject")) return 2;
    }
    return 1;
  }
  return 0;
}

/* Does a frame cue ("trong cuộc", "tại buổi": STATUS "frame") end right
** before the trigger at token i? */
int hoso__ev_frame_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                          uint32_t i) {
  for (uint32_t x = i > s->tok0 + 4 ? i - 4 : s->tok0; x < i; x++) {
    uint32_t fl;
    int fe = hoso__gaz_match(g, d, x, GCM(GC_STATUS), &fl);
    if (fe >= 0 && x + fl == i && !strcmp(hoso__gaz_entry(g, fe)->f[2], "frame")) return 1;
  }
  return 0;
}

/* "X được lãnh đạo TP.HCM tiếp thân mật": a passive cue (STATUS
** "passive") before the trigger at i in its clause, within 8 tokens, and
** a name between them (the agent; not "vui mừng được gặp lại"): the one
** the trigger needs after it is named before it. */
int hoso__ev_passive_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                            const slice *sl, uint32_t i) {
  for (uint32_t x = i; x > s->tok0 && i - x < 8;) {
    x--;
    uint32_t pl;
    if (hoso__ev_is_comma(d, x)) return 0;
    if (hoso__ev_cue_at(d, g, x, "passive", &pl) && x + pl <= i)
      return hoso__ev_mention_at(d, sl, x + pl, i,
                        (1u << ET_PER) | (1u << ET_ORG) | (1u << ET_GPE) | (1u << ET_LOC)) >= 0;
  }
  return 0;
}

/* A pronoun standing for a person ("ông", "bà", "ngài": STATUS "pronoun"
** in models/events/words.tsv) in [lo, hi), the nearest to hi with no
** comma after it and no name right after it ("ông Putin" is a name). */
int hoso__ev_pronoun_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo, uint32_t hi) {
  for (uint32_t k = hi; k > lo;) {
    k--;
    if (hoso__ev_is_comma(d, k)) return 0;
    uint32_t l;
    if (hoso__ev_cue_at(d, g, k, "pronoun", &l) && k + l <= hi) {
      uint32_t nx = k + l;
      if (nx < d->ntok && (d->tok[nx].flags & NT_WORD) &&
          (d->tok[nx].flags & (NT_UPPER | NT_ALLCAPS)))
        return 0;
      return 1;
    }
  }
  return 0;
}
