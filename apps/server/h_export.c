/* h_export.c -- GET /api/v1/export: every result of a query, streamed as
** JSON Lines or CSV, never capped and never held in memory whole.
**
** hoso_export() pushes chunks through a callback while libmicrohttpd
** pulls the body, so the export runs on its own thread with its own
** read-only archive handle and writes into a pipe; the response reads
** the other end. A client that goes away closes the read end, the next
** write fails with EPIPE (SIGPIPE is blocked in the server) and the
** export stops. At most ctx->max_exports run at once (503 beyond). A
** failure after the first byte cuts the connection (no final chunk), so
** a client can never take a truncated export for a whole one.
**
** The worker thread never waits for the export: the pipe is non-blocking,
** and when it is empty the stream parks the connection
** (srv_waker, server.c) and returns; the export thread wakes it after its
** next write or at its end. Park and wake happen under the job's lock, so
** a wake can neither come before its park nor be lost. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srv.h"

typedef struct export_job {
  srv_ctx *ctx;
  char *path;      /* owned copy of the archive path */
  hoso_query q;    /* strings point into strs */
  char *strs[8];   /* owned copies of the query's strings */
  int format;
  int rfd, wfd;
  pthread_t th;
  int running;     /* thread started and not joined */
  int rc;          /* hoso_export's result, valid after the join */
  pthread_mutex_t mu; /* guards parked and wk */
  int parked;      /* the connection waits for a wake */
  srv_waker wk;    /* how to wake it (copied at park) */
} export_job;

/* Resume a parked connection (producer side). */
static void job_wake(export_job *j) {
  pthread_mutex_lock(&j->mu);
  if (j->parked) {
    j->parked = 0;
    j->wk.wake(j->wk.conn);
  }
  pthread_mutex_unlock(&j->mu);
}

/* Both ends of the pipe are non-blocking: a blocking write bigger than
** the pipe would fill it and wait with the reader still parked (its wake
** comes after the write). So: write what fits, wake the reader, and only
** then wait for room. */
static int write_all(void *cls, const char *p, size_t n) {
  export_job *j = cls;
  while (n > 0) {
    ssize_t w = write(j->wfd, p, n);
    if (w > 0) {
      p += w;
      n -= (size_t)w;
      job_wake(j);
      continue;
    }
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      job_wake(j); /* (already awake: it has a full pipe to read) */
      struct pollfd pf = {j->wfd, POLLOUT, 0};
      poll(&pf, 1, -1); /* room, or the reader closed its end (EPIPE next) */
      continue;
    }
    return -1; /* EPIPE: the client went away */
  }
  return 0;
}

static void *export_main(void *cls) {
  export_job *j = cls;
  hoso_archive *a = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  j->rc = hoso_archive_open(j->path, HOSO_ARCHIVE_READONLY, &a, &err);
  if (j->rc == HOSO_OK) {
    j->rc = hoso_export(a, &j->q, j->format, write_all, j, &err);
    hoso_archive_close(a);
  }
  close(j->wfd);
  j->wfd = -1;
  job_wake(j); /* the reader sees the end */
  return NULL;
}

static void job_join(export_job *j) {
  if (j->running) {
    pthread_join(j->th, NULL);
    j->running = 0;
  }
}

static long job_read(void *cls, const srv_waker *wk, char *buf, size_t max) {
  export_job *j = cls;
  pthread_mutex_lock(&j->mu);
  for (;;) {
    ssize_t r = read(j->rfd, buf, max);
    if (r > 0) {
      pthread_mutex_unlock(&j->mu);
      return (long)r;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (wk && wk->park && wk->wake) { /* let go of the worker */
        j->wk = *wk;
        j->parked = 1;
        wk->park(wk->conn);
        pthread_mutex_unlock(&j->mu);
        return SRV_STREAM_WAIT;
      }
      pthread_mutex_unlock(&j->mu); /* no waker: wait here */
      struct pollfd pf = {j->rfd, POLLIN, 0};
      poll(&pf, 1, -1);
      pthread_mutex_lock(&j->mu);
      continue;
    }
    pthread_mutex_unlock(&j->mu);
    if (r < 0) return -1;
    job_join(j); /* end of pipe: the export is over */
    return j->rc == HOSO_OK ? 0 : -1;
  }
}

static void job_free(void *cls) {
  export_job *j = cls;
  pthread_mutex_lock(&j->mu);
  j->parked = 0; /* the connection is going: never wake it again */
  pthread_mutex_unlock(&j->mu);
  if (j->rfd >= 0) close(j->rfd); /* a writer still going gets EPIPE */
  j->rfd = -1;
  job_join(j);
  if (j->wfd >= 0) close(j->wfd);
  for (size_t i = 0; i < sizeof(j->strs) / sizeof(j->strs[0]); i++)
    free(j->strs[i]);
  free(j->path);
  pthread_mutex_destroy(&j->mu);
  atomic_fetch_sub(&j->ctx->exports, 1);
  free(j);
}

/* Copy *s into the job (j->strs[slot]) so the query outlives the request. */
static int own(export_job *j, int slot, const char **s, size_t n) {
  if (!*s) return 1;
  j->strs[slot] = malloc(n + 1);
  if (!j->strs[slot]) return 0;
  memcpy(j->strs[slot], *s, n);
  j->strs[slot][n] = 0;
  *s = j->strs[slot];
  return 1;
}

int srv_h_export(srv_ctx *ctx, const srv_req *req, const char *arg,
                 size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {"q", "from", "to", "outlet", "lang",
                                        "person", "org", "type", "format",
                                        "per", NULL};
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  int format = HOSO_EXPORT_JSONL;
  const char *f = srv_param_get(req, "format", NULL);
  if (f && *f) {
    if (!strcmp(f, "csv")) format = HOSO_EXPORT_CSV;
    else if (strcmp(f, "jsonl"))
      return srv_resp_error(resp, 400, "parameter 'format' must be jsonl or csv");
  }
  hoso_query q;
  if (!srv_query_from(ctx, req, 0, &q, resp)) return 0;
  if (!ctx->pool) return srv_resp_error(resp, 503, "archive not available");
  /* Check the query on a pooled handle first, so a bad query is a 400
  ** and not a 200 cut short. */
  if (q.q_n) {
    hoso_archive *a = srv_archive_get(ctx, resp);
    if (!a) return 0;
    hoso_query probe = q;
    probe.limit = 1;
    probe.flags |= HOSO_Q_NO_FACETS | HOSO_Q_NO_SNIPPETS;
    char *json = NULL;
    hoso_error err;
    hoso_error_clear(&err);
    int rc = hoso_search(a, &probe, &json, NULL, &err);
    srv_archive_put(ctx, a);
    hoso_free(json);
    if (rc != HOSO_OK) return srv_json_result(resp, rc, NULL, 0, &err);
  }
  if (atomic_fetch_add(&ctx->exports, 1) >= ctx->max_exports) {
    atomic_fetch_sub(&ctx->exports, 1);
    return srv_resp_error(resp, 503, "too many exports running (limit %u)",
                          ctx->max_exports);
  }
  export_job *j = calloc(1, sizeof(*j));
  if (!j) {
    atomic_fetch_sub(&ctx->exports, 1);
    return srv_resp_error(resp, 503, "out of memory");
  }
  j->ctx = ctx;
  j->rfd = j->wfd = -1;
  pthread_mutex_init(&j->mu, NULL);
  j->format = format;
  j->q = q;
  int ok = own(j, 0, &j->q.q, j->q.q_n) &&
           own(j, 1, &j->q.from, j->q.from ? strlen(j->q.from) : 0) &&
           own(j, 2, &j->q.to, j->q.to ? strlen(j->q.to) : 0) &&
           own(j, 3, &j->q.outlet, j->q.outlet ? strlen(j->q.outlet) : 0) &&
           own(j, 4, &j->q.lang, j->q.lang ? strlen(j->q.lang) : 0) &&
           own(j, 5, &j->q.person, j->q.person ? strlen(j->q.person) : 0) &&
           own(j, 6, &j->q.org, j->q.org ? strlen(j->q.org) : 0) &&
           own(j, 7, &j->q.event_type,
               j->q.event_type ? strlen(j->q.event_type) : 0);
  j->path = ok ? strdup(srv_pool_path(ctx->pool)) : NULL;
  int fds[2];
  if (!j->path || pipe2(fds, O_CLOEXEC) != 0) {
    job_free(j);
    return srv_resp_error(resp, 503, "cannot start the export");
  }
  j->rfd = fds[0];
  j->wfd = fds[1];
  if (fcntl(j->rfd, F_SETFL, fcntl(j->rfd, F_GETFL) | O_NONBLOCK) != 0 ||
      fcntl(j->wfd, F_SETFL, fcntl(j->wfd, F_GETFL) | O_NONBLOCK) != 0) {
    job_free(j);
    return srv_resp_error(resp, 503, "cannot start the export");
  }
  if (pthread_create(&j->th, NULL, export_main, j) != 0) {
    job_free(j);
    return srv_resp_error(resp, 503, "cannot start the export");
  }
  j->running = 1;
  resp->status = 200;
  resp->stream = job_read;
  resp->stream_cls = j;
  resp->stream_free = job_free;
  if (format == HOSO_EXPORT_CSV) {
    resp->ctype = "text/csv; charset=utf-8";
    resp->disposition = "attachment; filename=\"hoso-export.csv\"";
  } else {
    resp->ctype = "application/x-ndjson; charset=utf-8";
    resp->disposition = "attachment; filename=\"hoso-export.jsonl\"";
  }
  return 0;
}
