/*
** brackets.c -- words a text defines in brackets: "Nhật Bản (NB)",
** "Lực lượng Thanh niên Xung phong (TNXP) TPHCM", "Ngân hàng Thế giới
** (WB)". One word in capitals alone in brackets stands, for the rest of
** the text, for the words before it; defined again after the same words
** (or for the same owner) it stays, defined after others it stands for
** neither. The uses -- countries and places (abbrev.c), a body's
** initials and a body's bracket (group.c), the bracket right after a body
** the organisation pass found (orgs.c) -- each say which brackets define
** what; the table and what "defined again" means are here.
**
** Whichever use, a bracket naming another thing than the words before it
** defines nothing (hoso__ner_bracket_names_other): "Chương trình Phát
** triển Liên Hợp Quốc (UNDP)" (the tagger's body is the listed UN, whose
** short forms are listed with it), "Hội đồng Bảo an Liên Hiệp Quốc (LHQ)"
** (the word listed for the UN, not the Council), "Công ty hải sản 404
** (QK9)" (a number the company's name lacks: its military region).
**
** Ownership: a table is a value the caller owns (on its stack); nothing
** is allocated.
*/
#include <string.h>

#include "ner/ner.h"

int hoso__ner_bracketed_word(const hoso__ndoc *d, uint32_t x) {
  if (x == 0 || x + 1 >= d->ntok) return 0;
  const hoso__ntok *o = &d->tok[x - 1], *c = &d->tok[x + 1], *w = &d->tok[x];
  return (o->flags & NT_PUNCT) && o->len == 1 && d->text[o->off] == '(' &&
         (c->flags & NT_PUNCT) && c->len == 1 && d->text[c->off] == ')' &&
         (w->flags & (NT_ALLCAPS | NT_WORD)) == (NT_ALLCAPS | NT_WORD) && w->len >= 2;
}

/* Does token t's text hold the digit run r[0..n) as a whole run? */
static int holds_number(const hoso__ndoc *d, uint32_t t, const char *r, size_t n) {
  const char *s = d->text + d->tok[t].off;
  size_t len = d->tok[t].len;
  for (size_t i = 0; i + n <= len; i++) {
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    if (i + n < len && s[i + n] >= '0' && s[i + n] <= '9') continue;
    if (!memcmp(s + i, r, n)) return 1;
  }
  return 0;
}

int hoso__ner_bracket_names_other(const hoso__ndoc *d, const hoso__gaz *g, uint32_t x,
                                  uint32_t w0, uint32_t w1) {
  uint32_t l;
  /* the word is listed for an entry other than the words' own */
  int wx = hoso__gaz_match(g, d, x, GCM(GC_ORG) | GCM(GC_GPE) | GCM(GC_LOC), &l);
  int ww = hoso__gaz_match(g, d, w0, GCM(GC_ORG) | GCM(GC_GPE) | GCM(GC_LOC), &l);
  if (ww >= 0 && w0 + l != w1) ww = -1;
  const hoso__gentry *ex = wx >= 0 ? hoso__gaz_entry(g, wx) : NULL;
  const hoso__gentry *ew = ww >= 0 ? hoso__gaz_entry(g, ww) : NULL;
  if (ex && (!ew || ex->nf < 3 || ew->nf < 3 || strcmp(ex->f[2], ew->f[2]))) return 1;
  if (ex) return 0; /* listed for the words' own entry ("... (APEC)") */
  /* the words are a listed body, whose short forms are listed with it,
  ** unless the word is their initials ("Quốc hội (QH)") */
  if (ew && ew->cls == GC_ORG && !hoso__ner_initials(d, x, w0, w1)) return 1;
  /* a number the words do not hold, and letters that are not the
  ** initials of their first words */
  const char *s = d->text + d->tok[x].off;
  size_t len = d->tok[x].len;
  for (size_t i = 0; i < len;) {
    if (s[i] < '0' || s[i] > '9') {
      i++;
      continue;
    }
    size_t j = i;
    while (j < len && s[j] >= '0' && s[j] <= '9') j++;
    int held = 0;
    for (uint32_t t = w0; t < w1 && !held; t++) held = holds_number(d, t, s + i, j - i);
    if (!held) {
      for (uint32_t k = w0 + 1; k <= w1; k++)
        if (hoso__ner_initials(d, x, w0, k)) return 0;
      return 1;
    }
    i = j;
  }
  return 0;
}

void hoso__bdefs_init(hoso__bdefs *t, size_t max) {
  t->n = 0;
  t->max = max < HOSO__BDEFS_CAP ? max : HOSO__BDEFS_CAP;
}

int hoso__bdefs_define(hoso__bdefs *t, const hoso__ndoc *d, uint32_t tok, uint32_t w0,
                       uint32_t w1, int owner, int by, int same) {
  for (size_t j = 0; j < t->n; j++) {
    hoso__bdef *x = &t->a[j];
    if (!hoso__tok_same_text(d, x->tok, tok, 1)) continue;
    if (x->owner < 0) return HOSO__BDEF_AMBIGUOUS;
    int again = same == HOSO__BDEF_SAME_OWNER
                    ? x->owner == owner
                    : x->w1 - x->w0 == w1 - w0 && hoso__tok_same_keys(d, x->w0, w0, w1 - w0);
    if (again) return HOSO__BDEF_AGAIN;
    x->owner = -1;
    return HOSO__BDEF_AMBIGUOUS;
  }
  if (t->n >= t->max) return HOSO__BDEF_FULL;
  t->a[t->n++] = (hoso__bdef){tok, w0, w1, owner, by};
  return HOSO__BDEF_NEW;
}

const hoso__bdef *hoso__bdefs_find(const hoso__bdefs *t, const hoso__ndoc *d, uint32_t tok) {
  for (size_t j = 0; j < t->n; j++)
    if (t->a[j].owner >= 0 && hoso__tok_same_text(d, t->a[j].tok, tok, 1)) return &t->a[j];
  return NULL;
}
