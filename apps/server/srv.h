/*
** srv.h -- the inside of `hoso serve`, without sockets.
**
** The server is a thin front end over libhoso. Only server.c talks to
** libmicrohttpd; everything else here works on plain structs so the
** fuzz harness (fuzz/fuzz_http.c) and the unit tests drive the request
** parser, the router and the handlers with no network at all:
**
**   raw request target  --srv_req_parse-->  srv_req (decoded path, params)
**   srv_req             --srv_dispatch-->   srv_resp (status, type, body)
**
** Ownership: a srv_req owns its decoded strings (srv_req_free); a
** srv_resp owns its body buffer and any open file descriptor
** (srv_resp_free). The srv_ctx is created once by the verb, shared
** read-only by all worker threads, except the fields documented as
** atomic or protected by a mutex.
*/
#ifndef HOSO_SRV_H
#define HOSO_SRV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "hoso.h"

/* ---- explicit limits (all documented in docs/api.md) ---------------- */

typedef struct srv_limits {
  size_t max_target;      /* request target (path + query) bytes -> 414 */
  size_t max_params;      /* query parameters -> 400 */
  size_t max_param_value; /* one decoded parameter value -> 400 */
  size_t max_body;        /* request body bytes (ingest) -> 413 */
  size_t max_header;      /* all request headers (MHD memory pool) -> 431 */
  unsigned max_results;   /* largest `limit` a page may ask for -> 400 */
  unsigned timeout_s;     /* idle/slow client connection timeout */
  unsigned max_conns;     /* concurrent connections */
} srv_limits;

/* The defaults: 8 KiB target, 32 params, 2 KiB value, 16 MiB body,
** 32 KiB headers, 100 results per page, 15 s timeout, 256 connections. */
void srv_limits_default(srv_limits *lim);

/* ---- requests -------------------------------------------------------- */

enum srv_method { SRV_OTHER = 0, SRV_GET, SRV_HEAD, SRV_POST };

typedef struct srv_param {
  const char *key; /* decoded, NUL-terminated, inside srv_req.store */
  size_t key_n;
  const char *val; /* decoded, NUL-terminated, inside srv_req.store */
  size_t val_n;
} srv_param;

#define SRV_MAX_PARAMS_HARD 64

typedef struct srv_req {
  int method;            /* enum srv_method */
  const char *path;      /* decoded path, NUL-terminated, starts with '/' */
  size_t path_n;
  srv_param params[SRV_MAX_PARAMS_HARD];
  size_t nparams;
  const char *body;      /* borrowed: request body (POST), may be NULL */
  size_t body_n;
  const char *auth;      /* borrowed: Authorization header, may be NULL */
  const char *target;    /* borrowed: the raw target as parsed (cache key) */
  size_t target_n;
  char *store;           /* owned: decoded path and params */
} srv_req;

/* Map a method name to enum srv_method. */
int srv_method_from(const char *name);

/* Parse the raw request target "/path?k=v&..." (t[0..n), not necessarily
** NUL-terminated): percent-decoding ("+" is a space in the query only),
** duplicate keys kept in order. On failure returns the HTTP status to
** answer (400 bad encoding or too many/long params, 414 target too long)
** and writes a message into err; on success returns 0. req->method,
** body and auth are left for the caller. Free with srv_req_free(). */
int srv_req_parse(srv_req *req, const char *t, size_t n,
                  const srv_limits *lim, hoso_error *err);
void srv_req_free(srv_req *req);

/* The first value of parameter key, or NULL; *n gets its length. */
const char *srv_param_get(const srv_req *req, const char *key, size_t *n);

/* ---- responses ------------------------------------------------------- */

/* How a stream that has nothing to send yet lets go of its worker thread
** (server.c fills it in): park(conn) suspends the connection -- called by
** the stream itself, under its own lock, right before it returns
** SRV_STREAM_WAIT -- and wake(conn), from any thread, resumes it once
** there may be more to read. NULL (tests, the fuzzer): the stream waits
** for its data in the call instead. */
typedef struct srv_waker {
  void (*park)(void *conn);
  void (*wake)(void *conn);
  void *conn;
} srv_waker;

#define SRV_STREAM_WAIT (-2L)

/* A streamed body: fill buf (room for max bytes), return the number of
** bytes written, 0 at the end, -1 on error (the connection is cut), or
** SRV_STREAM_WAIT after wk->park() (only when wk is not NULL). */
typedef long (*srv_stream_fn)(void *cls, const srv_waker *wk, char *buf,
                              size_t max);
typedef void (*srv_stream_free_fn)(void *cls);

typedef struct srv_resp {
  int status;                  /* HTTP status */
  const char *ctype;           /* static string */
  const char *cache;           /* static Cache-Control value or NULL */
  const char *disposition;     /* static Content-Disposition or NULL */
  hoso_buf body;               /* owned */
  int fd;                      /* owned: file to send, -1 if none */
  uint64_t fd_size;
  srv_stream_fn stream;        /* streamed body if non-NULL */
  void *stream_cls;            /* owned via stream_free */
  srv_stream_free_fn stream_free;
} srv_resp;

void srv_resp_init(srv_resp *r);
void srv_resp_free(srv_resp *r);
/* Set a JSON error body {"error":{"status":S,"message":M}}. Returns 0. */
int srv_resp_error(srv_resp *r, int status, const char *fmt, ...)
    HOSO__PRINTF(3, 4);
/* Map a library status code to an HTTP status (404, 400, 413, 500...). */
int srv_http_status(int hoso_code);

/* ---- metrics (metrics.c) --------------------------------------------- */

enum srv_route_id {
  SRV_R_STATIC = 0, SRV_R_HEALTH, SRV_R_METRICS, SRV_R_SEARCH, SRV_R_STORY,
  SRV_R_ARTICLE, SRV_R_TIMELINE, SRV_R_PERSON, SRV_R_ORG, SRV_R_SUGGEST,
  SRV_R_EXPORT, SRV_R_INGEST, SRV_R_INFO, SRV_R_NOTFOUND, SRV_R_COUNT
};

/* Latency histogram bucket upper bounds in microseconds (+Inf last). */
#define SRV_NBUCKETS 12

typedef struct srv_metrics {
  _Atomic uint64_t requests[SRV_R_COUNT][6]; /* by status class 0..5xx */
  _Atomic uint64_t buckets[SRV_R_COUNT][SRV_NBUCKETS];
  _Atomic uint64_t sum_us[SRV_R_COUNT];
  _Atomic uint64_t in_flight;
  _Atomic uint64_t rejected;                 /* answered by MHD limits */
  _Atomic uint64_t bytes_out;
  _Atomic uint64_t slow_cut;                 /* cut by their deadline */
  int64_t started_unix;
} srv_metrics;

const char *srv_route_name(int route);
void srv_metrics_init(srv_metrics *m);
void srv_metrics_record(srv_metrics *m, int route, int status, uint64_t us);
/* Append the Prometheus text exposition to out; archive_bytes < 0 means
** unknown. */
int srv_metrics_render(const srv_metrics *m, int64_t archive_bytes,
                       hoso_buf *out);

/* ---- archive handles (pool.c) ----------------------------------------- */

typedef struct srv_pool srv_pool;
/* Open a pool of at most max read-only handles on the archive at path
** (one is opened now to check the file). Close with srv_pool_close. */
int srv_pool_open(const char *path, size_t max, srv_pool **out,
                  hoso_error *err);
/* How long a request waits for a free archive handle before 503. */
#define SRV_POOL_WAIT_MS 2000
/* Borrow a handle (give it back with srv_pool_put); waits at most wait_ms
** for one to be free, then fails with HOSO_ETOOBIG. p NULL: HOSO_EDB. */
int srv_pool_get(srv_pool *p, unsigned wait_ms, hoso_archive **out,
                 hoso_error *err);
void srv_pool_put(srv_pool *p, hoso_archive *a);
const char *srv_pool_path(const srv_pool *p);
/* Close every handle; all must have been given back. NULL is a no-op. */
void srv_pool_close(srv_pool *p);

/* ---- answer cache (cache.c) ------------------------------------------- */

typedef struct srv_cache srv_cache;
/* A cache of at most max_bytes / max_entries; either 0 = off (*out NULL,
** and every call below accepts NULL). Thread-safe. */
int srv_cache_new(size_t max_bytes, size_t max_entries, srv_cache **out);
void srv_cache_free(srv_cache *c);
/* 1 and the body in out when key was stored under the same signature. */
int srv_cache_get(srv_cache *c, const char *key, size_t kn, uint64_t sig,
                  hoso_buf *out);
void srv_cache_put(srv_cache *c, const char *key, size_t kn, uint64_t sig,
                   const char *body, size_t n);
void srv_cache_stats(srv_cache *c, uint64_t *hits, uint64_t *misses,
                     uint64_t *bytes, uint64_t *entries);
/* The archive's state as seen by stat() of the file and its WAL. */
uint64_t srv_archive_signature(const char *db_path);
struct srv_ctx;
/* The state answers are cached under: the file's (above), or, when
** ctx->state_from_store, the store's change state read on a pooled
** handle (hoso_archive_state: PostgreSQL). -1 when it cannot be read
** (then the request is answered without the cache). */
int srv_answer_state(struct srv_ctx *ctx, uint64_t *sig);

/* ---- request deadlines (deadline.c) ------------------------------------ */

/* A watcher thread that shuts down the socket of any connection whose
** request has not arrived whole by its deadline (the idle --timeout alone
** lets a client trickle a byte a second forever). Each connection has a
** clock holding its own dup() of the socket. */
typedef struct srv_deadlines srv_deadlines;
typedef struct srv_clock srv_clock;
/* Monotonic time in microseconds. */
uint64_t srv_now_us(void);
/* Start the watcher, checking every tick_ms; cut_counter (may be NULL) is
** bumped for every connection cut. Stop with srv_deadlines_stop. */
int srv_deadlines_start(unsigned tick_ms, _Atomic uint64_t *cut_counter,
                        srv_deadlines **out, hoso_error *err);
/* Join the watcher and free every clock still registered. NULL: no-op. */
void srv_deadlines_stop(srv_deadlines *d);
/* Watch socket fd (dup'ed) with a first deadline (monotonic us, 0 = none).
** NULL when d is NULL or on failure: that connection then has no clock. */
srv_clock *srv_clock_add(srv_deadlines *d, int fd, uint64_t deadline_us);
/* Move the deadline (0 = none); c may be NULL. Lock-free. */
void srv_clock_set(srv_clock *c, uint64_t deadline_us);
/* Stop watching and free c (closes the dup). */
void srv_clock_remove(srv_deadlines *d, srv_clock *c);
/* Connections cut so far. */
uint64_t srv_deadlines_cut(srv_deadlines *d);

/* ---- the server context ---------------------------------------------- */

typedef struct srv_ctx {
  srv_limits lim;
  const char *db_path;     /* borrowed; NULL = no archive */
  int web_fd;              /* directory fd of web/, -1 if none */
  const char *token;       /* owned by the verb; NULL = writes disabled */
  size_t token_n;
  srv_metrics metrics;
  srv_pool *pool;          /* read handles (pool.c); NULL = no archive */
  srv_cache *cache;        /* answers (cache.c); NULL = off */
  int state_from_store;    /* cache keyed by hoso_archive_state, not stat() */
  pthread_mutex_t write_mu;/* serialises ingest */
  _Atomic unsigned exports;/* export streams running (export.c) */
  unsigned max_exports;    /* concurrent export streams -> 503 */
  srv_deadlines *deadlines;/* owned by the daemon (srv_start..srv_stop) */
  _Atomic int stopping;    /* SIGTERM seen: answers say Connection: close */
} srv_ctx;

/* ---- handlers (h_*.c) ------------------------------------------------- */

/* A handler answers one route; arg is the decoded path tail after the
** route prefix ("42" for /api/v1/story/42), "" when the route has none.
** Handlers never fail: errors become JSON error responses. */
typedef int (*srv_handler)(srv_ctx *ctx, const srv_req *req, const char *arg,
                           size_t arg_n, srv_resp *resp);

int srv_h_health(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_metrics(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_info(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_stats(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_search(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_timeline(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_suggest(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_story(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_article(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_person(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_org(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_export(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);
int srv_h_ingest(srv_ctx *, const srv_req *, const char *, size_t, srv_resp *);

/* Shared by the handlers (query.c). */
/* 1 if every parameter of req is in the NULL-terminated list allowed;
** otherwise fills resp with 400 naming the first unknown one, returns 0. */
int srv_params_allowed(const srv_req *req, const char *const *allowed,
                       srv_resp *resp);
/* Fill q from the parameters q, from, to, outlet, lang, person, org, type,
** offset, limit, sort, facets, snippets, per (docs/api.md). paged = 0
** ignores offset/limit (export). Returns 1, or 0 with a 400 in resp. */
int srv_query_from(const srv_ctx *ctx, const srv_req *req, int paged,
                   hoso_query *q, srv_resp *resp);
/* Put a library JSON result (owned, freed here) or the error into resp. */
int srv_json_result(srv_resp *resp, int rc, char *json, size_t n,
                    const hoso_error *err);
/* Borrow an archive handle or fill resp with 503. Returns NULL then. */
hoso_archive *srv_archive_get(srv_ctx *ctx, srv_resp *resp);
void srv_archive_put(srv_ctx *ctx, hoso_archive *a);
/* Parse a positive decimal id; 0 if s is not one. */
int64_t srv_parse_id(const char *s, size_t n);

/* ---- countries (countries.c), for the timeline's pair filter ---------- */

#define SRV_MAX_COUNTRIES 16
typedef struct srv_country_set {
  char code[SRV_MAX_COUNTRIES][3]; /* "VN", "RU", ... */
  size_t n;
} srv_country_set;

/* 1 if code ("VN") is a country the filter knows. */
int srv_country_known(const char *code);
/* Add to set the countries named (whole words, any case) in text[0..n). */
int srv_countries_add(const char *text, size_t n, srv_country_set *set);
int srv_countries_has(const srv_country_set *set, const char *code);
/* The timeline filtered to events naming both countries of pair (two
** codes "VN-RU", "VN,RU" or "VN–RU"): the library's timeline without
** paging, filtered, then paged (h_query.c). Fills resp (400 for a bad
** pair). */
int srv_timeline_pair(srv_ctx *ctx, hoso_archive *a, const hoso_query *q,
                      const char *pair, size_t pair_n, srv_resp *resp);

/* ---- routing (router.c) ---------------------------------------------- */

/* Route req and fill resp; returns the route id for the metrics. Never
** fails: every error becomes a JSON error response. */
int srv_dispatch(srv_ctx *ctx, const srv_req *req, srv_resp *resp);
/* 1 if req (method POST) goes to a route that reads a request body. */
int srv_route_takes_body(const srv_req *req);

/* Constant-time check of an "Authorization: Bearer T" header against
** the server token (auth.c). 1 = allowed. */
int srv_auth_ok(const srv_ctx *ctx, const char *header);

/* Static files under ctx->web_fd (static.c). */
int srv_static(srv_ctx *ctx, const srv_req *req, srv_resp *resp);
/* The content type for a file name by its extension. Static string. */
const char *srv_content_type(const char *name, size_t n);
/* 1 if a decoded URL path is safe to open below the web root. */
int srv_static_path_ok(const char *path, size_t n);

/* ---- the daemon (server.c, the only file that uses libmicrohttpd) --- */

enum srv_mode {
  SRV_MODE_POOL = 0,  /* N threads, each with its own epoll loop */
  SRV_MODE_EPOLL1,    /* one epoll thread */
  SRV_MODE_PERCONN    /* a thread per connection */
};

typedef struct srv_daemon srv_daemon;

/* Parse "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080" = 127.0.0.1)
** into a socket address. Returns 0 or -1 with a message in err. */
int srv_parse_listen(const char *spec, void *sockaddr_storage_out,
                     unsigned *len_out, hoso_error *err);

/* Start serving ctx on spec. *url_out (room n) gets "http://HOST:PORT/"
** with the bound port. The daemon borrows ctx until srv_stop. */
int srv_start(srv_ctx *ctx, const char *spec, int mode, unsigned threads,
              srv_daemon **out, char *url_out, size_t n, hoso_error *err);
/* Stop accepting new connections; requests in flight go on, and every
** answer from now on closes its connection (no new request on it). */
void srv_quiesce(srv_daemon *d);
/* Wait until no request has been in flight for 100 ms or timeout_ms
** passed; returns the number still in flight. */
unsigned srv_wait_idle(srv_daemon *d, unsigned timeout_ms);
/* Close every connection and free the daemon. NULL is a no-op. */
void srv_stop(srv_daemon *d);

#endif
