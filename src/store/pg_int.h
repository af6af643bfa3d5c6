/*
** pg_int.h -- shared internals of the PostgreSQL backend (store/pg_*.c),
** the second implementation of store.h's hoso_store_vt. Only these files
** include libpq-fe.h.
**
** An archive path "postgresql://user:pw@host:port/db" (or "postgres://")
** selects it. The database needs the hoso_pg extension (make pg-install
** on the server): the search index is to_tsvector('vietnamese', ...),
** whose terms are hoso__words_scan's, the SQLite index's.
**
** Concurrency: many ingest processes on many machines may write at once.
** Duplicates are stopped by UNIQUE constraints and INSERT ... ON CONFLICT
** (content hash, canonical URL, outlet and entity names, event keys), not
** by locks in hoso; a batch is one transaction, so a lost connection
** loses the batch whole, never half of it.
**
** Ownership: pg_store owns its connections (PQfinish in close) and its
** query-side word state.
*/
#ifndef HOSO_PG_INT_H
#define HOSO_PG_INT_H

#include <libpq-fe.h>

#include "search/words.h"
#include "store/store.h"

#define HOSO_PG_SCHEMA_VERSION 11
/* the version pg_rehash.c brings an archive to (content hashes and
** signatures of the syllables); later versions are SQL again */
#define HOSO_PG_REHASH_VERSION 8

/* Statements prepared once per connection (hoso__pg_exec_prepared). */
enum { PG_PUT_ARTICLE, PG_HAS_HASH, PG_HAS_URL, PG_PUT_ERROR, PG_N_STMT };

/* The open batch's writes, to run the batch again after a deadlock with
** another writer (pg_batch.c). Owned by its pg_store. */
struct pg_logged;
typedef struct pg_log {
  struct pg_logged **e; /* owned, n of cap */
  size_t n, cap, bytes;
  int overflow;         /* past its bound: this batch cannot be replayed */
  int tries;            /* replays of this batch */
  unsigned seed;        /* for the random pause (rand_r) */
  uint64_t retried;     /* replays over the connection's life */
} pg_log;
void hoso__pg_log_reset(pg_log *l); /* forget the batch (begin, rollback) */
void hoso__pg_log_free(pg_log *l);

/* Searches' statements prepared per connection (pg_stmt.c): up to
** PG_STMT_CACHE texts, the least recently used dropped. Owned by its
** pg_store (the texts: sql). */
#define PG_STMT_CACHE 48
typedef struct pg_stmt {
  char *sql;     /* owned; NULL = free slot */
  uint64_t hash; /* of sql */
  unsigned id;   /* prepared as "hoso_s<id>" */
  unsigned used; /* clock at the last use */
} pg_stmt;
typedef struct pg_stmts {
  pg_stmt e[PG_STMT_CACHE];
  unsigned clock, next_id;
} pg_stmts;
void hoso__pg_stmts_free(pg_stmts *c);

/* A sharded archive's dblink connections to its shards (pg_links.c).
** names: per partition, in pg_store.parts order, three strings each
** ending in '\0': the connection's name ("hoso:<partition>@<server>"),
** the server, the partition's table on the shard (owned). ns: the dblink
** extension's schema, quoted ("" = no dblink: not usable). read: names
** read; open: every connection open in this session; refused: dblink
** refused to this user (searches use postgres_fdw alone). */
typedef struct pg_links {
  hoso_buf names;
  char ns[72];
  int read, open, refused;
} pg_links;

/* A writer's second connection, on which an article's new outlet name
** and entity keys are committed before the batch's put_article needs
** them (pg_keys.c). Owned by its pg_store: conn (NULL until the first
** use), conninfo (a copy of the archive's connection string), outlets
** (n_outlets names known stored, each ending in '\0'). off: not used
** (a read-only store, or the connection failed). */
typedef struct pg_keys {
  PGconn *conn;
  char *conninfo;
  hoso_buf outlets;
  int n_outlets, off;
} pg_keys;
/* 0, or HOSO_ENOMEM. */
int hoso__pg_keys_init(pg_keys *k, const char *conninfo);
void hoso__pg_keys_free(pg_keys *k);
/* Commit the outlet name (NULL or "": none) and the entity keys of the
** JSON arrays ents_json and events_json (pg_put.c's put_article
** arguments; has_entities: whether they hold any) that are not stored
** yet. Never fails: on any failure put_article inserts them itself. */
void hoso__pg_keys_put(pg_keys *k, const char *outlet, int has_entities,
                       const char *ents_json, const char *events_json);

typedef struct pg_store {
  hoso_store base;
  PGconn *conn;
  int readonly;
  int in_tx;
  pg_log log; /* the open batch's writes (pg_batch.c) */
  char where[256]; /* "host:port/db" for messages: never the password */
  hoso_words *words; /* query words and snippets (with vi when loaded) */
  hoso_vi *vi;       /* word segmenter for snippets (owned), or NULL */
  unsigned char prepared[PG_N_STMT];
  /* Search (pg_topk.c): the schema of the rum extension when the archive
  ** has a RUM index on article.tsv ("" = GIN only: ranked with
  ** ts_rank_cd, every match read); and how many matching articles a
  ** search counts exactly (HOSO_PG_EXACT_MAX in the environment, default
  ** 1000; more: totals estimated, facets sampled; see pg_topk.c); past
  ** how many matching articles (as the planner estimates them) the
  ** estimate is the planner's instead of the index's count
  ** (HOSO_PG_COUNT_MAX, default 100000000: always the index's count);
  ** whether a one-word search reads the word's best-article list when it
  ** has one (HOSO_PG_BEST, default 1; 0: always rank every posting). */
  char rum_ops[64];
  int64_t exact_max, count_max, best;
  /* hoso.article's partitions are foreign tables on shard servers
  ** (pg_shard.c): the candidates are ranked on the shards, each shard's
  ** best read from its partition by name (pg_topk.c). parts: every
  ** partition's schema-qualified, quoted name, each ending in '\0', in
  ** name order (n_parts of them; owned, freed at close) */
  int sharded;
  hoso_buf parts;
  int n_parts;
  /* how many statement texts of the search path are kept prepared
  ** (pg_stmt.c): HOSO_PG_PREPARE, default and at most PG_STMT_CACHE; 0:
  ** none, PQexecParams every time */
  int64_t prepare;
  pg_stmts stmts;
  pg_links links; /* sharded: the lines to the shards (pg_links.c) */
  pg_keys keys;   /* a writer's new keys, committed apart (pg_keys.c) */
} pg_store;

/* Fill err with "what: <server message>" (HOSO_EDB), naming the server;
** a lost connection says so. Returns HOSO_EDB. */
int hoso__pg_err(pg_store *s, hoso_error *err, const PGresult *r,
                 const char *what);
/* r when it is a success (command or rows); otherwise fills err as
** hoso__pg_err does, PQclear()s r and returns NULL (r may be NULL). */
PGresult *hoso__pg_ok(pg_store *s, PGresult *r, hoso_error *err,
                      const char *what);
/* Run sql with text parameters (NULL = SQL NULL). Returns the result
** (caller PQclear()s) or NULL with err filled. */
PGresult *hoso__pg_exec(pg_store *s, const char *sql, int n,
                        const char *const *params, hoso_error *err,
                        const char *what);
/* Prepare statement id (text sql, n parameters) on this connection as
** "hoso_<id>" unless it already is, writing that name into name. 0 when
** ready; -1 with *fail the failed result (caller PQclear()s; may be NULL). */
int hoso__pg_prepare_once(pg_store *s, int id, const char *sql, int n,
                          char name[32], PGresult **fail);
/* Run statement id (its text sql, prepared on this connection on first
** use) with n parameters; lengths/formats as PQexecPrepared (NULL: all
** text). Returns the result or NULL with err filled. */
PGresult *hoso__pg_exec_prepared(pg_store *s, int id, const char *sql, int n,
                                 const char *const *params, const int *lengths,
                                 const int *formats, hoso_error *err,
                                 const char *what);
/* As hoso__pg_exec for one statement with n >= 1 parameters, prepared on
** this connection the first time its text runs and executed from then on
** (pg_stmt.c; plain hoso__pg_exec when s->prepare is 0). */
PGresult *hoso__pg_exec_cached(pg_store *s, const char *sql, int n,
                               const char *const *params, hoso_error *err,
                               const char *what);
/* Same, for commands whose result is not needed. */
int hoso__pg_cmd(pg_store *s, const char *sql, int n,
                 const char *const *params, hoso_error *err, const char *what);
/* A write of the open batch: statement id as hoso__pg_exec_prepared,
** logged; when PostgreSQL aborts it for a deadlock or serialisation
** failure with another writer (40P01/40001, also from hoso.put_article's
** error column), the batch is rolled back and all its writes are sent
** again in a new transaction, a bounded number of times, and this write's
** result from that run is returned. Outside a batch: a plain call. */
PGresult *hoso__pg_batch_exec(pg_store *s, int id, const char *sql, int n,
                              const char *const *p, const int *len,
                              const int *fmt, hoso_error *err,
                              const char *what);
/* COMMIT, with the same retry; forgets the batch either way. */
int hoso__pg_batch_commit(pg_store *s, hoso_error *err);
/* Create or migrate the schema (in a transaction, serialised between
** concurrent openers by a transaction advisory lock). */
int hoso__pg_migrate(pg_store *s, hoso_error *err);
/* When the archive was just created and the database setting hoso.shards
** names postgres_fdw servers: make hoso.article a hash-partitioned table of
** foreign partitions on them (pg_shard.c), *sharded = 1. In the
** migration's transaction. */
int hoso__pg_shard_new(pg_store *s, int *sharded, hoso_error *err);
/* Version 7 -> 8 (pg_rehash.c): every stored article's content hash,
** MinHash signature and LSH bands computed again from its text, in
** batches of one transaction each, resumed where a killed run stopped;
** sets schema_version 8 at the end. */
int hoso__pg_rehash(pg_store *s, hoso_error *err);

int hoso__pg_put_article(hoso_store *st, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err);
int hoso__pg_has_article(hoso_store *st, const char *hash, const char *url,
                         int *found, hoso_error *err);
int hoso__pg_put_error(hoso_store *st, const char *origin, int64_t offset,
                       int code, const char *message, hoso_error *err);
int hoso__pg_search(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err);
int hoso__pg_story(hoso_store *st, int64_t id, hoso_json *w, hoso_error *err);
int hoso__pg_errors(hoso_store *st, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err);
int hoso__pg_stats(hoso_store *st, hoso_json *w, hoso_error *err);
int hoso__pg_article(hoso_store *st, int64_t id, unsigned flags, hoso_json *w,
                     hoso_error *err);
int hoso__pg_timeline(hoso_store *st, const hoso_qnode *q,
                      const hoso_query *opt, hoso_json *w, hoso_error *err);
int hoso__pg_dossier(hoso_store *st, int kind, const char *name, size_t name_n,
                     const hoso_query *opt, hoso_json *w, hoso_error *err);
int hoso__pg_suggest(hoso_store *st, int kind, const char *prefix, size_t n,
                     int limit, hoso_json *w, hoso_error *err);
int hoso__pg_export(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                    int format, hoso_write_fn write, void *ctx,
                    hoso_error *err);

/* The tsquery text of q, appended to out: typed syllables grouped into
** the index's words and each word's fold OR exact form, as the SQLite
** backend matches; the fold words to highlight go to terms (NUL-
** separated, '*' after a prefix; may be NULL); *empty = 1 when q has
** nothing searchable. */
int hoso__pg_tsquery(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                     hoso_buf *terms, int *empty, hoso_error *err);
/* The same query with each word's fold form only (search/tsq.h
** hoso__tsquery_fold): the same matches, fewer postings -- for counting. */
int hoso__pg_tsquery_fold(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                          hoso_error *err);

/* The articles a query and filters select: sel->where is a condition on
** `article a` whose parameters are sel->p[0..n) ($1 = the tsquery, NULL
** without a query); callers number their own parameters from n + 1.
** dates = 0 leaves --from/--to out (the timeline applies them to events).
** Bad dates: HOSO_EARG. Free with hoso__pg_sel_free (also after errors). */
#define PG_SEL_MAX 8
typedef struct pg_sel {
  const hoso_qnode *q; /* the caller's query (NULL: none) */
  hoso_buf tsq, terms, where;
  const char *p[PG_SEL_MAX];
  int n;
  char from[24], to[24];
  char *person_key, *org_key; /* owned */
} pg_sel;
int hoso__pg_select(pg_store *s, const hoso_qnode *q, const hoso_query *o,
                    int dates, pg_sel *sel, hoso_error *err);
void hoso__pg_sel_free(pg_sel *sel);

/* A page of ranked groups (pg_topk.c). rows: one row per group
** (story, best article, score, matching articles) -- n of them -- and
** the counts; owned, PQclear. total (groups) and articles: exact unless
** estimated. ids: "{id,...}" (inside rows) of the articles the facets
** count: every match, or when sampled the cand best-ranked ones. links:
** the candidates came through the shards' dblink lines (pg_links.c),
** which are open and drained, so the page's records can come through
** them too (pg_links_page.c); late_counts: then the matching articles
** (rows' column 3) are NULL, counted with those records. */
typedef struct pg_page {
  PGresult *rows;
  int n;
  int64_t total, articles, cand;
  int estimated, sampled;
  const char *ids;
  int links, late_counts;
} pg_page;
int hoso__pg_topk(pg_store *s, const pg_sel *sel, unsigned flags,
                  int64_t offset, int64_t limit, int want_facets,
                  pg_page *out, hoso_error *err);

/* A sharded search's page records through the shards' lines
** (pg_links_page.c), when pg->links: counts (story, matching articles;
** when pg->late_counts), art and src (pg_search.c page_read's shapes;
** when pg->n), all owned (PQclear); hits (owned): the text of a
** statement reading the facets' articles (id, story_id, outlet_id,
** published_day) from the lines, when want_facets -- it must run next,
** then hoso__pg_links_drain; empty: the lines are drained already.
** none: nothing was asked of the shards. Free with hoso__pg_lpage_free
** (also after errors; on errors the lines are closed). */
typedef struct pg_lpage {
  PGresult *counts, *art, *src;
  hoso_buf hits;
  int none;
} pg_lpage;
int hoso__pg_links_page(pg_store *s, const pg_sel *sel, const pg_page *pg,
                        int want_text, int want_facets, pg_lpage *lp,
                        hoso_error *err);
void hoso__pg_lpage_free(pg_lpage *lp);
/* Story story's matching articles from lp->counts (0 when not there: no
** match on any shard cannot happen for a page story); -1 without counts. */
int64_t hoso__pg_lpage_count(const pg_lpage *lp, const char *story);

/* JSON of one result column: NULL -> null, else a string / an integer. */
void hoso__pg_json_col(hoso_json *w, const PGresult *r, int row, int col);
void hoso__pg_json_int_col(hoso_json *w, const PGresult *r, int row, int col);
/* A story's fields and its sources as the SQLite backend writes them
** (members of an object already open). */
int hoso__pg_story_body(pg_store *s, hoso_json *w, const char *story,
                        hoso_error *err);
/* Events of the rows of ev (columns: id, type, date, place, summary), each
** with participants and cited sources, as array elements. */
int hoso__pg_events_json(pg_store *s, hoso_json *w, const PGresult *ev,
                         hoso_error *err);


/* pg_links.c: open the dblink connections to every shard (once per
** session; again after hoso__pg_links_reset). *usable = 1 when they are
** open; 0 when the coordinator has no dblink (callers fall back to
** postgres_fdw alone). A shard that cannot be reached: HOSO_EDB naming
** its server and table. */
int hoso__pg_links_open(pg_store *s, int *usable, hoso_error *err);
/* After a failed statement that used them: close them (best effort), so
** that the next search connects again. */
void hoso__pg_links_reset(pg_store *s);
/* Append "<dblink>.dblink_send_query(<partition i's line>, <remote as a
** literal>)" to out: the call that sends remote to partition i's shard
** without waiting. HOSO_ENOMEM if out of memory. */
int hoso__pg_link_send(pg_store *s, int i, const char *remote, hoso_buf *out);
/* Append "<dblink>.dblink_get_result(<partition i's line>)": the next
** result of what was sent (one per statement of the remote text). */
int hoso__pg_link_result(pg_store *s, int i, hoso_buf *out);
/* After the results were read: every line's last, empty, result read,
** so that it takes a new statement; a line that gives anything else is
** closed (hoso__pg_links_reset). */
void hoso__pg_links_drain(pg_store *s);
/* A statement of hoso's own on every shard through its line:
** hoso__pg_links_send sends each shard the text make writes for its
** table there (table: quoted, schema-qualified), all in one coordinator
** statement of dblink_send_query calls, so that the shards work at once
** (a failure closes the lines: hoso__pg_links_reset). The statement that
** reads them is made by hoso__pg_links_union: for each partition, "
** UNION ALL " between them, head, the call reading that shard's next
** result, tail -- `results` times (one result per statement of the
** remote text). After the last result: hoso__pg_links_drain. */
typedef int (*hoso_pg_remote_fn)(const pg_store *s, const char *table,
                                 const void *arg, hoso_buf *remote);
int hoso__pg_links_send(pg_store *s, hoso_pg_remote_fn make, const void *arg,
                        hoso_error *err);
/* HOSO_ENOMEM if out of memory. */
int hoso__pg_links_union(pg_store *s, const char *head, const char *tail,
                         int results, hoso_buf *sql);
/* Partition i's connection name; *table = its table on the shard. */
const char *hoso__pg_link_name(const pg_links *l, int i, const char **table);
void hoso__pg_links_free(pg_links *l);

#endif
