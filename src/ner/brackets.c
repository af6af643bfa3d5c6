/*
** brackets.c -- words a text defines in brackets: "Nhật Bản (NB)",
** "Lực lượng Thanh niên Xung phong (TNXP) TPHCM", "Ngân hàng Thế giới
** (WB)". One word in capitals alone in brackets stands, for the rest of
** the text, for the words before it; defined again after the same words
** (or for the same owner) it stays, defined after others it stands for
** neither. The three uses -- countries and places (abbrev.c), a body's
** initials and a body's bracket (group.c) -- each say which brackets
** define what; the table and what "defined again" means are here.
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
