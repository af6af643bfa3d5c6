/*
** sqlite_int.h -- shared internals of the SQLite backend (store/sqlite_*.c).
** Only src/store (and src/search/fts.c) include sqlite3.h.
**
** Ownership: sq_store owns its connection, its cached statements and the
** search cache; everything is freed by the backend's close.
*/
#ifndef HOSO_SQLITE_INT_H
#define HOSO_SQLITE_INT_H

#include <sqlite3.h>

#include "search/snipcache.h"
#include "search/words.h"
#include "store/sqlite_facets_cache.h"
#include "store/store.h"

#define HOSO_SCHEMA_VERSION 6

enum sq_stmt_id {
  SQ_HAS_HASH,
  SQ_HAS_URL,
  SQ_LSH_LOAD,
  SQ_LSH_ADD,
  SQ_ART_SIG,
  SQ_OUTLET_ADD,
  SQ_OUTLET_GET,
  SQ_STORY_ADD,
  SQ_STORY_HAS_OUTLET,
  SQ_STORY_UPDATE,
  SQ_ART_ADD,
  SQ_ORIG_ADD,
  SQ_FTS_ADD,
  SQ_ENT_ADD,
  SQ_MENTION_ADD,
  SQ_EVENT_FIND,
  SQ_EVENT_ADD,
  SQ_EVSRC_ADD,
  SQ_PART_ADD,
  SQ_ERROR_ADD,
  SQ_VOCAB,
  SQ_FORM_ADD,
  SQ_FORM_TOP,
  SQ_FORM_PREFIX,
  SQ_ART_BRIEF,   /* search results (sqlite_page.c) */
  SQ_STORY_HEAD,
  SQ_STORY_SOURCES,
  SQ_OUTLET_NAME,
  SQ_INPUT_ADD,
  SQ_ART_NEXT,
  SQ_N
};

/* An article's facts that every hit of a search reads (the filter, the
** grouping, the outlet and year facets), side by side: one cache line
** holds four articles', where three arrays cost a miss each per hit. */
typedef struct sq_fact {
  int64_t story;  /* 0 = no such article */
  int32_t day;    /* published day, INT32_MIN unknown */
  int32_t outlet; /* outlet id, 0 unknown */
} sq_fact;

/* Per-article facts the search ranks and filters on, kept in memory and
** extended incrementally (article ids only grow; stories never merge). */
typedef struct sq_cache {
  int64_t max_id; /* highest article id loaded */
  size_t cap;     /* entries allocated (index = article id) */
  sq_fact *fact;  /* by article id */
  uint8_t *lang;   /* 0 und, 1 vi, 2 ru, 3 en */
  /* each article's length in index tokens, all columns (FTS5's docsize),
  ** for hoso_bm25 (sqlite_rank.c); -1 = not loaded */
  int32_t *dsz;
  size_t n_dsz;    /* entries allocated (index = article id) */
  int64_t dsz_max; /* highest id loaded */
} sq_cache;

/* Entries of each facet list in a search answer (sqlite_facets*.c). */
#define SQ_FACET_TOP 10

/* People and organisations each article mentions, for the search facets.
** Entities are numbered by rank: the entities of kinds 1 (person) and 2
** (organisation) that any article mentions, by number of articles, most
** first (then by id), so the counters of the frequent ones share a few
** cache lines. Per article id, compressed rows of ranks (ent[off[a]] ..
** ent[off[a+1]-1], each entity once, ascending: the frequent ones first);
** per rank its entity id and kind.
** Loaded on demand by hoso__sq_ment_load; dropped and reloaded when the
** database changed since (data_version or this connection's changes). */
typedef struct sq_ment {
  int loaded;
  int64_t data_version, changes; /* database state when loaded */
  size_t n_art;                  /* article ids 0 .. n_art-1 */
  uint32_t *off;                 /* n_art + 1 offsets into ent */
  int32_t *ent;                  /* ranks */
  size_t n_ent;                  /* entity ids 0 .. n_ent-1 */
  uint8_t *kind;                 /* entity kind by id, 0 = no such entity */
  size_t n_rank;                 /* ranks 0 .. n_rank-1 */
  int32_t *rent;                 /* entity id by rank */
  uint8_t *rkind;                /* kind by rank */
  /* event sources: article, event and type (index into types) per row */
  size_t n_es, n_types;
  int64_t max_event;
  int64_t *es_art, *es_event; /* by article, ascending */
  uint32_t *es_type;
  /* the rows of article a: es_off[a] .. es_off[a+1]-1 (a < n_es_art);
  ** es_bits: a bit per article with any row */
  uint32_t *es_off;
  uint64_t *es_bits;
  size_t n_es_art;
  char **types; /* owned, NUL-terminated */
  /* the same mentions by entity (for many hits): the articles of rank r
  ** in eart[eoff[r]] .. eart[eoff[r+1]-1], ascending; per kind (0 people,
  ** 1 organisations) its ranks in order */
  uint32_t *eoff;
  int32_t *eart;
  int32_t *by_df[2];
  size_t n_by_df[2];
  /* the articles of the first (up to) FACET_TOP ranks of each kind: the
  ** least a by-entity count must read (entity_facets_inv) */
  uint64_t head_df;
  /* per rank its name, names + rname[r] (rname_n[r] bytes, then a NUL),
  ** and its place in (name, id) order (strcmp on the names): the facets'
  ** order among equal counts without reading the entity table */
  char *names;
  size_t names_n;
  uint32_t *rname, *rname_n, *rord;
  int have; /* any mention or event source at all */
} sq_ment;

/* Per-handle scratch of the search (sqlite_group.c, sqlite_facets_mem.c),
** kept between searches so a query touches only what its hits need:
** slot[] maps a story (or article) id to its place among the results, -1
** when unused; ecnt counts hit articles per entity rank, 0 when unused.
** Every user puts the entries it set back to -1 / 0. */
typedef struct sq_scratch {
  int32_t *slot;
  size_t n_slot;
  uint32_t *ecnt;
  size_t n_ent;
  uint64_t *bits; /* a bit per article id: the hits (set per search) */
  size_t n_bits;  /* 64-bit words */
  /* the highest story and outlet ids of sq_cache's first n_seen ids
  ** (kept up to date as the cache grows: it only adds ids) */
  size_t n_seen;
  int64_t max_story;
  int32_t max_outlet;
  /* the grouping's arrays (sqlite_group.c), grp_n bytes */
  unsigned char *grp;
  size_t grp_n;
} sq_scratch;

/* The open batch's spellings: "fold\x1Fexact" -> articles using it,
** summed in memory and written at commit (sqlite_forms.c). */
typedef struct sq_form_slot {
  uint32_t off, len; /* key in keys; len 0 = empty slot */
  uint32_t hash;
  uint32_t count;
} sq_form_slot;
/* The writer's LSH bands in memory (sqlite_lsh.c): open addressing from
** band value to article id (id 0 = empty slot). */
typedef struct sq_lsh {
  uint64_t *key;
  uint32_t *id;
  size_t cap, used;
  int64_t max_id; /* the highest article whose bands are in */
  int loaded;     /* the table's rows up to max_id are in */
  int stale;      /* a batch began: top up with other writers' rows */
} sq_lsh;

typedef struct sq_forms {
  hoso_buf keys;
  sq_form_slot *slot; /* cap slots, open addressing */
  size_t cap, used;
} sq_forms;

/* The search's term cache and evaluator (sqlite_terms.c). */
typedef struct sq_terms sq_terms;

/* Column weights of the rank (title, body), as SQL literals. */
#define SQ_W_TITLE_S "3"
#define SQ_W_BODY_S "1"

typedef struct sq_ckpt sq_ckpt; /* sqlite_ckpt.c */

typedef struct sq_store {
  hoso_store base;
  sqlite3 *db;
  int readonly;
  char *path;
  sqlite3_stmt *stmt[SQ_N];
  hoso_words *words; /* query-side word forms and snippets */
  hoso_vi *vi;       /* word segmenter for snippets (owned), or NULL: none,
                     ** or the caller's shared one (hoso_archive_open_shared;
                     ** words uses it, not owned) */
  sq_cache cache;
  sq_ment ment;
  sq_scratch scratch;
  int64_t facet_searches; /* searches that counted facets on this handle */
  sq_forms forms;         /* spellings of the open batch */
  sq_lsh lsh;             /* bands of the stored articles (writer) */
  int64_t next_article;   /* the id of the open batch's next article, 0: not read yet */
  sq_terms *terms;        /* doclists cached across searches, or NULL */
  hoso_snipcache *snips;  /* texts' snippet tables (sqlite_page.c), or NULL */
  sq_fcache *fcache;      /* facets by match set (sqlite_facets_cache.h), or NULL */
  int fcache_state;       /* 0 not made yet, 1 made, -1 off */
  int group_no_masks;     /* tests: stories' outlets counted over their hits (sqlite_group.c) */
  sq_ckpt *ckpt;          /* WAL checkpoints off the writer's thread, or NULL */
} sq_store;

/* WAL checkpoints on a thread of their own (sqlite_ckpt.c). start: from
** now on, a commit that leaves the WAL at pages or more (0: the default,
** 8,192) has the thread checkpoint it, instead of SQLite's automatic
** checkpoint on the committing thread; nothing changes if the thread
** cannot be made, or on a read-only handle. stop: wait for the thread and
** free it (before the connection closes). counts: checkpoints run by the
** thread and by the commits' hook, and the WAL frames the thread's found
** copied (summed); -1 when there is no thread. */
void hoso__sq_ckpt_start(sq_store *s, int pages);
void hoso__sq_ckpt_stop(sq_store *s);
int hoso__sq_ckpt_counts(sq_store *s, int64_t *thread, int64_t *tail, int64_t *frames);

/* A cached prepared statement (reset, bindings cleared); NULL on error
** with err filled. */
sqlite3_stmt *hoso__sq_stmt(sq_store *s, int id, hoso_error *err);
/* Fill err from the connection's last error: HOSO_EDB, "what: cause"
** (disk full and read-only get plain words). Returns HOSO_EDB. */
int hoso__sq_err(sq_store *s, hoso_error *err, int rc, const char *what);
/* Run SQL without results. */
int hoso__sq_exec(sq_store *s, const char *sql, hoso_error *err);
/* Create or migrate the schema to HOSO_SCHEMA_VERSION. */
int hoso__sq_migrate(sq_store *s, hoso_error *err);
/* Bring the search cache up to date. */
int hoso__sq_cache_refresh(sq_store *s, hoso_error *err);
/* The docsize part of it (sqlite_rank.c). */
int hoso__sq_dsz_refresh(sq_store *s, hoso_error *err);
/* Register the rank function hoso_bm25 on s's connection, user data s
** (sqlite_rank.c). Returns an SQLite code. */
int hoso__sq_rank_register(sq_store *s);
/* Make s->ment current: *ok = 1 when it holds the archive's mentions.
** When it is not loaded (or stale) and load is 0, *ok = 0 and nothing is
** read; with load 1 it is (re)loaded. Ids that do not fit in 32 bits
** leave *ok = 0. */
int hoso__sq_ment_load(sq_store *s, int load, int *ok, hoso_error *err);
/* Free s->ment (safe on a zeroed or freed one). */
void hoso__sq_ment_free(sq_ment *m);
/* Spellings: count one article using key ("fold\x1Fexact"); write the
** batch's counts (called by commit, inside the transaction); forget them
** (rollback); free. */
/* LSH bands (sqlite_lsh.c). find: the ids of the stored articles sharing
** a band with bands[], band by band, up to 64 per band (lowest ids
** first), each once, at most cap; add: store an article's bands. */
int hoso__sq_lsh_find(sq_store *s, const int64_t *bands, int64_t *ids, size_t cap,
                      size_t *n, hoso_error *err);
int hoso__sq_lsh_add(sq_store *s, int64_t id, const int64_t *bands, hoso_error *err);
/* The row's blob: HOSO_LSH_BANDS values, 8 bytes each, little-endian. */
void hoso__sq_lsh_encode(const int64_t *bands, unsigned char *out);
void hoso__sq_lsh_batch(sq_store *s); /* a batch began */
void hoso__sq_lsh_drop(sq_store *s);  /* rolled back: forget the table */
void hoso__sq_lsh_free(sq_lsh *l);
/* Count one article's use of the spelling key[0..n) ("fold\x1Fexact");
** h is its hash (store.h: forms_hash; the same function for every key). */
/* Each "key\n" line of forms[0..n) (the last '\n' may be missing), with
** hashes[k] its hash (NULL: (uint32_t)hoso__hash64(line, len, 7)). */
int hoso__sq_forms_add_lines(sq_forms *f, const char *forms, size_t n,
                             const uint32_t *hashes);
int hoso__sq_forms_flush(sq_store *s, hoso_error *err);
void hoso__sq_forms_clear(sq_forms *f);
void hoso__sq_forms_free(sq_forms *f);
/* Bind helpers: NULL binds SQL NULL. */
void hoso__sq_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text as a C string ("" for NULL). */
const char *hoso__sq_col(sqlite3_stmt *st, int i);
/* JSON: the column as a string or null. */
void hoso__sq_json_col(hoso_json *w, sqlite3_stmt *st, int i);

/* "YYYY[-MM[-DD]]" -> day number; is_end picks the last day of the
** period. Returns 0 on success, -1 when not a date. */
int hoso__sq_parse_day(const char *s, int is_end, int32_t *day);

/* Language code <-> cache byte. */
uint8_t hoso__sq_lang_code(const char *lang);

/* The vtable parts implemented in the other files. */
int hoso__sq_put_article(hoso_store *st, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err);
int hoso__sq_input_keys(hoso_store *st, int (*fn)(void *ctx, uint64_t key),
                        void *ctx, hoso_error *err);
int hoso__sq_has_article(hoso_store *st, const char *hash, const char *url,
                         int *found, hoso_error *err);
int hoso__sq_put_error(hoso_store *st, const char *origin, int64_t offset,
                       int code, const char *message, hoso_error *err);
int hoso__sq_search(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err);
int hoso__sq_story(hoso_store *st, int64_t id, hoso_json *w, hoso_error *err);
int hoso__sq_article(hoso_store *st, int64_t id, unsigned flags, hoso_json *w,
                     hoso_error *err);
int hoso__sq_timeline(hoso_store *st, const hoso_qnode *q,
                      const hoso_query *opt, hoso_json *w, hoso_error *err);
int hoso__sq_dossier(hoso_store *st, int kind, const char *name, size_t name_n,
                     const hoso_query *opt, hoso_json *w, hoso_error *err);
int hoso__sq_suggest(hoso_store *st, int kind, const char *prefix, size_t n,
                     int limit, hoso_json *w, hoso_error *err);
int hoso__sq_errors(hoso_store *st, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err);
int hoso__sq_stats(hoso_store *st, hoso_json *w, hoso_error *err);
int hoso__sq_export(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                    int format, hoso_write_fn write, void *ctx,
                    hoso_error *err);

/* Matching articles of a query (shared by search, timeline, export):
** ids and bm25 scores (lower is better), filters applied. The caller
** frees ids/scores with free(). q NULL = every article passing filters. */
typedef struct sq_hits {
  int64_t *ids;
  double *scores;
  size_t n, cap;
} sq_hits;
int hoso__sq_match(sq_store *s, const hoso_qnode *q, const hoso_query *opt,
                   sq_hits *hits, hoso_buf *fold_terms, hoso_error *err);
void hoso__sq_hits_free(sq_hits *h);

/* ---- sqlite_terms.c: doclists cached across searches ---- */
/* Create s->terms when needed and drop what it holds when the database
** changed since the last call (*changed = 1 then, and on the first). */
int hoso__sq_terms_sync(sq_store *s, int *changed, hoso_error *err);
/* Evaluate expr (as sqlite_match.c writes it) from cached doclists:
** *handled = 1 and out = every matching article in id order with its
** hoso_bm25 score (no filters), or *handled = 0 when the expression is
** not one it evaluates (the caller asks FTS5). Needs a synced s->terms. */
int hoso__sq_terms_match(sq_store *s, const char *expr, size_t expr_n, int *handled,
                         sq_hits *out, hoso_error *err);
/* Does the index hold term (a folded word)? Through the cache. */
int hoso__sq_terms_has(sq_store *s, const char *term, int *found, hoso_error *err);
/* The usual spelling of a folded word, when looked up before: *known 1
** and *usual the spelling or NULL (none); set_usual records it. */
int hoso__sq_terms_usual(sq_store *s, const char *fold, const char **usual, int *known,
                         hoso_error *err);
int hoso__sq_terms_set_usual(sq_store *s, const char *fold, const char *usual,
                             hoso_error *err);
/* For hoso_tf (sqlite_rank.c): record the index statistics once. */
int hoso__sq_terms_want_stats(const sq_store *s);
void hoso__sq_terms_stats(sq_store *s, int64_t n_row, int64_t n_tok);
/* The database state caches depend on: PRAGMA data_version (through a
** statement kept by s->terms) and this connection's changes. */
int hoso__sq_db_state(sq_store *s, int64_t *version, int64_t *changes, hoso_error *err);
/* Doclists read from FTS5 / found in the cache since the handle opened. */
void hoso__sq_terms_counts(const sq_store *s, uint64_t *loads, uint64_t *hits);
void hoso__sq_terms_free(sq_terms *t);
/* Tests: on 0 makes every search go through FTS5 (for comparison). */
int hoso__sq_terms_enable(sq_store *s, int on);
/* Tests and benchmarks: on 0 drops the handle's facet cache and counts
** every search's facets; on 1 lets it be made again (sqlite_facets.c). */
void hoso__sq_fcache_enable(sq_store *s, int on);

#endif
