/*
** events.c -- event patterns applied to a document with entities.
**
** For every trigger (models/events/triggers.tsv) in a sentence:
**   1. check what must follow it (a body, a document, an honour, a country);
**      a phrase listed with type "-" ("tiếp tục") hides the trigger inside;
**   2. participants: the people before the trigger take the left role,
**      those after it the right role (the nearest one, or all with "*");
**      where the pattern allows it and no person is named, bodies; a body
**      "of both countries" ("Bộ Quốc phòng 2 nước") becomes that body of
**      each of the two countries the article's people come from;
**   3. status from the nearest cue before the trigger ("đã", "sẽ", "đề
**      nghị"); happened when none;
**   4. date: a date in the sentence; place: "tại" + a place, or the
**      country a visit goes to; object: the document or honour.
** Events of one type that share a participant are one event (evidence
** from every sentence). Sentences where the participants or "hai bên"
** agree ("thống nhất", "nhất trí") are the agreed items of the article's
** main event (call, talks, dialogue, meeting or reception).
*/
#include <stdlib.h>
#include <string.h>

#include "events/events.h"

static int grow(void **p, size_t *cap, size_t n, size_t sz) {
  if (n < *cap) return 0;
  size_t nc = *cap ? *cap * 2 : 4;
  void *q = realloc(*p, nc * sz);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

/* Explicit limits: an event keeps at most this many evidence sentences,
** agreed items and participants (a page that repeats one meeting
** thousands of times stays bounded). */
#define EVENT_MAX_SENTS 256
#define EVENT_MAX_PARTS 64

static int add_sent(uint32_t **a, size_t *n, size_t *cap, uint32_t s) {
  if (*n >= EVENT_MAX_SENTS) return 0;
  for (size_t i = 0; i < *n; i++)
    if ((*a)[i] == s) return 0;
  if (grow((void **)a, cap, *n, sizeof **a)) return -1;
  size_t i = *n;
  while (i > 0 && (*a)[i - 1] > s) {
    (*a)[i] = (*a)[i - 1];
    i--;
  }
  (*a)[i] = s;
  (*n)++;
  return 0;
}

static int add_part(hoso__event *ev, int entity, const char *name,
                    const char *side, const char *role) {
  for (size_t i = 0; i < ev->npart; i++) {
    if (entity >= 0 && ev->part[i].entity == entity) {
      if (!strcmp(ev->part[i].role, "participant") && strcmp(role, "participant"))
        ev->part[i].role = role;
      return 0;
    }
    if (entity < 0 && ev->part[i].name && name && !strcmp(ev->part[i].name, name))
      return 0;
  }
  if (ev->npart >= EVENT_MAX_PARTS) return 0;
  if (grow((void **)&ev->part, &ev->cappart, ev->npart, sizeof *ev->part)) return -1;
  hoso__eparticipant *p = &ev->part[ev->npart];
  memset(p, 0, sizeof *p);
  p->entity = entity;
  if (name) {
    p->name = strdup(name);
    if (!p->name) return -1;
  }
  if (side) {
    strncpy(p->side, side, 3);
    p->side[3] = 0;
  }
  p->role = role;
  ev->npart++;
  return 0;
}

static void event_free(hoso__event *ev) {
  for (size_t i = 0; i < ev->npart; i++) free(ev->part[i].name);
  free(ev->part);
  free(ev->evid);
  free(ev->agreed);
  hoso__efeats_free(&ev->feats);
}

void hoso__events_free(hoso__events *e) {
  if (!e) return;
  for (size_t i = 0; i < e->n; i++) event_free(&e->ev[i]);
  free(e->ev);
  memset(e, 0, sizeof *e);
}

/* The mentions of one sentence, in text order (an index into d->men),
** so that each trigger looks at its sentence only. */
typedef struct slice {
  const uint32_t *m;
  size_t n;
} slice;

/* Mentions starting in [a, b) of the types in mask (bit per etype). */
static int mention_at(const hoso__ndoc *d, const slice *sl, uint32_t a,
                      uint32_t b, unsigned mask) {
  for (size_t k = 0; k < sl->n; k++) {
    const hoso__mention *x = &d->men[sl->m[k]];
    if (x->tok0 >= a && x->tok0 < b && (mask & (1u << x->type))) return (int)sl->m[k];
  }
  return -1;
}

static int is_comma(const hoso__ndoc *d, uint32_t i) {
  return (d->tok[i].flags & NT_PUNCT) && d->tok[i].len == 1 &&
         d->text[d->tok[i].off] == ',';
}

/* The nearest document name ("hiệp định ...") that ends at or before x,
** looking back at most `back` tokens but not before lo (nor, with
** stop_comma, past a comma): its tokens in [*o0, *o1) and its static
** object; 1 when found. */
static int doc_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                      uint32_t x, uint32_t back, int stop_comma, uint32_t *o0,
                      uint32_t *o1, const char **obj) {
  for (uint32_t y = x; y > lo && x - y < back;) {
    y--;
    if (stop_comma && is_comma(d, y)) break;
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

/* The two countries the article's people come from, most named first. */
static void sides(const hoso__ndoc *d, const char **s1, const char **s2,
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

static const char *role_of(const char *spec, int right, int *all) {
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
static int is_source(const hoso__ndoc *d, const hoso__gaz *g,
                     const hoso__mention *x, const hoso__nsent *s) {
  /* the cue right before the name, or before the post stated with it
  ** ("Theo Đại sứ Canada tại Việt Nam Richard Lecoq"): up to 10 words
  ** back while no comma intervenes */
  for (uint32_t k = x->tok0; k > s->tok0 && x->tok0 - k < 10;) {
    k--;
    if (is_comma(d, k)) break;
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

/* Participants of the article's main event (call, talks, dialogue,
** meeting, reception) found so far, for "hai Bộ trưởng đã ký ...". */
static const hoso__event *main_event(const hoso__events *out) {
  static const char *const mains[] = {"call", "talks", "dialogue", "meeting", "reception"};
  for (size_t i = 0; i < out->n; i++)
    for (size_t k = 0; k < 5 && out->ev[i].npart; k++)
      if (!strcmp(out->ev[i].type, mains[k])) return &out->ev[i];
  return NULL;
}

/* An encounter whose sides may be named in the sentences after it. */
static int is_main(const char *type) {
  return !strcmp(type, "talks") || !strcmp(type, "meeting") || !strcmp(type, "dialogue") ||
         !strcmp(type, "call");
}

/* "hạng Nhất", "hạng Ba" at token k: an honour's class (STATUS entries
** with the value "grade" in models/events/words.tsv). */
static int grade_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  uint32_t l;
  int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
  return c >= 0 && l == 2 && !strcmp(hoso__gaz_entry(g, c)->f[2], "grade");
}

/* Is a STATUS cue with this value in [a, b)? */
static int cue_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                       uint32_t b, const char *value) {
  for (uint32_t k = a; k < b; k++) {
    uint32_t l;
    int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
    if (c >= 0 && !strcmp(hoso__gaz_entry(g, c)->f[2], value)) return 1;
  }
  return 0;
}

/* A STATUS cue with this value starting at token k (its length in *len). */
static int cue_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k,
                  const char *value, uint32_t *len) {
  uint32_t l;
  if (k >= d->ntok) return 0;
  int c = hoso__gaz_match(g, d, k, GCM(GC_STATUS), &l);
  if (c < 0 || strcmp(hoso__gaz_entry(g, c)->f[2], value)) return 0;
  if (len) *len = l;
  return 1;
}

/* Is token k inside a post's name ("Tổng thư ký": not "ký")? */
static int in_title(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  for (uint32_t j = k >= 6 ? k - 6 : 0; j <= k; j++) {
    uint32_t l;
    if (hoso__gaz_match(g, d, j, GCM(GC_TITLE) | GCM(GC_RANK), &l) >= 0 && j + l > k &&
        j < k)
      return 1;
  }
  return 0;
}

/* Start of the next trigger (with an event type) in [a, b), else b. */
static uint32_t next_trigger(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                             uint32_t b) {
  for (uint32_t k = a; k < b; k++) {
    uint32_t l;
    int t = hoso__gaz_match(g, d, k, GCM(GC_TRIGGER), &l);
    if (t < 0 || in_title(d, g, k)) continue;
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
static int subject_before(const hoso__ndoc *d, const hoso__gaz *g,
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

/* A post stated without a name whose words are not one of the article's
** people's posts: its head, alone or with a country ("Thủ tướng", "Thủ
** tướng Đức"), names the person of the article whose post opens with that
** head (and who is of that country): the topic person when it fits, else
** the only one that fits. The post runs over [k, k + l), its head over
** [k, k + l0). -1 when none or several fit. */
static int head_ref(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, uint32_t l0,
                    uint32_t l, int topic) {
  const char *cc = NULL;
  /* "hai Bộ trưởng", "các Thủ tướng": more than one person */
  if (k > 0 && cue_at(d, g, k - 1, "plural", NULL)) return -1;
  if (l > l0) { /* the rest must be a country */
    uint32_t gl;
    int ge = hoso__gaz_match(g, d, k + l0, GCM(GC_GPE), &gl);
    const hoso__gentry *gen = ge >= 0 ? hoso__gaz_entry(g, ge) : NULL;
    if (!gen || k + l0 + gl != k + l || gen->nf < 4 || strlen(gen->f[3]) > 3) return -1;
    cc = gen->f[3];
  }
  int found = -1, n = 0;
  for (size_t e = 0; e < d->nents; e++) {
    const hoso__entity *pe = &d->ents[e];
    if (pe->type != ET_PER || (cc && strcmp(pe->country, cc))) continue;
    int fits = 0;
    for (size_t p = 0; p < pe->nposts && !fits; p++) {
      const hoso__post *po = &pe->posts[p];
      if (po->tok1 - po->tok0 < l0 || po->tok0 == k) continue;
      uint32_t t;
      for (t = 0; t < l0; t++) {
        size_t na, nb;
        const char *ka = hoso__tok_key(d, k + t, &na);
        const char *kb = hoso__tok_key(d, po->tok0 + t, &nb);
        if (na != nb || memcmp(ka, kb, na)) break;
      }
      fits = t == l0;
    }
    if (!fits) continue;
    if ((int)e == topic) return topic;
    found = (int)e;
    n++;
  }
  return n == 1 ? found : -1;
}

/* Posts named without a name in [lo, hi) ("Chủ tịch nước đã trao"): the
** article's person holding that post takes the role. */
static int title_refs(const hoso__ndoc *d, const hoso__gaz *g, hoso__event *ev,
                      uint32_t lo, uint32_t hi, const char *role, int all, int topic) {
  for (uint32_t k = lo; k < hi; k++) {
    uint32_t l;
    if (hoso__gaz_match(g, d, k, GCM(GC_TITLE), &l) < 0 ||
        !(d->tok[k].flags & (NT_UPPER | NT_ALLCAPS)) || k + l > hi)
      continue;
    uint32_t l0 = l; /* the post's head as listed ("Thủ tướng") */
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
        uint32_t t;
        for (t = 0; t < l; t++) {
          size_t na, nb;
          const char *ka = hoso__tok_key(d, k + t, &na);
          const char *kb = hoso__tok_key(d, po->tok0 + t, &nb);
          if (na != nb || memcmp(ka, kb, na)) break;
        }
        if (t == l) found = (int)e;
      }
    }
    if (found < 0) found = head_ref(d, g, k, l0, l, topic);
    if (found >= 0) {
      if (add_part(ev, found, NULL, d->ents[found].country, role)) return -1;
      if (!all) return 0;
    }
    k += l - 1;
  }
  return 0;
}

/* The length of "và" or "cùng" (the words that join names and close a
** list) at token k, 0 if neither is there. */
static uint32_t and_word_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k) {
  uint32_t l;
  int st = hoso__gaz_match(g, d, k, GCM(GC_STOP), &l);
  if (st < 0) return 0;
  const char *w = hoso__gaz_entry(g, st)->f[0];
  return !strcmp(w, "và") || !strcmp(w, "cùng") ? l : 0;
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
      ** Quân đội Mỹ tại Irắc, B" (up to 10 words) */
      if (k > a && is_comma(d, k - 1) && hoso__gaz_match(g, d, k, GCM(GC_TITLE), NULL) >= 0 &&
          (d->tok[k].flags & (NT_UPPER | NT_ALLCAPS))) {
        uint32_t c = k + l;
        while (c < b && c < k + 10 && !is_comma(d, c)) c++;
        if (c < b && is_comma(d, c)) {
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
    if ((l = and_word_at(d, g, k))) {
      k += l;
      continue;
    }
    return 0;
  }
  return 1;
}

static int joined_to(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b,
                     int ent);

/* "chính quyền Bush", "thời Tổng thống X": a name that qualifies a
** thing, not a person who takes part (STATUS "nonpart" before it). */
static int qualifies(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  for (uint32_t k = x->tok0; k > 0 && x->tok0 - k < 3;) {
    k--;
    uint32_t l;
    if (cue_at(d, g, k, "nonpart", &l) && k + l == x->tok0) return 1;
    /* "danh hiệu Vinh danh Nước Việt", "giải thưởng Hồ Chí Minh": a name
    ** right after an honour's head word is the honour's */
    if (hoso__gaz_match(g, d, k, GCM(GC_AWARDHEAD), &l) >= 0 && k + l == x->tok0) return 1;
  }
  return 0;
}

/* A country that is a party, not one that qualifies a thing ("binh sỹ
** Anh", "các quan chức Trung Quốc", "quan hệ đối thoại ASEAN - Australia",
** "chương trình hạt nhân của Bắc Triều Tiên"): it opens its clause (after
** the sentence's start, a punctuation mark, a date or a capitalised word)
** or follows a word that links parties ("với", "giữa", "và": STATUS
** "party-link" in models/events/words.tsv) or a post ("Ngoại trưởng Mỹ":
** a post without a name stands for its country). */
static int cue_any(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, const char *value,
                   uint32_t *len);
static int same_part(const hoso__eparticipant *p, const hoso__eparticipant *q);
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
  if (mention_at(d, sl, k, k + 1, 1u << ET_DATE) >= 0) return 1;
  for (uint32_t j = k + 1; j > 0 && x->tok0 - j < 6;) {
    j--;
    uint32_t l;
    if (x->tok0 - j < 3 && cue_any(d, g, j, "party-link", &l) && j + l == x->tok0) return 1;
    /* a post without a name: "Ngoại trưởng Mỹ" stands for its country */
    if (hoso__gaz_match(g, d, j, GCM(GC_TITLE), &l) >= 0 && j + l == x->tok0) return 1;
  }
  return 0;
}

/* Is the mention followed by a verb of saying ("X cho biết", "X nói")? Then
** X reports the event, unless the sentence is framed by it. */
static int says(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  return x->tok1 < d->ntok && d->tok[x->tok1].sent == d->tok[x->tok0].sent &&
         cue_at(d, g, x->tok1, "said", NULL);
}
static int says_apart(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x) {
  uint32_t l;
  if (x->tok1 >= d->ntok || d->tok[x->tok1].sent != d->tok[x->tok0].sent ||
      !cue_at(d, g, x->tok1, "said", &l) || x->tok1 + l >= d->ntok)
    return 0;
  const hoso__ntok *t = &d->tok[x->tok1 + l];
  return (t->flags & NT_PUNCT) && (d->text[t->off] == ',' || d->text[t->off] == ':');
}

/* "Nhận lời mời của X, ...": is an invitation cue before x (within 12
** words, over X's post) with no other name between? */
static int invited_by(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                      const hoso__mention *x, uint32_t lo) {
  uint32_t a = x->tok0 > lo + 12 ? x->tok0 - 12 : lo;
  for (uint32_t k = x->tok0; k > a;) {
    k--;
    uint32_t l;
    if (cue_at(d, g, k, "invite", &l) && k + l <= x->tok0) return 1;
    if (mention_at(d, sl, k, k + 1, (1u << ET_PER)) >= 0 && k < x->tok0) return 0;
    if (is_comma(d, k)) return 0;
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
    if ((po->tok0 == a || (po->tok0 == a + 1 && is_comma(d, a))) && po->tok1 <= b &&
        po->tok1 > end)
      end = po->tok1;
  }
  return end;
}

/* Is "và" or "cùng" (the words that close a list) in [a, b)? */
static int and_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++)
    if (and_word_at(d, g, k)) return 1;
  return 0;
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
static int pick(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                const slice *sl, hoso__event *ev, uint32_t lo, uint32_t hi, int type,
                const char *role, int all, int dir, int frame, uint32_t t1, int nominal) {
  if (dir > 0) {
    uint32_t last = 0;
    int got = 0, last_ent = -1, and_seen = 0;
    for (size_t q = 0; q < sl->n; q++) {
      const hoso__mention *x = &d->men[sl->m[q]];
      if (x->type != type || x->entity < 0) continue;
      if (x->tok0 < lo || x->tok1 > hi) continue;
      if (is_source(d, g, x, s) || qualifies(d, g, x)) continue;
      if (type == ET_GPE && !country_party(d, g, sl, x)) continue;
      if (!frame && says(d, g, x)) continue;
      const char *r1 = cue_between(d, g, lo > t1 ? lo : t1, x->tok0, "invite") ? "host" : role;
      if (r1 == role && got && !frame) {
        if (x->tok0 < last) continue; /* inside the previous one */
        /* "gặp tướng A, Tư lệnh ... tại Irắc, Đại sứ Mỹ B": over A's post */
        uint32_t from = after_post(d, last, x->tok0, last_ent);
        if (!all || !joined_to(d, g, from, x->tok0, x->entity)) {
          if (ev->part[ev->npart - 1].entity == x->entity) continue;
          break;
        }
        /* "với A, B và C, Quốc vương X ...": a list closed by "và" ends
        ** there; a name after a further comma opens the next clause */
        int and_here = and_between(d, g, from, x->tok0);
        if (and_seen && !and_here) break;
        and_seen |= and_here;
      }
      if (add_part(ev, x->entity, NULL, d->ents[x->entity].country, r1)) return -1;
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
    if (x->type != type || x->entity < 0) continue;
    if (x->tok0 < lo || x->tok1 > hi) continue;
    if (is_source(d, g, x, s) || qualifies(d, g, x)) continue;
    if (type == ET_GPE && !country_party(d, g, sl, x)) continue;
    if (frame) {
      if (add_part(ev, x->entity, NULL, d->ents[x->entity].country, role)) return -1;
      continue;
    }
    /* "X nêu rõ chuyến thăm này ...": X speaks of the event named as a
    ** thing, and is not its subject; "X đưa tin, hai vợ chồng sẽ thăm
    ** ...": X reports it (but "X cho biết, ông sẽ gặp": X is "ông") */
    if (nominal && says(d, g, x)) continue;
    if (says_apart(d, g, x) && subject_before(d, g, sl, x->tok1, hi)) continue;
    if (type == ET_PER && invited_by(d, g, sl, x, lo)) {
      if (add_part(ev, x->entity, NULL, d->ents[x->entity].country, "host")) return -1;
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
  if (add_part(ev, x->entity, NULL, d->ents[x->entity].country, role)) return -1;
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
    if (add_part(ev, y->entity, NULL, d->ents[y->entity].country, role)) return -1;
    head = y->tok0;
  }
  return 0;
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

/* The person named right after token t1, over their post and rank
** ("thăm Chủ tịch Cuba Fidel Castro"): the mention, or -1. Only words of
** a post (titles, ranks, countries, bodies, capitalised words) and "ông",
** "bà" may come between. */
static int person_after(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
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
    if (is_comma(d, k)) return -1;
  if (a == t1 || joined_to(d, g, t1, a, d->men[m].entity)) return m;
  /* the post as the entity stage read it */
  const hoso__entity *pe = &d->ents[d->men[m].entity];
  for (size_t p = 0; p < pe->nposts; p++)
    if (pe->posts[p].tok0 == t1 && pe->posts[p].tok1 == a) return m;
  return -1;
}

/* Is a STATUS cue with this value (among all the entries of its surface:
** "mời" is both "proposed" and "inviter") at token k? */
static int cue_any(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, const char *value,
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
static int invite_ends_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t end) {
  for (uint32_t j = end >= 5 ? end - 5 : 0; j < end; j++) {
    uint32_t l;
    if (cue_at(d, g, j, "invite", &l) && j + l == end) return 1;
  }
  return 0;
}

/* How much an event's date says: 0 none, 1 a relative word that cannot be
** resolved ("sáng nay" without a publication date), 2 a stated day or
** month. */
/* "chuyến thăm Mỹ sắp tới của Thủ tướng X", "của cố thủ tướng X": the
** person named right after "của" (STATUS "of") within 6 tokens after t1
** and before hi, over a post or rank and "cố" (STATUS "late") -- not the
** inviter ("theo lời mời của X": the host). Its mention, or -1. */
static int of_person(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
                     uint32_t hi) {
  for (uint32_t x = t1; x < hi && x < t1 + 6; x++) {
    uint32_t ol, ll, tl;
    if (!cue_at(d, g, x, "of", &ol)) continue;
    if (invite_ends_at(d, g, x + ol)) return -1;
    if (cue_at(d, g, x + ol, "late", &ll)) ol += ll;
    int mi = mention_at(d, sl, x + ol, x + ol + 1, 1u << ET_PER);
    /* a post between: "của Chủ tịch nước X" */
    if (mi < 0 && hoso__gaz_match(g, d, x + ol, GCM(GC_TITLE) | GCM(GC_RANK), &tl) >= 0)
      for (uint32_t y = x + ol; y < x + ol + 8 && y < hi && mi < 0; y++)
        mi = mention_at(d, sl, y, y + 1, 1u << ET_PER);
    return mi >= 0 && d->men[mi].entity >= 0 ? mi : -1;
  }
  return -1;
}

/* "Hội kiến với A, B và C, Quốc vương X bày tỏ ...", "Sau khi hội đàm với
** A, X đã ...": a trigger that opens its sentence -- only punctuation, a
** date and its comma, or an opening cue (STATUS "opening") before it --
** has its subject after the comma that closes its clause, which ends at
** token end (after the trigger and the people it took): the person
** opening the next clause, over their post. The mention, or -1. */
static int subject_after_opening(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                                 const slice *sl, uint32_t i, uint32_t end) {
  uint32_t c = s->tok0, ol;
  while (c < i) {
    int dm = mention_at(d, sl, c, c + 1, 1u << ET_DATE);
    if (d->tok[c].flags & NT_PUNCT) c++;
    else if (dm >= 0 && d->men[dm].tok1 > c) c = d->men[dm].tok1;
    else if (cue_at(d, g, c, "opening", &ol)) c += ol;
    else break;
  }
  if (c != i) return -1;
  /* the clause closes at the first comma after end, with nobody between */
  for (c = end; c < s->tok1 && !is_comma(d, c); c++)
    if (mention_at(d, sl, c, c + 1, (1u << ET_PER) | (1u << ET_ORG)) >= 0) return -1;
  return c + 1 < s->tok1 ? person_after(d, g, sl, c + 1, s->tok1) : -1;
}

static int date_rank(const hoso__entity *ents, const hoso__event *ev) {
  if (ev->date_entity < 0) return 0;
  const hoso__date *dt = &ents[ev->date_entity].date;
  if (dt->year && !dt->month && !dt->week) return 1; /* a year: any day beats it */
  return dt->determinable || dt->month || dt->year ? 2 : 1;
}

/* The heads of the delegations the text names, in text order (at most
** MAX_HEADS): "đoàn ... do X dẫn đầu", "X dẫn đầu đoàn" (STATUS "lead-after"
** in models/events/words.tsv, right after X's name), "Trưởng đoàn X",
** "Đứng đầu đoàn đại biểu Nhật Bản là X" (STATUS "lead-before": the first
** person after it, before a comma). People joined to the one before
** "lead-after" ("do A và B dẫn đầu", "do A, Chủ tịch X, và B dẫn đầu")
** lead the same delegation: one group. */
#define MAX_HEADS 8
typedef struct heads {
  int ent[MAX_HEADS];
  int grp[MAX_HEADS]; /* delegation index, in text order */
  int n, ngrp;
} heads;

static void add_head(heads *h, int ent, int grp) {
  for (int i = 0; i < h->n; i++)
    if (h->ent[i] == ent) return;
  if (h->n < MAX_HEADS) {
    h->grp[h->n] = grp;
    h->ent[h->n++] = ent;
    if (grp >= h->ngrp) h->ngrp = grp + 1;
  }
}

static void find_heads(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                       const size_t *first, heads *h) {
  h->n = h->ngrp = 0;
  for (size_t si = 0; si < d->nsent && h->n < MAX_HEADS; si++) {
    const hoso__nsent *s = &d->sent[si];
    for (size_t q = first[si]; q < first[si + 1]; q++) {
      const hoso__mention *x = &d->men[idx[q]];
      if (x->type != ET_PER || x->entity < 0) continue;
      if (!cue_any(d, g, x->tok1, "lead-after", NULL)) continue;
      /* "do A và B dẫn đầu": the people after the nearest "do" (STATUS
      ** "lead-by") before x, the first within 6 words of it, lead with x */
      size_t q0 = q;
      for (uint32_t k = x->tok0; k > s->tok0 && x->tok0 - k < 40;) {
        k--;
        uint32_t l;
        if (!cue_at(d, g, k, "lead-by", &l) || k + l > x->tok0) continue;
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
      if (!cue_any(d, g, k, "lead-before", &l)) continue;
      for (size_t q = first[si]; q < first[si + 1]; q++) {
        const hoso__mention *x = &d->men[idx[q]];
        if (x->type != ET_PER || x->entity < 0 || x->tok0 < k + l) continue;
        uint32_t c = k + l;
        while (c < x->tok0 && !is_comma(d, c)) c++;
        if (c == x->tok0 && x->tok0 < k + l + 16) add_head(h, x->entity, h->ngrp);
        break;
      }
    }
  }
}

/* Is "đoàn", "phái đoàn" (STATUS "delegation") the subject in [lo, hi), with no
** comma after it? 2 when it is "of both countries" ("đoàn hai nước", "hai
** đoàn"), else 1; 0 when not there. */
static int delegation_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                             uint32_t hi) {
  for (uint32_t k = hi; k > lo;) {
    k--;
    if (is_comma(d, k)) return 0;
    uint32_t l;
    if (!cue_any(d, g, k, "delegation", &l)) continue;
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

/* The country of place entity ent: its own, else Việt Nam for a
** Vietnamese administrative unit (models/gazetteers/admin_vn.tsv lists
** them with codes "province-..." and "commune-..." instead of a
** country), else "". */
static const char *place_country(const hoso__ndoc *d, const hoso__gaz *g, int ent) {
  const hoso__entity *pe = &d->ents[ent];
  if (pe->country[0]) return pe->country;
  const hoso__mention *fm = &d->men[pe->first_mention];
  if (fm->gz < 0) return "";
  const hoso__gentry *ge = hoso__gaz_entry(g, fm->gz);
  if (ge->nf > 3 && (!strncmp(ge->f[3], "province-", 9) || !strncmp(ge->f[3], "commune-", 8)))
    return "VN";
  return "";
}

/* Does a frame cue ("trong cuộc", "tại buổi": STATUS "frame") end right
** before the trigger at token i? */
static int frame_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
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
static int passive_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                          const slice *sl, uint32_t i) {
  for (uint32_t x = i; x > s->tok0 && i - x < 8;) {
    x--;
    uint32_t pl;
    if (is_comma(d, x)) return 0;
    if (cue_at(d, g, x, "passive", &pl) && x + pl <= i)
      return mention_at(d, sl, x + pl, i,
                        (1u << ET_PER) | (1u << ET_ORG) | (1u << ET_GPE) | (1u << ET_LOC)) >= 0;
  }
  return 0;
}

/* The person a sentence is about, for a pronoun or a post without a name
** in the sentences after it: the first participant of the sentence's first
** event when a person, else the person named first when named early (in
** the first 12 words, not as a source: "Theo ông X"), else the topic so far. */
static int sentence_topic(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
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
    if (x->tok0 < s->tok0 + 12 && !is_source(d, g, x, s) && !says(d, g, x)) return x->entity;
    break;
  }
  return topic;
}

/* A pronoun standing for a person ("ông", "bà", "ngài": STATUS "pronoun"
** in models/events/words.tsv) in [lo, hi), the nearest to hi with no
** comma after it and no name right after it ("ông Putin" is a name). */
static int pronoun_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo, uint32_t hi) {
  for (uint32_t k = hi; k > lo;) {
    k--;
    if (is_comma(d, k)) return 0;
    uint32_t l;
    if (cue_at(d, g, k, "pronoun", &l) && k + l <= hi) {
      uint32_t nx = k + l;
      if (nx < d->ntok && (d->tok[nx].flags & NT_WORD) &&
          (d->tok[nx].flags & (NT_UPPER | NT_ALLCAPS)))
        return 0;
      return 1;
    }
  }
  return 0;
}

/* A cue of the kind "same-day" ("cùng ngày", "hôm đó": models/events/
** words.tsv) before the trigger at token i, in its clause: the event is
** on the day of the latest date with a day stated before the sentence
** (only its day: the part of day and time are the earlier event's). */
static void same_day(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s, uint32_t i,
                     hoso__event *ev) {
  int cue = 0;
  uint32_t l;
  for (uint32_t k = i; k > s->tok0 && !cue;) { /* in the trigger's clause */
    k--;
    if (is_comma(d, k)) break;
    cue = cue_at(d, g, k, "same-day", &l) && k + l <= i;
  }
  for (uint32_t k = s->tok0; k < s->tok0 + 3 && k < i && !cue; k++) /* opening the sentence */
    cue = cue_at(d, g, k, "same-day", &l) && k + l <= i;
  if (!cue) return;
  int best = -1;
  for (size_t m = 0; m < d->nmen; m++) {
    const hoso__mention *x = &d->men[m];
    if (x->type != ET_DATE || x->entity < 0 || x->tok1 > s->tok0 || !d->ents[x->entity].date.day)
      continue;
    if (best < 0 || x->tok0 > d->men[best].tok0) best = (int)m;
  }
  if (best < 0) return;
  ev->date_entity = d->men[best].entity;
  ev->date_men = best;
  ev->day_only = 1;
}

/* "cuộc hội đàm giữa A với lãnh đạo nước cộng hòa tự trị Adzharia B",
** "Tuyên bố được ký kết ngày hôm qua giữa A và B": a cue of the kind
** "between" after the trigger (token t1; within 6 words, no comma or
** person between); the first person after it, then "với" or "và" right
** after that name, and the first person after that within 12 words, no
** comma between: A and B take part, whatever describes B. */
static int between_second(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                          hoso__event *ev, uint32_t t1, uint32_t hi, const char *role) {
  uint32_t c = t1;
  while (c < hi && c < t1 + 6 && !is_comma(d, c) && !cue_at(d, g, c, "between", NULL) &&
         mention_at(d, sl, c, c + 1, 1u << ET_PER) < 0)
    c++;
  if (c >= hi || !cue_at(d, g, c, "between", NULL)) return 0;
  t1 = c;
  int m1 = -1;
  for (size_t q = 0; q < sl->n && m1 < 0; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type == ET_PER && x->entity >= 0 && x->tok0 > t1 && x->tok1 <= hi) m1 = (int)sl->m[q];
  }
  if (m1 < 0) return 0;
  uint32_t k = d->men[m1].tok1, wl;
  int w = k < hi ? hoso__gaz_match(g, d, k, GCM(GC_STOP), &wl) : -1;
  if (w < 0 || (strcmp(hoso__gaz_entry(g, w)->f[0], "với") && strcmp(hoso__gaz_entry(g, w)->f[0], "và")))
    return 0;
  k += wl;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < k || x->tok1 > hi) continue;
    if (x->tok0 >= k + 12) return 0;
    for (uint32_t y = k; y < x->tok0; y++)
      if (is_comma(d, y)) return 0;
    return add_part(ev, d->men[m1].entity, NULL, d->ents[d->men[m1].entity].country, role) ||
           add_part(ev, x->entity, NULL, d->ents[x->entity].country, role);
  }
  return 0;
}

typedef struct entlist {
  int ent[16];
  size_t n;
  int took_right; /* the clause's trigger took people after it */
} entlist;

static int find_in_sentence(const hoso__ndoc *d, const hoso__gaz *g,
                            const hoso__nsent *s, uint32_t si, const slice *sl,
                            hoso__events *out, int *topic, const heads *hd) {
  size_t n_before = out->n;
  uint32_t i = s->tok0, l;
  uint32_t clause_lo_v = s->tok0, *clause_lo = &clause_lo_v;
  entlist prev_left_v = {{0}, 0, 0}, *prev_left = &prev_left_v;
  entlist prev_right = {{0}, 0, 0}; /* people after the previous trigger */
  const char *prev_type = NULL;      /* and its event's type */
  const char *prev_status = NULL;
  while (i < s->tok1) {
    int tg = hoso__gaz_match(g, d, i, GCM(GC_TRIGGER), &l);
    if (tg < 0 || in_title(d, g, i)) {
      i++;
      continue;
    }
    /* several patterns may share a surface ("trao"): try each */
    int done = 0;
    for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1] && !done; k++) {
      const struct hoso__gmatch *gm = &d->gm[k];
      if (gm->cls != GC_TRIGGER || gm->len != l) continue;
      const hoso__gentry *e = hoso__gaz_entry(g, gm->id);
      if (e->nf < 7 || !strcmp(e->f[2], "-")) {
        done = 1;
        break;
      }
      const char *needs = e->f[4];
      uint32_t t1 = i + l;
      uint32_t o0 = 0, o1 = 0, rel_lo = 0;
      const char *obj_static = NULL;
      if (!strcmp(needs, "ENT")) {
        uint32_t lim = t1;
        while (lim < s->tok1 && lim < t1 + 10 && !(d->tok[lim].flags & NT_PUNCT)) lim++;
        /* or named as the sentence's frame: "trong cuộc gặp vào tháng 2, ..." */
        if (mention_at(d, sl, t1, lim,
                       (1u << ET_PER) | (1u << ET_ORG) | (1u << ET_GPE) | (1u << ET_LOC)) < 0 &&
            !frame_before(d, g, s, i) && !passive_before(d, g, s, sl, i))
          continue;
      } else if (!strcmp(needs, "PER")) { /* "thăm Chủ tịch Cuba Fidel Castro" */
        if (person_after(d, g, sl, t1, s->tok1) < 0) continue;
      } else if (!strcmp(needs, "GPE")) {
        if (mention_at(d, sl, t1, t1 + 1, (1u << ET_GPE) | (1u << ET_LOC)) < 0) continue;
      } else if (!strcmp(needs, "COUNTRY")) { /* "tới Hàn Quốc", not "tới Hà Nội" */
        /* the place may follow a place noun: "tới thủ đô Slovakia" (STATUS
        ** "place-noun") */
        uint32_t at = t1, pl;
        if (cue_at(d, g, t1, "place-noun", &pl)) at = t1 + pl;
        /* or a place with its country in brackets: "đến Côn Minh (Trung Quốc)",
        ** or after "của": "tới thủ đô Tripoli của Libya" */
        int pm = mention_at(d, sl, at, at + 1, 1u << ET_LOC);
        uint32_t pe = pm >= 0 ? d->men[pm].tok1 : 0, ofl = 0;
        if (pm >= 0 && pe + 1 < s->tok1) {
          if ((d->tok[pe].flags & NT_PUNCT) && d->text[d->tok[pe].off] == '(') ofl = 1;
          else cue_at(d, g, pe, "of", &ofl); /* leaves ofl 0 when absent */
        }
        int bracket = ofl && mention_at(d, sl, pe + ofl, pe + ofl + 1, 1u << ET_GPE) >= 0;
        /* or a foreign city: "sẽ đến Matxcơva" said of a person of another
        ** country (the place's country is known and is not the person's) */
        int foreign = 0;
        const char *pc = pm >= 0 && d->men[pm].entity >= 0 ? place_country(d, g, d->men[pm].entity) : "";
        if (pc[0]) {
          for (size_t q = 0; q < sl->n; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->type == ET_PER && x->entity >= 0 && x->tok1 <= i)
              foreign = d->ents[x->entity].country[0] && strcmp(d->ents[x->entity].country, pc);
          }
        }
        if (mention_at(d, sl, at, at + 1, 1u << ET_GPE) < 0 && !bracket && !foreign) continue;
      } else if (!strcmp(needs, "PLACE")) { /* "chuyến đi không báo trước tới Baghdad" */
        uint32_t lim = t1;
        while (lim < s->tok1 && lim < t1 + 8 && !(d->tok[lim].flags & NT_PUNCT)) lim++;
        if (mention_at(d, sl, t1, lim, (1u << ET_GPE) | (1u << ET_LOC)) < 0) continue;
      } else if (!strcmp(needs, "DOC")) {
        int found = 0;
        for (uint32_t x = t1; x < t1 + 3 && x < s->tok1 && !found; x++) {
          uint32_t dl;
          int de = hoso__gaz_match(g, d, x, GCM(GC_DOC), &dl);
          if (de >= 0) {
            found = 1;
            o0 = x;
            o1 = x + dl;
            obj_static = hoso__gaz_entry(g, de)->f[2];
            /* "hiệp định tín dụng": the document's kind, one word */
            uint32_t wl, sl2;
            if (dl <= 2 && o1 < s->tok1 && !(d->tok[o1].flags & (NT_UPPER | NT_ALLCAPS)) &&
                hoso__gaz_match(g, d, o1, GCM(GC_WORD), &wl) >= 0 &&
                hoso__gaz_match(g, d, o1, GCM(GC_STOP) | GCM(GC_DOC), &sl2) < 0)
              o1 += wl;
          }
        }
        /* "Hiệp định ... vừa được ký bởi A và B": the document before */
        uint32_t pl;
        for (uint32_t x = i; !found && x > s->tok0 && i - x < 3;) {
          x--;
          if (!cue_at(d, g, x, "passive", &pl) || x + pl != i) continue;
          found = doc_before(d, g, s->tok0, x, 24, 0, &o0, &o1, &obj_static);
        }
        /* "hiệp định hợp tác ... mà Việt Nam và Pháp đã ký": the document
        ** before a relative word ("mà": STATUS "relative-doc") */
        for (uint32_t x = i; !found && x > s->tok0 && i - x < 8;) {
          x--;
          if (is_comma(d, x)) break;
          uint32_t rl;
          if (!cue_any(d, g, x, "relative-doc", &rl) || x + rl > i) continue;
          found = doc_before(d, g, s->tok0, x, 16, 1, &o0, &o1, &obj_static);
          if (found) rel_lo = x + rl; /* the clause of the signing opens there */
          break;
        }
        if (!found) continue;
      } else if (!strcmp(needs, "AWARD")) {
        int found = 0;
        for (uint32_t x = t1; x < t1 + 2 && x < s->tok1 && !found; x++) {
          uint32_t al;
          int ae = hoso__gaz_match(g, d, x, GCM(GC_AWARD), &al);
          if (ae >= 0) {
            found = 1;
            o0 = x;
            o1 = x + al;
            obj_static = hoso__gaz_entry(g, ae)->f[2];
            /* its class: "Huân chương Lao động hạng Ba" (then as written) */
            if (o1 + 1 < s->tok1 && grade_at(d, g, o1)) {
              o1 += 2;
              obj_static = NULL;
            }
            break;
          }
          ae = hoso__gaz_match(g, d, x, GCM(GC_AWARDHEAD), &al);
          /* "Huân chương Hữu nghị"; lower case only right after the
          ** trigger ("đã trao tặng huy chương ...") */
          if (ae >= 0 && ((d->tok[x].flags & (NT_UPPER | NT_ALLCAPS)) || x == t1)) {
            found = 1;
            o0 = x;
            o1 = x + al;
            while (o1 < s->tok1 && (d->tok[o1].flags & NT_WORD) &&
                   (d->tok[o1].flags & (NT_UPPER | NT_ALLCAPS)) &&
                   mention_at(d, sl, o1, o1 + 1, 1u << ET_PER) < 0)
              o1++;
            if (o1 + 1 < s->tok1 && grade_at(d, g, o1)) o1 += 2;
            /* "Huân chương Lao động hạng Nhất" */
          }
        }
        if (!found) continue;
      }
      done = 1;
      /* "Trao đổi với phóng viên, ông X cho biết ...": an interview
      ** (STATUS "interview" opening the sentence, no person before the
      ** comma, then a verb of saying), not an encounter */
      if (cue_at(d, g, i, "interview", NULL)) {
        uint32_t c = s->tok0;
        while (c < i && (d->tok[c].flags & NT_PUNCT)) c++;
        uint32_t cm = t1;
        while (cm < s->tok1 && !is_comma(d, cm)) cm++;
        /* with a person ("Trao đổi với Đại sứ X, Y nói") it is an encounter */
        if (c == i && cm < s->tok1 && mention_at(d, sl, t1, cm, 1u << ET_PER) < 0 &&
            cue_between(d, g, cm, s->tok1, "said"))
          break;
      }
      /* "Tại buổi đối thoại, A ... B": the event named as the frame of the
      ** sentence; everyone in it took part, and the clauses are left to
      ** the sentence's verbs. A frame of an event already reported ("Ngay
      ** sau hội đàm, ...") only adds its sentence as evidence. */
      int frame = 0;
      for (uint32_t x = i > s->tok0 + 4 ? i - 4 : s->tok0; x < i; x++) {
        uint32_t fl;
        int fe = hoso__gaz_match(g, d, x, GCM(GC_STATUS), &fl);
        if (fe >= 0 && x + fl == i && !strcmp(hoso__gaz_entry(g, fe)->f[2], "frame")) frame = 1;
      }
      /* "trong cuộc gặp với X, ...": a new encounter when a person is
      ** named right after the trigger */
      uint32_t wl;
      int w = t1 < s->tok1 ? hoso__gaz_match(g, d, t1, GCM(GC_STOP), &wl) : -1;
      if (frame && mention_at(d, sl, t1, t1 + 8 < s->tok1 ? t1 + 8 : s->tok1, 1u << ET_PER) >= 0 &&
          w >= 0 && !strcmp(hoso__gaz_entry(g, w)->f[0], "với"))
        frame = 2;
      if (frame == 1) {
        hoso__event *prior = NULL;
        for (size_t q = 0; q < out->n && !prior; q++)
          if (!strcmp(out->ev[q].type, e->f[2]) && out->ev[q].npart) prior = &out->ev[q];
        /* "kể từ sau chuyến thăm Algeria của cố thủ tướng X": a visit of
        ** someone the event before does not name is another one, told
        ** like any other trigger */
        int om = prior ? of_person(d, g, sl, t1, s->tok1) : -1;
        for (size_t p = 0; om >= 0 && p < prior->npart; p++)
          if (prior->part[p].entity == d->men[om].entity) om = -1;
        if (om >= 0) {
          prior = NULL;
          frame = 0;
        }
        if (prior) {
          if (add_sent(&prior->evid, &prior->nevid, &prior->capevid, si)) return HOSO_ENOMEM;
          /* "trong cuộc gặp vào tuần thứ hai của tháng 2": a date right
          ** after the framed trigger is the event's when it had none */
          for (size_t q = 0; q < sl->n && date_rank(d->ents, prior) < 2; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->type != ET_DATE || x->entity < 0 || x->tok0 < t1 || x->tok0 > t1 + 8) continue;
            uint32_t c = t1;
            while (c < x->tok0 && !is_comma(d, c)) c++;
            if (c < x->tok0 || !d->ents[x->entity].date.month) continue;
            prior->date_entity = x->entity;
            prior->date_men = (int)sl->m[q];
            prior->day_only = 0;
            prior->ranged = hoso__event_date_range(d, g, sl->m, sl->n, prior->date_men,
                                                   &prior->first, &prior->last);
          }
          /* its status covers the triggers after it in the sentence */
          if (prior->status_cue) prev_status = prior->status;
          break;
        }
      }
      /* a new event */
      if (grow((void **)&out->ev, &out->cap, out->n, sizeof *out->ev)) return HOSO_ENOMEM;
      hoso__event *ev = &out->ev[out->n];
      memset(ev, 0, sizeof *ev);
      ev->type = e->f[2];
      ev->cameo = e->f[3];
      ev->date_entity = ev->place_entity = ev->date_men = -1;
      ev->obj_tok0 = o0;
      ev->obj_tok1 = o1;
      ev->obj_static = obj_static;
      ev->trig0 = i;
      ev->trig1 = t1;
      ev->framed = frame != 0;
      ev->sequel = cue_any(d, g, s->tok0, "sequel", NULL) ||
                   (s->tok0 + 1 < s->tok1 && cue_any(d, g, s->tok0 + 1, "sequel", NULL));
      out->n++;
      /* status: nearest cue before the trigger */
      ev->status = "happened";
      int status_cue = 0;
      for (uint32_t x = i; x > s->tok0 && i - x < 10;) {
        x--;
        if (is_comma(d, x)) break;
        uint32_t stl;
        int se = hoso__gaz_match(g, d, x, GCM(GC_STATUS), &stl);
        const char *sv = se >= 0 ? hoso__gaz_entry(g, se)->f[2] : "";
        /* the cue may run into the trigger: "sẽ có" + "có cuộc gặp" */
        if (se >= 0 &&
            (!strcmp(sv, "happened") || !strcmp(sv, "planned") || !strcmp(sv, "proposed") ||
             !strcmp(sv, "negated"))) {
          ev->status = hoso__gaz_entry(g, se)->f[2];
          status_cue = 1;
          break;
        }
      }
      /* "chuyến thăm Mỹ sắp tới", "gặp nhau lần gần đây nhất": a cue
      ** after the trigger */
      for (uint32_t x = t1; !status_cue && x < s->tok1 && x < t1 + 12 && !is_comma(d, x); x++)
        if (cue_at(d, g, x, "planned-after", NULL) || cue_at(d, g, x, "happened-after", NULL)) {
          ev->status = cue_at(d, g, x, "planned-after", NULL) ? "planned" : "happened";
          status_cue = 1;
        }
      /* "sẽ có cuộc hội đàm, hội kiến với ...": the cue covers the list */
      if (!status_cue && prev_status) ev->status = prev_status;
      if (status_cue) prev_status = ev->status;
      ev->status_cue = status_cue;
      if (!strcmp(ev->status, "negated")) { /* "chưa ký", "không gặp" */
        event_free(ev);
        out->n--;
        continue;
      }
      /* participants: each side of the trigger within its clause -- after
      ** the previous trigger's people and before the next trigger ("A hội
      ** đàm với B, hội kiến với C") -- people first, then a post named
      ** without a name that one of the article's people holds ("Chủ tịch
      ** nước đã trao ..."), then, where the pattern allows, bodies */
      /* the event named as a thing: "chuyến thăm", "cuộc hội đàm" */
      int nominal = cue_at(d, g, i, "nominal", NULL) ||
                    (i > s->tok0 && cue_at(d, g, i - 1, "nominal", NULL));
      int allow_org = strstr(e->f[6], "ORG") != NULL;
      uint32_t right_hi = frame ? s->tok1 : next_trigger(d, g, t1 > o1 ? t1 : o1, s->tok1);
      uint32_t saved_lo = *clause_lo;
      size_t npart_left = 0;
      /* "..., hội đàm diễn ra, ...": the trigger is a subject; nobody
      ** after it takes part */
      for (uint32_t x = t1; !frame && x < right_hi; x++)
        if (cue_at(d, g, x, "end", NULL)) right_hi = x;
      /* the passive: "X được Y tiếp", "X được trao Huân chương", "Hiệp
      ** định ... được ký bởi A và B": the roles change sides */
      uint32_t pv = 0, pvl = 0;
      int passive = 0;
      for (uint32_t x = i; !frame && x > *clause_lo && i - x < 8;) {
        x--;
        if (is_comma(d, x)) break;
        if (cue_at(d, g, x, "passive", &pvl) && x + pvl <= i) {
          pv = x;
          passive = 1;
          break;
        }
      }
      /* "chuyến thăm Mỹ sắp tới của Thủ tướng X": X is the subject */
      int of_subject = 0;
      {
        int all0;
        const char *r0 = role_of(e->f[5], 0, &all0), *r1;
        r1 = role_of(e->f[5], 1, &all0);
        int mi = !frame && r0 && !r1 ? of_person(d, g, sl, t1, right_hi) : -1;
        if (mi >= 0) {
          if (add_part(ev, d->men[mi].entity, NULL, d->ents[d->men[mi].entity].country, r0))
            return HOSO_ENOMEM;
          of_subject = 1;
        }
      }
      /* "Hai thủ tướng đã chứng kiến ký kết 2 văn kiện": those before a
      ** witness cue (models/events/words.tsv) saw it, did not take part */
      uint32_t witness_end = 0;
      for (uint32_t x = *clause_lo; !frame && x < i; x++) {
        uint32_t wtl;
        if (cue_at(d, g, x, "witness", &wtl) && x + wtl <= i) witness_end = x + wtl;
      }
      for (int side = 0; side < 2 && !of_subject; side++) {
        int all;
        const char *role = role_of(e->f[5], side, &all);
        if (frame) all = 1;
        uint32_t lo = side == 0 ? (frame ? s->tok0 : *clause_lo) : t1,
                 hi = side == 0 ? i : right_hi;
        if (side == 0 && witness_end > lo) lo = witness_end;
        if (side == 0 && rel_lo > lo) lo = rel_lo;
        int dir = side == 0 ? -1 : 1;
        if (passive) {
          /* the agent between "được" and the trigger takes the left role,
          ** the subject before "được" the right one */
          int all0, all1;
          const char *rl = role_of(e->f[5], 0, &all0), *rr = role_of(e->f[5], 1, &all1);
          if (side == 0) {
            role = rl;
            all = all0;
            lo = pv + pvl;
            hi = i;
            dir = 1;
          } else {
            /* "Hiệp định ... được ký": the document is the subject */
            if (o1 && o1 <= pv) continue;
            role = rr ? rr : rl;
            all = rr ? all1 : all0;
            lo = *clause_lo;
            hi = pv;
            dir = -1;
          }
        }
        if (!role) continue;
        size_t before = ev->npart;
        /* bodies stand in for people only as recipients (an honour to a
        ** unit), or when the pattern allows it and nobody is named at all */
        int org_here = allow_org || !strcmp(role, "recipient");
        for (int pass = 0; pass < 3 && ev->npart == before; pass++) {
          if (pass == 2 && !org_here) break;
          if (pass == 2 && strcmp(role, "recipient") && ev->npart) break;
          if (pass == 1) { /* a post without a name */
            if (title_refs(d, g, ev, lo, hi, role, all, *topic)) return HOSO_ENOMEM;
            continue;
          }
          if (pick(d, g, s, sl, ev, lo, hi, pass == 0 ? ET_PER : ET_ORG, role, all, dir,
                   frame, t1, nominal))
            return HOSO_ENOMEM;
        }
        /* "Dự kiến ông sẽ gặp X": a pronoun for the person the text is
        ** about */
        if (ev->npart == before && side == 0 && !passive && !frame && *topic >= 0 &&
            pronoun_before(d, g, lo, hi))
          if (add_part(ev, *topic, NULL, d->ents[*topic].country, role)) return HOSO_ENOMEM;
        /* "Đoàn đại biểu Quốc hội hai nước sẽ hội đàm": the delegation's
        ** head (both heads when of both sides) */
        if (ev->npart == before && side == 0 && !passive && !frame && hd->n) {
          int dl = delegation_before(d, g, lo, hi);
          for (int h = 0; dl && h < hd->n && hd->grp[h] < dl; h++)
            if (add_part(ev, hd->ent[h], NULL, d->ents[hd->ent[h]].country, role))
              return HOSO_ENOMEM;
        }
        /* countries as parties where the pattern allows it ("who" has GPE):
        ** nobody named at all ("Hàn Quốc và Singapore đã ký"), or the
        ** counterpart after a party link ("X ký thỏa thuận với Chile",
        ** "Ngoại trưởng Mỹ ... hội đàm giữa Mỹ và Iran") */
        if (ev->npart == before && strstr(e->f[6], "GPE") && !frame) {
          if (ev->npart == 0) {
            if (pick(d, g, s, sl, ev, lo, hi, ET_GPE, role, all, dir, 0, t1, nominal)) return HOSO_ENOMEM;
          } else if (side == 1 || passive) {
            for (size_t q = 0; q < sl->n; q++) {
              const hoso__mention *x = &d->men[sl->m[q]];
              uint32_t wl2;
              if (x->type != ET_GPE || x->entity < 0 || x->tok0 < lo || x->tok1 > hi ||
                  x->tok0 == 0)
                continue;
              /* "với Chile", "giữa Mỹ và Iran" (STATUS "party-link") */
              if (!cue_any(d, g, x->tok0 - 1, "party-link", &wl2) || x->tok0 - 1 + wl2 != x->tok0)
                continue;
              if (pick(d, g, s, sl, ev, x->tok0, hi, ET_GPE, role, all, 1, 0, t1, 0))
                return HOSO_ENOMEM;
              break;
            }
          }
        }
        /* "được ký bởi A và B": the agent after the trigger */
        if (passive && side == 0 && ev->npart == before) {
          for (uint32_t x = t1; x < right_hi && x < t1 + 3; x++) {
            uint32_t bl;
            if (!cue_at(d, g, x, "by", &bl)) continue;
            if (pick(d, g, s, sl, ev, x + bl, right_hi, ET_PER, role, all, 1, 0, t1, 0))
              return HOSO_ENOMEM;
            break;
          }
        }
        if (passive) {
          /* "A hội đàm với B, ..., được lãnh đạo C tiếp": nobody before
          ** "được" in its clause, right after the clause before (or
          ** anywhere after it when it named nobody after its trigger):
          ** that clause's subject, as for the active below */
          int named = 0;
          for (size_t q = 0; q < sl->n && !named; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            named = (x->type == ET_PER || x->type == ET_ORG) && x->tok0 >= *clause_lo && x->tok1 <= pv;
          }
          if (side == 1 && ev->npart == before && !named && prev_left->n && pv >= *clause_lo &&
              (pv - *clause_lo <= 4 || !prev_left->took_right))
            for (size_t p = 0; p < prev_left->n; p++)
              if (add_part(ev, prev_left->ent[p], NULL, d->ents[prev_left->ent[p]].country, role))
                return HOSO_ENOMEM;
          if (side == 0) npart_left = ev->npart;
          continue;
        }
        /* nobody before the trigger, right after the previous event's
        ** clause: the same subject ("A hội đàm với B, hội kiến với C") */
        int between = 0;
        for (size_t q = 0; q < sl->n && !between; q++) {
          const hoso__mention *x = &d->men[sl->m[q]];
          if ((x->type == ET_PER || x->type == ET_ORG) && x->tok0 >= *clause_lo && x->tok1 <= i)
            between = 1;
        }
        /* "tiếp đoàn ... do X dẫn đầu đang ở thăm Việt Nam": a clause
        ** about the previous trigger's people on its right */
        int person_between = 0;
        for (size_t q = 0; q < sl->n && !person_between; q++) {
          const hoso__mention *x = &d->men[sl->m[q]];
          person_between = x->type == ET_PER && x->tok0 >= *clause_lo && x->tok1 <= i;
        }
        if (side == 0 && ev->npart == before && !person_between && prev_right.n &&
            i >= *clause_lo) {
          int rel = 0; /* "dẫn đầu đang ở thăm": the cue right before */
          for (uint32_t x = i > *clause_lo + 3 ? i - 3 : *clause_lo; x < i && !rel; x++)
            rel = cue_any(d, g, x, "relative", NULL);
          /* "chào đón X và Phu nhân ... thăm chính thức Việt Nam", "lễ
          ** đón X thăm Canada": the guest of a reception just before, in
          ** the same clause (no comma between), is the one who visits */
          if (!rel && prev_type && !strcmp(prev_type, "reception") && !strcmp(ev->type, "visit")) {
            rel = 1;
            for (uint32_t x = *clause_lo; x < i && rel; x++) rel = !is_comma(d, x);
          }
          for (size_t p = 0; rel && p < prev_right.n; p++)
            if (add_part(ev, prev_right.ent[p], NULL, d->ents[prev_right.ent[p]].country, role))
              return HOSO_ENOMEM;
        }
        /* right after the previous clause, or, when that clause named
        ** nobody after its trigger, anywhere before the next name */
        if (side == 0 && ev->npart == before && prev_left && prev_left->n &&
            i >= *clause_lo && !between && (i - *clause_lo <= 4 || !prev_left->took_right)) {
          for (size_t p = 0; p < prev_left->n; p++)
            if (add_part(ev, prev_left->ent[p], NULL,
                         d->ents[prev_left->ent[p]].country, role))
              return HOSO_ENOMEM;
        }
        if (side == 0) npart_left = ev->npart;
      }
      /* "cuộc hội đàm giữa A với B"; passive: "được ký kết giữa A và B"
      ** (the left role: the agents) */
      {
        int all1;
        const char *r1 = role_of(e->f[5], passive ? 0 : 1, &all1);
        if (!frame && !of_subject && r1 && between_second(d, g, sl, ev, t1, right_hi, r1))
          return HOSO_ENOMEM;
      }
      /* "X thăm Việt Nam theo lời mời của Y": a trigger that takes nobody
      ** on its right still takes its host from an invitation after it */
      {
        int all1;
        if (!frame && !role_of(e->f[5], 1, &all1) && !strcmp(ev->type, "visit")) {
          for (uint32_t x = t1; x < s->tok1 && x < t1 + 16; x++) {
            uint32_t il;
            if (!cue_at(d, g, x, "invite", &il)) continue;
            int m = person_after(d, g, sl, x + il, s->tok1);
            if (m >= 0 && add_part(ev, d->men[m].entity, NULL, d->ents[d->men[m].entity].country,
                                   "host"))
              return HOSO_ENOMEM;
            break;
          }
        }
      }
      /* "Trong khuôn khổ chuyến thăm Anh, Chủ tịch nước X đã ...": a visit
      ** named as the frame of the sentence, nobody in it: the guest is
      ** the person opening the clause after the frame's comma */
      if (frame && ev->npart == 0 && !strcmp(ev->type, "visit")) {
        uint32_t c = t1;
        while (c < s->tok1 && !is_comma(d, c)) c++;
        int m = c < s->tok1 ? person_after(d, g, sl, c + 1, s->tok1) : -1;
        if (m >= 0) {
          int all0;
          const char *r0 = role_of(e->f[5], 0, &all0);
          if (add_part(ev, d->men[m].entity, NULL, d->ents[d->men[m].entity].country,
                       r0 ? r0 : "guest"))
            return HOSO_ENOMEM;
        }
      }
      /* "Hội kiến với A, B và C, Quốc vương X ...": nobody before a trigger
      ** that opens the sentence; the subject follows its clause */
      {
        int all0;
        const char *r0 = role_of(e->f[5], 0, &all0);
        if (!frame && !passive && !of_subject && r0 && npart_left == 0) {
          uint32_t end = t1 > o1 ? t1 : o1;
          for (size_t p = 0; p < ev->npart; p++)
            for (size_t q = 0; q < sl->n; q++) {
              const hoso__mention *x = &d->men[sl->m[q]];
              if (x->entity == ev->part[p].entity && x->tok0 >= t1 && x->tok1 <= right_hi &&
                  x->tok1 > end)
                end = x->tok1;
            }
          int m = subject_after_opening(d, g, s, sl, i, end);
          size_t p = 0;
          while (m >= 0 && p < ev->npart && ev->part[p].entity != d->men[m].entity) p++;
          if (m >= 0 && p == ev->npart) {
            if (add_part(ev, d->men[m].entity, NULL, d->ents[d->men[m].entity].country, r0))
              return HOSO_ENOMEM;
            /* first, as the clause's left side */
            hoso__eparticipant subj = ev->part[ev->npart - 1];
            memmove(&ev->part[1], &ev->part[0], (ev->npart - 1) * sizeof *ev->part);
            ev->part[0] = subj;
            npart_left = 1;
          }
        }
      }
      /* "X mời Y thăm Lào": Y is the guest, X the host (or the person a
      ** pronoun before "mời" stands for) */
      if (!frame && !strcmp(ev->type, "visit")) {
        for (uint32_t c = s->tok0; c < i; c++) {
          uint32_t cl;
          if (!cue_any(d, g, c, "inviter", &cl)) continue;
          int m = person_after(d, g, sl, c + cl, i);
          if (m < 0) continue;
          int host = -1;
          for (size_t q = 0; q < sl->n; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->type == ET_PER && x->entity >= 0 && x->tok1 <= c && x->entity != d->men[m].entity &&
                !is_source(d, g, x, s))
              host = x->entity;
          }
          if (host < 0 && *topic >= 0 && *topic != d->men[m].entity && pronoun_before(d, g, s->tok0, c))
            host = *topic;
          if (host >= 0 && add_part(ev, host, NULL, d->ents[host].country, "host"))
            return HOSO_ENOMEM;
          break;
        }
      }
      /* remember this clause for the next trigger of the sentence */
      if (frame) {
        *clause_lo = saved_lo;
      } else if (prev_left) {
        prev_right.n = 0;
        prev_type = ev->type;
        for (size_t p = npart_left; p < ev->npart && prev_right.n < 16; p++)
          if (ev->part[p].entity >= 0) prev_right.ent[prev_right.n++] = ev->part[p].entity;
        prev_left->n = 0;
        prev_left->took_right = ev->npart > npart_left;
        for (size_t p = 0; p < npart_left && p < 16; p++)
          if (ev->part[p].entity >= 0) prev_left->ent[prev_left->n++] = ev->part[p].entity;
      }
      if (!frame) {
        /* the next clause starts after this trigger and, when it took
        ** people on its right, after them */
        uint32_t end = t1 > o1 ? t1 : o1;
        for (size_t p = npart_left; p < ev->npart; p++)
          for (size_t q = 0; q < sl->n; q++) {
            const hoso__mention *x = &d->men[sl->m[q]];
            if (x->entity == ev->part[p].entity && x->tok0 >= t1 && x->tok1 <= right_hi &&
                x->tok1 > end)
              end = x->tok1;
          }
        *clause_lo = end;
      }
      /* "hai bên", "hai Bộ trưởng" before the trigger in its clause: the
      ** people of the article's main event */
      int doc_subject = passive && o1 && o1 <= pv;
      if (doc_subject || witness_end) {
        /* "Hiệp định ... giữa hai nước sớm được ký": not the main event's people */
      } else if (ev->npart == 0 || (ev->npart && !strcmp(ev->type, "signing") &&
                             d->ents[ev->part[0].entity < 0 ? 0 : ev->part[0].entity].type == ET_ORG &&
                             subject_before(d, g, sl, s->tok0, i))) {
        if (subject_before(d, g, sl, s->tok0, i)) {
          const hoso__event *me = main_event(out);
          int all;
          const char *role = role_of(e->f[5], 0, &all);
          if (me && me != ev && me->npart) {
            for (size_t p = 0; p < ev->npart; p++) free(ev->part[p].name);
            ev->npart = 0;
          }
          for (size_t p = 0; me && me != ev && p < me->npart; p++)
            if (add_part(ev, me->part[p].entity, me->part[p].name, me->part[p].side,
                         role ? role : "participant"))
              return HOSO_ENOMEM;
        }
      } else if (npart_left == 0 && !passive && !frame && !of_subject &&
                 subject_before(d, g, sl, saved_lo, i)) {
        /* "hai vợ chồng sẽ thăm ông Bush": the people of the main event
        ** who are not on the trigger's other side take its left role */
        const hoso__event *me = main_event(out);
        int all;
        const char *role = role_of(e->f[5], 0, &all);
        size_t have = ev->npart;
        for (size_t p = 0; me && me != ev && role && p < me->npart; p++) {
          size_t q = 0;
          while (q < have && !same_part(&ev->part[q], &me->part[p])) q++;
          if (q == have &&
              add_part(ev, me->part[p].entity, me->part[p].name, me->part[p].side, role))
            return HOSO_ENOMEM;
        }
      }
      /* "Bộ Quốc phòng 2 nước": the body of each side */
      for (size_t p = 0; p < ev->npart; p++) {
        const hoso__entity *pe = &d->ents[ev->part[p].entity < 0 ? 0 : ev->part[p].entity];
        if (ev->part[p].entity < 0 || pe->type != ET_ORG) continue;
        const hoso__mention *fm = NULL;
        for (size_t q = 0; q < sl->n; q++)
          if (d->men[sl->m[q]].entity == ev->part[p].entity &&
              d->men[sl->m[q]].tok1 <= s->tok1)
            fm = &d->men[sl->m[q]];
        if (!fm || fm->tok1 >= s->tok1) continue;
        uint32_t al;
        int ag = hoso__gaz_match(g, d, fm->tok1, GCM(GC_AGREE), &al);
        if (ag < 0 || strcmp(hoso__gaz_entry(g, ag)->f[2], "subject")) continue;
        const char *c1, *c2;
        int g1, g2;
        sides(d, &c1, &c2, &g1, &g2);
        if (!c1 || !c2 || g1 < 0 || g2 < 0) continue;
        const char *bs;
        size_t bn;
        hoso__span_text(d, fm->tok0, fm->tok1, &bs, &bn);
        const char *role = ev->part[p].role;
        ev->part[p] = ev->part[--ev->npart];
        for (int k2 = 0; k2 < 2; k2++) {
          const hoso__entity *ge = &d->ents[k2 ? g2 : g1];
          const char *gn;
          size_t gnn;
          hoso__entity_name(d, ge, &gn, &gnn);
          char name[512];
          snprintf(name, sizeof name, "%.*s %.*s", (int)bn, bs, (int)gnn, gn);
          /* an entity of that name in the article, if any */
          int ent = -1;
          for (size_t q = 0; q < d->nents; q++) {
            if (d->ents[q].type != ET_ORG) continue;
            const char *qn;
            size_t qnn;
            hoso__entity_name(d, &d->ents[q], &qn, &qnn);
            if (qnn == strlen(name) && !memcmp(qn, name, qnn)) ent = (int)q;
          }
          if (add_part(ev, ent, ent < 0 ? name : NULL, ge->country, role))
            return HOSO_ENOMEM;
        }
        break;
      }
      /* date, place */
      int first_in_sentence = 1;
      for (size_t q = 0; q + 1 < out->n && first_in_sentence; q++)
        for (size_t v = 0; v < out->ev[q].nevid; v++)
          if (out->ev[q].evid[v] == si) first_in_sentence = 0;
      int date_pri = 0;
      uint32_t date_dist = 0;
      int year_men = -1; /* a bare year in the trigger's clause, after it */
      for (size_t q = 0; q < sl->n; q++) {
        const hoso__mention *x = &d->men[sl->m[q]];
        if (x->tok0 < s->tok0 || x->tok1 > s->tok1 || x->entity < 0) continue;
        if (x->tok0 < rel_lo) continue; /* "... tháng 2 ... mà A và B đã ký" */
        /* "gặp nhau lần gần đây nhất ... là vào năm 2003", "mà Việt Nam
        ** và Pháp đã ký năm 2000": a year right after the trigger in its
        ** clause (no comma, no "kể từ") says when, if nothing else does;
        ** elsewhere a bare year is background ("quan hệ từ năm 1971") */
        if (x->type == ET_DATE && year_men < 0 && d->ents[x->entity].date.year &&
            !d->ents[x->entity].date.month && !d->ents[x->entity].date.week &&
            x->tok0 >= t1 && x->tok0 - t1 <= 16 &&
            !cue_between(d, g, t1, x->tok0, "since")) {
          uint32_t c = t1;
          while (c < x->tok0 && !is_comma(d, c) && !cue_any(d, g, c, "year-from", NULL)) c++;
          if (c == x->tok0) year_men = (int)sl->m[q];
        }
        /* a day, a month or a week; a bare year ("năm 1971") is
        ** background, not when the event took place */
        /* "kể từ tháng 4/2003": a point of reference, not when it took place */
        int since = x->tok0 >= t1 && x->tok0 - t1 < 24 && cue_between(d, g, t1, x->tok0, "since");
        if (x->type == ET_DATE && !since &&
            (d->ents[x->entity].date.month || d->ents[x->entity].date.week ||
             !d->ents[x->entity].date.determinable)) {
          /* when: the date opening the sentence ("Chiều 3/5, tại ...,
          ** A đã tiếp B"); else the nearest one in the trigger's clause
          ** (no comma between); else one just after it ("... tại Hạ
          ** Long, ngày 5/3") -- not a date of another clause */
          int pri = 0;
          uint32_t dist = 0;
          if (x->tok0 <= s->tok0 + 3) {
            /* the sentence's opening date is its first event's */
            pri = first_in_sentence ? 3 : 0;
            /* "Ngày 6/3, X ra thông báo cho biết Y sẽ thăm Z từ ngày 8
            ** đến 11/3": the opening date is when it was said; a date in
            ** the trigger's own clause beats it */
            if (pri && x->tok1 <= i && cue_between(d, g, x->tok1, i, "said")) pri = 1;
          } else {
            uint32_t a = x->tok1 <= i ? x->tok1 : t1, b = x->tok1 <= i ? i : x->tok0;
            int commas = 0;
            for (uint32_t kk = a; kk < b; kk++) commas += is_comma(d, kk);
            dist = b - a;
            /* "..., sáng 4/7, Thủ tướng X đã đến": the date and its comma
            ** open the trigger's clause */
            if (x->tok1 <= i && commas == 1 && is_comma(d, x->tok1) &&
                !cue_between(d, g, x->tok1, i, "said"))
              commas = 0; /* not "Tại cuộc họp báo chiều 15/10, X cho biết Y đã tiếp" */
            if (!commas) pri = 2;
            else if (x->tok0 >= t1 && commas <= 2 && dist <= 24) pri = 1;
          }
          /* "Sáng qua 20/11": the day stated beats the relative word
          ** that cannot be resolved */
          const hoso__date *dn = &d->ents[x->entity].date;
          int better = ev->date_entity >= 0 && pri && pri == date_pri &&
                       !d->ents[ev->date_entity].date.determinable &&
                       !d->ents[ev->date_entity].date.month && dn->month;
          if (pri > date_pri || better || (pri && pri == date_pri && dist < date_dist)) {
            ev->date_entity = x->entity;
            ev->date_men = (int)sl->m[q];
            date_pri = pri;
            date_dist = dist;
          }
        }
        if ((x->type == ET_LOC || x->type == ET_GPE) && ev->place_entity < 0) {
          uint32_t stl;
          int st = x->tok0 > s->tok0
                       ? hoso__gaz_match(g, d, x->tok0 - 1, GCM(GC_STOP), &stl)
                       : -1;
          int tai = st >= 0 && !strcmp(hoso__gaz_entry(g, st)->f[0], "tại") &&
                    mention_at(d, sl, x->tok1, x->tok1 + 1, 1u << ET_PER) < 0 &&
                    (x->tok0 < i || x->tok1 <= right_hi);
          int goes = (!strcmp(needs, "GPE") && x->tok0 == t1) ||
                     (!strcmp(ev->type, "visit") && x->tok0 >= t1 && x->tok0 < t1 + 4);
          if (tai || goes) ev->place_entity = x->entity;
        }
      }
      /* "Sáng cùng ngày, ... X đã tiếp Y": no date of its own, the day
      ** of the latest one stated before the sentence */
      if (ev->date_entity < 0) same_day(d, g, s, i, ev);
      if (ev->date_entity < 0 && year_men >= 0) {
        ev->date_entity = d->men[year_men].entity;
        ev->date_men = year_men;
      }
      /* "X đã đến Bắc Kinh và có cuộc hội đàm với Y": no date of its own,
      ** joined by "và" to the clause of the event before it in the
      ** sentence (no comma, nobody named between): that event's date */
      if (ev->date_entity < 0 && out->n >= 2 && i > saved_lo) {
        const hoso__event *pv0 = &out->ev[out->n - 2];
        int same_sent = pv0->nevid && pv0->evid[pv0->nevid - 1] == si;
        if (same_sent && pv0->date_entity >= 0 && and_between(d, g, saved_lo, i) &&
            mention_at(d, sl, saved_lo, i, (1u << ET_PER) | (1u << ET_ORG)) < 0) {
          uint32_t c = saved_lo;
          while (c < i && !is_comma(d, c)) c++;
          if (c == i) {
            ev->date_entity = pv0->date_entity;
            ev->date_men = pv0->date_men;
            ev->day_only = pv0->day_only;
          }
        }
      }
      /* "từ 18 đến 22/7": the first day (src/events/ranges.c) */
      if (ev->date_men >= 0 && !ev->day_only)
        ev->ranged = hoso__event_date_range(d, g, sl->m, sl->n, ev->date_men, &ev->first,
                                            &ev->last);
      if (add_sent(&ev->evid, &ev->nevid, &ev->capevid, si)) return HOSO_ENOMEM;
      /* nobody named: not an event we can report -- unless a talk, meeting,
      ** dialogue or call whose sides a following sentence names ("Cuộc hội
      ** đàm diễn ra ... Đứng đầu đoàn Nhật Bản là X."), or a signing (its
      ** document is named: "nhiều văn kiện hợp tác sẽ được ký kết"): kept
      ** until the end of the text (see no_party()) */
      if (ev->npart == 0 && !is_main(ev->type) && strcmp(ev->type, "signing")) {
        event_free(ev);
        out->n--;
      }
    }
    i += l;
  }
  *topic = sentence_topic(d, g, s, sl, out, n_before, *topic);
  return HOSO_OK;
}

/* "Cùng đi với ông ... là X", "Tháp tùng Thủ tướng có X": a sentence
** opened by a cue of the kind "accompany" (models/events/words.tsv)
** names people who travel with the guest of the latest visit. */
static int accompany(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                     uint32_t si, const slice *sl, hoso__events *out) {
  uint32_t l;
  if (s->tok0 >= s->tok1 || !cue_at(d, g, s->tok0, "accompany", &l)) return HOSO_OK;
  hoso__event *v = NULL;
  for (size_t i = out->n; i > 0 && !v; i--)
    if (!strcmp(out->ev[i - 1].type, "visit")) v = &out->ev[i - 1];
  if (!v) return HOSO_OK;
  int added = 0;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < s->tok0 + l) continue;
    size_t before = v->npart;
    if (add_part(v, x->entity, NULL, d->ents[x->entity].country, "guest")) return HOSO_ENOMEM;
    added |= v->npart > before;
  }
  if (added && add_sent(&v->evid, &v->nevid, &v->capevid, si)) return HOSO_ENOMEM;
  return HOSO_OK;
}

/* "Đón ông tại sân bay là Thủ tướng lâm thời Iraq Iyad Allawi.": a sentence
** opened by a cue of the kind "welcome-by" (models/events/words.tsv) that
** is also a reception trigger, then "là" and a person (over their post):
** that person hosts a reception of the person named between the cue and
** "là", or, for a pronoun there ("ông", "bà"), of the person the text was
** about before the sentence (topic). */
static int welcomed_by(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                       uint32_t si, const slice *sl, hoso__events *out, int topic) {
  uint32_t l;
  if (s->tok0 >= s->tok1 || !cue_any(d, g, s->tok0, "welcome-by", &l)) return HOSO_OK;
  const hoso__gentry *te = NULL;
  for (uint32_t m = d->gm_first[s->tok0]; m < d->gm_first[s->tok0 + 1] && !te; m++) {
    const hoso__gentry *e = hoso__gaz_entry(g, d->gm[m].id);
    if (d->gm[m].cls == GC_TRIGGER && e && e->nf >= 7 && !strcmp(e->f[2], "reception")) te = e;
  }
  if (!te) return HOSO_OK;
  uint32_t k = s->tok0 + l, wl;
  for (; k < s->tok1 && k < s->tok0 + l + 12; k++) {
    if (is_comma(d, k)) return HOSO_OK;
    int w = hoso__gaz_match(g, d, k, GCM(GC_STOP), &wl);
    if (w >= 0 && !strcmp(hoso__gaz_entry(g, w)->f[0], "là")) break;
  }
  if (k >= s->tok1 || k >= s->tok0 + l + 12) return HOSO_OK;
  int hm = person_after(d, g, sl, k + wl, s->tok1);
  if (hm < 0) return HOSO_OK;
  int host = d->men[hm].entity, guest = -1;
  int gm = mention_at(d, sl, s->tok0 + l, k, 1u << ET_PER);
  if (gm >= 0) guest = d->men[gm].entity;
  else if (pronoun_before(d, g, s->tok0 + l, k)) guest = topic;
  if (guest < 0 || guest == host) return HOSO_OK;
  if (grow((void **)&out->ev, &out->cap, out->n, sizeof *out->ev)) return HOSO_ENOMEM;
  hoso__event *ev = &out->ev[out->n++];
  memset(ev, 0, sizeof *ev);
  ev->type = te->f[2];
  ev->cameo = te->f[3];
  ev->trig0 = s->tok0;
  ev->trig1 = s->tok0 + l;
  ev->status = "happened";
  ev->date_entity = ev->place_entity = ev->date_men = -1;
  if (add_part(ev, host, NULL, d->ents[host].country, "host") ||
      add_part(ev, guest, NULL, d->ents[guest].country, "guest") ||
      add_sent(&ev->evid, &ev->nevid, &ev->capevid, si))
    return HOSO_ENOMEM;
  return HOSO_OK;
}

/* "Đứng đầu đoàn đại biểu Nhật Bản là X.", "Về phía Trung Quốc là Y.": a
** sentence opened by a cue of the kind "lead-before" or "side-of"
** (models/events/words.tsv) names a side of the latest talk, meeting,
** dialogue or call of the two sentences before it that has fewer than two
** participants: the first person after the cue joins it. */
static int sides_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                       uint32_t si, const slice *sl, hoso__events *out) {
  uint32_t l = 0, k;
  int cue = 0;
  for (k = s->tok0; k < s->tok1 && k < s->tok0 + 2 && !cue; k++)
    cue = cue_any(d, g, k, "lead-before", &l) || cue_any(d, g, k, "side-of", &l);
  if (!cue) return HOSO_OK;
  k--;
  hoso__event *ev = NULL;
  for (size_t i = out->n; i > 0 && !ev; i--) {
    hoso__event *c = &out->ev[i - 1];
    if (!is_main(c->type) || c->npart >= 2 || !c->nevid) continue;
    uint32_t last = c->evid[c->nevid - 1];
    if (last < si && si - last <= 2) ev = c;
    if (last + 2 < si) break;
  }
  if (!ev) return HOSO_OK;
  for (size_t q = 0; q < sl->n; q++) {
    const hoso__mention *x = &d->men[sl->m[q]];
    if (x->type != ET_PER || x->entity < 0 || x->tok0 < k + l) continue;
    if (add_part(ev, x->entity, NULL, d->ents[x->entity].country, "participant"))
      return HOSO_ENOMEM;
    if (add_sent(&ev->evid, &ev->nevid, &ev->capevid, si)) return HOSO_ENOMEM;
    break;
  }
  return HOSO_OK;
}

static int shares_participant(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++)
    for (size_t j = 0; j < b->npart; j++) {
      if (a->part[i].entity >= 0 && a->part[i].entity == b->part[j].entity) return 1;
      if (a->part[i].name && b->part[j].name && !strcmp(a->part[i].name, b->part[j].name))
        return 1;
    }
  return 0;
}

/* Do x and y both state their status by a cue, and differ, one happened
** and the other not? Then they are two occasions. */
static int stated_apart(const hoso__event *x, const hoso__event *y) {
  return x->status_cue && y->status_cue && strcmp(x->status, y->status) &&
         (!strcmp(x->status, "happened") || !strcmp(y->status, "happened"));
}

static int status_rank(const char *s) {
  return !strcmp(s, "happened") ? 3 : !strcmp(s, "planned") ? 2 : 1;
}

/* Fold event y into x (same type, a shared participant). */
static int fold(const hoso__entity *ents, hoso__event *x, hoso__event *y) {
  for (size_t p = 0; p < y->npart; p++)
    if (add_part(x, y->part[p].entity, y->part[p].name, y->part[p].side, y->part[p].role))
      return HOSO_ENOMEM;
  for (size_t s = 0; s < y->nevid; s++)
    if (add_sent(&x->evid, &x->nevid, &x->capevid, y->evid[s])) return HOSO_ENOMEM;
  /* a status stated by a cue wins over the default ("X thăm Y" in the
  ** title, "X sẽ thăm Y" in the text) */
  if ((y->status_cue && !x->status_cue) ||
      (y->status_cue == x->status_cue && status_rank(y->status) > status_rank(x->status)))
    x->status = y->status;
  x->status_cue |= y->status_cue;
  x->rule_drop = x->rule_drop && y->rule_drop;
  if (date_rank(ents, y) > date_rank(ents, x)) {
    x->date_entity = y->date_entity;
    x->date_men = y->date_men;
    x->ranged = y->ranged;
    x->day_only = y->day_only;
    x->first = y->first;
    x->last = y->last;
  }
  /* "đã đến Hà Nội, bắt đầu chuyến thăm Việt Nam": a visit's place is the
  ** country rather than a city in it */
  if (x->place_entity < 0 ||
      (!strcmp(x->type, "visit") && y->place_entity >= 0 && ents[x->place_entity].type == ET_LOC &&
       ents[y->place_entity].type == ET_GPE))
    x->place_entity = y->place_entity;
  if (!x->obj_tok1 && y->obj_tok1) {
    x->obj_tok0 = y->obj_tok0;
    x->obj_tok1 = y->obj_tok1;
    x->obj_static = y->obj_static;
  }
  return HOSO_OK;
}

static int same_part(const hoso__eparticipant *p, const hoso__eparticipant *q) {
  if (p->entity >= 0 || q->entity >= 0) return p->entity == q->entity;
  return p->name && q->name && !strcmp(p->name, q->name);
}

/* Is every participant of a one of b's? */
static int part_subset(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++) {
    size_t j = 0;
    while (j < b->npart && !same_part(&a->part[i], &b->part[j])) j++;
    if (j == b->npart) return 0;
  }
  return 1;
}

/* Are all of ev's participants countries? */
static int gpe_only(const hoso__event *ev, const hoso__entity *ents) {
  if (!ev->npart) return 0;
  for (size_t i = 0; i < ev->npart; i++)
    if (ev->part[i].entity < 0 || ents[ev->part[i].entity].type != ET_GPE) return 0;
  return 1;
}

/* Is one of the countries of c (all GPE) the side of a participant of p? */
static int side_overlap(const hoso__event *c, const hoso__event *p, const hoso__entity *ents) {
  for (size_t i = 0; i < c->npart; i++) {
    const char *cc = ents[c->part[i].entity].country;
    for (size_t j = 0; cc[0] && j < p->npart; j++)
      if (!strcmp(p->part[j].side, cc)) return 1;
  }
  return 0;
}

/* Is someone the host of one visit and the guest of the other? Then they
** are two visits ("X thăm VN theo lời mời của Y" and "Y thăm Mỹ"). */
static int roles_clash(const hoso__event *a, const hoso__event *b) {
  for (size_t i = 0; i < a->npart; i++)
    for (size_t j = 0; j < b->npart; j++)
      if (same_part(&a->part[i], &b->part[j]) &&
          ((!strcmp(a->part[i].role, "host") && !strcmp(b->part[j].role, "guest")) ||
           (!strcmp(a->part[i].role, "guest") && !strcmp(b->part[j].role, "host"))))
        return 1;
  return 0;
}

/* Has the visit participants, all of them hosts (no guest named)? */
static int no_guest(const hoso__event *ev) {
  if (!ev->npart) return 0;
  for (size_t i = 0; i < ev->npart; i++)
    if (strcmp(ev->part[i].role, "host")) return 0;
  return 1;
}

/* Events are read per sentence; one event told over several sentences is
** folded into its first report:
**   - same type, a shared participant, and one's participants all among
**     the other's ("A hội đàm với B" ... "Tại buổi hội đàm, A cho biết")
**     -- not two meetings of A with B and with C; not two visits to
**     different places;
**   - two awards of the same honour, two signings of the same document;
**   - an event of countries ("Việt Nam - Singapore ký thoả thuận") and one
**     of people from those countries ("Bộ trưởng X và người đồng nhiệm Y
**     đã ký"): the people's;
**   - a meeting ("gặp") of two or more people who all took part in a
**     reception or talks of the article: the same encounter ("X tiếp Y
**     ... Y tới gặp X"); so is a meeting named as a sentence's frame
**     ("Trong cuộc gặp, X ...") whose people all took part in one -- not
**     one told as what came next ("Sau lễ đón, A và B đã có cuộc gặp
**     riêng": STATUS "sequel");
**   - a visit with only its host named and a visit to the same place
**     with a guest.
** Each event is compared with at most MERGE_WINDOW earlier ones (bounded
** time on a page with thousands of events). */
#define MERGE_WINDOW 256
/* The learned decision (HOSO__EV_LEARNED: keep the candidates scored
** above 0) or the features of every candidate (HOSO__EV_FEATURES). The
** features of all candidates are computed before any is dropped: they
** look at the article's other candidates. */
static int decide(const hoso__ndoc *d, const hoso__gaz *g, const hoso__escorer *sc,
                  int mode, hoso__events *out) {
  for (size_t k = 0; k < out->n; k++) {
    if (hoso__event_features(d, g, out, k, &out->ev[k].feats)) return HOSO_ENOMEM;
    out->ev[k].score = hoso__escorer_score(sc, &out->ev[k].feats);
  }
  if (mode != HOSO__EV_LEARNED) return HOSO_OK;
  size_t w = 0;
  for (size_t k = 0; k < out->n; k++) {
    if (out->ev[k].score > 0) out->ev[w++] = out->ev[k];
    else event_free(&out->ev[k]);
  }
  out->n = w;
  return HOSO_OK;
}

static int merge(hoso__events *out, const hoso__ndoc *d, const hoso__gaz *g) {
  const hoso__entity *ents = d->ents;
  uint8_t *dead = calloc(out->n + 1, 1);
  if (!dead) return HOSO_ENOMEM;
  int rc = HOSO_OK;
  for (size_t b = 0; !rc && b < out->n; b++) {
    hoso__event *y = &out->ev[b];
    int target = -1;
    size_t a0 = b > MERGE_WINDOW ? b - MERGE_WINDOW : 0;
    for (size_t a = a0; a < b && target < 0; a++) {
      const hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, y->type) || gpe_only(x, ents) != gpe_only(y, ents)) continue;
      if (stated_apart(x, y)) continue; /* "đã gặp" and "sẽ gặp": two encounters */
      if (roles_clash(x, y)) continue;
      /* a visit to Cuba and one to Belgium are two; Bắc Kinh is in Trung
      ** Quốc; a place whose country is not known ("Nhà Trắng", "TP HCM")
      ** is taken to be in the other's country; Hà Nội is in Việt Nam */
      if (x->place_entity >= 0 && y->place_entity >= 0 && x->place_entity != y->place_entity) {
        const char *cx = place_country(d, g, x->place_entity),
                   *cy = place_country(d, g, y->place_entity);
        if ((!cx[0] && !cy[0]) || (cx[0] && cy[0] && strcmp(cx, cy))) continue;
        /* "... bắt đầu chuyến thăm Việt Nam", "X sẽ thăm Quảng Ninh": a
        ** leg told apart, with its own status */
        if ((!cx[0] || !cy[0]) && strcmp(x->status, y->status)) continue;
      }
      if (shares_participant(x, y) && (part_subset(y, x) || part_subset(x, y))) target = (int)a;
      else if (x->obj_static && y->obj_static && !strcmp(x->obj_static, y->obj_static) &&
               strcmp(y->type, "visit") && gpe_only(x, ents) == gpe_only(y, ents))
        target = (int)a;
    }
    /* countries and their people */
    for (size_t a = a0; a < b && target < 0; a++) {
      hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, y->type) || gpe_only(x, ents) == gpe_only(y, ents) ||
          stated_apart(x, y))
        continue;
      if (gpe_only(x, ents) ? !side_overlap(x, y, ents) : !side_overlap(y, x, ents)) continue;
      if (gpe_only(x, ents)) { /* the people's list replaces the countries' */
        for (size_t p = 0; p < x->npart; p++) free(x->part[p].name);
        x->npart = 0;
        for (size_t p = 0; !rc && p < y->npart; p++)
          if (add_part(x, y->part[p].entity, y->part[p].name, y->part[p].side, y->part[p].role))
            rc = HOSO_ENOMEM;
      } else {
        for (size_t p = 0; p < y->npart; p++) free(y->part[p].name);
        y->npart = 0; /* fold() adds no country to the people's event */
      }
      target = (int)a;
    }
    /* a visit whose guest is not named ("Thái tử thăm Việt Nam theo lời
    ** mời của X": only the host) and a visit of the article to the same
    ** place with a guest: one visit */
    for (size_t a = a0; a < b && target < 0 && !strcmp(y->type, "visit"); a++) {
      hoso__event *x = &out->ev[a];
      if (dead[a] || strcmp(x->type, "visit") || stated_apart(x, y)) continue;
      if (no_guest(x) == no_guest(y)) continue;
      if (x->place_entity >= 0 && y->place_entity >= 0 && x->place_entity != y->place_entity)
        continue;
      target = (int)a;
    }
    for (size_t a = a0; a < b && target < 0 && (y->npart >= 2 || y->framed) && !y->sequel &&
                        !strcmp(y->type, "meeting");
         a++) {
      const hoso__event *x = &out->ev[a];
      if (dead[a] || (strcmp(x->type, "reception") && strcmp(x->type, "talks"))) continue;
      if (part_subset(y, x) && !stated_apart(x, y)) target = (int)a;
    }
    if (target >= 0) {
      rc = fold(ents, &out->ev[target], y);
      dead[b] = 1;
    }
  }
  /* compact */
  size_t w = 0;
  for (size_t i = 0; i < out->n; i++) {
    if (dead[i]) {
      event_free(&out->ev[i]);
      continue;
    }
    out->ev[w++] = out->ev[i];
  }
  out->n = w;
  free(dead);
  return rc;
}

static int agreed(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                  const size_t *first, hoso__events *out) {
  hoso__event *main_ev = NULL;
  static const char *const mains[] = {"call", "talks", "dialogue", "meeting", "reception"};
  for (size_t i = 0; i < out->n && !main_ev; i++)
    for (size_t k = 0; k < 5; k++)
      if (!strcmp(out->ev[i].type, mains[k])) {
        main_ev = &out->ev[i];
        break;
      }
  if (!main_ev) return HOSO_OK;
  for (size_t si = 0; si < d->nsent; si++) {
    const hoso__nsent *s = &d->sent[si];
    int subject = 0;
    for (uint32_t i = s->tok0; i < s->tok1; i++) {
      uint32_t l;
      int a = hoso__gaz_match(g, d, i, GCM(GC_AGREE), &l);
      if (a >= 0 && !strcmp(hoso__gaz_entry(g, a)->f[2], "subject")) subject = 1;
      for (size_t q = first[si]; q < first[si + 1] && !subject; q++) {
        const hoso__mention *x = &d->men[idx[q]];
        if (x->tok0 == i && x->type == ET_PER) {
          for (size_t p = 0; p < main_ev->npart; p++)
            if (main_ev->part[p].entity == x->entity) subject = 1;
        }
      }
      if (a >= 0 && subject && !strcmp(hoso__gaz_entry(g, a)->f[2], "verb")) {
        if (add_sent(&main_ev->agreed, &main_ev->nagreed, &main_ev->capagreed,
                     (uint32_t)si))
          return HOSO_ENOMEM;
        break;
      }
    }
  }
  return HOSO_OK;
}

/* Is event k, which names no party, reported? Encounters whose sides no
** sentence named are not. A signing is (the annotation guide: an event
** with nobody named has an empty list; "Dự kiến, nhiều văn kiện hợp tác
** được ký kết dịp này", "lễ ký kết sẽ diễn ra tại Bắc Kinh"), once, and
** only when the article names no signing with parties: then the unnamed
** one is most likely that signing told again ("việc ký kết các hiệp định"). */
static int no_party(const hoso__events *out, size_t k) {
  const hoso__event *ev = &out->ev[k];
  if (strcmp(ev->type, "signing")) return 0;
  for (size_t j = 0; j < out->n; j++)
    if (j != k && !strcmp(out->ev[j].type, ev->type) && (out->ev[j].npart || j < k)) return 0;
  return 1;
}

int hoso__events_find(const hoso__ndoc *d, const hoso__gaz *g,
                      const hoso__escorer *sc, int mode,
                      hoso__events *out, hoso_error *err) {
  memset(out, 0, sizeof *out);
  /* mentions by sentence: counting sort on the sentence of the first token */
  uint32_t *idx = malloc((d->nmen + 1) * sizeof *idx);
  size_t *first = calloc(d->nsent + 2, sizeof *first);
  int rc = (!idx || !first) ? HOSO_ENOMEM : HOSO_OK;
  for (size_t m = 0; !rc && m < d->nmen; m++) first[d->tok[d->men[m].tok0].sent + 1]++;
  for (size_t s = 0; !rc && s < d->nsent; s++) first[s + 1] += first[s];
  if (!rc) {
    size_t *fill = malloc((d->nsent + 1) * sizeof *fill);
    if (!fill) rc = HOSO_ENOMEM;
    for (size_t s = 0; fill && s <= d->nsent; s++) fill[s] = first[s];
    for (size_t m = 0; fill && m < d->nmen; m++)
      idx[fill[d->tok[d->men[m].tok0].sent]++] = (uint32_t)m;
    free(fill);
  }
  /* within a sentence, text order */
  for (size_t s = 0; !rc && s < d->nsent; s++)
    for (size_t a = first[s] + 1; a < first[s + 1]; a++) {
      uint32_t v = idx[a];
      size_t b = a;
      while (b > first[s] && d->men[idx[b - 1]].tok0 > d->men[v].tok0) {
        idx[b] = idx[b - 1];
        b--;
      }
      idx[b] = v;
    }
  int topic = -1; /* the person the text is about, for "ông", "Thủ tướng" */
  heads hd;
  if (!rc) find_heads(d, g, idx, first, &hd);
  for (size_t s = 0; s < d->nsent && !rc; s++) {
    slice sl = {idx + first[s], first[s + 1] - first[s]};
    int topic_before = topic;
    rc = find_in_sentence(d, g, &d->sent[s], (uint32_t)s, &sl, out, &topic, &hd);
    if (!rc) rc = welcomed_by(d, g, &d->sent[s], (uint32_t)s, &sl, out, topic_before);
    if (!rc) rc = accompany(d, g, &d->sent[s], (uint32_t)s, &sl, out);
    if (!rc) rc = sides_named(d, g, &d->sent[s], (uint32_t)s, &sl, out);
  }
  /* events still without a party: the rules drop them; the scorer is
  ** given them as candidates */
  for (size_t k = 0; !rc && k < out->n; k++)
    out->ev[k].rule_drop = out->ev[k].npart == 0 && !no_party(out, k);
  for (size_t k = 0, w = 0; !rc && k <= out->n; k++) {
    if (k == out->n) {
      out->n = w;
      break;
    }
    if (out->ev[k].rule_drop && mode == HOSO__EV_RULES) event_free(&out->ev[k]);
    else out->ev[w++] = out->ev[k];
  }
  if (!rc) rc = merge(out, d, g);
  if (!rc) rc = agreed(d, g, idx, first, out);
  if (!rc && mode != HOSO__EV_RULES) rc = decide(d, g, sc, mode, out);
  free(idx);
  free(first);
  if (rc) {
    hoso__events_free(out);
    return hoso__err(err, rc, "out of memory (events)");
  }
  return HOSO_OK;
}

static void write_span(hoso_json *w, const hoso__ndoc *d, uint32_t a, uint32_t b) {
  hoso__json_arr_begin(w);
  hoso__json_int(w, (int64_t)hoso__doc_off(d, a, 0));
  hoso__json_int(w, (int64_t)hoso__doc_off(d, b, 1));
  hoso__json_arr_end(w);
}

void hoso__events_write_json(const hoso__events *e, const hoso__ndoc *d,
                             hoso_json *w) {
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < e->n; i++) {
    const hoso__event *ev = &e->ev[i];
    hoso__json_obj_begin(w);
    hoso__json_key(w, "type");
    hoso__json_str(w, ev->type);
    hoso__json_key(w, "cameo");
    hoso__json_str(w, ev->cameo);
    hoso__json_key(w, "status");
    hoso__json_str(w, ev->status);
    hoso__json_key(w, "date");
    const hoso__entity *de = ev->date_entity >= 0 ? &d->ents[ev->date_entity] : NULL;
    /* a range of days: the first day is the event's date */
    const hoso__date *dv = de ? (ev->ranged ? &ev->first : &de->date) : NULL;
    char v[32] = "", ve[32] = "";
    if (dv) hoso__date_format(dv, v, sizeof v);
    if (dv && ev->ranged) hoso__date_format(&ev->last, ve, sizeof ve);
    if (de && v[0] && dv->determinable) hoso__json_str(w, v);
    else hoso__json_null(w);
    if (ve[0]) {
      hoso__json_key(w, dv->determinable ? "date_end" : "date_end_stated");
      hoso__json_str(w, ve);
    }
    if (de && dv->daypart && !ev->day_only) {
      hoso__json_key(w, "daypart");
      hoso__json_str(w, dv->daypart);
    }
    if (de && !dv->determinable && v[0]) {
      /* "Ngày 20/5" without a publication date: the day as stated, its
      ** year unknown ("XXXX-05-20"); "date" stays null */
      hoso__json_key(w, "date_stated");
      hoso__json_str(w, v);
    }
    if (!de || !dv->determinable || !v[0]) {
      hoso__json_key(w, "date_note");
      hoso__json_str(w, !de ? "no date stated in the evidence"
                            : "date relative to an unknown publication date");
    }
    hoso__json_key(w, "place");
    if (ev->place_entity >= 0) {
      const char *s;
      size_t n;
      hoso__entity_name(d, &d->ents[ev->place_entity], &s, &n);
      hoso__json_strn(w, s, n);
    } else {
      hoso__json_null(w);
    }
    hoso__json_key(w, "participants");
    hoso__json_arr_begin(w);
    for (size_t p = 0; p < ev->npart; p++) {
      const hoso__eparticipant *pp = &ev->part[p];
      hoso__json_obj_begin(w);
      hoso__json_key(w, "name");
      if (pp->entity >= 0) {
        const char *s;
        size_t n;
        hoso__entity_name(d, &d->ents[pp->entity], &s, &n);
        hoso__json_strn(w, s, n);
      } else {
        hoso__json_str(w, pp->name);
      }
      hoso__json_key(w, "entity");
      if (pp->entity >= 0) hoso__json_int(w, pp->entity);
      else hoso__json_null(w);
      hoso__json_key(w, "side");
      if (pp->side[0]) hoso__json_str(w, pp->side);
      else hoso__json_null(w);
      hoso__json_key(w, "role");
      hoso__json_str(w, pp->role);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_key(w, "object");
    if (ev->obj_static && ev->obj_tok1 && ev->obj_tok1 - ev->obj_tok0 > 0 &&
        strcmp(ev->type, "award") == 0) {
      hoso__json_str(w, ev->obj_static);
    } else if (ev->obj_tok1) {
      const char *s;
      size_t n;
      hoso__span_text(d, ev->obj_tok0, ev->obj_tok1, &s, &n);
      hoso__json_strn(w, s, n);
    } else {
      hoso__json_null(w);
    }
    hoso__json_key(w, "agreed");
    hoso__json_arr_begin(w);
    for (size_t a = 0; a < ev->nagreed; a++) {
      const hoso__nsent *s = &d->sent[ev->agreed[a]];
      hoso__json_strn(w, d->text + s->off, s->end - s->off);
    }
    hoso__json_arr_end(w);
    hoso__json_key(w, "evidence");
    hoso__json_arr_begin(w);
    for (size_t s = 0; s < ev->nevid; s++) {
      const hoso__nsent *se = &d->sent[ev->evid[s]];
      write_span(w, d, se->off, se->end);
    }
    hoso__json_arr_end(w);
    if (ev->feats.nf) { /* HOSO__EV_FEATURES: for training */
      hoso__json_key(w, "rule");
      hoso__json_int(w, !ev->rule_drop);
      hoso__json_key(w, "score");
      hoso__json_int(w, ev->score);
      hoso__json_key(w, "features");
      hoso__json_arr_begin(w);
      for (size_t f = 0; f < ev->feats.nf; f++) hoso__json_str(w, hoso__efeats_get(&ev->feats, f));
      hoso__json_arr_end(w);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}
