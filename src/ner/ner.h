/*
** ner.h -- interface of the entity module (src/ner/), library-internal.
** Public entry points are in include/hoso.h (section ner).
**
** Pipeline for one text: scan (tokens with byte offsets, match keys,
** sentences) -> gazetteer matches (ranks, titles, countries, bodies,
** places, awards) -> rules (rank/title + name, posts, organisation
** phrases) + the statistical tagger -> dates -> entities (mentions grouped
** by key). Events (src/events) read the same document.
**
** Ownership: a hoso__ndoc owns its tokens, keys, mentions and entities;
** free it with hoso__ndoc_free(). Pointers into the input text are
** borrowed: the text must outlive the document. A hoso__gaz is read-only
** after loading and may be shared by threads.
*/
#ifndef HOSO_NER_H
#define HOSO_NER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/base.h"

/* Hard limits (bounded memory on hostile input). */
#define HOSO_NER_MAX_TEXT (16u << 20)   /* bytes of text analysed */
#define HOSO_NER_MAX_TOKENS (2u << 20)  /* tokens per text */
#define HOSO_NER_MAX_MENTIONS 200000    /* mentions kept per text */
#define HOSO_NER_MAX_POSTREFS 4096      /* posts told without a name, per text */
#define HOSO_NER_MAX_GAZ_TOKENS 12      /* longest gazetteer phrase */
#define HOSO_NER_MAX_NAME_TOKENS 6      /* longest person name */

/* ---- tokens (scan.c) ------------------------------------------------ */

enum {
  NT_WORD = 1u << 0,    /* letters (may hold inner '-', '\'', final '+') */
  NT_NUM = 1u << 1,     /* digits, with inner '/', '-', '.', ':', ',' */
  NT_PUNCT = 1u << 2,   /* one other character */
  NT_UPPER = 1u << 3,   /* first letter upper case */
  NT_ALLCAPS = 1u << 4, /* >= 2 letters, all upper case */
  NT_CYR = 1u << 5,     /* has Cyrillic letters */
  NT_VIET = 1u << 6,    /* has Vietnamese-only letters or tone marks */
  NT_NL = 1u << 7,      /* a line break precedes the token */
  NT_SENT = 1u << 8,    /* first token of a sentence */
  NT_SEG = 1u << 9,     /* word segmentation is known here (CoNLL input) */
  NT_WCONT = 1u << 10   /* ... and this token continues the previous one's word */
};

typedef struct hoso__ntok {
  uint32_t off, len;         /* bytes of the original text */
  uint32_t key_off, key_len; /* match key in doc->keys */
  uint32_t flags;            /* NT_* */
  uint32_t sent;             /* sentence index */
} hoso__ntok;

typedef struct hoso__nsent {
  uint32_t tok0, tok1; /* tokens [tok0, tok1) */
  uint32_t off, end;   /* byte span */
} hoso__nsent;

/* ---- mentions and entities -------------------------------------------- */

enum hoso__etype { ET_NONE = 0, ET_PER, ET_ORG, ET_LOC, ET_GPE, ET_DATE, ET_MISC };
const char *hoso__etype_name(int t);

typedef struct hoso__mention {
  uint32_t tok0, tok1;   /* tokens [tok0, tok1) */
  int type;              /* hoso__etype */
  int entity;            /* index into doc->ents, -1 before grouping */
  int gz;                /* gazetteer entry id, -1 if none */
  int source;            /* 0 rule/gazetteer, 1 model, 2 alias */
  int alias_of;          /* mention this one refers back to, -1 */
} hoso__mention;

/* A normalised date (dates.c). Fields 0/-1 when unknown. */
typedef struct hoso__date {
  int year, month, day;   /* 0 = unknown */
  int week;               /* ISO week when the expression names a week */
  int hour, minute;       /* -1 = unknown */
  const char *daypart;    /* "afternoon", ... static string, or NULL */
  int relative;           /* 1 if computed from the publication date */
  int determinable;       /* 0: needs a reference date that is missing */
} hoso__date;

typedef struct hoso__post {
  uint32_t tok0, tok1; /* the post as stated */
} hoso__post;

typedef struct hoso__entity {
  int type;
  uint32_t name_off, name_len; /* canonical name: a span of the text ... */
  const char *name_static;     /* ... or a gazetteer string (wins if set) */
  char *name_owned;            /* ... or a name built from the text (owned; wins) */
  char *key;                   /* cross-article key (owned) */
  char country[4];             /* ISO alpha-2 or "" */
  const char *country_source;  /* "post", "name", "article", "gazetteer", "bracket" */
  int rank_gz;                 /* gazetteer entry of the rank, -1 */
  hoso__post *posts;           /* owned */
  size_t nposts, capposts;
  hoso__date date;             /* ET_DATE only */
  int nmentions;
  int first_mention;
} hoso__entity;

/* A post told without its holder's name ("Tổng thống Mỹ nói", "Người
** đứng đầu nước Nga"): the person pass records it (people.c), the link
** pass (postref.c) resolves it to the article's person holding that post,
** else leaves it a post of its country. */
typedef struct hoso__postref {
  uint32_t tok0, tok1; /* the post as stated */
  uint32_t head1;      /* its head (the title word) is [tok0, head1) */
  int head_gz;         /* gazetteer entry of the head (GC_TITLE) */
  char country[4];     /* the country named in it, "" if none */
  int holder;          /* entity holding it (index into ents), -1: none */
  const char *how;     /* why that holder (static): "post", "leader", "next", "told",
                       ** "country" (the only person of its country named with no
                       ** post, nearby); NULL */
  int plural;          /* told of several holders ("hai nước", "các") */
  int dropped;         /* not a post told alone after all (link pass) */
} hoso__postref;

/* ---- gazetteers (gazetteer.c) ----------------------------------------- */

enum hoso__gclass {
  GC_RANK = 1, GC_TITLE, GC_GPE, GC_ORG, GC_ORGHEAD, GC_LOC, GC_AWARD,
  GC_AWARDHEAD, GC_DOC, GC_SURNAME, GC_STOP, GC_DAYPART, GC_TRIGGER,
  GC_STATUS, GC_AGREE, GC_DATEW, GC_WORD, GC_COUNT
};
#define GCM(c) (1u << (c))

typedef struct hoso__gentry {
  int cls;            /* hoso__gclass */
  int ntok;           /* tokens in the surface form */
  const char *f[8];   /* columns: surface, class, canonical, attr, extra... */
  int nf;
  int rules_only;     /* from a file marked "rules" in index.txt: read by the
                      ** entity rules, never a feature of the tagger */
} hoso__gentry;

typedef struct hoso__gaz hoso__gaz;

/* Load every file listed in <dir>/index.txt (one TSV file name a line,
** optionally followed by a TAB and "rules": entries for the entity rules
** only, not tagger features; '#' comments). Columns: surface<TAB>CLASS<TAB>canonical<TAB>attr[...].
** Errors name the file and line. */
int hoso__gaz_load(const char *dir, hoso__gaz **out, hoso_error *err);
/* Load one more TSV file into g (used for event patterns). */
int hoso__gaz_add_file(hoso__gaz *g, const char *path, hoso_error *err);
void hoso__gaz_free(hoso__gaz *g);
size_t hoso__gaz_size(const hoso__gaz *g);
const hoso__gentry *hoso__gaz_entry(const hoso__gaz *g, int id);

typedef struct hoso__ndoc hoso__ndoc;

/* Find every gazetteer match in d (d->gm, d->gm_first); called once
** after scanning. */
int hoso__gaz_scan(const hoso__gaz *g, hoso__ndoc *d, hoso_error *err);
/* Country abbreviations the text defines ("Nhật Bản (NB)"): every token
** spelt like one becomes a match of the country's entry (abbrev.c). */
int hoso__ner_defined_abbrevs(const hoso__gaz *g, hoso__ndoc *d);
/* Words a text defines in brackets (brackets.c). Is token x one word in
** capitals alone in brackets, "(" x ")"? */
int hoso__ner_bracketed_word(const hoso__ndoc *d, uint32_t x);
/* Does the bracketed word at x name something other than the words
** [w0, w1) before it? It is listed for another entry; the words are a
** listed body (its short forms are listed with it) and it is not their
** initials ("Quốc hội (QH)" is one); or it holds a number
** the words lack, and its letters are not the initials of their first
** words ("Công ty hải sản 404 (QK9)"; "Phòng Cảnh sát ... (PC13)" is one). */
int hoso__ner_bracket_names_other(const hoso__ndoc *d, const hoso__gaz *g, uint32_t x,
                                  uint32_t w0, uint32_t w1);
/* A table of them: the bracketed word at tok stands for the words
** [w0, w1), whose owner (a gazetteer entry, a mention) is owner, -1 once
** defined for two; by: what defined it (a mention, or -1). */
typedef struct hoso__bdef {
  uint32_t tok, w0, w1;
  int owner, by;
} hoso__bdef;
#define HOSO__BDEFS_CAP 32
typedef struct hoso__bdefs {
  hoso__bdef a[HOSO__BDEFS_CAP];
  size_t n, max;
} hoso__bdefs;
/* "Defined again" is the same owner, or the same words (keys). */
enum { HOSO__BDEF_SAME_OWNER, HOSO__BDEF_SAME_WORDS };
/* What hoso__bdefs_define() did: a new entry; defined again the same
** (nothing changes); ambiguous now or before; no room (nothing added). */
enum { HOSO__BDEF_NEW, HOSO__BDEF_AGAIN, HOSO__BDEF_AMBIGUOUS, HOSO__BDEF_FULL };
void hoso__bdefs_init(hoso__bdefs *t, size_t max);
int hoso__bdefs_define(hoso__bdefs *t, const hoso__ndoc *d, uint32_t tok, uint32_t w0,
                       uint32_t w1, int owner, int by, int same);
/* The entry (not ambiguous) of the word spelt as token tok, or NULL. */
const hoso__bdef *hoso__bdefs_find(const hoso__bdefs *t, const hoso__ndoc *d, uint32_t tok);
/* 1 if the letters of token a ("TNXP") are the initials of the words
** [t0, t1) in order ("Thanh niên Xung phong"), tone and marks aside. */
int hoso__ner_initials(const hoso__ndoc *d, uint32_t a, uint32_t t0, uint32_t t1);
/* Longest entry of a class in mask starting at token i; returns the entry
** id (and its length in tokens in *len) or -1. Needs hoso__gaz_scan. */
int hoso__gaz_match(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i,
                    unsigned mask, uint32_t *len);
/* Length in tokens of the longest entry of class cls whose column col is
** value, starting at token i; 0 if none ("companyhead", "unithead",
** "placehead", ...). Needs hoso__gaz_scan. */
uint32_t hoso__gaz_value_len(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i, int cls,
                             int col, const char *value);

/* ---- the document ------------------------------------------------------ */

struct hoso__ndoc {
  const char *text;
  size_t n;
  hoso__ntok *tok;
  size_t ntok, captok;
  hoso__nsent *sent;
  size_t nsent, capsent;
  hoso_buf keys; /* token match keys, back to back */
  hoso__mention *men;
  size_t nmen, capmen;
  hoso__entity *ents;
  size_t nents, capents;
  hoso__postref *postrefs; /* posts told without a name, in text order */
  size_t npostrefs, cappostrefs;
  int *tok_cover; /* per token: mention index covering it (rules), -1 */
  struct hoso__gmatch { uint32_t tok; uint16_t cls, len; int32_t id; } *gm;
  size_t ngm, capgm;
  uint32_t *gm_first; /* ntok+1 entries: gm[gm_first[t] .. gm_first[t+1]) */
  hoso__date pub;  /* publication date, determinable=0 if unknown */
  /* Optional: where the analysed text's pieces are in the caller's
  ** document (segments sorted by at). Output offsets go through
  ** hoso__doc_off(); without a map they are offsets into text. */
  const struct hoso__omap { size_t at, len, doc; } *omap;
  size_t nomap;
};

/* Offset off of the analysed text as an offset of the caller's document. */
static inline size_t hoso__doc_off(const hoso__ndoc *d, size_t off, int is_end) {
  for (size_t i = 0; i < d->nomap; i++) {
    const struct hoso__omap *m = &d->omap[i];
    if (off >= m->at && (off < m->at + m->len || (is_end && off == m->at + m->len)))
      return m->doc + (off - m->at);
  }
  return off;
}

/* Scan text into d (tokens, keys, sentences). d is zeroed first. */
int hoso__ndoc_scan(hoso__ndoc *d, const char *text, size_t n,
                    hoso_error *err);
/* The same with options: HOSO__SCAN_LINES ends sentences at line breaks
** only (input whose sentences are given, one a line: CoNLL files). */
#define HOSO__SCAN_LINES 1u
int hoso__ndoc_scan_opts(hoso__ndoc *d, const char *text, size_t n,
                         unsigned opts, hoso_error *err);
void hoso__ndoc_free(hoso__ndoc *d);
/* Mark the words of a segmented input (CoNLL files give words, e.g.
** "Hà_Nội"): spans[2k], spans[2k+1] are the byte span of word k in d's
** text, in order. Every token gets NT_SEG, a token inside a word after its
** first gets NT_WCONT. */
void hoso__ndoc_mark_words(hoso__ndoc *d, const size_t *spans, size_t nwords);
/* Match key of token i (lower case, tone placement canonical). */
static inline const char *hoso__tok_key(const hoso__ndoc *d, uint32_t i,
                                        size_t *n) {
  *n = d->tok[i].key_len;
  return d->keys.p + d->tok[i].key_off;
}
/* 1 if the n tokens at a and at b are spelt the same, byte for byte. */
static inline int hoso__tok_same_text(const hoso__ndoc *d, uint32_t a, uint32_t b, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) {
    const hoso__ntok *x = &d->tok[a + k], *y = &d->tok[b + k];
    if (x->len != y->len || memcmp(d->text + x->off, d->text + y->off, x->len)) return 0;
  }
  return 1;
}
/* 1 if the n tokens at a and at b have the same match keys (case and tone
** placement aside). */
static inline int hoso__tok_same_keys(const hoso__ndoc *d, uint32_t a, uint32_t b, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) {
    const hoso__ntok *x = &d->tok[a + k], *y = &d->tok[b + k];
    if (x->key_len != y->key_len ||
        memcmp(d->keys.p + x->key_off, d->keys.p + y->key_off, x->key_len))
      return 0;
  }
  return 1;
}
/* 1 if token i's key equals the NUL-terminated s. */
int hoso__tok_is(const hoso__ndoc *d, uint32_t i, const char *s);

/* ---- keys (key.c) ------------------------------------------------------ */

/* Append the match key of s[0..n): case folded, NFD, tone mark moved to the
** end of the syllable as a digit, so tone placement does not matter
** ("hoá" == "hóa"). */
int hoso__match_key_append(hoso_buf *out, const char *s, size_t n);
/* Append the cross-article person/thing key of s[0..n): Cyrillic
** transliterated to Latin, diacritics folded, lower case, a few spelling
** variants merged (x/ks, y/i/j, w/v, doubled letters), patronymics
** dropped, words sorted. "Андрей Картаполов" == "Andrey Kartapolov". */
int hoso__name_key_append(hoso_buf *out, const char *s, size_t n);
/* Fill flags (NT_UPPER ...) for the word s[0..n). */
uint32_t hoso__word_flags(const char *s, size_t n);

/* ---- dates (dates.c) --------------------------------------------------- */

/* Try to read a date expression at token i. On a match returns the number
** of tokens used (> 0) and fills *out, resolving relative expressions
** against ref (ref->determinable == 0: unknown). Returns 0 otherwise. */
uint32_t hoso__date_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t i,
                       const hoso__date *ref, hoso__date *out);
/* Is token i a dash alone ('-', U+2013, U+2014)? As between two days of a
** span, "26 - 27/4" (also read by src/events/ranges.c). */
int hoso__tok_is_dash(const hoso__ndoc *d, uint32_t i);
/* Parse an ISO date "YYYY-MM-DD[...]" into out (determinable=1). Returns 0
** on success, -1 if s is not such a date. */
int hoso__date_from_iso(const char *s, size_t n, hoso__date *out);
/* Write a date value as ISO 8601 ("2021-05-20", "2021-05", "2021",
** "2021-W21", "XXXX-05-20" when the year is unknown). */
void hoso__date_format(const hoso__date *dt, char *out, size_t n);
/* Days from civil date (proleptic Gregorian), and back. */
int64_t hoso__days_from_civil(int y, int m, int d);
void hoso__civil_from_days(int64_t z, int *y, int *m, int *d);

/* ---- entities (entities.c) --------------------------------------------- */

/* Find the mentions of d with gazetteers and rules (and the tagger model if
** not NULL), then group them into entities. opts: HOSO__NER_MODEL_ONLY
** skips the rule passes (dates still run) when a model is given: that is
** how the standard NER test sets, which annotate differently from the
** article record (no posts, no countries inside bodies), are tagged. */
#define HOSO__NER_MODEL_ONLY 1u
struct hoso__nermodel;
int hoso__ner_run(hoso__ndoc *d, const hoso__gaz *g,
                  const struct hoso__nermodel *m, unsigned opts,
                  hoso_error *err);
/* Span [tok0, tok1) as text. */
static inline void hoso__span_text(const hoso__ndoc *d, uint32_t tok0,
                                   uint32_t tok1, const char **s, size_t *n) {
  *s = d->text + d->tok[tok0].off;
  *n = d->tok[tok1 - 1].off + d->tok[tok1 - 1].len - d->tok[tok0].off;
}
/* Name of entity e (canonical). */
void hoso__entity_name(const hoso__ndoc *d, const hoso__entity *e,
                       const char **s, size_t *n);

/* Post p of entity e, unless e has one spelt the same (group.c).
** HOSO_OK or HOSO_ENOMEM. */
int hoso__ner_entity_add_post(hoso__ndoc *d, hoso__entity *e, hoso__post p);

/* Resolve the posts told without a name (d->postrefs) to their holders
** (postref.c): after the entities have their types and countries. A
** holder whose country was guessed from the article takes the post's. A
** told post becomes its holder's post when the person is named right
** after it or it names the holder's country, unless the holder has a post
** with its words (a leader's word, "Người đứng đầu nước Nga", never).
** HOSO_OK or HOSO_ENOMEM. */
int hoso__ner_link_posts(hoso__ndoc *d, const hoso__gaz *g);
/* Write the "posts" array (d->postrefs that stand, as a JSON value). */
void hoso__ner_write_posts_json(const hoso__ndoc *d, const hoso__gaz *g, hoso_json *w);
/* Number of d->postrefs that stand (not dropped). */
size_t hoso__ner_nposts_told(const hoso__ndoc *d);

/* Write the "entities" array (as a JSON value) to w. */
void hoso__ner_write_json(const hoso__ndoc *d, const hoso__gaz *g,
                          hoso_json *w);

#endif
