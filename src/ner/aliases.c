/*
** aliases.c -- a person named again: the full name, a foreign surname or
** a Vietnamese given name alone, the last two words of a long foreign
** name (aliases); and a short form of a name referring to a longer one
** elsewhere in the article (short forms).
**
** Ownership: adds mentions through the run (rules.h) and sets alias_of on
** d's mentions; the candidate table is freed before returning.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"

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

/* Where the input gives words (CoNLL), does token e continue the word of
** the token before it in lower case ("Phương_thức", "Thành_ra")? A name
** ending there would cut a word in two. */
static int mid_word(const hoso__ndoc *d, uint32_t e) {
  return e < d->ntok && (d->tok[e].flags & NT_WCONT) && !is_upper(d, e);
}

/* Try mention m as the referent of an alias at token i (len tokens for a
** full name, 1 for a single name). Returns 1 if added, 0 if not, <0 on
** error. */
static int try_alias(hoso__nrun *r, uint32_t i, uint32_t m, int single) {
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
    int x = hoso__nr_add_mention(r, i, i + len, ET_PER, -1, 2);
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
  int x = hoso__nr_add_mention(r, i, i + 1, ET_PER, -1, 2);
  if (x == -2) return -1;
  if (x < 0) return 0;
  d->men[x].alias_of = (int)m;
  r->claim[i] = 1;
  return 1;
}

/* The last two words of a longer foreign name ("Xanana Gusmao" after
** "Kay Rala Xanana Gusmao"). */
static int try_suffix_alias(hoso__nrun *r, uint32_t i, uint32_t m) {
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
  int x = hoso__nr_add_mention(r, i, i + 2, ET_PER, -1, 2);
  if (x == -2) return -1;
  if (x < 0) return 0;
  d->men[x].alias_of = (int)m;
  r->claim[i] = r->claim[i + 1] = 1;
  return 1;
}

int hoso__nr_aliases(hoso__nrun *r) {
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

/* Words of the name longer than one letter (rules.h). */
uint32_t hoso__nr_name_words(const hoso__ndoc *d, const hoso__mention *m) {
  uint32_t n = 0;
  for (uint32_t t = m->tok0; t < m->tok1; t++)
    n += (d->tok[t].flags & NT_WORD) && d->tok[t].len > 1;
  return n;
}
/* Every word of the name, initials too. */
static uint32_t all_words(const hoso__ndoc *d, const hoso__mention *m) {
  uint32_t n = 0;
  for (uint32_t t = m->tok0; t < m->tok1; t++) n += (d->tok[t].flags & NT_WORD) != 0;
  return n;
}

/* 1 if mentions a and b are the same words (match keys). */
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

/* A person named in short ("N. Bagabandi", "Xanana Gusmao", "Takashima",
** "Bush" in a title before "G W Bush") and the full name ("Natsagyn
** Bagabandi", "Kay Rala Xanana Gusmao"): every word of the short form,
** initials aside, is a word of a longer name in the article (more words;
** as many, and more initials: "Bush" and "G W Bush"). The longer names before the short form are asked
** first ("ông Kim" after "Kim Jong-Il" and before "Kim Hong-Je"): it
** refers to the one longer name among them, else, when none is before it,
** to the one longer name after it. Bounded: pages with very many names
** skip this (their names are matched by the other rules). */
int hoso__nr_short_forms(hoso__nrun *r) {
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
      uint32_t wa = hoso__nr_name_words(d, sa), wb = hoso__nr_name_words(d, lb);
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
