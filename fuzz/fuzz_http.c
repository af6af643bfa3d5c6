/* fuzz_http.c -- libFuzzer harness for the server's request parsing and
** routing, without sockets. Input layout (any bytes are accepted):
**   byte 0      method selector (GET, HEAD, POST, other)
**   until '\n'  the raw request target
**   until '\n'  an Authorization header value
**   the rest    the request body
** Every input runs the full dispatch (parameter checks, static files from
** the repository's web/, token check, JSON errors) over a small archive
** made at start from the two seed reports (demo/sample, run from the
** repository root), so search, story, article, timeline, dossiers and
** suggestions run the library on fuzzed parameters too. Export and ingest
** are left out: they start threads and write. The server's pure files are
** compiled in directly (apps/ is not in libhoso.a). */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../apps/server/auth.c"
#include "../apps/server/cache.c"
#include "../apps/server/countries.c"
#include "../apps/server/h_export.c"
#include "../apps/server/h_ingest.c"
#include "../apps/server/h_meta.c"
#include "../apps/server/h_query.c"
#include "../apps/server/h_records.c"
#include "../apps/server/metrics.c"
#include "../apps/server/pool.c"
#include "../apps/server/query.c"
#include "../apps/server/req.c"
#include "../apps/server/resp.c"
#include "../apps/server/router.c"
#include "../apps/server/static.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static srv_ctx *the_ctx(void) {
  static srv_ctx *ctx; /* the harness's one context, made on first use */
  if (ctx) return ctx;
  ctx = calloc(1, sizeof(*ctx));
  if (!ctx) abort();
  srv_limits_default(&ctx->lim);
  srv_metrics_init(&ctx->metrics);
  pthread_mutex_init(&ctx->write_mu, NULL);
  ctx->web_fd = open("web", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ctx->token = "fuzz-token-0123456789";
  ctx->token_n = strlen(ctx->token);
  ctx->max_exports = 1;
  /* The archive: a temporary file with the seed reports. */
  static char db[] = "/tmp/hoso-fuzz-http-XXXXXX";
  int fd = mkstemp(db);
  if (fd >= 0) {
    close(fd);
    unlink(db);
    hoso_archive *a = NULL;
    hoso_ingest *ing = NULL;
    hoso_ingest_options opt;
    memset(&opt, 0, sizeof(opt));
    opt.threads = 1;
    if (hoso_archive_open(db, HOSO_ARCHIVE_CREATE, &a, NULL) == HOSO_OK &&
        hoso_ingest_open(a, &opt, &ing, NULL) == HOSO_OK &&
        hoso_ingest_path(ing, "demo/sample/seed-2021-call.txt", NULL) == HOSO_OK &&
        hoso_ingest_path(ing, "demo/sample/seed-2025-dialogue.txt", NULL) == HOSO_OK)
      hoso_ingest_finish(ing, NULL, NULL);
    hoso_ingest_close(ing);
    hoso_archive_close(a);
    if (srv_pool_open(db, 1, &ctx->pool, NULL) != HOSO_OK) ctx->pool = NULL;
  }
  return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  srv_ctx *ctx = the_ctx();
  static const int methods[4] = {SRV_GET, SRV_HEAD, SRV_POST, SRV_OTHER};
  int method = methods[data[0] & 3];
  const char *p = (const char *)data + 1;
  size_t n = size - 1;
  const char *nl = memchr(p, '\n', n);
  size_t tn = nl ? (size_t)(nl - p) : n;
  char *auth = NULL;
  const char *body = NULL;
  size_t body_n = 0;
  if (nl) {
    const char *a = nl + 1;
    size_t an = n - tn - 1;
    const char *nl2 = memchr(a, '\n', an);
    size_t alen = nl2 ? (size_t)(nl2 - a) : an;
    auth = malloc(alen + 1);
    if (!auth) return 0;
    memcpy(auth, a, alen);
    auth[alen] = 0;
    if (nl2) {
      body = nl2 + 1;
      body_n = an - alen - 1;
    }
  }
  srv_static_path_ok(p, tn);
  srv_req req;
  hoso_error err;
  hoso_error_clear(&err);
  int st = srv_req_parse(&req, p, tn, &ctx->lim, &err);
  if (st == 0) {
    req.method = method;
    req.auth = auth && auth[0] ? auth : NULL;
    req.body = body;
    req.body_n = body_n;
    srv_resp resp;
    srv_resp_init(&resp);
    /* export starts a thread, ingest writes: routed but not run here */
    if (strstr(req.path, "/export") || strstr(req.path, "/ingest")) {
      srv_req_free(&req);
      free(auth);
      return 0;
    }
    int route = srv_dispatch(ctx, &req, &resp);
    if (resp.status < 100 || resp.status > 599) abort();
    if (!resp.stream && resp.fd < 0 && resp.body.n == 0) abort();
    srv_metrics_record(&ctx->metrics, route, resp.status, 1);
    srv_resp_free(&resp);
  } else if (st != 400 && st != 414 && st != 503) {
    abort();
  }
  srv_req_free(&req);
  free(auth);
  return 0;
}
