/* router.c -- the route table: method + path -> handler. Exact paths and
** "prefix/{arg}" routes; everything outside /api and the two operational
** endpoints is a static file. Unknown API routes are 404 JSON; a known
** path with the wrong method is 405 JSON. */
#include <string.h>

#include "srv.h"

typedef struct route {
  const char *path; /* exact path, or prefix ending in '/' when has_arg */
  int has_arg;
  int method;       /* SRV_GET (HEAD too) or SRV_POST */
  int id;           /* enum srv_route_id, for the metrics */
  srv_handler fn;
  int cacheable;    /* a read of the archive: answers go through the cache */
} route;

static const route routes[] = {
    {"/health", 0, SRV_GET, SRV_R_HEALTH, srv_h_health, 0},
    {"/metrics", 0, SRV_GET, SRV_R_METRICS, srv_h_metrics, 0},
    {"/api/v1", 0, SRV_GET, SRV_R_INFO, srv_h_info, 0},
    {"/api/v1/stats", 0, SRV_GET, SRV_R_INFO, srv_h_stats, 1},
    {"/api/v1/search", 0, SRV_GET, SRV_R_SEARCH, srv_h_search, 1},
    {"/api/v1/timeline", 0, SRV_GET, SRV_R_TIMELINE, srv_h_timeline, 1},
    {"/api/v1/suggest", 0, SRV_GET, SRV_R_SUGGEST, srv_h_suggest, 1},
    {"/api/v1/export", 0, SRV_GET, SRV_R_EXPORT, srv_h_export, 0},
    {"/api/v1/story/", 1, SRV_GET, SRV_R_STORY, srv_h_story, 1},
    {"/api/v1/article/", 1, SRV_GET, SRV_R_ARTICLE, srv_h_article, 1},
    {"/api/v1/person/", 1, SRV_GET, SRV_R_PERSON, srv_h_person, 1},
    {"/api/v1/org/", 1, SRV_GET, SRV_R_ORG, srv_h_org, 1},
    {"/api/v1/ingest", 0, SRV_POST, SRV_R_INGEST, srv_h_ingest, 0},
    {"/api/ingest", 0, SRV_POST, SRV_R_INGEST, srv_h_ingest, 0}, /* issue 7 name */
};

static int method_ok(int want, int got) {
  return want == got || (want == SRV_GET && got == SRV_HEAD);
}

int srv_route_takes_body(const srv_req *req) {
  for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
    if (routes[i].method == SRV_POST && !routes[i].has_arg &&
        req->path_n == strlen(routes[i].path) &&
        !memcmp(req->path, routes[i].path, req->path_n))
      return 1;
  return 0;
}

int srv_dispatch(srv_ctx *ctx, const srv_req *req, srv_resp *resp) {
  const char *p = req->path;
  size_t n = req->path_n;
  int wrong_method = -1;
  for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
    const route *r = &routes[i];
    size_t rn = strlen(r->path);
    const char *arg = "";
    size_t arg_n = 0;
    if (r->has_arg) {
      if (n <= rn || memcmp(p, r->path, rn) != 0) continue;
      arg = p + rn;
      arg_n = n - rn;
      if (memchr(arg, '/', arg_n)) continue; /* one segment only */
    } else if (n != rn || memcmp(p, r->path, rn) != 0) {
      continue;
    }
    if (!method_ok(r->method, req->method)) {
      wrong_method = r->id;
      continue;
    }
    uint64_t sig;
    if (r->cacheable && ctx->cache && srv_answer_state(ctx, &sig) == 0) {
      if (srv_cache_get(ctx->cache, req->target, req->target_n, sig,
                        &resp->body)) {
        resp->status = 200;
        return r->id;
      }
      r->fn(ctx, req, arg, arg_n, resp);
      if (resp->status == 200 && !resp->stream && resp->fd < 0)
        srv_cache_put(ctx->cache, req->target, req->target_n, sig,
                      resp->body.p, resp->body.n);
      return r->id;
    }
    r->fn(ctx, req, arg, arg_n, resp);
    return r->id;
  }
  if (wrong_method >= 0) {
    srv_resp_error(resp, 405, "method not allowed on %s", req->path);
    return wrong_method;
  }
  if (n >= 4 && !memcmp(p, "/api", 4) && (n == 4 || p[4] == '/')) {
    srv_resp_error(resp, 404, "no such API route: %s (see /api/v1)", req->path);
    return SRV_R_NOTFOUND;
  }
  srv_static(ctx, req, resp);
  return resp->status == 404 ? SRV_R_NOTFOUND : SRV_R_STATIC;
}
