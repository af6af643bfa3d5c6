/*
** postref.c -- posts told without their holder's name, and their holders.
**
** The person pass (people.c) records each post stated with no name after
** it ("Tổng thống Mỹ nói", "Người đứng đầu nước Nga", "Bộ trưởng Quốc
** phòng hai nước") through hoso__nr_post_told(). Once the entities have
** their types and countries (after the person check), the link pass
** resolves each one:
**   - not a post told alone: inside a name or a body ("Văn phòng Thủ
**     tướng"), inside a person's post, after a former's word ("cựu",
**     "nguyên": a former holder is someone else), the post as an office
**     ("chức Tổng thống", "Đoàn Chủ tịch"), a title inside a name, a title
**     in lower case with no country: dropped;
**   - a person named right after it, or inside the words the person pass
**     took for its body ("Tổng thống Bush"): the holder (holder_from
**     "next"); the post ends before a number or two lower-case words;
**   - told of several ("các Bộ trưởng", "Bộ trưởng Quốc phòng hai nước"):
**     no holder;
**   - else the article's person whose post has the same head (canonical
**     title: "Tổng thống") and whose post holds the told post's other
**     words ("Quốc phòng"), of the same country: the one of that country
**     when exactly one is, else the only one that fits when exactly one
**     does (a holder whose country is unknown or only guessed from the
**     article fits any country);
**   - else, for a leader's word ("Người đứng đầu", "nhà lãnh đạo") with
**     a country: the person of that country holding the first-ranked
**     leading post ("Tổng thống" before "Thủ tướng"), when only one does;
**     with none of that country, the only one of a country unknown or
**     guessed whose leading post is its head alone ("Tổng thống");
**   - else, with a country named in it: the only person of that country
**     named with no post nor rank, called "ông"/"bà"/"ngài" somewhere and
**     named in the post's sentence or the one before or after (or holding
**     an earlier told post of the same head so); never when another such
**     person is of no country, nor once an earlier told post of another
**     head went to them ("Thủ tướng Anh" -> "ông Tony Blair"; holder_from
**     "country").
** A holder whose country was only guessed from the article takes the
** told post's country (country_from "post"). After "trợ lý" the post is
** the one assisted, not told of a holder (postref-office).
** The words are data: models/gazetteers/postrefs.tsv (WORD, column 3:
** the kinds are listed there).
**
** Ownership: postrefs are owned by the document (hoso__ndoc_free); the
** link pass writes their end, holder, country and flags, and the country
** of a holder it guessed from the article, and adds a told post to its
** holder's posts (a person named right after it, or linked with the
** holder's country) unless the holder has one with its words; its tables
** by token are freed before it returns.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"

int hoso__nr_post_told(hoso__nrun *r, uint32_t t0, uint32_t h1, uint32_t t1, int gz) {
  hoso__ndoc *d = r->d;
  if (d->npostrefs >= HOSO_NER_MAX_POSTREFS) return HOSO_OK; /* bounded: the rest untold */
  if (d->npostrefs == d->cappostrefs) {
    size_t nc = d->cappostrefs ? d->cappostrefs * 2 : 16;
    hoso__postref *p = realloc(d->postrefs, nc * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    d->postrefs = p;
    d->cappostrefs = nc;
  }
  hoso__postref *p = &d->postrefs[d->npostrefs++];
  memset(p, 0, sizeof *p);
  p->tok0 = t0;
  p->head1 = h1;
  p->tok1 = t1 > h1 ? t1 : h1;
  p->head_gz = gz;
  p->holder = -1;
  return HOSO_OK;
}

void hoso__nr_post_untold(hoso__nrun *r, uint32_t t0) {
  hoso__ndoc *d = r->d;
  if (d->npostrefs && d->postrefs[d->npostrefs - 1].tok0 == t0) d->npostrefs--;
}

/* The entry of class WORD with column 3 value ending exactly at token end
** and starting at or after from; -1 if none. */
static int word_ending_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t from, uint32_t end,
                          const char *value) {
  for (uint32_t i = from; i < end; i++)
    for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
      const struct hoso__gmatch *m = &d->gm[k];
      const hoso__gentry *e = hoso__gaz_entry(g, m->id);
      if (m->cls == GC_WORD && i + m->len == end && e && e->nf > 2 && !strcmp(e->f[2], value))
        return m->id;
    }
  return -1;
}

/* The entry of class WORD with column 3 value starting at token i and
** ending at or before end (the longest); -1 if none. */
static int word_starting_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t i, uint32_t end,
                            const char *value) {
  int best = -1;
  uint32_t bl = 0;
  if (i >= d->ntok) return -1;
  for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
    const struct hoso__gmatch *m = &d->gm[k];
    const hoso__gentry *e = hoso__gaz_entry(g, m->id);
    if (m->cls == GC_WORD && i + m->len <= end && m->len > bl && e && e->nf > 2 &&
        !strcmp(e->f[2], value)) {
      best = m->id;
      bl = m->len;
    }
  }
  return best;
}

/* Canonical head (title) of the post starting at token t, NULL if none. */
static const char *head_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t, uint32_t *len) {
  int id = hoso__gaz_match(g, d, t, GCM(GC_TITLE), len);
  const hoso__gentry *e = id >= 0 ? hoso__gaz_entry(g, id) : NULL;
  return e && e->nf > 2 ? e->f[2] : NULL;
}

/* What the link pass reads of the document, per token. */
enum { IN_NAME = 1, IN_COUNTRY = 2, IN_PERSON = 4 };
typedef struct link_ctx {
  const hoso__ndoc *d;
  const hoso__gaz *g;
  uint8_t *cover;   /* per token: IN_NAME (a mention other than a country's,
                    ** a place's or a date's), IN_COUNTRY (a country's),
                    ** IN_PERSON (a person's) */
  int *country_at;  /* per token: a country's mention opening there, else a
                    ** body's with a country, -1 */
  int *person_at;   /* per token: a person's mention opening there, -1 */
  int *person_end;  /* per token: a person's mention ending right before it, -1 */
} link_ctx;

/* The country named first in tokens [t0, t1): a country's mention, else
** a body with a country; "" if none. */
static const char *country_in(const link_ctx *c, uint32_t t0, uint32_t t1) {
  const hoso__mention *body = NULL;
  for (uint32_t t = t0; t < t1; t++) {
    if (c->country_at[t] < 0) continue;
    const hoso__mention *m = &c->d->men[c->country_at[t]];
    if (m->tok1 > t1) continue;
    if (c->d->ents[m->entity].type == ET_GPE) return c->d->ents[m->entity].country;
    if (!body) body = m;
  }
  return body ? c->d->ents[body->entity].country : "";
}

/* Are the words of the told post's body [b0, b1), less its countries and
** the words that only link ("nước", "của": lower case), all among the
** words of post po? "Bộ trưởng Quốc phòng Mỹ" fits "Bộ trưởng Bộ Quốc
** phòng Mỹ"; "Bộ trưởng Ngoại giao" does not. */
static int body_fits(const link_ctx *c, uint32_t b0, uint32_t b1, const hoso__post *po) {
  const hoso__ndoc *d = c->d;
  for (uint32_t t = b0; t < b1; t++) {
    if (!(d->tok[t].flags & NT_WORD) || (c->cover[t] & IN_COUNTRY)) continue;
    /* lower-case words after a capitalised one are its syllables ("Quốc
    ** phòng"); lower-case words of their own only link */
    if (!(d->tok[t].flags & (NT_UPPER | NT_ALLCAPS)) &&
        !(t > b0 && (d->tok[t - 1].flags & NT_UPPER)))
      continue;
    int found = 0;
    for (uint32_t u = po->tok0; u < po->tok1 && !found; u++) found = hoso__tok_same_keys(d, t, u, 1);
    if (!found) return 0;
  }
  return 1;
}

/* A person's country as known for the link: the country named in the
** post, else the entity's unless only guessed from the article; "". */
static const char *holder_country(const link_ctx *c, const hoso__entity *e,
                                  const hoso__post *po) {
  const char *cc = country_in(c, po->tok0, po->tok1);
  if (cc[0]) return cc;
  if (e->country[0] && !(e->country_source && !strcmp(e->country_source, "article")))
    return e->country;
  return "";
}

/* Does post [t0, t1) of person e fit told post p? 0 no, 1 yes, 2 yes
** and of the same country (both known). */
static int post_fits(const link_ctx *c, const hoso__postref *p, const char *head,
                     const hoso__entity *e, uint32_t t0, uint32_t t1) {
  uint32_t pl;
  const char *ph = head_at(c->d, c->g, t0, &pl);
  hoso__post po = {t0, t1};
  if (!ph || strcmp(ph, head) || !body_fits(c, p->head1, p->tok1, &po)) return 0;
  const char *cc = holder_country(c, e, &po);
  if (p->country[0] && cc[0] && strcmp(cc, p->country)) return 0;
  return p->country[0] && cc[0] ? 2 : 1;
}

/* The holder of told post p by its head: see the header. A post told
** right before a name counts as that person's ("Tổng thống Bush"). -1
** if none. */
static int holder_by_head(const link_ctx *c, const hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  uint32_t hl;
  const char *head = head_at(d, c->g, p->tok0, &hl);
  if (!head) return -1;
  int same = -1, nsame = 0, fit = -1, nfit = 0;
  for (size_t ei = 0; ei < d->nents; ei++) {
    const hoso__entity *e = &d->ents[ei];
    if (e->type != ET_PER) continue;
    int best = 0;
    for (size_t k = 0; k < e->nposts && best < 2; k++) {
      int f = post_fits(c, p, head, e, e->posts[k].tok0, e->posts[k].tok1);
      if (f > best) best = f;
    }
    for (size_t k = 0; k < d->npostrefs && best < 2; k++) {
      const hoso__postref *q = &d->postrefs[k];
      if (q->dropped || q->holder != (int)ei || !q->how || strcmp(q->how, "next")) continue;
      int f = post_fits(c, p, head, e, q->tok0, q->tok1);
      if (f > best) best = f;
    }
    if (best == 2) {
      same = (int)ei;
      nsame++;
    }
    if (best) {
      fit = (int)ei;
      nfit++;
    }
  }
  if (nsame == 1) return same;
  if (nsame == 0 && nfit == 1) return fit;
  return -1;
}

/* The holder of a leader's word with a country: the person of that
** country holding the first-ranked leading post, when only one does;
** with none of that country, the one of a country unknown or only
** guessed from the article holding it as its head alone, when only one
** does ("Tổng thống Pervez Musharraf" for "Nhà lãnh đạo Pakistan"; not
** "Tổng thống thân Matxcơva Kadyrov" for "Người đứng đầu nước Nga"). */
static int holder_by_lead(const link_ctx *c, const hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  if (!p->country[0]) return -1;
  int best[2] = {-1, -1}, nbest[2] = {0, 0}; /* [0] of p's country, [1] unknown */
  long best_rank[2] = {0, 0};
  for (size_t ei = 0; ei < d->nents; ei++) {
    const hoso__entity *e = &d->ents[ei];
    if (e->type != ET_PER) continue;
    long rank[2] = {0, 0};
    for (size_t k = 0; k < e->nposts; k++) {
      const hoso__post *po = &e->posts[k];
      uint32_t hl;
      if (!head_at(d, c->g, po->tok0, &hl)) continue;
      int id = word_starting_at(d, c->g, po->tok0, po->tok0 + hl, "postref-leads");
      const hoso__gentry *w = id >= 0 ? hoso__gaz_entry(c->g, id) : NULL;
      if (!w || w->nf < 4) continue;
      const char *cc = holder_country(c, e, po);
      /* of another country: a post with more words than its head that
      ** name none ("Tổng thống thân Matxcơva") */
      int i = !strcmp(cc, p->country) ? 0 : !cc[0] && po->tok1 - po->tok0 == hl ? 1 : -1;
      long rk = strtol(w->f[3], NULL, 10);
      if (i >= 0 && rk > 0 && (!rank[i] || rk < rank[i])) rank[i] = rk;
    }
    for (int i = 0; i < 2; i++) {
      if (!rank[i]) continue;
      if (best[i] < 0 || rank[i] < best_rank[i]) {
        best[i] = (int)ei;
        best_rank[i] = rank[i];
        nbest[i] = 1;
      } else if (rank[i] == best_rank[i]) {
        nbest[i]++;
      }
    }
  }
  if (nbest[0]) return nbest[0] == 1 ? best[0] : -1;
  return nbest[1] == 1 ? best[1] : -1;
}

/* Does person ei hold a post (their own, or a told one named with them:
** right after it, in apposition, with a copula) or a rank? */
static int has_post(const link_ctx *c, size_t ei) {
  const hoso__ndoc *d = c->d;
  if (d->ents[ei].nposts || d->ents[ei].rank_gz >= 0) return 1;
  for (size_t k = 0; k < d->npostrefs; k++) {
    const hoso__postref *q = &d->postrefs[k];
    if (!q->dropped && q->holder == (int)ei && q->how &&
        (!strcmp(q->how, "next") || !strcmp(q->how, "told")))
      return 1;
  }
  return 0;
}

/* Does the text call entity ei a person: an honorific ("ông", "bà",
** "ngài") right before one of its mentions ("ông Tony Blair")? */
static int called_person(const link_ctx *c, int ei) {
  const hoso__ndoc *d = c->d;
  for (size_t mi = 0; mi < d->nmen; mi++) {
    const hoso__mention *m = &d->men[mi];
    if (m->entity != ei || !m->tok0) continue;
    uint32_t from = m->tok0 > 2 ? m->tok0 - 2 : 0;
    if (word_ending_at(d, c->g, from, m->tok0, "postref-honorific") >= 0) return 1;
  }
  return 0;
}

/* Is entity ei named in sentence s, or the one before or after it? */
static int named_near(const link_ctx *c, int ei, uint32_t s) {
  const hoso__ndoc *d = c->d;
  for (size_t mi = 0; mi < d->nmen; mi++) {
    const hoso__mention *m = &d->men[mi];
    uint32_t ms = d->tok[m->tok0].sent;
    if (m->entity == ei && ms + 1 >= s && ms <= s + 1) return 1;
  }
  return 0;
}

/* The holder of told post p with a country, by that country alone: the
** only person of the article named with no post whose country is p's
** (from the text: a bracket, a side, a post; from the name's shape; or
** guessed from the article); -1 when none, or when another person with
** no post has no country (either may hold it), or when two are of it.
** "Thủ tướng Anh" with "ông Tony Blair" (GB) and no other such person.
** One person holds one post so: once an earlier told post of another
** head went to them, this one is someone else's, not named ("Người đứng
** đầu nước Nga" is Putin's, the "Thủ tướng Nga" after it is not). */
static int holder_by_country(const link_ctx *c, const hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  int named = 0; /* a country's own name in the post, not a body's country */
  for (uint32_t t = p->head1; t < p->tok1 && !named; t++) named = c->cover[t] & IN_COUNTRY;
  if (!p->country[0] || !named) return -1;
  int only = -1, n = 0;
  for (size_t ei = 0; ei < d->nents && n < 2; ei++) {
    const hoso__entity *e = &d->ents[ei];
    if (e->type != ET_PER || has_post(c, ei)) continue;
    if (!e->country[0]) return -1;
    if (strcmp(e->country, p->country)) continue;
    only = (int)ei;
    n++;
  }
  if (n != 1 || !called_person(c, only)) return -1;
  uint32_t hl;
  const char *head = head_at(d, c->g, p->tok0, &hl);
  int near = named_near(c, only, d->tok[p->tok0].sent);
  for (const hoso__postref *q = d->postrefs; q < p; q++) {
    if (q->dropped || q->holder != only || !q->how || strcmp(q->how, "country")) continue;
    const char *qh = head_at(d, c->g, q->tok0, &hl);
    if (!head || !qh || strcmp(head, qh)) return -1;
    near = 1;
  }
  return near ? only : -1;
}

/* Where the told post p ends: the person pass's body runs on over lower-
** case words to the next capital ("Thủ tướng yêu cầu Bộ Công an") and
** over a name it did not split ("Tổng thống Bush"). The post keeps its
** capitalised words, their lower-case second syllables ("Quốc phòng"),
** one lower-case word before a capital ("nước Nga", "tỉnh Lạng Sơn", "và")
** and a dash or dot between capitals; it stops at a number and at a
** person's name, who then holds it. */
static void trim_post(const link_ctx *c, hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  uint32_t t = p->head1, wl;
  while (t < p->tok1) {
    uint32_t f = d->tok[t].flags;
    if (c->cover[t] & IN_PERSON) {
      if (c->person_at[t] >= 0) {
        p->holder = d->men[c->person_at[t]].entity;
        p->how = "next";
      }
      break;
    }
    int next_upper = t + 1 < p->tok1 && (d->tok[t + 1].flags & NT_WORD) &&
                     (d->tok[t + 1].flags & (NT_UPPER | NT_ALLCAPS));
    if (f & NT_WORD) {
      if ((f & (NT_UPPER | NT_ALLCAPS)) || next_upper) {
        t++;
        continue;
      }
      if (t > p->head1 && (d->tok[t - 1].flags & NT_UPPER) && !(c->cover[t - 1] & IN_COUNTRY) &&
          hoso__gaz_match(c->g, d, t - 1, GCM(GC_WORD), &wl) >= 0 && wl == 2) {
        t++;
        continue;
      }
      break;
    }
    if ((f & NT_PUNCT) && t > p->head1 && next_upper) {
      t++;
      continue;
    }
    break;
  }
  p->tok1 = t;
}

/* Is a person named within 8 tokens after told post p, with no
** punctuation but a comma or a dash between, nor another post or rank? */
static int name_close_after(const link_ctx *c, const hoso__postref *p, uint32_t send) {
  const hoso__ndoc *d = c->d;
  uint32_t l;
  for (uint32_t t = p->tok1; t < send && t < p->tok1 + 8; t++) {
    if (c->cover[t] & IN_PERSON) return 1;
    if ((d->tok[t].flags & NT_PUNCT) && !is_punct(d, t, ",") && !is_dash(d, t)) return 0;
    if (hoso__gaz_match(c->g, d, t, GCM(GC_TITLE) | GCM(GC_RANK), &l) >= 0) return 0;
  }
  return 0;
}

/* The told post's sentence [s0, send) and the (up to) three tokens before
** it within that sentence, [from, p->tok0): where the words that change its
** reading stand ("cựu", "chức", "một", "các"). */
typedef struct post_window {
  uint32_t s0, from, send;
} post_window;

static post_window window_of(const hoso__ndoc *d, const hoso__postref *p) {
  const hoso__nsent *st = &d->sent[d->tok[p->tok0].sent];
  post_window w = {st->tok0, p->tok0 > st->tok0 + 3 ? p->tok0 - 3 : st->tok0, st->tok1};
  return w;
}

/* Does a clause boundary follow the person's mention ending at token t
** (a comma, a stop, a bracket, a colon, the sentence's end)? */
static int clause_ends_at(const hoso__ndoc *d, uint32_t t, uint32_t send) {
  if (t >= send) return 1;
  return is_punct(d, t, ",") || is_punct(d, t, ".") || is_punct(d, t, ";") ||
         is_punct(d, t, ":") || is_punct(d, t, ")");
}

/* The person the article says holds told post p, in its own words: in
** apposition after it ("Tổng thống Nga, ông Vladimir Putin, ..."; a comma,
** at most an honorific, the name, then a clause boundary), or before it
** with a copula ("ông Lavrov là Ngoại trưởng Nga"). The entity, or -1. */
static int holder_told(const link_ctx *c, const hoso__postref *p, uint32_t s0, uint32_t send) {
  const hoso__ndoc *d = c->d;
  const hoso__gaz *g = c->g;
  uint32_t t = p->tok1;
  if (t + 1 < send && is_punct(d, t, ",")) {
    t++;
    int hon = word_starting_at(d, g, t, send, "postref-honorific");
    if (hon >= 0) t += (uint32_t)hoso__gaz_entry(g, hon)->ntok;
    if (t < send && c->person_at[t] >= 0) {
      const hoso__mention *m = &d->men[c->person_at[t]];
      if (clause_ends_at(d, m->tok1, send)) return m->entity;
    }
  }
  int is = word_ending_at(d, g, p->tok0 > s0 + 3 ? p->tok0 - 3 : s0, p->tok0, "postref-is");
  if (is >= 0) {
    uint32_t at = p->tok0 - (uint32_t)hoso__gaz_entry(g, is)->ntok;
    if (at > s0 && c->person_end[at] >= 0) return d->men[c->person_end[at]].entity;
  }
  return -1;
}

/* Told post p: dropped, or where it ends, its country, whether plural,
** and a holder named right after it (the header). */
static void read_one(const link_ctx *c, hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  const hoso__gaz *g = c->g;
  const post_window w = window_of(d, p);
  uint32_t hl;
  /* inside a name or a body, or a body's head word just before it */
  for (uint32_t t = p->tok0; t < p->head1 && !p->dropped; t++) p->dropped = c->cover[t] & IN_NAME;
  for (uint32_t j = w.from; j < p->tok0 && !p->dropped; j++)
    p->dropped = hoso__gaz_match(g, d, j, GCM(GC_ORGHEAD), &hl) >= 0 && j + hl == p->tok0;
  /* inside a person's post */
  for (size_t ei = 0; ei < d->nents && !p->dropped; ei++) {
    const hoso__entity *e = &d->ents[ei];
    for (size_t k = 0; e->type == ET_PER && k < e->nposts && !p->dropped; k++)
      p->dropped = e->posts[k].tok0 <= p->tok0 && p->tok0 < e->posts[k].tok1;
  }
  /* a former holder, the post as an office ("chức Tổng thống", "bầu cử
  ** Tổng thống", "Đoàn Chủ tịch"), a longer word ("Đại sứ quán") */
  if (!p->dropped)
    p->dropped = word_ending_at(d, g, w.from, p->tok0, "postref-former") >= 0 ||
                 word_ending_at(d, g, w.from, p->tok0, "postref-office") >= 0;
  int longer = word_starting_at(d, g, p->tok0, w.send, "postref-not");
  if (!p->dropped && longer >= 0 && (uint32_t)hoso__gaz_entry(g, longer)->ntok > p->head1 - p->tok0)
    p->dropped = 1;
  /* a title inside a name ("đường Huyền Trân Công Chúa", "Cup Nhà vua") */
  if (!p->dropped && p->tok0 > w.s0 && (d->tok[p->tok0 - 1].flags & NT_WORD) &&
      (d->tok[p->tok0 - 1].flags & (NT_UPPER | NT_ALLCAPS)) && !(d->tok[p->tok0 - 1].flags & NT_SENT))
    p->dropped = 1;
  if (p->dropped) return;
  trim_post(c, p);
  /* an abbreviation alone ("TT") says too little */
  if (p->tok1 == p->head1 && p->head1 - p->tok0 == 1 && (d->tok[p->tok0].flags & NT_ALLCAPS)) {
    p->dropped = 1;
    return;
  }
  const char *cc = country_in(c, p->head1, p->tok1);
  size_t ccn = strnlen(cc, sizeof p->country - 1);
  memcpy(p->country, cc, ccn);
  p->country[ccn] = 0;
  /* in lower case only with its country ("tổng thống Nga"): else it is
  ** the post as a word ("làm thủ tướng") */
  if (!p->country[0] && !(d->tok[p->tok0].flags & (NT_UPPER | NT_ALLCAPS | NT_CYR))) {
    p->dropped = 1;
    return;
  }
  p->plural = word_ending_at(d, g, w.from, p->tok0, "postref-plural") >= 0 ||
              word_starting_at(d, g, p->tok1, w.send, "postref-plural-after") >= 0;
  /* a person named right after it */
  if (p->holder >= 0) return;
  if (p->tok1 < d->ntok && c->person_at[p->tok1] >= 0) {
    p->holder = d->men[c->person_at[p->tok1]].entity;
    p->how = "next";
    return;
  }
  /* ... or in apposition, or with a copula */
  if ((p->holder = holder_told(c, p, w.s0, w.send)) >= 0) p->how = "told";
}

/* Told post p, read: its holder by its head, else as a leader's word. */
static void link_one(const link_ctx *c, hoso__postref *p) {
  const hoso__ndoc *d = c->d;
  const hoso__gaz *g = c->g;
  if (p->dropped || p->holder >= 0 || p->plural) return;
  const post_window w = window_of(d, p);
  /* one of many (a membership: "Ủy viên Bộ Chính trị", "Thượng nghị sĩ"),
  ** one not told which ("một tổng thống Mỹ", "Giám đốc một doanh nghiệp"),
  ** or a name close
  ** after it that may hold it ("Chủ tịch lâm thời Fattuh", "Tổng Giám đốc
  ** công ty là Nguyễn Hoài Nam"): no holder by the post */
  if (word_starting_at(d, g, p->tok0, p->head1, "postref-member") >= 0 ||
      word_ending_at(d, g, w.from, p->tok0, "postref-indefinite") >= 0 ||
      word_starting_at(d, g, p->tok1, w.send, "postref-indefinite-after") >= 0 ||
      name_close_after(c, p, w.send))
    return;
  if ((p->holder = holder_by_head(c, p)) >= 0) {
    p->how = "post";
    return;
  }
  int leader = word_starting_at(d, g, p->tok0, p->head1, "postref-leader") >= 0;
  if (leader && (p->holder = holder_by_lead(c, p)) >= 0) {
    p->how = "leader";
    return;
  }
  if ((p->holder = holder_by_country(c, p)) >= 0) p->how = "country";
}

/* Is every word of told post p (by key) among the words of one of e's
** posts? ("Tổng thống" told of a person who holds "Tổng thống Mỹ".) */
static int post_known(const hoso__ndoc *d, const hoso__entity *e, const hoso__postref *p) {
  for (size_t k = 0; k < e->nposts; k++) {
    const hoso__post *po = &e->posts[k];
    int all = 1;
    for (uint32_t t = p->tok0; t < p->tok1 && all; t++) {
      if (!(d->tok[t].flags & NT_WORD)) continue;
      int found = 0;
      for (uint32_t u = po->tok0; u < po->tok1 && !found; u++) found = hoso__tok_same_keys(d, t, u, 1);
      all = found;
    }
    if (all) return 1;
  }
  return 0;
}

/* The told post p becomes a post of its holder e: when the person is
** named right after it ("Tổng thống Bush"), or it was linked with the
** holder's own country ("Bộ trưởng Australia"), and e holds no post with
** its words yet. A leader's word ("Người đứng đầu nước Nga") describes
** the holder and is no post of theirs. HOSO_OK or HOSO_ENOMEM. */
static int add_to_holder(hoso__ndoc *d, const hoso__gaz *g, hoso__entity *e,
                         const hoso__postref *p) {
  if (!strcmp(p->how, "leader") ||
      word_starting_at(d, g, p->tok0, p->head1, "postref-leader") >= 0)
    return HOSO_OK;
  int next = !strcmp(p->how, "next") || !strcmp(p->how, "told");
  if (!next && !(p->country[0] && !strcmp(p->country, e->country))) return HOSO_OK;
  if (post_known(d, e, p)) return HOSO_OK;
  return hoso__ner_entity_add_post(d, e, (hoso__post){p->tok0, p->tok1});
}

int hoso__ner_link_posts(hoso__ndoc *d, const hoso__gaz *g) {
  int rc = HOSO_OK;
  if (!d->npostrefs) return rc;
  link_ctx c = {d, g, calloc(d->ntok + 1, 1), malloc((d->ntok + 1) * sizeof(int)),
                malloc((d->ntok + 1) * sizeof(int)), malloc((d->ntok + 1) * sizeof(int))};
  if (!c.cover || !c.country_at || !c.person_at || !c.person_end) {
    /* out of memory: no post is linked, none is told; the caller
    ** reports it */
    for (size_t i = 0; i < d->npostrefs; i++) d->postrefs[i].dropped = 1;
    rc = HOSO_ENOMEM;
  } else {
    for (size_t t = 0; t <= d->ntok; t++) c.country_at[t] = c.person_at[t] = c.person_end[t] = -1;
    for (size_t mi = 0; mi < d->nmen; mi++) {
      const hoso__mention *m = &d->men[mi];
      if (m->entity < 0) continue;
      int type = d->ents[m->entity].type;
      uint8_t bit = type == ET_GPE ? IN_COUNTRY : type == ET_LOC || type == ET_DATE ? 0 : IN_NAME;
      if (type == ET_PER) bit |= IN_PERSON;
      for (uint32_t t = m->tok0; t < m->tok1; t++) c.cover[t] |= bit;
      if (type == ET_PER && m->type == ET_PER && c.person_at[m->tok0] < 0)
        c.person_at[m->tok0] = (int)mi;
      if (type == ET_PER && m->type == ET_PER && c.person_end[m->tok1] < 0)
        c.person_end[m->tok1] = (int)mi;
      if ((type == ET_GPE || type == ET_ORG) && d->ents[m->entity].country[0]) {
        int *at = &c.country_at[m->tok0];
        if (*at < 0 || (type == ET_GPE && d->ents[d->men[*at].entity].type != ET_GPE)) *at = (int)mi;
      }
    }
    for (size_t i = 0; i < d->npostrefs; i++) read_one(&c, &d->postrefs[i]);
    for (size_t i = 0; i < d->npostrefs; i++) link_one(&c, &d->postrefs[i]);
    /* a holder whose country was only guessed from the article takes the
    ** country of the post told of them ("Tổng thống Mỹ" -> US); one the
    ** text names with the post (right after it, in apposition, with a
    ** copula) takes it over a guess from the name's shape too ("Người phát
    ** ngôn Bộ Ngoại giao Trung Quốc, bà Khương Du" -> CN) */
    for (size_t i = 0; i < d->npostrefs; i++) {
      const hoso__postref *p = &d->postrefs[i];
      if (p->dropped || p->holder < 0 || !p->country[0]) continue;
      hoso__entity *e = &d->ents[p->holder];
      const char *src = e->country_source ? e->country_source : "";
      int said = !strcmp(p->how, "next") || !strcmp(p->how, "told");
      if (e->country[0] && strcmp(src, "article") && !(said && !strcmp(src, "name"))) continue;
      memcpy(e->country, p->country, 3);
      e->country_source = "post";
    }
    /* ... and holds it (after the countries: "by country" reads them) */
    for (size_t i = 0; i < d->npostrefs && !rc; i++) {
      const hoso__postref *p = &d->postrefs[i];
      if (!p->dropped && p->holder >= 0 && p->how)
        rc = add_to_holder(d, g, &d->ents[p->holder], p);
    }
  }
  free(c.cover);
  free(c.country_at);
  free(c.person_at);
  free(c.person_end);
  return rc;
}

size_t hoso__ner_nposts_told(const hoso__ndoc *d) {
  size_t n = 0;
  for (size_t i = 0; i < d->npostrefs; i++) n += !d->postrefs[i].dropped;
  return n;
}

void hoso__ner_write_posts_json(const hoso__ndoc *d, const hoso__gaz *g, hoso_json *w) {
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < d->npostrefs; i++) {
    const hoso__postref *p = &d->postrefs[i];
    if (p->dropped) continue;
    const char *s;
    size_t n;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "post");
    hoso__span_text(d, p->tok0, p->tok1, &s, &n);
    hoso__json_strn(w, s, n);
    hoso__json_key(w, "head");
    const hoso__gentry *h = hoso__gaz_entry(g, p->head_gz);
    if (h && h->nf > 2) hoso__json_str(w, h->f[2]);
    else hoso__json_null(w);
    hoso__json_key(w, "span");
    hoso__json_arr_begin(w);
    hoso__json_int(w, (int64_t)hoso__doc_off(d, d->tok[p->tok0].off, 0));
    hoso__json_int(w, (int64_t)hoso__doc_off(d, d->tok[p->tok1 - 1].off + d->tok[p->tok1 - 1].len, 1));
    hoso__json_arr_end(w);
    hoso__json_key(w, "country");
    if (p->country[0]) hoso__json_str(w, p->country);
    else hoso__json_null(w);
    if (p->plural) {
      hoso__json_key(w, "plural");
      hoso__json_bool(w, 1);
    }
    hoso__json_key(w, "holder");
    if (p->holder >= 0) hoso__json_int(w, p->holder);
    else hoso__json_null(w);
    if (p->how) {
      hoso__json_key(w, "holder_from");
      hoso__json_str(w, p->how);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}
