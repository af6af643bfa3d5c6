/*
** ingest_int.h -- the ingest pipeline's internals (library-internal).
**
**   inputs.c   paths -> documents (files, folders, WARC, JSON Lines, stdin)
**   prepare.c  one document -> a storable article (runs on workers)
**   ingest.c   the ordered worker pipeline and batched writes
**
** Ownership: a hoso_prepared owns every string in it (prepare_free).
*/
#ifndef HOSO_INGEST_INT_H
#define HOSO_INGEST_INT_H

#include "hoso.h"
#include "search/words.h"
#include "store/store.h"

/* Per-document cap: larger documents are recorded as failures. */
#define HOSO_INGEST_DOC_MAX (32u << 20)

typedef struct hoso_prepared {
  double words_cpu, analysis_cpu; /* CPU seconds preparing took in each */
  int failed;      /* 1: record code/offset/message as an ingest error */
  int skipped;     /* 1: known before preparing (stored by an earlier run) */
  uint64_t keys[2]; /* input keys (a.input_keys points here) */
  int code;
  int64_t offset;  /* -1 unknown */
  char message[HOSO_ERROR_MSG_MAX];
  char *origin;
  hoso_store_article a; /* its strings point into the fields below */
  char hash[33];
  unsigned char *packed; /* the original as stored (a.original_packed), or NULL */
  char *text, *original, *title, *url, *canonical, *outlet, *lang,
      *published, *credit, *author, *record;
  hoso_buf title_tokens, text_tokens;
  hoso_buf forms; /* distinct "fold\x1Fexact\n" of the text */
  hoso_buf forms_hash; /* uint32_t per forms line (store.h: forms_hash) */
  /* entities and events (from hoso_ner_analyze) */
  struct json_t *ner_json;  /* owns the strings the arrays point into */
  char **extra;             /* composed strings (titles), owned */
  size_t n_extra;
  hoso_store_entity *ents;
  hoso_store_event *events;
  hoso_store_participant *parts;
} hoso_prepared;

/* Per-worker state (word scanner, language model). */
typedef struct hoso_prep_ctx {
  hoso_words *words;
  hoso_langid *langid;  /* may be NULL: a script heuristic is used */
  const hoso_ner *ner;  /* shared, read-only; NULL: no entities/events */
  uint64_t texts;       /* texts streamed so far: each one's number, from 1 */
  int pack_original;    /* 1: pack the original for the store (store.h) */
  int text_checked;     /* 1: the document being prepared is text its reader
                        ** checked (valid UTF-8, no NUL): not scanned again */
} hoso_prep_ctx;

/* vi: the word segmenter (shared, read-only), NULL = syllables. */
int hoso__prep_ctx_init(hoso_prep_ctx *c, const hoso_ner *ner, const hoso_vi *vi);
void hoso__prep_ctx_free(hoso_prep_ctx *c);

/* Turn doc into p (which the caller zeroed). Never fails the run: on a
** bad document p->failed is set with a message. Returns HOSO_ENOMEM only. */
int hoso__prepare(hoso_prep_ctx *c, const hoso_document *doc, hoso_prepared *p);
void hoso__prepared_free(hoso_prepared *p);

/* The keys a document is recognised by on a rerun, before preparing it:
** a hash of its bytes (and kind), and when it has a URL, of the canonical
** URL. Fills keys[0..2), returns how many. */
size_t hoso__input_keys(const hoso_document *doc, uint64_t keys[2]);

/* The input keys of the stored documents (resume.c): sorted, shared
** read-only by the workers once loaded. */
typedef struct hoso_known {
  uint64_t *k;
  size_t n, cap;
} hoso_known;
/* Load every key the store has (none when the backend has no
** input_keys). HOSO_ENOMEM / HOSO_EDB with err filled. */
int hoso__known_load(hoso_known *ks, hoso_store *st, hoso_error *err);
/* Is any of keys[0..n) known? */
int hoso__known_has(const hoso_known *ks, const uint64_t *keys, size_t n);
void hoso__known_free(hoso_known *ks);

/* "https://WWW.x.vn/a/?utm_source=y#z" -> "https://x.vn/a". Caller frees. */
char *hoso__canonical_url(const char *url);

/* How long the writer, out of work with a batch open for age seconds and
** idle for idle seconds (since it last found nothing to write), waits
** before committing the batch (0: commit now), given the run's idle commit
** time idle_s: until the batch is idle_s old and the writer has been idle
** for an eighth of idle_s (ingest.c, IDLE_GRACE_PART). */
double hoso__idle_commit_wait(double age, double idle, double idle_s);

/* Queue a text document (is_text) whose reader has checked it: valid UTF-8
** without NUL bytes (a JSON Lines value, src/base/jsonl.h). The same as
** hoso_ingest_document, without the workers' scan of it for the two
** (session 16: 0.07-0.15 CPU-s of 20,000 VNTC texts). */
int hoso__ingest_checked_text(hoso_ingest *ing, const hoso_document *doc, hoso_error *err);

/* Queue a failure found while reading inputs (in input order). */
int hoso__ingest_fail(hoso_ingest *ing, const char *origin, int64_t offset,
                      int code, const char *message, hoso_error *err);

#endif
