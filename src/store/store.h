/*
** store.h -- the storage interface behind hoso_archive (library-internal).
**
** A backend is a table of functions (hoso_store_vt) over an opaque
** hoso_store. SQLite (store/sqlite_*.c) is the first implementation; a
** PostgreSQL backend implements the same table. Everything that is not
** storage -- reading inputs, extraction, segmentation, near-duplicate
** signatures, query parsing -- happens outside the backend, so a backend
** only persists records and answers queries.
**
** Contract for every backend:
**   - Ownership: records passed in (hoso_store_article) stay owned by the
**     caller; the backend copies what it keeps. JSON results are appended
**     to the caller's hoso_json writer in the formats documented in
**     README.md (section "The archive"); both backends print the same.
**   - Transactions: put_* calls happen between begin and commit; a crash
**     before commit loses exactly that batch. A read-only or full disk is
**     reported as HOSO_EDB with the cause in the message, never a crash,
**     and leaves the archive openable.
**   - Threads: one hoso_store is used by one thread at a time.
**   - Errors: backends never leak their own error text without context:
**     messages say what failed ("cannot store article: disk is full").
*/
#ifndef HOSO_STORE_H
#define HOSO_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "search/query.h"

/* Bumped on each change of hoso_store_vt or the records below. */
#define HOSO_STORE_ABI 6

/* Near-duplicate signature: MinHash over word 3-shingles (store/minhash.h). */
#define HOSO_MINHASH_N 64

typedef struct hoso_store_entity {
  int kind;          /* HOSO_ENTITY_PERSON / ORG / PLACE (hoso.h) */
  const char *name;  /* surface form as in the text */
  const char *title; /* rank/post stated beside the name, or NULL */
  size_t start, end; /* byte offsets into the article text */
} hoso_store_entity;

typedef struct hoso_store_participant {
  const char *name;
  int kind;          /* HOSO_ENTITY_* */
  const char *title; /* rank/post stated, or NULL */
} hoso_store_participant;

typedef struct hoso_store_event {
  const char *type;    /* "call", "talks", "visit", "signing", "award", ... */
  const char *date;    /* ISO 8601 date, or NULL when unknown */
  const char *place;   /* or NULL */
  const char *summary; /* one line, or NULL */
  size_t start, end;   /* the sentence it came from: byte offsets in text */
  const hoso_store_participant *parts;
  size_t n_parts;
} hoso_store_event;

/* One article ready to store: extracted, tokenised, signed. */
typedef struct hoso_store_article {
  const char *content_hash; /* hex digest of the normalised body text */
  const char *url;          /* or NULL */
  const char *canonical_url; /* normalised url (dedupe key), or NULL */
  const char *outlet;       /* or NULL */
  const char *lang;         /* "vi", "ru", "en", "und" */
  const char *title;        /* or NULL */
  const char *author;       /* or NULL */
  const char *credit;       /* syndication credit ("TTXVN"), or NULL */
  const char *published;    /* ISO 8601, or NULL */
  int64_t published_day;    /* days since 1970-01-01, or INT64_MIN */
  const char *origin;       /* input name and position */
  const char *text;         /* the article text: offsets refer to it */
  size_t text_n;
  const char *original;     /* original bytes as given */
  size_t original_n;
  const char *record_json;  /* the extraction record as JSON, or NULL */
  /* Pre-tokenised search streams (search/words.h format) for title and
  ** text, made on worker threads so the writer does not segment. */
  const char *title_tokens;
  size_t title_tokens_n;
  const char *text_tokens;
  size_t text_tokens_n;
  /* The article's distinct spelled words: "fold\x1Fexact\n" lines, for
  ** the toneless-query spelling table; may be NULL. (ABI 2) */
  const char *forms;
  size_t forms_n;
  /* One hash per forms line, in order: (uint32_t)hoso__hash64(line
  ** without its '\n', 7), made as the worker met the word, so the writer
  ** does not hash the line again; may be NULL. (ABI 5) */
  const uint32_t *forms_hash;
  uint32_t minhash[HOSO_MINHASH_N];
  const hoso_store_entity *entities;
  size_t n_entities;
  const hoso_store_event *events;
  size_t n_events;
  /* Keys ingest recognises this document by on a rerun (hashes of its
  ** bytes and of its canonical URL; see input_keys). A backend with
  ** input_keys records them for the stored article -- or for the stored
  ** one it duplicates. (ABI 3) */
  const uint64_t *input_keys;
  size_t n_input_keys;
  /* The original as it is stored, packed by ingest's worker threads for a
  ** backend that asks (hoso_store_vt.packs_original) so its one writer
  ** thread does not compress pages: original_encoding "text" (the
  ** original is the text itself: nothing more is stored, original_packed
  ** NULL) or "zlib" (original_packed[0..original_packed_n)). NULL
  ** encoding: not packed, the backend packs it (hoso__original_pack).
  ** (ABI 6) */
  const char *original_encoding;
  const unsigned char *original_packed;
  size_t original_packed_n;
} hoso_store_article;

/* The stored form of an original (original.c): "text" when it is the
** text itself (*z NULL, *zn 0), else "zlib", level 3 (*z malloc'd, the
** caller frees it). HOSO_ENOMEM, or HOSO_EINTERNAL if zlib fails. */
int hoso__original_pack(const char *original, size_t original_n, const char *text,
                        size_t text_n, unsigned char **z, size_t *zn, const char **enc);

/* What put_article did. */
typedef struct hoso_store_put {
  int64_t article_id;
  int64_t story_id;
  int duplicate; /* 1: already stored (same hash or canonical URL) */
  int new_story; /* 1: started a new story */
  double index_cpu; /* CPU seconds spent on the search index (0: unknown) */
} hoso_store_put;

typedef struct hoso_store hoso_store;

/* CPU seconds of the calling thread (ingest.c), for the CPU split. */
double hoso__thread_cpu(void);

typedef struct hoso_store_vt {
  const char *name; /* "sqlite", "postgres" */
  /* Does this backend handle path? ("postgres://..." vs a file name) */
  int (*accepts)(const char *path);
  int (*open)(const char *path, int flags, hoso_store **out, hoso_error *err);
  void (*close)(hoso_store *st);

  int (*begin)(hoso_store *st, hoso_error *err);
  int (*commit)(hoso_store *st, hoso_error *err);
  void (*rollback)(hoso_store *st);

  /* Store a, unless already stored; assign it to a story (near-duplicate
  ** by minhash, else a new story). */
  int (*put_article)(hoso_store *st, const hoso_store_article *a,
                     hoso_store_put *out, hoso_error *err);
  /* Is an article with this hash or canonical URL stored? (cheap pre-check
  ** so workers can skip known documents; *found 0/1) */
  int (*has_article)(hoso_store *st, const char *content_hash,
                     const char *canonical_url, int *found, hoso_error *err);
  /* Record a per-document failure. */
  int (*put_error)(hoso_store *st, const char *origin, int64_t offset,
                   int code, const char *message, hoso_error *err);

  /* Queries: append one JSON value to w (formats in README). */
  int (*search)(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                hoso_json *w, hoso_error *err);
  int (*story)(hoso_store *st, int64_t id, hoso_json *w, hoso_error *err);
  int (*article)(hoso_store *st, int64_t id, unsigned flags, hoso_json *w,
                 hoso_error *err);
  int (*timeline)(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                  hoso_json *w, hoso_error *err);
  int (*dossier)(hoso_store *st, int kind, const char *name, size_t name_n,
                 const hoso_query *opt, hoso_json *w, hoso_error *err);
  int (*suggest)(hoso_store *st, int kind, const char *prefix, size_t n,
                 int limit, hoso_json *w, hoso_error *err);
  int (*errors)(hoso_store *st, int64_t offset, int64_t limit, hoso_json *w,
                hoso_error *err);
  int (*stats)(hoso_store *st, hoso_json *w, hoso_error *err);
  /* Stream every matching article (no paging, no cap) to write(). */
  int (*export_)(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                 int format, hoso_write_fn write, void *ctx, hoso_error *err);
  /* Verify storage and index consistency (HOSO_EDB says what is wrong). */
  int (*check)(hoso_store *st, hoso_error *err);
  /* Every input key recorded by put_article, fn(ctx, key) once each (in
  ** any order; fn returns non-zero to stop with that code). Ingest loads
  ** them to skip stored documents before extraction and analysis. May be
  ** NULL: then every document is prepared and put_article dedupes. (ABI 3) */
  int (*input_keys)(hoso_store *st, int (*fn)(void *ctx, uint64_t key),
                    void *ctx, hoso_error *err);
  /* A number that changes whenever the archive's content may have
  ** changed, by any writer, and is the same on every handle of the
  ** archive (hoso_archive_state). May be NULL: not known. */
  int (*state)(hoso_store *st, uint64_t *out, hoso_error *err);
  /* Articles per transaction when the caller asks for no size; 0: 1024.
  ** SQLite: 4096 -- each commit writes every spelling the batch used and
  ** flushes an FTS5 segment, so fewer, larger batches cost less CPU (on
  ** VNTC the spellings' upserts were half of the commits' CPU). */
  int batch;
  /* 1: put_article stores a->original_encoding/original_packed when set,
  ** so ingest packs originals on its worker threads (ABI 6). */
  int packs_original;
  /* open, with the caller's segmentation model (read-only, not owned; it
  ** outlives the handle) instead of loading one: a server's handles share
  ** one. May be NULL: hoso_archive_open_shared calls open. */
  int (*open_shared)(const char *path, int flags, const hoso_vi *vi, hoso_store **out,
                     hoso_error *err);
  /* New members are appended here; initialise tables by member name. */
} hoso_store_vt;

/* Every backend's handle starts with this. */
struct hoso_store {
  const hoso_store_vt *vt;
};

/* Shared by the backends (store/day.c). "YYYY", "YYYY-MM", "YYYY-MM-DD",
** optionally followed by 'T' or ' ' and anything -> the first (or, with
** is_end, the last) day it covers, in days since 1970-01-01; -1 when
** malformed. */
int hoso__store_parse_day(const char *s, int is_end, int64_t *day);
/* The folded key of a name (hoso__fold_append), malloc'd into *out (the
** caller frees it); HOSO_ENOMEM on failure. */
int hoso__store_fold_key(const char *s, size_t n, char **out);

/* The backends compiled in, tried in order by hoso_archive_open. */
extern const hoso_store_vt hoso__store_sqlite;
extern const hoso_store_vt hoso__store_pg; /* store/pg_db.c */

/* The backend of an open archive (for ingest, which is backend-neutral). */
hoso_store *hoso__archive_store(hoso_archive *ar);

#endif
