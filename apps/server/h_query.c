/* h_query.c -- the query endpoints: search, timeline, suggestions. The
** parameters are the command line's filters (see srv_query_from). */
#include <string.h>

#include "srv.h"

static const char *const QUERY_PARAMS[] = {
    "q", "from", "to", "outlet", "lang", "person", "org", "type", "offset",
    "limit", "sort", "facets", "snippets", "per", NULL};

typedef int (*query_fn)(hoso_archive *, const hoso_query *, char **, size_t *,
                        hoso_error *);

static int run_query(srv_ctx *ctx, const srv_req *req, query_fn fn,
                     srv_resp *resp) {
  if (!srv_params_allowed(req, QUERY_PARAMS, resp)) return 0;
  hoso_query q;
  if (!srv_query_from(ctx, req, 1, &q, resp)) return 0;
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = fn(a, &q, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}

int srv_h_search(srv_ctx *ctx, const srv_req *req, const char *arg,
                 size_t arg_n, srv_resp *resp) {
  return run_query(ctx, req, hoso_search, resp);
}

int srv_h_timeline(srv_ctx *ctx, const srv_req *req, const char *arg,
                   size_t arg_n, srv_resp *resp) {
  return run_query(ctx, req, hoso_timeline, resp);
}

int srv_h_suggest(srv_ctx *ctx, const srv_req *req, const char *arg,
                  size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {"q", "kind", "limit", NULL};
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  size_t pn = 0;
  const char *prefix = srv_param_get(req, "q", &pn);
  if (!prefix) return srv_resp_error(resp, 400, "parameter 'q' is required");
  if (pn > 256)
    return srv_resp_error(resp, 400, "suggestion prefix over 256 bytes");
  int kind = HOSO_ENTITY_ANY;
  const char *k = srv_param_get(req, "kind", NULL);
  if (k && *k) {
    if (!strcmp(k, "person")) kind = HOSO_ENTITY_PERSON;
    else if (!strcmp(k, "org")) kind = HOSO_ENTITY_ORG;
    else if (!strcmp(k, "place")) kind = HOSO_ENTITY_PLACE;
    else if (strcmp(k, "any"))
      return srv_resp_error(resp, 400,
                            "parameter 'kind' must be any, person, org or place");
  }
  int64_t limit = 10;
  size_t ln = 0;
  const char *l = srv_param_get(req, "limit", &ln);
  if (l) {
    limit = srv_parse_id(l, ln);
    if (limit < 1 || limit > 50)
      return srv_resp_error(resp, 400, "parameter 'limit' must be 1..50");
  }
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_suggest(a, kind, prefix, pn, (int)limit, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}
