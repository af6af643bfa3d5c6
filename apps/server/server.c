/* server.c -- the libmicrohttpd glue: sockets, limits enforced before a
** request reaches the router, bodies, and turning a srv_resp into an MHD
** response. The only file of hoso that includes microhttpd.h.
**
** Threading model, chosen by measurement (`make bench`, "threading
** modes", BENCH_PARTS=modes: wrk -t2 -c32 on 127.0.0.1, sample archive,
** answer cache off, the three modes alternated over 3 rounds; medians).
** The machine was shared (load average 15-23 on 2 cores), so requests/s
** measured the scheduler's share more than the server (the pool's story
** rate ranged 1,527-7,006 r/s between rounds); the server's own CPU time
** per answered request does not depend on that (2026-12-05, session 3):
**                     story CPU ms/r   search CPU ms/r
**   pool (2 epoll)        0.056             2.18
**   one epoll thread      0.055             2.18
**   thread per conn       0.061             2.20
** A thread per connection costs ~10% more CPU per light request (thread
** start and switches among 32 threads) and its memory grows with the
** connections; it got more requests through only by holding more
** threads on an oversubscribed CPU. One epoll thread costs the same per
** request as the pool but runs one search at a time on one core. So the
** default is the pool, one epoll loop per core (--threads N, default the
** number of cores); --mode epoll1|perconn remain for re-measuring.
** Each worker borrows an archive handle from the pool for one request,
** so workers never wait on each other for the archive. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "srv.h"

struct srv_daemon {
  struct MHD_Daemon *mhd;
  srv_ctx *ctx;
  srv_deadlines *deadlines;
};

/* Deadlines of a connection (deadline.c): its next request's headers are
** due --timeout seconds after it opens or its previous answer; a body
** BODY_TIMEOUTS times that after its headers. */
#define BODY_TIMEOUTS 4

/* Per request state, made in uri_log (the first thing MHD knows). */
typedef struct conn_req {
  char *target;      /* raw request target, NUL-terminated */
  size_t target_n;
  int target_too_long;
  uint64_t t0_us;
  int phase;         /* 0 = first call seen not yet, 1 = reading body */
  int answered;      /* a response was queued */
  int route, status;
  int parsed;        /* req holds a parsed target (free it) */
  int wants_body;    /* a POST route that reads the body */
  int too_big;       /* the body went over max_body: drain, then 413 */
  size_t drained;
  srv_req req;
  hoso_buf body;
  srv_clock *clock;  /* the connection's deadline clock (may be NULL) */
} conn_req;

static uint64_t now_us(void) { return srv_now_us(); }

static srv_clock *clock_of(struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

/* Connections start and end: a deadline clock for each. */
static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  srv_ctx *ctx = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context =
        ci ? srv_clock_add(ctx->deadlines, ci->connect_fd,
                           now_us() + (uint64_t)ctx->lim.timeout_s * 1000000u)
           : NULL;
  } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
    srv_clock_remove(ctx->deadlines, *socket_context);
    *socket_context = NULL;
  }
}

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c) {
  srv_ctx *ctx = cls;
  conn_req *r = calloc(1, sizeof(*r));
  if (!r) return NULL;
  r->t0_us = now_us();
  r->route = -1;
  r->clock = clock_of(c);
  atomic_fetch_add(&ctx->metrics.in_flight, 1);
  size_t n = strlen(uri);
  if (n > ctx->lim.max_target) {
    r->target_too_long = 1;
    n = 0;
  }
  r->target = malloc(n + 1);
  if (r->target) {
    memcpy(r->target, uri, n);
    r->target[n] = 0;
    r->target_n = n;
  }
  hoso__buf_init(&r->body, ctx->lim.max_body);
  return r;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  srv_ctx *ctx = cls;
  conn_req *r = *con_cls;
  if (!r) return;
  uint64_t us = now_us() - r->t0_us;
  /* the next request on this connection is due within the timeout */
  srv_clock_set(r->clock, now_us() + (uint64_t)ctx->lim.timeout_s * 1000000u);
  if (r->route >= 0)
    srv_metrics_record(&ctx->metrics, r->route, r->status, us);
  else
    atomic_fetch_add(&ctx->metrics.rejected, 1);
  atomic_fetch_sub(&ctx->metrics.in_flight, 1);
  free(r->target);
  if (r->parsed) srv_req_free(&r->req);
  hoso__buf_free(&r->body);
  free(r);
  *con_cls = NULL;
}

/* ---- responses --------------------------------------------------------- */

/* A streamed response and the connection it goes to. A stream with
** nothing to send yet (an export whose thread is still matching) parks
** the connection -- MHD_suspend_connection from inside this callback, as
** libmicrohttpd documents -- and its producer resumes it when bytes are
** in the pipe, so no worker thread ever blocks on a slow export. */
typedef struct held_stream {
  srv_resp resp;
  srv_waker wk;
} held_stream;

static void conn_park(void *c) { MHD_suspend_connection(c); }
static void conn_wake(void *c) { MHD_resume_connection(c); }

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  held_stream *s = cls;
  long n = s->resp.stream(s->resp.stream_cls, &s->wk, buf, max);
  if (n == SRV_STREAM_WAIT) return 0; /* suspended; resumed by the producer */
  if (n < 0) return MHD_CONTENT_READER_END_WITH_ERROR;
  if (n == 0) return MHD_CONTENT_READER_END_OF_STREAM;
  return (ssize_t)n;
}

static void stream_free(void *cls) {
  held_stream *s = cls;
  srv_resp_free(&s->resp);
  free(s);
}

static const char CSP[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

/* Queue resp on c; takes what resp owns in every case. */
static enum MHD_Result send_resp(srv_ctx *ctx, struct MHD_Connection *c,
                                 conn_req *r, srv_resp *resp) {
  struct MHD_Response *m = NULL;
  uint64_t bytes = 0;
  /* Header values are static strings: keep them before resp is moved. */
  const char *ctype = resp->ctype, *cache = resp->cache,
             *disposition = resp->disposition;
  if (resp->stream) {
    held_stream *held = malloc(sizeof(*held));
    if (held) {
      held->resp = *resp;
      held->wk = (srv_waker){conn_park, conn_wake, c};
      srv_resp_init(resp); /* ownership moved to held */
      m = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
                                            stream_read, held, stream_free);
      if (!m) stream_free(held);
    }
  } else if (resp->fd >= 0) {
    m = MHD_create_response_from_fd64(resp->fd_size, resp->fd);
    bytes = resp->fd_size;
    if (m) resp->fd = -1; /* MHD closes it */
  } else {
    size_t n = resp->body.n;
    char *p = hoso__buf_take(&resp->body);
    if (!p) {
      p = strdup("");
      n = 0;
    }
    if (p) {
      m = MHD_create_response_from_buffer_with_free_callback(n, p, free);
      if (!m) free(p);
    }
    bytes = n;
  }
  int status = resp->status;
  if (m) {
    MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    if (cache) MHD_add_response_header(m, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    if (disposition)
      MHD_add_response_header(m, "Content-Disposition", disposition);
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(m, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(m, "Content-Security-Policy", CSP);
    if (status == 405)
      MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST");
    if (status == 401)
      MHD_add_response_header(m, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                              "Bearer realm=\"hoso\"");
    /* shutting down: no further request on this connection */
    if (atomic_load(&ctx->stopping))
      MHD_add_response_header(m, MHD_HTTP_HEADER_CONNECTION, "close");
  }
  srv_resp_free(resp);
  if (!m) return MHD_NO; /* out of memory: MHD closes the connection */
  r->status = status;
  r->answered = 1;
  srv_clock_set(r->clock, 0); /* answering: the idle timeout governs */
  atomic_fetch_add(&ctx->metrics.bytes_out, bytes);
  enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, m);
  MHD_destroy_response(m);
  return ok;
}

static enum MHD_Result send_error(srv_ctx *ctx, struct MHD_Connection *c,
                                  conn_req *r, int route, int status,
                                  const char *msg) {
  srv_resp resp;
  srv_resp_init(&resp);
  srv_resp_error(&resp, status, "%s", msg);
  r->route = route;
  return send_resp(ctx, c, r, &resp);
}

/* ---- the access handler ---------------------------------------------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_n, void **con_cls) {
  srv_ctx *ctx = cls;
  conn_req *r = *con_cls;
  if (!r) return MHD_NO; /* uri_log could not allocate: drop */
  if (r->answered) {     /* e.g. 413 queued; swallow the rest */
    *upload_n = 0;
    return MHD_YES;
  }
  if (!r->target)
    return send_error(ctx, c, r, SRV_R_NOTFOUND, 503, "out of memory");
  if (r->target_too_long)
    return send_error(ctx, c, r, SRV_R_NOTFOUND, 414, "request target too long");
  int m = srv_method_from(method);
  if (r->phase == 0) {
    r->phase = 1;
    hoso_error err;
    hoso_error_clear(&err);
    int st = srv_req_parse(&r->req, r->target, r->target_n, &ctx->lim, &err);
    r->parsed = 1; /* owns memory even when parsing failed */
    if (st) return send_error(ctx, c, r, SRV_R_NOTFOUND, st, err.message);
    r->req.method = m;
    if (m == SRV_POST && srv_route_takes_body(&r->req)) {
      const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_CONTENT_LENGTH);
      if (cl) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(cl, &end, 10);
        if (errno || end == cl || *end || v > ctx->lim.max_body) {
          char msg[128];
          snprintf(msg, sizeof(msg), "request body over the limit of %zu bytes",
                   ctx->lim.max_body);
          return send_error(ctx, c, r, SRV_R_INGEST, 413, msg);
        }
      }
      /* Refuse before reading a byte of the body when the token is bad. */
      const char *auth = MHD_lookup_connection_value(
          c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
      if (!srv_auth_ok(ctx, auth))
        return send_error(ctx, c, r, SRV_R_INGEST, 401,
                          ctx->token ? "missing or wrong token"
                                     : "writes are disabled (no --token-file)");
      r->wants_body = 1;
    }
    /* the headers are in; a body has its own, longer, deadline */
    srv_clock_set(r->clock,
                  r->wants_body ? now_us() + (uint64_t)ctx->lim.timeout_s *
                                                 BODY_TIMEOUTS * 1000000u
                                : 0);
    return MHD_YES; /* come back with the body, or for the final call */
  }
  if (*upload_n > 0) {
    /* libmicrohttpd cannot answer in the middle of an upload, so a body
    ** that outgrows the limit (chunked, no Content-Length) is drained and
    ** answered 413 at its end; past twice the limit the connection is
    ** simply closed. Other routes' bodies are read and dropped. */
    if (r->wants_body && !r->too_big &&
        hoso__buf_add(&r->body, upload, *upload_n) != HOSO_OK) {
      r->too_big = 1;
      hoso__buf_free(&r->body);
    }
    if (r->too_big) {
      r->drained += *upload_n;
      if (r->drained > 2 * ctx->lim.max_body) return MHD_NO;
    }
    *upload_n = 0;
    return MHD_YES;
  }
  if (r->too_big) {
    char msg[128];
    snprintf(msg, sizeof(msg), "request body over the limit of %zu bytes",
             ctx->lim.max_body);
    return send_error(ctx, c, r, SRV_R_INGEST, 413, msg);
  }
  srv_req *req = &r->req;
  req->body = r->body.p;
  req->body_n = r->body.n;
  req->auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                          MHD_HTTP_HEADER_AUTHORIZATION);
  srv_resp resp;
  srv_resp_init(&resp);
  r->route = srv_dispatch(ctx, req, &resp);
  return send_resp(ctx, c, r, &resp);
}

/* ---- start / stop ------------------------------------------------------ */

int srv_parse_listen(const char *spec, void *out, unsigned *len,
                     hoso_error *err) {
  char host[128];
  const char *colon;
  const char *p = spec;
  if (*p == '[') {
    const char *close = strchr(p, ']');
    if (!close || close[1] != ':' || (size_t)(close - p - 1) >= sizeof(host))
      return hoso__err(err, HOSO_EARG, "bad --listen '%s' (want [ADDR]:PORT)",
                       spec), -1;
    memcpy(host, p + 1, (size_t)(close - p - 1));
    host[close - p - 1] = 0;
    colon = close + 1;
  } else {
    colon = strrchr(p, ':');
    if (!colon || (size_t)(colon - p) >= sizeof(host))
      return hoso__err(err, HOSO_EARG, "bad --listen '%s' (want HOST:PORT)",
                       spec), -1;
    memcpy(host, p, (size_t)(colon - p));
    host[colon - p] = 0;
    if (!host[0]) strcpy(host, "127.0.0.1");
    if (!strcmp(host, "localhost")) strcpy(host, "127.0.0.1");
  }
  char *end = NULL;
  errno = 0;
  long port = strtol(colon + 1, &end, 10);
  if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
    return hoso__err(err, HOSO_EARG, "bad port in --listen '%s'", spec), -1;
  struct sockaddr_in *v4 = out;
  struct sockaddr_in6 *v6 = out;
  memset(out, 0, sizeof(struct sockaddr_storage));
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *len = sizeof(*v4);
    return 0;
  }
  memset(out, 0, sizeof(struct sockaddr_storage));
  if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    *len = sizeof(*v6);
    return 0;
  }
  return hoso__err(err, HOSO_EARG,
                   "bad address '%s' in --listen (numeric IPv4 or [IPv6])",
                   host), -1;
}

static void mhd_log(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  fputs("hoso serve: ", stderr);
  vfprintf(stderr, fmt, ap);
}

int srv_start(srv_ctx *ctx, const char *spec, int mode, unsigned threads,
              srv_daemon **out, char *url, size_t urln, hoso_error *err) {
  struct sockaddr_storage ss;
  unsigned sslen = 0;
  *out = NULL;
  if (srv_parse_listen(spec, &ss, &sslen, err) != 0) return HOSO_EARG;
  srv_daemon *d = calloc(1, sizeof(*d));
  if (!d) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  d->ctx = ctx;
  /* checked 4 times per timeout second, at least every 250 ms */
  int drc = srv_deadlines_start(250, &ctx->metrics.slow_cut, &d->deadlines,
                                err);
  if (drc != HOSO_OK) {
    free(d);
    return drc;
  }
  ctx->deadlines = d->deadlines;
  unsigned flags = MHD_USE_ERROR_LOG | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
  if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (mode == SRV_MODE_PERCONN) {
    flags |= MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
             MHD_USE_POLL;
    threads = 0;
  } else {
    flags |= MHD_USE_EPOLL_INTERNAL_THREAD;
    if (mode == SRV_MODE_EPOLL1 || threads < 2) threads = 0;
  }
  struct MHD_OptionItem opts[] = {
      {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL},
      {MHD_OPTION_SOCK_ADDR, 0, &ss},
      {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)uri_log, ctx},
      {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, ctx},
      {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, ctx},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)ctx->lim.max_header, NULL},
      {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)ctx->lim.timeout_s, NULL},
      {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)ctx->lim.max_conns, NULL},
      {MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, NULL},
      {MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL},
      {threads ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
       (intptr_t)threads, NULL},
      {MHD_OPTION_END, 0, NULL}};
  d->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, ctx,
                            MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
  if (!d->mhd) {
    srv_deadlines_stop(d->deadlines);
    ctx->deadlines = NULL;
    free(d);
    return hoso__err(err, HOSO_EIO, "cannot listen on %s (%s)", spec,
                     errno ? strerror(errno) : "libmicrohttpd refused");
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(d->mhd, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = info ? info->port : 0;
  char host[INET6_ADDRSTRLEN] = "127.0.0.1";
  if (ss.ss_family == AF_INET)
    inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
              sizeof(host));
  else
    inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
              sizeof(host));
  snprintf(url, urln, ss.ss_family == AF_INET6 ? "http://[%s]:%u/"
                                               : "http://%s:%u/",
           host, port);
  *out = d;
  return HOSO_OK;
}

void srv_quiesce(srv_daemon *d) {
  if (!d) return;
  atomic_store(&d->ctx->stopping, 1);
  MHD_socket s = MHD_quiesce_daemon(d->mhd);
  if (s != MHD_INVALID_SOCKET) close(s);
}

/* Idle = no request in flight for IDLE_QUIET_MS in a row: a request
** already sent on an open connection is picked up by a worker the moment
** it is free, so one look at in_flight == 0 between two requests is not
** enough. */
#define IDLE_QUIET_MS 100

unsigned srv_wait_idle(srv_daemon *d, unsigned timeout_ms) {
  unsigned waited = 0, quiet = 0;
  for (;;) {
    uint64_t n = atomic_load(&d->ctx->metrics.in_flight);
    quiet = n ? 0 : quiet + 10;
    if (quiet >= IDLE_QUIET_MS || waited >= timeout_ms) return (unsigned)n;
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
    waited += 10;
  }
}

void srv_stop(srv_daemon *d) {
  if (!d) return;
  MHD_stop_daemon(d->mhd);
  srv_deadlines_stop(d->deadlines);
  d->ctx->deadlines = NULL;
  free(d);
}
