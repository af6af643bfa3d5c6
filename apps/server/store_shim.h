/*
** store_shim.h -- TEMPORARY: the archive calls the server is written
** against, until the store section of include/hoso.h is merged.
**
** When include/hoso.h declares the archive (HOSO_ARCHIVE_READONLY is
** defined there) this header adds nothing. Until then it repeats the
** announced declarations and makes every call fail with HOSO_EDB
** "archive not available", which the handlers answer with 503: no data
** is ever made up. Delete this file once the store is in main.
*/
#ifndef HOSO_SRV_STORE_SHIM_H
#define HOSO_SRV_STORE_SHIM_H

#include "hoso.h"

#ifndef HOSO_ARCHIVE_READONLY
#define SRV_STORE_SHIM 1
#include "base/base.h"
typedef struct hoso_archive hoso_archive;

#define HOSO_ARCHIVE_READONLY 0x1 /* queries only; the file must exist */
#define HOSO_ARCHIVE_CREATE 0x2   /* create the archive if it is missing */

/* Open (and, with HOSO_ARCHIVE_CREATE, create or migrate) the archive at
** path. On HOSO_OK *out is a handle the caller closes with
** hoso_archive_close(). Fails with HOSO_EDB and a message naming the file
** when it is not an archive, is newer than this program, or cannot be
** opened. */
static inline int hoso_archive_open(const char *path, int flags, hoso_archive **out,
                      hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
static inline void hoso_archive_close(hoso_archive *ar) {}

/* ---- ingest ------------------------------------------------------- */

typedef struct hoso_ingest_stats {
  uint64_t seen;       /* documents read from the inputs */
  uint64_t added;      /* new articles stored */
  uint64_t duplicates; /* already in the archive (same hash or URL) */
  uint64_t failed;     /* recorded in the error table (hoso errors) */
  uint64_t bytes;      /* input bytes of the documents seen */
  uint64_t total;      /* documents expected (0 while unknown) */
  uint64_t stories;    /* new stories started by this run */
  double seconds;      /* since hoso_ingest_open */
} hoso_ingest_stats;

typedef struct hoso_ingest_options {
  int threads; /* worker threads for extraction and segmentation; 0 = CPUs */
  int batch;   /* articles per transaction (crash loses at most one); 0 = 256 */
  /* Called on the thread that calls hoso_ingest_*, at most ~5 times a
  ** second and once at the end; may be NULL. */
  void (*progress)(void *ctx, const hoso_ingest_stats *st);
  void *progress_ctx;
} hoso_ingest_options;

/* One input document handed over by the caller. Only data/n is needed;
** NULL fields are taken from the page by extraction. The strings are
** copied: the caller keeps ownership. */
typedef struct hoso_document {
  const char *data; /* original bytes: an HTML page, or text */
  size_t n;
  const char *url;       /* where it came from, or NULL */
  const char *outlet;    /* outlet name/code, or NULL */
  const char *published; /* ISO 8601 date(-time), or NULL */
  const char *lang;      /* "vi", "ru", "en", or NULL (identified) */
  const char *origin;    /* input name for errors ("file.jsonl:17"), or NULL */
  int is_text;           /* 1: data is plain article text (title first line) */
} hoso_document;

typedef struct hoso_ingest hoso_ingest;

/* Start an ingest run on ar (which must be opened writable). Workers
** start here; documents are committed in batches. */
static inline int hoso_ingest_open(hoso_archive *ar, const hoso_ingest_options *opt,
                     hoso_ingest **out, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Queue one document. Per-document failures never fail this call: they
** are recorded in the archive (hoso_errors). Fails only when the archive
** itself cannot be written (disk full, read-only): HOSO_EDB/HOSO_EIO. */
static inline int hoso_ingest_document(hoso_ingest *ing, const hoso_document *doc,
                         hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Queue every document under path: a file (HTML/text page, WARC
** .warc[.gz], JSON Lines .jsonl[.gz] with text/html/url/source/date
** fields), a folder (recursively, sorted), or "-" for standard input
** (format sniffed). Unreadable entries are recorded, not fatal. */
static inline int hoso_ingest_path(hoso_ingest *ing, const char *path, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Set the expected document count shown in progress (0 = unknown). */
static inline void hoso_ingest_set_total(hoso_ingest *ing, uint64_t total) {}
/* Drain the workers, commit the last batch, fill *st (may be NULL). */
static inline int hoso_ingest_finish(hoso_ingest *ing, hoso_ingest_stats *st,
                       hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Free the run; without hoso_ingest_finish the open batch is rolled back.
** NULL is a no-op. */
static inline void hoso_ingest_close(hoso_ingest *ing) {}

/* ---- queries -------------------------------------------------------
** Every query call writes its result as one JSON document (formats in
** README.md, section "The archive") into *json, a NUL-terminated string
** the caller frees with hoso_free(); *n (may be NULL) gets its length.
** The CLI's --json and the HTTP server print exactly these strings. */

#define HOSO_QUERY_MAX 4096 /* bytes of query text; longer is HOSO_ETOOBIG */

typedef struct hoso_query {
  const char *q; /* query language (README): words "phrase" OR -x pre* */
  size_t q_n;    /* may be 0 when only filters are given */
  const char *from, *to; /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive */
  const char *outlet;    /* outlet name or code */
  const char *lang;      /* "vi", "ru", "en" */
  const char *person;    /* a person's name, diacritics optional */
  const char *org;       /* an organisation's name, diacritics optional */
  const char *event_type; /* "call", "talks", "visit", "signing", ... */
  int64_t offset;        /* results to skip (paging) */
  int64_t limit;         /* results per page; 0 = 10; no cap (page it all) */
  unsigned flags;        /* HOSO_Q_* */
} hoso_query;

#define HOSO_Q_FRESHNESS 0x1   /* rank: boost recent stories (README) */
#define HOSO_Q_SOURCES 0x2     /* rank: boost stories with many outlets */
#define HOSO_Q_NO_FACETS 0x4   /* skip facet counts */
#define HOSO_Q_NO_SNIPPETS 0x8 /* skip snippets */
#define HOSO_Q_ARTICLES 0x10   /* one result per article, not per story */

/* Ranked stories matching q, with snippets (byte offsets into each
** article's text), facets and the exact total. HOSO_EQUERY with a
** message saying what is wrong for a query that cannot be parsed. */
static inline int hoso_search(hoso_archive *ar, const hoso_query *q, char **json,
                size_t *n, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* One story: its articles, outlets, URLs, earliest date, credited origin. */
static inline int hoso_story(hoso_archive *ar, int64_t story_id, char **json, size_t *n,
               hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
#define HOSO_ARTICLE_ORIGINAL 0x1 /* include the original bytes as text */
/* One article: record, text, entities, events, story and sources. */
static inline int hoso_article(hoso_archive *ar, int64_t article_id, unsigned flags,
                 char **json, size_t *n, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Events in date order with participants and citations; the filters of
** q apply (q->q restricts to events of matching articles). */
static inline int hoso_timeline(hoso_archive *ar, const hoso_query *q, char **json,
                  size_t *n, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }

#define HOSO_ENTITY_ANY 0
#define HOSO_ENTITY_PERSON 1
#define HOSO_ENTITY_ORG 2
#define HOSO_ENTITY_PLACE 3
/* A dossier on a person or organisation: articles, titles/posts held
** and when, events, counterparts. name matches with or without
** diacritics. q (may be NULL) adds filters and paging of articles. */
static inline int hoso_dossier(hoso_archive *ar, int kind, const char *name, size_t name_n,
                 const hoso_query *q, char **json, size_t *n,
                 hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Entity names starting with prefix (diacritics optional), most
** mentioned first; limit 0 = 10. */
static inline int hoso_suggest(hoso_archive *ar, int kind, const char *prefix,
                 size_t prefix_n, int limit, char **json, size_t *n,
                 hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Per-document ingest failures, newest first, paged. */
static inline int hoso_errors(hoso_archive *ar, int64_t offset, int64_t limit, char **json,
                size_t *n, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }
/* Counts: articles, stories, outlets, entities, events, errors, schema. */
static inline int hoso_archive_stats(hoso_archive *ar, char **json, size_t *n,
                       hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }

/* Export every result of q (paging ignored, nothing capped), streamed:
** write() is called with consecutive chunks; a non-zero return from it
** stops the export with HOSO_EIO. */
typedef int (*hoso_write_fn)(void *ctx, const char *p, size_t n);
#define HOSO_EXPORT_JSONL 0    /* one article object per line */
#define HOSO_EXPORT_CSV 1      /* RFC 4180, header row */
#define HOSO_EXPORT_MARKDOWN 2 /* a readable dossier, cited */
static inline int hoso_export(hoso_archive *ar, const hoso_query *q, int format,
                hoso_write_fn write, void *ctx, hoso_error *err) { return hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)"); }

#endif /* HOSO_ARCHIVE_READONLY */
#endif
