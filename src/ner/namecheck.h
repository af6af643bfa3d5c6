/*
** namecheck.h -- is a person a person? (namecheck.c). The rules and the
** tagger call capitalised words a person where they are a club, a product,
** a street or a glued table cell ("7Roma", "Microsoft Windows Vista",
** "ngã tư Nguyễn Thái Học", "Sân Thành Long"). After the entities are
** grouped, each PER entity of an article is checked against its own
** evidence:
**  - the shape of its name: no digits, no capital glued inside a word
**    ("OumaCó", "BĐiểm"), not one all-capital abbreviation ("TT", "FC"),
**    and a name in Vietnamese letters opens with a surname or a syllable
**    that Vietnamese names use (models/gazetteers/namesyl.txt, built by
**    `make models` from VNTC news: scripts/build-namesyl.py);
**  - the head words before its mentions, as data
**    (models/gazetteers/nameheads.tsv: "ông", "bà" say person; "HLV",
**    "tiền đạo" a person or their club; "CLB", "công ty" organisation;
**    "đường", "xã" place; "phần mềm", "phim", "bệnh" something else), and
**    a head that opens the name itself ("Sân Thành Long", "Dải Gaza"),
**    and, in Latin letters, a last word that ends a body's, an event's or
**    a product's name (models/gazetteers/nametails.tsv: "Army Games",
**    "Providential Holding"); a name that is a listed country, place or
**    body as a whole ("Hong Kong");
**  - names that news writes after such heads and never after a person's
**    (models/gazetteers/nonper.tsv, built by `make models` from VNTC news:
**    scripts/build-nonper.py): "Lazio", "Hong Kong", "Vista"; not when
**    a country in brackets follows a name listed as no place ("Roger
**    Federer (Thụy Sĩ)").
** A rank, a post (the rules attached), or a person's head word before any
** mention keeps it a person (except for digits, glued words and a body's
** last word, which no name has); a role or title before a mention ("HLV",
** "Thủ tướng") keeps it from the list of non-person names.
** `hoso ner --conll` runs it too, but leaves the names it says are no
** person untagged (the NER sets annotate types of their own).
**
** Ownership: hoso__ntable_open/_load return a table owned by the caller
** (hoso__ntable_free); read-only afterwards, shareable by threads.
*/
#ifndef HOSO_NER_NAMECHECK_H
#define HOSO_NER_NAMECHECK_H

#include "ner/ner.h"

#define HOSO_NTABLE_MAXTOK 4     /* words of a phrase, at most */
#define HOSO_NTABLE_MAX_ITEMS 1000000
#define HOSO_NTABLE_ROLE 7       /* after the hoso__etype values */

/* A set of short phrases (1..HOSO_NTABLE_MAXTOK words), each with a value
** 1..255, matched by their tokens' match keys (case and tone placement
** ignored). File: UTF-8, '#' comment lines, "phrase" or
** "phrase<TAB>TYPE" a line, TYPE one of PER ORG LOC MISC (value: the
** hoso__etype), ROLE (HOSO_NTABLE_ROLE: a person's occupation or post,
** or the body they serve) or absent (value 1). Errors name the file, line and byte
** offset. */
typedef struct hoso__ntable hoso__ntable;
int hoso__ntable_open(const char *path, hoso__ntable **out, hoso_error *err);
int hoso__ntable_load(const char *data, size_t n, const char *name,
                      hoso__ntable **out, hoso_error *err);
void hoso__ntable_free(hoso__ntable *t);
size_t hoso__ntable_size(const hoso__ntable *t);
/* Value of tokens [a, b) of d as one phrase, 0 if not listed. */
int hoso__ntable_get(const hoso__ntable *t, const hoso__ndoc *d, uint32_t a,
                     uint32_t b);

/* The tables the check reads (borrowed). Either may be NULL: no check of
** that kind. */
typedef struct hoso__namecheck {
  const hoso__ntable *heads; /* nameheads.tsv */
  const hoso__ntable *syl;   /* namesyl.txt */
  const hoso__ntable *nonper; /* nonper.tsv */
  const hoso__ntable *tails;  /* nametails.tsv */
  int untag;                  /* 1: a non-person's mentions get no type
                              ** (ET_NONE) instead of the check's guess
                              ** (hoso ner --conll) */
} hoso__namecheck;

/* Check every PER entity of d (after hoso__ner_run) and give the ones
** the evidence says are no person their type (ORG, LOC or MISC), their
** mentions too. Never fails. */
void hoso__ner_check_persons(hoso__ndoc *d, const hoso__gaz *g,
                             const hoso__namecheck *nc);

#endif
