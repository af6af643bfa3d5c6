/* cmd_serve.c -- `hoso serve`: the archive over HTTP (JSON API + web page).
** Option parsing, the token file, signals and the shutdown sequence; the
** HTTP work is in server.c and the handlers. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "srv.h"

#ifndef HOSO_WEB_DIR_DEFAULT
#define HOSO_WEB_DIR_DEFAULT "web"
#endif

/* How long SIGTERM waits for requests in flight before closing them. */
#define SHUTDOWN_GRACE_MS 30000

static const char USAGE[] =
    "usage: hoso serve [--db FILE] [--listen HOST:PORT] [options]\n\n"
    "Serve the archive FILE as a JSON API under /api/v1 and the web page\n"
    "from web/. Read-only unless --token-file is given; then POST\n"
    "/api/v1/ingest with 'Authorization: Bearer TOKEN' adds pages.\n\n"
    "  --db FILE          the archive (default $HOSO_DB or ./hoso.db)\n"
    "  --listen H:P       address (default 127.0.0.1:8080; port 0 = any free)\n"
    "  --port N           port on the default address 127.0.0.1 (default 8080)\n"
    "  --token-file FILE  enable writes; the token is the file's first line\n"
    "  --web DIR          the page's files (default the repository's web/)\n"
    "  --threads N        worker threads, each an epoll loop (default: cores)\n"
    "  --mode M           pool (default), epoll1 or perconn (for measuring)\n"
    "  --max-body BYTES   largest request body (default 16777216) -> 413\n"
    "  --max-results N    largest page of results (default 100) -> 400\n"
    "  --timeout S        idle/slow connection timeout (default 15)\n"
    "  --max-conns N      concurrent connections (default 256)\n"
    "  --cache-mb N       answer cache, invalidated when the archive changes\n"
    "                     (default 64; 0 = off)\n\n"
    "Stops on SIGTERM/SIGINT: no new connections, requests in flight finish\n"
    "(up to 30 s), the archive is closed cleanly.\n";

static int parse_uint(const char *s, unsigned long long max,
                      unsigned long long *out) {
  char *end = NULL;
  if (!s || !*s || *s == '-') return 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (*end || v > max) return 0;
  *out = v;
  return 1;
}

/* The token: the first line of the file, surrounding blanks removed. */
static char *read_token(const char *path, size_t *n) {
  char *data = NULL;
  size_t len = 0;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso__read_file(path, 4096, &data, &len, &err) != HOSO_OK) {
    cli_report("serve", &err);
    return NULL;
  }
  size_t b = 0, e = 0;
  while (b < len && (data[b] == ' ' || data[b] == '\t')) b++;
  e = b;
  while (e < len && data[e] != '\n' && data[e] != '\r') e++;
  while (e > b && (data[e - 1] == ' ' || data[e - 1] == '\t')) e--;
  if (e - b < 8) {
    cli_errorf("serve", "%s: the token must be at least 8 bytes", path);
    hoso_free(data);
    return NULL;
  }
  memmove(data, data + b, e - b);
  data[e - b] = 0;
  *n = e - b;
  struct stat st;
  if (stat(path, &st) == 0 && (st.st_mode & 0004))
    cli_errorf("serve", "warning: %s is readable by everyone", path);
  return data;
}

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, USAGE)) return CLI_OK;
  const char *db = getenv("HOSO_DB") && *getenv("HOSO_DB") ? getenv("HOSO_DB")
                                                          : "hoso.db";
  /* the default address: loopback only (tests/golden/serve/default-address
  ** reads the bound address from the kernel) */
  const char *listen = NULL, *token_file = NULL;
  char listen_default[32];
  unsigned long long port = 8080;
  int have_port = 0;
  const char *web = HOSO_WEB_DIR_DEFAULT;
  int mode = SRV_MODE_POOL;
  long nproc = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned threads = nproc > 0 ? (unsigned)nproc : 2;
  srv_limits lim;
  srv_limits_default(&lim);
  unsigned long long cache_mb = 64;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    unsigned long long u = 0;
    if (!strcmp(a, "--db") && v) db = argv[++i];
    else if (!strcmp(a, "--listen") && v) listen = argv[++i];
    else if (!strcmp(a, "--port") && parse_uint(v, 65535, &port)) {
      have_port = 1;
      i++;
    }
    else if (!strcmp(a, "--token-file") && v) token_file = argv[++i];
    else if (!strcmp(a, "--web") && v) web = argv[++i];
    else if (!strcmp(a, "--threads") && parse_uint(v, 64, &u) && u) {
      threads = (unsigned)u;
      i++;
    } else if (!strcmp(a, "--mode") && v) {
      i++;
      if (!strcmp(v, "pool")) mode = SRV_MODE_POOL;
      else if (!strcmp(v, "epoll1")) mode = SRV_MODE_EPOLL1;
      else if (!strcmp(v, "perconn")) mode = SRV_MODE_PERCONN;
      else return cli_usage_error(USAGE);
    } else if (!strcmp(a, "--max-body") && parse_uint(v, 1ull << 32, &u) && u) {
      lim.max_body = (size_t)u;
      i++;
    } else if (!strcmp(a, "--max-results") && parse_uint(v, 10000, &u) && u) {
      lim.max_results = (unsigned)u;
      i++;
    } else if (!strcmp(a, "--timeout") && parse_uint(v, 3600, &u) && u) {
      lim.timeout_s = (unsigned)u;
      i++;
    } else if (!strcmp(a, "--cache-mb") && parse_uint(v, 65536, &cache_mb)) {
      i++;
    } else if (!strcmp(a, "--max-conns") && parse_uint(v, 65536, &u) && u) {
      lim.max_conns = (unsigned)u;
      i++;
    } else {
      cli_errorf("serve", "bad option '%s'", a);
      return cli_usage_error(USAGE);
    }
  }

  if (listen && have_port) {
    cli_errorf("serve", "--port and --listen together (--listen HOST:PORT says both)");
    return cli_usage_error(USAGE);
  }
  if (!listen) {
    snprintf(listen_default, sizeof(listen_default), "127.0.0.1:%llu", port);
    listen = listen_default;
  }
  { /* a bad address is a usage error, before anything is opened */
    struct sockaddr_storage ss;
    unsigned sslen;
    hoso_error lerr;
    hoso_error_clear(&lerr);
    if (srv_parse_listen(listen, &ss, &sslen, &lerr) != 0) {
      cli_errorf("serve", "%s", lerr.message);
      return CLI_FATAL;
    }
  }
  srv_ctx *ctx = calloc(1, sizeof(*ctx));
  if (!ctx) {
    cli_errorf("serve", "out of memory");
    return CLI_FATAL;
  }
  ctx->lim = lim;
  ctx->max_exports = 4;
  atomic_init(&ctx->exports, 0);
  atomic_init(&ctx->stopping, 0);
  srv_metrics_init(&ctx->metrics);
  pthread_mutex_init(&ctx->write_mu, NULL);
  ctx->web_fd = open(web, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (ctx->web_fd < 0)
    cli_errorf("serve", "warning: no web page: cannot open %s", web);
  int rc = CLI_FATAL;
  char *token = NULL;
  srv_daemon *d = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  if (token_file) {
    token = read_token(token_file, &ctx->token_n);
    if (!token) goto out;
    ctx->token = token;
  }
  if (srv_pool_open(db, threads + 2, &ctx->pool, &err) != HOSO_OK) {
    cli_report("serve", &err);
    goto out;
  }

  /* The answer cache notices a changed archive by its database file's size
  ** and time (srv_archive_signature). A PostgreSQL archive has no such
  ** file: there answers are keyed by the store's change state (its WAL
  ** position, hoso_archive_state), one short query per cacheable request;
  ** if the server cannot read it (a standby), no cache. */
  if (cache_mb && (!strncmp(db, "postgresql://", 13) ||
                   !strncmp(db, "postgres://", 11))) {
    uint64_t st;
    hoso_archive *a = NULL;
    int ok = srv_pool_get(ctx->pool, SRV_POOL_WAIT_MS, &a, &err) == HOSO_OK;
    if (ok) {
      ok = hoso_archive_state(a, &st, &err) == HOSO_OK;
      srv_pool_put(ctx->pool, a);
    }
    if (ok) {
      ctx->state_from_store = 1;
    } else {
      cli_errorf("serve", "note: answer cache off (the archive's change state cannot be read: %s)",
                 err.message);
      cache_mb = 0;
    }
  }
  if (srv_cache_new((size_t)cache_mb << 20, 16384, &ctx->cache) != HOSO_OK) {
    cli_errorf("serve", "out of memory");
    goto out;
  }

  /* Signals: blocked here so every thread inherits the mask; the main
  ** thread takes SIGTERM/SIGINT with sigwait and SIGPIPE never fires
  ** (a write to a closed socket or pipe returns EPIPE instead). */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, NULL);

  char url[128];
  if (srv_start(ctx, listen, mode, threads, &d, url, sizeof(url), &err) !=
      HOSO_OK) {
    cli_report("serve", &err);
    goto out;
  }
  printf("hoso serve: %s on %s (%s, %u threads)\n", db, url,
         token ? "writes need the token" : "read-only", threads);
  fflush(stdout);

  sigset_t wait_set;
  sigemptyset(&wait_set);
  sigaddset(&wait_set, SIGTERM);
  sigaddset(&wait_set, SIGINT);
  int sig = 0;
  while (sigwait(&wait_set, &sig) != 0) {
  }
  srv_quiesce(d);
  unsigned left = srv_wait_idle(d, SHUTDOWN_GRACE_MS);
  /* Streams (exports) still open are closed by srv_stop. */
  srv_stop(d);
  d = NULL;
  printf("hoso serve: stopped on %s (%u requests cut)\n",
         sig == SIGINT ? "SIGINT" : "SIGTERM", left);
  fflush(stdout);
  rc = CLI_OK;
out:
  srv_stop(d);
  srv_pool_close(ctx->pool);
  srv_cache_free(ctx->cache);
  if (ctx->web_fd >= 0) close(ctx->web_fd);
  pthread_mutex_destroy(&ctx->write_mu);
  hoso_free(token);
  free(ctx);
  return rc;
}

HOSO_VERB(serve, "serve the archive: JSON API and web page (HTTP)", run);
