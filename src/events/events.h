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
** Ownership: a hoso__events owns its arrays; free with hoso__events_free.
*/
#ifndef HOSO_EVENTS_H
#define HOSO_EVENTS_H

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

int hoso__events_find(const hoso__ndoc *d, const hoso__gaz *g,
                      hoso__events *out, hoso_error *err);
void hoso__events_free(hoso__events *e);
void hoso__events_write_json(const hoso__events *e, const hoso__ndoc *d,
                             hoso_json *w);

#endif
