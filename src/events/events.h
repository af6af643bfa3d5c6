/*
** events.h -- events read from a document whose entities are found
** (src/ner): who met, called, visited, signed or awarded whom, when and
** where, with the sentences they were read from. Library-internal; the
** public call is hoso_ner_analyze() in include/hoso.h.
**
** Patterns are data: models/events/triggers.tsv (trigger words, CAMEO
** codes, what must follow, participant roles) and models/events/words.tsv
** (status cues, agreement verbs, documents), loaded into the same
** gazetteer as the entity lists.
**
** Which candidates are reported: the rules alone, or a learned scorer
** over every candidate the rules find (scorer.h, models/events.model).
**
** Ownership: a hoso__events owns its arrays; free with hoso__events_free.
*/
#ifndef HOSO_EVENTS_H
#define HOSO_EVENTS_H

#include "events/scorer.h"
#include "ner/ner.h"

typedef struct hoso__eparticipant {
  int entity;          /* index into doc->ents, -1 for a composed body */
  char *name;          /* owned, when entity < 0 ("Bộ Quốc phòng Việt Nam") */
  char side[4];        /* ISO country or "" */
  const char *role;    /* points into the gazetteer */
} hoso__eparticipant;

typedef struct hoso__event {
  const char *type, *cameo;   /* gazetteer strings */
  const char *status;         /* "happened", "planned", "proposed" */
  int status_cue;             /* 1: stated by a cue ("đã", "sẽ"), not the default */
  int date_entity;            /* DATE entity, -1 if none */
  int date_men;               /* the mention it was read from, -1 */
  int ranged;                 /* 1: the date is a range: first, last */
  int day_only;               /* 1: the day of an earlier date ("cùng ngày"),
                              ** not its part of day or time */
  hoso__date first, last;
  int place_entity;           /* LOC/GPE entity, -1 */
  uint32_t obj_tok0, obj_tok1; /* object span (0,0 = none) */
  const char *obj_static;     /* canonical object from a gazetteer */
  int framed;                 /* read from a frame: "Trong cuộc gặp, X ..." */
  int sequel;                 /* its sentence opens with "Sau lễ đón", "Sau đó" */
  hoso__eparticipant *part;
  size_t npart, cappart;
  uint32_t *evid;             /* sentence indexes, sorted unique */
  size_t nevid, capevid;
  uint32_t *agreed;           /* sentence indexes */
  size_t nagreed, capagreed;
  uint32_t trig0, trig1;      /* tokens of the trigger it was first read from */
  int plural;                 /* named as several encounters: "các cuộc tiếp xúc với" */
  size_t nleft;               /* its first nleft participants were named before the trigger */
  int rule_drop;              /* 1: a candidate the rules alone do not report
                              ** (no party named); kept for the scorer */
  int64_t score;              /* the learned scorer's, when one was used */
  hoso__efeats feats;         /* its features (HOSO__EV_FEATURES/_LEARNED) */
} hoso__event;

typedef struct hoso__events {
  hoso__event *ev;
  size_t n, cap;
} hoso__events;

/* ranges.c: is the date mention men (of the sentence whose mentions are
** sm[0..ns)) the end of a range of days ("từ 18 đến 22/7", "26 - 27/4",
** "ngày 4-5/7")? Then 1, with the first and last day. */
int hoso__event_date_range(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *sm,
                           size_t ns, int men, hoso__date *first, hoso__date *last);

/* How hoso__events_find decides which candidates are events. */
enum {
  HOSO__EV_RULES = 0,   /* the rules alone */
  HOSO__EV_LEARNED = 1, /* the candidates the scorer gives a score > 0 */
  HOSO__EV_FEATURES = 2 /* every candidate, with its features and whether
                        ** the rules keep it (for training) */
};

/* Events of d. sc: the learned scorer (needed for HOSO__EV_LEARNED, else
** NULL or ignored). */
int hoso__events_find(const hoso__ndoc *d, const hoso__gaz *g,
                      const hoso__escorer *sc, int mode,
                      hoso__events *out, hoso_error *err);

/* features.c: the scorer's features of candidate k of all (filled into f,
** which is reset first). HOSO_OK or HOSO_ENOMEM. */
int hoso__event_features(const hoso__ndoc *d, const hoso__gaz *g,
                         const hoso__events *all, size_t k, hoso__efeats *f);
void hoso__events_free(hoso__events *e);
void hoso__events_write_json(const hoso__events *e, const hoso__ndoc *d,
                             hoso_json *w);

#endif
