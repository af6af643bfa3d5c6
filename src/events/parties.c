/*
** parties.c -- who takes part in an event read at a trigger: the people or
** bodies on each side of it (pick), posts stated without a name
** (title_refs), the heads of delegations, the person a sentence is about,
** "giữa A và B", and who is only a source or a reporter ("Theo ông X",
** "X cho biết").
**
** Ownership: adds participants to the event it is given (record.c);
** allocates nothing else.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* The two countries the article's people come from, most named first. */
void hoso__ev_sides(const hoso__ndoc *d, const char **s1, const char **s2,
                    int *e1, int *e2) {
  *s1 = *s2 = NULL;
  *e1 = *e2 = -1;
  for (size_t i = 0; i < d->nents; i++) {
    const hoso__entity *e = &d->ents[i];
    if (e->type != ET_PER || !e->country[0]) continue;
    if (!*s1) *s1 = e->country;
    else if (!*s2 && strcmp(*s1, e->country)) *s2 = e->country;
  }
  /* the GPE entities naming those countries */
  for (size_t i = 0; i < d->nents; i++) {
    const hoso__entity *e = &d->ents[i];
    if (e->type != ET_GPE || !e->country[0]) continue;
    if (*s1 && *e1 < 0 && !strcmp(e->country, *s1)) *e1 = (int)i;
    if (*s2 && *e2 < 0 && !strcmp(e->country, *s2)) *e2 = (int)i;
  }
}

const char *hoso__ev_role_of(const char *spec, int right, int *all) {
  /* spec "LEFT,RIGHT" with optional '*' */
  static const char *const roles[] = {"participant", "host", "guest",
                                      "signatory", "presenter", "recipient"};
  const char *p = spec;
  if (right) {
    p = strchr(spec, ',');
    if (!p) return NULL;
    p++;
  }
  size_t n = strcspn(p, ",*");
  *all = p[n] == '*';
  for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
    if (strlen(roles[i]) == n && !memcmp(roles[i], p, n)) return roles[i];
  return NULL;
}

/* "Theo ông X, ...": X is where the news comes from, not a participant. */
int hoso__ev_is_source(const hoso__ndoc *d, const hoso__gaz *g,
                       const hoso__mention *x, const hoso__nsent *s) {
  /* the cue right before the name, or before the post stated with it
  ** ("Theo Đại sứ Canada tại Việt Nam Richard Lecoq"): up to 10 words
  ** back while no comma intervenes */
  for (uint32_t k = x->tok0; k > s->tok0 && x->tok0 - k < 10;) {
    k--;
    if (hoso__ev_is_comma(d, k)) break;
    uint32_t l;
    int st = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
    if (st >= 0 && !strcmp(hoso__gaz_entry(g, st)->f[2], "source")) {
      if (x->tok0 - k < 3) return 1;
      /* further back only over a post: its head is listed */
      uint32_t tl;
      if (k + l < x->tok0 && hoso__gaz_match(g, d, k + l, GCM(GC_TITLE) | GCM(GC_RANK), &tl) >= 0)
        return 1;
      return 0;
    }
  }
  return 0;
}

/* Do the n tokens at a and at b have the same match keys? */
static int same_words(const hoso__ndoc *d, uint32_t a, uint32_t b, uint32_t n) {
  for (uint32_t t = 0; t < n; t++) {
    size_t na, nb;
    const char *ka = hoso__tok_key(d, a + t, &na);
    const char *kb = hoso__tok_key(d, b + t, &nb);
    if (na != nb || memcmp(ka, kb, na)) return 0;
  }
  return 1;
}

/* The post told without a name that the entity stage recorded at token k
** (d->postrefs, linked to their holders by src/ner/postref.c), standing
** (not dropped), of one holder (not plural) and ending by hi: it, or NULL. */
static const hoso__postref *told_post_at(const hoso__ndoc *d, uint32_t k, uint32_t hi) {
  for (size_t i = 0; i < d->npostrefs; i++) {
    const hoso__postref *p = &d->postrefs[i];
    if (p->tok0 > k) break;
    if (p->tok0 == k && !p->dropped && !p->plural && p->tok1 <= hi) return p;
  }
  return NULL;
}

/* Posts named without a name in [lo, hi): see internal.h. */
int hoso__ev_title_refs(const hoso__ndoc *d, const hoso__gaz *g, hoso__event *ev,
                        uint32_t lo, uint32_t hi, const char *role, int all) {
  for (uint32_t k = lo; k < hi; k++) {
    uint32_t l;
    /* a post the entity stage linked to its holder ("Tổng thống Mỹ", "Người
    ** đứng đầu nước Nga": src/ner/postref.c) */
    const hoso__postref *tp = told_post_at(d, k, hi);
    if (tp && tp->holder >= 0) {
      if (hoso__ev_add_part(ev, tp->holder, NULL, d->ents[tp->holder].country, role)) return -1;
      if (!all) return 0;
      k = tp->tok1 - 1;
      continue;
    }
    if (hoso__gaz_match(g, d, k, GCM(GC_TITLE), &l) < 0 ||
        !(d->tok[k].flags & (NT_UPPER | NT_ALLCAPS)) || k + l > hi)
      continue;
    /* the post as stated runs on over capitalised words ("Bộ trưởng
    ** Ngoại giao Chile"): compare all of it */
    for (;;) {
      if (k + l >= hi || !(d->tok[k + l].flags & NT_WORD)) break;
      if (d->tok[k + l].flags & (NT_UPPER | NT_ALLCAPS)) {
        l++;
        continue;
      }
      uint32_t wl; /* second syllable of a capitalised word: "Ngoại giao" */
      if (!(d->tok[k + l - 1].flags & NT_UPPER) ||
          hoso__gaz_match(g, d, k + l - 1, GCM(GC_WORD), &wl) < 0 || wl != 2)
        break;
      l++;
    }
    int found = -1;
    for (size_t e = 0; e < d->nents && found < 0; e++) {
      const hoso__entity *pe = &d->ents[e];
      if (pe->type != ET_PER) continue;
      for (size_t p = 0; p < pe->nposts && found < 0; p++) {
        const hoso__post *po = &pe->posts[p];
        if (po->tok1 - po->tok0 != l || po->tok0 == k) continue;
        if (same_words(d, k, po->tok0, l)) found = (int)e;
      }
    }
    if (found >= 0) {
      if (hoso__ev_add_part(ev, found, NULL, d->ents[found].country, role)) return -1;
      if (!all) return 0;
    }
    k += l - 1;
  }
  return 0;
}

/* Are tokens [a, b) only what joins two names: "và", ",", "cùng", ranks
** and titles ("A và Thượng tướng B")? */
static int joined(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b;) {
    uint32_t l;
    if (hoso__gaz_match(g, d, k,
                        GCM(GC_RANK) | GCM(GC_TITLE) | GCM(GC_ORG) | GCM(GC_ORGHEAD) | GCM(GC_GPE),
                        &l) >= 0) {
      /* a post in commas after a name, whatever its words: "A, Tư lệnh
      ** Quân đội Mỹ tại Irắc, B"; or, in any case, closed by the word
      ** that closes the list: "trung tướng A, chỉ huy trưởng tại Iraq và
      ** thiếu tướng B" (up to 10 words) */
      if (k > a && hoso__ev_is_comma(d, k - 1) &&
          hoso__gaz_match(g, d, k, GCM(GC_TITLE), NULL) >= 0) {
        uint32_t c = k + l;
        if (d->tok[k].flags & (NT_UPPER | NT_ALLCAPS)) {
          while (c < b && c < k + 10 && !hoso__ev_is_comma(d, c)) c++;
          if (c < b && hoso__ev_is_comma(d, c)) {
            k = c;
            continue;
          }
          c = k + l;
        }
        while (c < b && c < k + 10 && !hoso__ev_is_comma(d, c) && !hoso__ev_and_word_at(d, g, c))
          c++;
        if (c < b && hoso__ev_and_word_at(d, g, c)) {
          k = c;
          continue;
        }
      }
      k += l;
      continue;
    }
    const hoso__ntok *t = &d->tok[k];
    /* the rest of a body's name in a post: "Bộ Kế hoạch - Đầu tư" */
    if ((t->flags & NT_WORD) && (t->flags & (NT_UPPER | NT_ALLCAPS)) && k > a) {
      /* a capitalised word of two syllables, the second in lower case:
      ** "Bộ trưởng Quốc phòng Nga" */
      uint32_t wl;
      k += hoso__gaz_match(g, d, k, GCM(GC_WORD), &wl) >= 0 && wl == 2 && k + 2 <= b ? 2 : 1;
      continue;
    }
    if ((t->flags & NT_PUNCT) && t->len == 1 &&
        (d->text[t->off] == ',' || d->text[t->off] == '(' || d->text[t->off] == ')' ||
         d->text[t->off] == '-')) {
      k++;
      continue;
    }
    int jn = hoso__gaz_match(g, d, k, GCM(GC_AGREE), &l);
    if (jn >= 0 && !strcmp(hoso__gaz_entry(g, jn)->f[2], "join")) {
      k += l;
      continue;
    }
    if ((l = hoso__ev_and_word_at(d, g, k))) {
      k += l;
      continue;
    }
    return 0;
  }
  return 1;
}

/* joined(), also over the post stated before the second person ("A và Bộ
** trưởng Bộ Kế hoạch - Đầu tư B"): its span is skipped. */
static int joined_to(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b,
                     int ent) {
  if (joined(d, g, a, b)) return 1;
  if (ent < 0) return 0;
  const hoso__entity *pe = &d->ents[ent];
  for (size_t p = 0; p < pe->nposts; p++) {
    const hoso__post *po = &pe->posts[p];
    if (po->tok1 == b && po->tok0 >= a && po->tok0 < b && joined(d, g, a, po->tok0)) return 1;
  }
  return 0;
}

/* "chính quyền Bush", "thời Tổng thống X", "gia nhập WTO": a name that
** qualifies a thing, not a person who takes part (STATUS "nonpart" before
** it). */
static int qualifies(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  for (uint32_t k = x->tok0; k > 0 && x->tok0 - k < 6;) {
    k--;
    uint32_t l;
    /* "thỏa thuận WTO", "bản ghi nhớ hợp tác ASEAN": a body right after
    ** a document's name (DOC) is what the document is about, not a
    ** signer (a country there may be a party: "hiệp định Việt Nam - Lào") */
    if (x->type == ET_ORG && hoso__gaz_match(g, d, k, GCM(GC_DOC), &l) >= 0 && k + l == x->tok0)
      return 1;
    if (x->tok0 - k >= 3) continue;
    if (hoso__ev_cue_at(d, g, k, "nonpart", &l) && k + l == x->tok0) return 1;
    /* "danh hiệu Vinh danh Nước Việt", "giải thưởng Hồ Chí Minh": a name
    ** right after an honour's head word is the honour's */
    if (hoso__gaz_match(g, d, k, GCM(GC_AWARDHEAD), &l) >= 0 && k + l == x->tok0) return 1;
  }
  return 0;
}

static int country_party(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                         const hoso__mention *x) {
  if (x->tok0 == 0) return 1;
  uint32_t k = x->tok0 - 1;
  const hoso__ntok *t = &d->tok[k];
  /* "ASEAN - Australia": the pair stands where its first one stands */
  if ((t->flags & NT_PUNCT) && d->text[t->off] == '-' && k > 0) {
    for (size_t q = 0; q < sl->n; q++) {
      const hoso__mention *y = &d->men[sl->m[q]];
      if (y->tok1 == k && y != x) return country_party(d, g, sl, y);
    }
  }
  if (t->sent != d->tok[x->tok0].sent || !(t->flags & NT_WORD) ||
      (t->flags & (NT_UPPER | NT_ALLCAPS)))
    return 1;
  if (hoso__ev_mention_at(d, sl, k, k + 1, 1u << ET_DATE) >= 0) return 1;
  for (uint32_t j = k + 1; j > 0 && x->tok0 - j < 6;) {
    j--;
    uint32_t l;
    if (x->tok0 - j < 3 && hoso__ev_cue_any(d, g, j, "party-link", &l) && j + l == x->tok0)
      return 1;
    /* "Trong khi Ukraine đề nghị ...", "việc Nga sẽ đối thoại ...": the
    ** subject of a clause opened inside the sentence */
    if (j + 1 == x->tok0 && hoso__ev_cue_any(d, g, j, "clause-subject", &l) && j + l == x->tok0)
      return 1;
    /* a post without a name: "Ngoại trưởng Mỹ" stands for its country */
    if (hoso__gaz_match(g, d, j, GCM(GC_TITLE), &l) >= 0 && j + l == x->tok0) return 1;
  }
  return 0;
}

/* "Nhận lời mời của X, ...": is an invitation cue before x (within 12
** words, over X's post) with no other name between? */
static int invited_by(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                      const hoso__mention *x, uint32_t lo) {
  uint32_t a = x->tok0 > lo + 12 ? x->tok0 - 12 : lo;
  for (uint32_t k = x->tok0; k > a;) {
    k--;
    uint32_t l;
    if (hoso__ev_cue_at(d, g, k, "invite", &l) && k + l <= x->tok0) return 1;
    if (hoso__ev_mention_at(d, sl, k, k + 1, (1u << ET_PER)) >= 0 && k < x->tok0) return 0;
    if (hoso__ev_is_comma(d, k)) return 0;
  }
  return 0;
}

/* Where the post stated after person ent's name ends, when it starts at
** token a or after a comma there ("A, Tư lệnh Quân đội Mỹ tại Irắc, ...")
** and ends before b; else a. */
static uint32_t after_post(const hoso__ndoc *d, uint32_t a, uint32_t b, int ent) {
  if (ent < 0) return a;
  const hoso__entity *pe = &d->ents[ent];
  uint32_t end = a;
  for (size_t p = 0; p < pe->nposts; p++) {
    const hoso__post *po = &pe->posts[p];
    if ((po->tok0 == a || (po->tok0 == a + 1 && hoso__ev_is_comma(d, a))) && po->tok1 <= b &&
        po->tok1 > end)
      end = po->tok1;
  }
  return end;
}

/* Is a comma in [a, b)? */
static int comma_between(const hoso__ndoc *d, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++)
    if (hoso__ev_is_comma(d, k)) return 1;
  return 0;
}

/* Can mention x be a party of type `type` in [lo, hi): an entity of that
** type inside the range, not the report's source nor a qualifier of
** another name, and, for a country, one that acts (country_party). */
static int may_take_part(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                         const slice *sl, const hoso__mention *x, int type, uint32_t lo,
                         uint32_t hi) {
  if (x->type != type || x->entity < 0) return 0;
  if (x->tok0 < lo || x->tok1 > hi) return 0;
  if (hoso__ev_is_source(d, g, x, s) || qualifies(d, g, x)) return 0;
  return type != ET_GPE || country_party(d, g, sl, x);
}

/* The people (or bodies) of one side of a trigger, in [lo, hi):
**   dir < 0 (before the trigger): the one nearest the trigger and those
**     joined to it before it ("A và B đã ký"), never further subjects; a
**     person invited by ("Nhận lời mời của X, ... Y đã đến") is the host;
**   dir > 0 (after it): the first one and those joined to it after it
**     ("với A, B và C"), not one who reports the event ("..., X cho
**     biết"); "theo lời mời của X": X is the host.
** all == 0: one only. frame: everyone in the range (a sentence framed by
** the event, "Tại buổi tiếp, ..."). t1 is the token after the trigger. */
int hoso__ev_pick(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                  const slice *sl, hoso__event *ev, uint32_t lo, uint32_t hi, int type,
                  const char *role, int all, int dir, int frame, uint32_t t1, int nominal) {
  if (dir > 0) {
    uint32_t last = 0;
    int got = 0, last_ent = -1, and_seen = 0;
    for (size_t q = 0; q < sl->n; q++) {
      const hoso__mention *x = &d->men[sl->m[q]];
      if (!may_take_part(d, g, s, sl, x, type, lo, hi)) continue;
      if (!frame && hoso__ev_says(d, g, x)) continue;
      const char *r1 =
          hoso__ev_cue_between(d, g, lo > t1 ? lo : t1, x->tok0, "invite") ? "host" : role;
      if (r1 == role && got && !frame) {
        if (x->tok0 < last) continue; /* inside the previous one */
        /* "gặp tướng A, Tư lệnh ... tại Irắc, Đại sứ Mỹ B": over A's post */
        uint32_t from = after_post(d, last, x->tok0, last_ent);
        /* or over a post the entity stage read shorter than stated: "A,
        ** chỉ huy trưởng tại Iraq và B" (joined() skips it whole) */
        if (!all || (!joined_to(d, g, from, x->tok0, x->entity) &&
                     (from == last || !joined_to(d, g, last, x->tok0, x->entity)))) {
          if (ev->part[ev->npart - 1].entity == x->entity) continue;
          break;
        }
        /* "với A, B và C, Quốc vương X ...": a list closed by "và" ends
        ** there; a name after a further comma opens the next clause */
        int and_here = hoso__ev_and_between(d, g, from, x->tok0);
        if (and_seen && !and_here) break;
        /* "Ngoài cuộc gặp với A, Thủ tướng X còn có cuộc tiếp xúc với B":
        ** a name after a comma followed within 4 tokens, no comma, by the
        ** next trigger (hi, before the sentence's end) is that trigger's
        ** subject, not one more of this list */
        if (!and_here && hi < s->tok1 && hi - x->tok1 <= 4 && !comma_between(d, x->tok1, hi))
          break;
        and_seen |= and_here;
      }
      if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, r1)) return -1;
      if (r1 == role) {
        got = 1;
        last = x->tok1;
        last_ent = x->entity;
        if (!all) break;
      }
    }
    return 0;
  }
  int near = -1;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (!may_take_part(d, g, s, sl, x, type, lo, hi)) continue;
    if (frame) {
      if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, role)) return -1;
      continue;
    }
    /* "X nêu rõ chuyến thăm này ...": X speaks of the event named as a
    ** thing, and is not its subject; "X đưa tin, hai vợ chồng sẽ thăm
    ** ...": X reports it (but "X cho biết, ông sẽ gặp": X is "ông") */
    if (nominal && hoso__ev_says(d, g, x)) continue;
    if (hoso__ev_says_apart(d, g, x) && hoso__ev_subject_before(d, g, sl, x->tok1, hi)) continue;
    if (type == ET_PER && invited_by(d, g, sl, x, lo)) {
      if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, "host")) return -1;
      continue;
    }
    near = (int)q;
  }
  if (near < 0) return 0;
  /* "B (Petrovietnam)": the name in brackets right after another of the
  ** same kind is that one's short form */
  for (;;) {
    const hoso__mention *x0 = &d->men[sl->m[near]];
    int pq = -1;
    for (int q = near - 1; q >= 0 && pq < 0; q--) {
      const hoso__mention *p0 = &d->men[sl->m[q]];
      if (p0->type == x0->type && p0->entity >= 0 && p0->tok0 >= lo && p0->tok1 + 1 == x0->tok0)
        pq = q;
    }
    if (pq < 0 || x0->tok0 < 1) break;
    const hoso__ntok *br = &d->tok[x0->tok0 - 1];
    if (!(br->flags & NT_PUNCT) || d->text[br->off] != '(') break;
    near = pq;
  }
  const hoso__mention *x = &d->men[sl->m[near]];
  if (hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, role)) return -1;
  uint32_t head = x->tok0;
  for (int q = near - 1; all && q >= 0; q--) {
    const hoso__mention *y = &d->men[sl->m[q]];
    if (y->type != type || y->entity < 0 || y->tok1 > head || y->tok0 < lo) continue;
    if (y->entity == x->entity) { /* "Ngân hàng Thế giới (WB)" */
      head = y->tok0;
      continue;
    }
    /* "A (Thái Lan) và B (Petrovietnam)": skip a bracketed short form */
    if (y->tok0 >= 1 && (d->tok[y->tok0 - 1].flags & NT_PUNCT) &&
        d->text[d->tok[y->tok0 - 1].off] == '(' && q > 0 &&
        d->men[sl->m[q - 1]].tok1 + 1 == y->tok0 && d->men[sl->m[q - 1]].type == y->type) {
      head = y->tok0;
      continue;
    }
    if (!joined_to(d, g, y->tok1, head, x->entity)) break;
    if (hoso__ev_add_part(ev, y->entity, NULL, d->ents[y->entity].country, role)) return -1;
    head = y->tok0;
  }
  return 0;
}

/* The person named right after token t1, over their post and rank
** ("thăm Chủ tịch Cuba Fidel Castro"): the mention, or -1. Only words of
** a post (titles, ranks, countries, bodies, capitalised words) and "ông",
** "bà" may come between. */
int hoso__ev_person_after(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
                          uint32_t hi) {
  int m = -1;
  for (size_t q = 0; q < sl->n && m < 0; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type == ET_PER && x->entity >= 0 && x->tok0 >= t1 && x->tok0 < t1 + 12 &&
        x->tok1 <= hi)
      m = (int)sl->m[q];
  }
  if (m < 0) return -1;
  uint32_t a = d->men[m].tok0;
  for (uint32_t k = t1; k < a; k++)
    if (hoso__ev_is_comma(d, k)) return -1;
  if (a == t1 || joined_to(d, g, t1, a, d->men[m].entity)) return m;
  /* the post as the entity stage read it */
  const hoso__entity *pe = &d->ents[d->men[m].entity];
  for (size_t p = 0; p < pe->nposts; p++)
    if (pe->posts[p].tok0 == t1 && pe->posts[p].tok1 == a) return m;
  return -1;
}

/* The token right after the first "của" (STATUS "of") within 6 tokens
** after t1 and before hi, where the one it names begins; 0 when there is
** none or it closes an invitation ("theo lời mời của X": X is the host).
** Never 0 otherwise: "của" follows the trigger, which ends at t1 > 0. */
static uint32_t of_named_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t1,
                            uint32_t hi) {
  for (uint32_t x = t1; x < hi && x < t1 + 6; x++) {
    uint32_t ol;
    if (!hoso__ev_cue_at(d, g, x, "of", &ol)) continue;
    return hoso__ev_invite_ends_at(d, g, x + ol) ? 0 : x + ol;
  }
  return 0;
}

/* "chuyến thăm Việt Nam của ông": see internal.h. */
int hoso__ev_of_pronoun(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t1, uint32_t hi) {
  uint32_t a = of_named_at(d, g, t1, hi);
  return a && a < hi && hoso__ev_pronoun_before(d, g, a, a + 1 < hi ? a + 1 : hi);
}

/* "chuyến thăm Mỹ sắp tới của Thủ tướng X", "của cố thủ tướng X": the
** person named right after "của" (STATUS "of") within 6 tokens after t1
** and before hi, over a post or rank and "cố" (STATUS "late") -- not the
** inviter ("theo lời mời của X": the host). Its mention, or -1. */
int hoso__ev_of_person(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
                       uint32_t hi) {
  uint32_t a = of_named_at(d, g, t1, hi), ll, tl;
  if (!a) return -1;
  if (hoso__ev_cue_at(d, g, a, "late", &ll)) a += ll;
  int mi = hoso__ev_mention_at(d, sl, a, a + 1, 1u << ET_PER);
  /* a post between: "của Chủ tịch nước X" */
  if (mi < 0 && hoso__gaz_match(g, d, a, GCM(GC_TITLE) | GCM(GC_RANK), &tl) >= 0)
    for (uint32_t y = a; y < a + 8 && y < hi && mi < 0; y++)
      mi = hoso__ev_mention_at(d, sl, y, y + 1, 1u << ET_PER);
  return mi >= 0 && d->men[mi].entity >= 0 ? mi : -1;
}

/* "Hội kiến với A, B và C, Quốc vương X bày tỏ ...", "Sau khi hội đàm với
** A, X đã ...": a trigger that opens its sentence -- only punctuation, a
** date and its comma, or an opening cue (STATUS "opening") before it --
** has its subject after the comma that closes its clause, which ends at
** token end (after the trigger and the people it took): the person
** opening the next clause, over their post. The mention, or -1. */
int hoso__ev_subject_after_opening(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                                   const slice *sl, uint32_t i, uint32_t end) {
  uint32_t c = s->tok0, ol;
  while (c < i) {
    int dm = hoso__ev_mention_at(d, sl, c, c + 1, 1u << ET_DATE);
    if (d->tok[c].flags & NT_PUNCT) c++;
    else if (dm >= 0 && d->men[dm].tok1 > c) c = d->men[dm].tok1;
    else if (hoso__ev_cue_at(d, g, c, "opening", &ol)) c += ol;
    else if (c > s->tok0 && hoso__ev_cue_at(d, g, c, "nominal", &ol)) c += ol; /* "Sau cuộc gặp" */
    else break;
  }
  if (c != i) return -1;
  /* the clause closes at the first comma after end, with nobody between */
  for (c = end; c < s->tok1 && !hoso__ev_is_comma(d, c); c++)
    if (hoso__ev_mention_at(d, sl, c, c + 1, (1u << ET_PER) | (1u << ET_ORG)) >= 0) return -1;
  return c + 1 < s->tok1 ? hoso__ev_person_after(d, g, sl, c + 1, s->tok1) : -1;
}

static void add_head(heads *h, int ent, int grp) {
  for (int i = 0; i < h->n; i++)
    if (h->ent[i] == ent) return;
  if (h->n < MAX_HEADS) {
    h->grp[h->n] = grp;
    h->ent[h->n++] = ent;
    if (grp >= h->ngrp) h->ngrp = grp + 1;
  }
}

void hoso__ev_find_heads(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                         const size_t *first, heads *h) {
  h->n = h->ngrp = 0;
  for (size_t si = 0; si < d->nsent && h->n < MAX_HEADS; si++) {
    const hoso__nsent *s = &d->sent[si];
    for (size_t q = first[si]; q < first[si + 1]; q++) {
      const hoso__mention *x = &d->men[idx[q]];
      if (x->type != ET_PER || x->entity < 0) continue;
      if (!hoso__ev_cue_any(d, g, x->tok1, "lead-after", NULL)) continue;
      /* "do A và B dẫn đầu": the people after the nearest "do" (STATUS
      ** "lead-by") before x, the first within 6 words of it, lead with x */
      size_t q0 = q;
      for (uint32_t k = x->tok0; k > s->tok0 && x->tok0 - k < 40;) {
        k--;
        uint32_t l;
        if (!hoso__ev_cue_at(d, g, k, "lead-by", &l) || k + l > x->tok0) continue;
        size_t r = q;
        while (r > first[si] && d->men[idx[r - 1]].tok0 >= k + l) r--;
        while (r < q && (d->men[idx[r]].type != ET_PER || d->men[idx[r]].entity < 0)) r++;
        if (d->men[idx[r]].tok0 < k + l + 6) q0 = r;
        break;
      }
      int grp = h->ngrp;
      for (size_t r = q0; r <= q; r++) {
        const hoso__mention *y = &d->men[idx[r]];
        if (y->type == ET_PER && y->entity >= 0) add_head(h, y->entity, grp);
      }
    }
    for (uint32_t k = s->tok0; k < s->tok1; k++) {
      uint32_t l;
      if (!hoso__ev_cue_any(d, g, k, "lead-before", &l)) continue;
      for (size_t q = first[si]; q < first[si + 1]; q++) {
        const hoso__mention *x = &d->men[idx[q]];
        if (x->type != ET_PER || x->entity < 0 || x->tok0 < k + l) continue;
        uint32_t c = k + l;
        while (c < x->tok0 && !hoso__ev_is_comma(d, c)) c++;
        if (c == x->tok0 && x->tok0 < k + l + 16) add_head(h, x->entity, h->ngrp);
        break;
      }
    }
  }
}

/* The person a sentence is about, for a pronoun or a post without a name
** in the sentences after it: the first participant of the sentence's first
** event when a person, else the person named first when named early (in
** the first 12 words, not as a source: "Theo ông X"), else the topic so far. */
int hoso__ev_sentence_topic(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                            const slice *sl, const hoso__events *out, size_t n_before,
                            int topic) {
  for (size_t k = n_before; k < out->n; k++) {
    const hoso__event *ev = &out->ev[k];
    if (ev->npart && ev->part[0].entity >= 0 && d->ents[ev->part[0].entity].type == ET_PER)
      return ev->part[0].entity;
  }
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0) continue;
    if (x->tok0 < s->tok0 + 12 && !hoso__ev_is_source(d, g, x, s) && !hoso__ev_says(d, g, x))
      return x->entity;
    break;
  }
  return topic;
}

/* "cuộc hội đàm giữa A với lãnh đạo nước cộng hòa tự trị Adzharia B",
** "Tuyên bố được ký kết ngày hôm qua giữa A và B": a cue of the kind
** "between" after the trigger (token t1; within 6 words, no comma or
** person between); the first person after it, then "với" or "và" (STATUS
** "pair-join") right
** after that name, and the first person after that within 12 words, no
** comma between: A and B take part, whatever describes B. */
int hoso__ev_between_second(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                            hoso__event *ev, uint32_t t1, uint32_t hi, const char *role) {
  uint32_t c = t1;
  while (c < hi && c < t1 + 6 && !hoso__ev_is_comma(d, c) &&
         !hoso__ev_cue_at(d, g, c, "between", NULL) &&
         hoso__ev_mention_at(d, sl, c, c + 1, 1u << ET_PER) < 0)
    c++;
  if (c >= hi || !hoso__ev_cue_at(d, g, c, "between", NULL)) return 0;
  t1 = c;
  int m1 = -1;
  for (size_t q = 0; q < sl->n && m1 < 0; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type == ET_PER && x->entity >= 0 && x->tok0 > t1 && x->tok1 <= hi) m1 = (int)sl->m[q];
  }
  if (m1 < 0) return 0;
  uint32_t k = d->men[m1].tok1, wl;
  if (k >= hi || !hoso__ev_cue_any(d, g, k, "pair-join", &wl)) return 0; /* "với", "và" */
  k += wl;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < k || x->tok1 > hi) continue;
    if (x->tok0 >= k + 12) return 0;
    for (uint32_t y = k; y < x->tok0; y++)
      if (hoso__ev_is_comma(d, y)) return 0;
    return hoso__ev_add_part(ev, d->men[m1].entity, NULL, d->ents[d->men[m1].entity].country,
                             role) ||
           hoso__ev_add_part(ev, x->entity, NULL, d->ents[x->entity].country, role);
  }
  return 0;
}

uint32_t hoso__ev_party_after_link(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                                   uint32_t t1, uint32_t hi, int type, int need_link) {
  uint32_t l = 0;
  if (t1 >= hi || (!hoso__ev_cue_any(d, g, t1, "party-link", &l) && need_link)) return 0;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->tok0 == t1 + l && x->tok1 <= hi)
      return (int)x->type == type && x->entity >= 0 && !qualifies(d, g, x) ? x->tok0 : 0;
  }
  return 0;
}
