/*
** rules.h -- the state one run of the entity rules shares between its
** passes (src/ner/entities.c drives them), and the helpers more than one
** pass uses. Library-internal to src/ner/.
**
** Files of the rules, in the order they run (entities.c):
**   datepass.c   date expressions as mentions;
**   people.c     a rank or a title with its body, then a name; posts;
**   aliases.c    later mentions of a known person, short forms of a name;
**   orgs.c       listed bodies and head words running on over capitals;
**   places.c     countries, places, short forms ("Việt - Trung"), and
**                the names after a place's or a paper's noun;
**   tagspans.c   the statistical tagger's labels and its spans where no
**                rule spoke;
**   group.c      mentions grouped into entities by key; posts attached;
**   entcountry.c a body's and a person's country.
** phrases.c holds what several passes ask: where a body phrase, a name or
** a post ends.
**
** Ownership: a hoso__nrun lives on the stack of hoso__ner_run(), which
** owns and frees claim, lab, posts, post_men and rank_of_men; d and g are
** borrowed. Mentions and entities are added to d, which owns them.
*/
#ifndef HOSO_NER_RULES_H
#define HOSO_NER_RULES_H

#include <stdint.h>
#include <string.h>

#include "ner/ner.h"

struct hoso__nermodel;

typedef struct hoso__nrun {
  hoso__ndoc *d;
  const hoso__gaz *g;
  /* per token, what claimed it: 0 free, 1 a person's name, a rank, a date
  ** or an alias, 2 a body, 3 a post's title word, 4 a country or place
  ** (a person's name may still win), 5 a post's body before a name */
  uint8_t *claim;
  hoso__post *posts; /* posts found, in order; post_men[k]: posts[k]'s mention */
  int *post_men;
  size_t nposts, capposts;
  int *rank_of_men; /* per mention: gazetteer id of its rank, -1 (as d->men) */
  uint8_t *lab;     /* the tagger's labels per token (NULL: no model) */
  int model_only;   /* HOSO__NER_MODEL_ONLY: the tagger's spans as they are */
} hoso__nrun;

static inline int is_upper(const hoso__ndoc *d, uint32_t i) {
  return (d->tok[i].flags & (NT_UPPER | NT_ALLCAPS)) != 0;
}
static inline int is_punct(const hoso__ndoc *d, uint32_t i, const char *s) {
  const hoso__ntok *t = &d->tok[i];
  return (t->flags & NT_PUNCT) && t->len == strlen(s) &&
         memcmp(d->text + t->off, s, t->len) == 0;
}
static inline int is_dash(const hoso__ndoc *d, uint32_t i) {
  return is_punct(d, i, "-") || is_punct(d, i, "\xe2\x80\x93") ||
         is_punct(d, i, "\xe2\x80\x94");
}

/* Longest gazetteer entry of class cls whose column col is value,
** starting at token i: its length in tokens, 0 if none. */
static inline uint32_t hoso__nr_value_at(const hoso__nrun *r, uint32_t i, int cls, int col,
                                         const char *value) {
  return hoso__gaz_value_len(r->g, r->d, i, cls, col, value);
}

/* ---- the run's scratch (entities.c) ------------------------------------ */

/* Add mention [t0, t1) to d: its index, -1 when the document holds
** HOSO_NER_MAX_MENTIONS already, -2 out of memory. */
int hoso__nr_add_mention(hoso__nrun *r, uint32_t t0, uint32_t t1, int type, int gz,
                         int source);
/* Post [t0, t1) of mention men; HOSO_OK or HOSO_ENOMEM. */
int hoso__nr_add_post(hoso__nrun *r, int men, uint32_t t0, uint32_t t1);

/* A post told without a name: head [t0, h1), all of it [t0, t1), head
** entry gz, into d->postrefs (postref.c); HOSO_OK or HOSO_ENOMEM. */
int hoso__nr_post_told(hoso__nrun *r, uint32_t t0, uint32_t h1, uint32_t t1, int gz);
/* The post told at t0 has a holder named after all (a rank follows it). */
void hoso__nr_post_untold(hoso__nrun *r, uint32_t t0);

/* ---- where phrases end (phrases.c) ------------------------------------- */

int hoso__nr_wide_gap(const hoso__ndoc *d, uint32_t k);
int hoso__nr_bracketed_abbrev(const hoso__ndoc *d, uint32_t k, uint32_t send);
int hoso__nr_foreign_span(const hoso__ndoc *d, uint32_t i, uint32_t e);
uint32_t hoso__nr_extend_body(hoso__nrun *r, uint32_t j, uint32_t send, int stop_at_title,
                              int brackets);
uint32_t hoso__nr_body_at_place(hoso__nrun *r, uint32_t b0, uint32_t e, uint32_t send,
                                int stop_at_title);
uint32_t hoso__nr_name_run(hoso__nrun *r, uint32_t j, uint32_t send, int allow_gpe);
uint32_t hoso__nr_name_in_body(hoso__nrun *r, uint32_t b0, uint32_t e, uint32_t send);
int hoso__nr_person_after_body(hoso__nrun *r, uint32_t p, uint32_t e, uint32_t send,
                               int foreign_only);
int hoso__nr_posts_after(hoso__nrun *r, int men, uint32_t k, uint32_t send, uint32_t *endp);

/* ---- the passes: HOSO_OK or HOSO_ENOMEM -------------------------------- */

int hoso__nr_dates(hoso__nrun *r, const hoso__nsent *s);   /* datepass.c */
int hoso__nr_people(hoso__nrun *r, const hoso__nsent *s);  /* people.c */
int hoso__nr_aliases(hoso__nrun *r);                       /* aliases.c */
int hoso__nr_short_forms(hoso__nrun *r);                   /* aliases.c */
int hoso__nr_orgs(hoso__nrun *r, const hoso__nsent *s);    /* orgs.c */
int hoso__nr_places(hoso__nrun *r, const hoso__nsent *s);  /* places.c */
int hoso__nr_place_heads(hoso__nrun *r, const hoso__nsent *s);
/* places.c: is the country at token i, opening sentence [t0, t1), a word
** there ("Anh cho biết")? */
int hoso__nr_not_country_opening(hoso__nrun *r, uint32_t i, uint32_t t0, uint32_t t1);
/* tagspans.c: the tagger's labels into r->lab (allocated), then its spans */
int hoso__nr_tagger_labels(hoso__nrun *r, const struct hoso__nermodel *model);
int hoso__nr_tagger_spans(hoso__nrun *r, const struct hoso__nermodel *model);
int hoso__nr_group(hoso__nrun *r);                         /* group.c */
int hoso__nr_countries(hoso__nrun *r);                     /* entcountry.c */

/* Words of a mention's name longer than one letter (initials and dots
** left out): aliases.c. */
uint32_t hoso__nr_name_words(const hoso__ndoc *d, const hoso__mention *m);

#endif
