/* h_meta.c -- operational endpoints: /health, /metrics, /api/v1 (what
** this server offers and its limits) and /api/v1/stats (archive counts). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "srv.h"

static int64_t file_size(const char *path) {
  struct stat st;
  return path && stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

/* Archive bytes on disk: the database plus its write-ahead log. */
static int64_t archive_bytes(const srv_ctx *ctx) {
  const char *p = srv_pool_path(ctx->pool);
  int64_t n = file_size(p);
  if (n < 0) return -1;
  char wal[4096];
  if (snprintf(wal, sizeof(wal), "%s-wal", p) < (int)sizeof(wal)) {
    int64_t w = file_size(wal);
    if (w > 0) n += w;
  }
  return n;
}

int srv_h_health(srv_ctx *ctx, const srv_req *req, const char *arg,
                 size_t arg_n, srv_resp *resp) {
  hoso_json w;
  hoso__json_init(&w, &resp->body);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "status");
  hoso__json_str(&w, "ok");
  hoso__json_key(&w, "version");
  hoso__json_str(&w, hoso_version());
  hoso__json_key(&w, "archive");
  hoso__json_bool(&w, ctx->pool != NULL);
  hoso__json_key(&w, "archive_bytes");
  hoso__json_int(&w, archive_bytes(ctx));
  hoso__json_key(&w, "uptime_s");
  hoso__json_int(&w, (int64_t)time(NULL) - ctx->metrics.started_unix);
  hoso__json_key(&w, "in_flight");
  hoso__json_int(&w, (int64_t)atomic_load(&ctx->metrics.in_flight));
  hoso__json_key(&w, "writable");
  hoso__json_bool(&w, ctx->token != NULL);
  hoso__json_obj_end(&w);
  if (w.rc) return srv_resp_error(resp, 503, "out of memory");
  return 0;
}

int srv_h_metrics(srv_ctx *ctx, const srv_req *req, const char *arg,
                  size_t arg_n, srv_resp *resp) {
  uint64_t hits, misses, bytes, entries;
  srv_cache_stats(ctx->cache, &hits, &misses, &bytes, &entries);
  if (srv_metrics_render(&ctx->metrics, archive_bytes(ctx), &resp->body) ||
      hoso__buf_printf(&resp->body,
          "# HELP hoso_cache_hits_total API answers served from the cache.\n"
          "# TYPE hoso_cache_hits_total counter\nhoso_cache_hits_total %llu\n"
          "# HELP hoso_cache_misses_total API answers computed by the library.\n"
          "# TYPE hoso_cache_misses_total counter\nhoso_cache_misses_total %llu\n"
          "# HELP hoso_cache_bytes Bytes held by the answer cache.\n"
          "# TYPE hoso_cache_bytes gauge\nhoso_cache_bytes %llu\n",
          (unsigned long long)hits, (unsigned long long)misses,
          (unsigned long long)bytes))
    return srv_resp_error(resp, 503, "out of memory");
  resp->ctype = "text/plain; version=0.0.4; charset=utf-8";
  return 0;
}

int srv_h_info(srv_ctx *ctx, const srv_req *req, const char *arg,
               size_t arg_n, srv_resp *resp) {
  static const char *const endpoints[] = {
      "GET /api/v1/search?q=", "GET /api/v1/story/{id}",
      "GET /api/v1/article/{id}", "GET /api/v1/timeline",
      "GET /api/v1/person/{name}", "GET /api/v1/org/{name}",
      "GET /api/v1/suggest?q=", "GET /api/v1/export?format=jsonl|csv",
      "GET /api/v1/stats", "POST /api/v1/ingest", "GET /health",
      "GET /metrics"};
  hoso_json w;
  hoso__json_init(&w, &resp->body);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "api");
  hoso__json_str(&w, "v1");
  hoso__json_key(&w, "version");
  hoso__json_str(&w, hoso_version());
  hoso__json_key(&w, "endpoints");
  hoso__json_arr_begin(&w);
  for (size_t i = 0; i < sizeof(endpoints) / sizeof(endpoints[0]); i++)
    hoso__json_str(&w, endpoints[i]);
  hoso__json_arr_end(&w);
  hoso__json_key(&w, "limits");
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "max_target_bytes");
  hoso__json_int(&w, (int64_t)ctx->lim.max_target);
  hoso__json_key(&w, "max_params");
  hoso__json_int(&w, (int64_t)ctx->lim.max_params);
  hoso__json_key(&w, "max_param_bytes");
  hoso__json_int(&w, (int64_t)ctx->lim.max_param_value);
  hoso__json_key(&w, "max_body_bytes");
  hoso__json_int(&w, (int64_t)ctx->lim.max_body);
  hoso__json_key(&w, "max_header_bytes");
  hoso__json_int(&w, (int64_t)ctx->lim.max_header);
  hoso__json_key(&w, "max_results");
  hoso__json_int(&w, ctx->lim.max_results);
  hoso__json_key(&w, "timeout_s");
  hoso__json_int(&w, ctx->lim.timeout_s);
  hoso__json_key(&w, "max_connections");
  hoso__json_int(&w, ctx->lim.max_conns);
  hoso__json_key(&w, "max_exports");
  hoso__json_int(&w, ctx->max_exports);
  hoso__json_obj_end(&w);
  hoso__json_key(&w, "writable");
  hoso__json_bool(&w, ctx->token != NULL);
  hoso__json_obj_end(&w);
  if (w.rc) return srv_resp_error(resp, 503, "out of memory");
  return 0;
}

int srv_h_stats(srv_ctx *ctx, const srv_req *req, const char *arg,
                size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {NULL};
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_archive_stats(a, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}
