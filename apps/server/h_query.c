/* h_query.c -- the query endpoints: search, timeline, suggestions. The
** parameters are the command line's filters (see srv_query_from). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "srv.h"

static const char *const QUERY_PARAMS[] = {
    "q", "from", "to", "outlet", "lang", "person", "org", "type", "offset",
    "limit", "sort", "facets", "snippets", "per", NULL};
static const char *const TIMELINE_PARAMS[] = {
    "q", "from", "to", "outlet", "lang", "person", "org", "type", "offset",
    "limit", "sort", "facets", "snippets", "per", "pair", NULL};

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
  if (!srv_params_allowed(req, TIMELINE_PARAMS, resp)) return 0;
  size_t pn = 0;
  const char *pair = srv_param_get(req, "pair", &pn);
  hoso_query q;
  if (!srv_query_from(ctx, req, 1, &q, resp)) return 0;
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  if (pair && pn) { /* pair= (empty) is no filter, as in the page's URLs */
    int r = srv_timeline_pair(ctx, a, &q, pair, pn, resp);
    srv_archive_put(ctx, a);
    return r;
  }
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_timeline(a, &q, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}

/* "VN-RU" / "VN,RU" / "VN–RU" (en dash, as the page writes it). */
static int parse_pair(const char *p, size_t n, char x[3], char y[3]) {
  if (n < 5) return 0;
  size_t rest;
  if (p[2] == '-' || p[2] == ',') rest = 3;
  else if (n >= 7 && !memcmp(p + 2, "\xe2\x80\x93", 3)) rest = 5;
  else return 0;
  if (n != rest + 2) return 0;
  for (int i = 0; i < 2; i++) {
    x[i] = p[i];
    y[i] = p[rest + (size_t)i];
    if (x[i] < 'A' || x[i] > 'Z' || y[i] < 'A' || y[i] > 'Z') return 0;
  }
  x[2] = y[2] = 0;
  return srv_country_known(x) && srv_country_known(y) && strcmp(x, y);
}

static int event_names_both(const json_t *ev, const char *x, const char *y) {
  srv_country_set set = {.n = 0};
  const char *f[2] = {hoso__json_get_str(ev, "place"), hoso__json_get_str(ev, "summary")};
  for (int i = 0; i < 2; i++)
    if (srv_countries_add(f[i], strlen(f[i]), &set)) return -1;
  const json_t *ps = json_object_get(ev, "participants");
  size_t i;
  const json_t *p;
  json_array_foreach(ps, i, p) {
    const char *nm = hoso__json_get_str(p, "name"), *ti = hoso__json_get_str(p, "title");
    if (srv_countries_add(nm, strlen(nm), &set) || srv_countries_add(ti, strlen(ti), &set))
      return -1;
  }
  return srv_countries_has(&set, x) && srv_countries_has(&set, y);
}

int srv_timeline_pair(srv_ctx *ctx, hoso_archive *a, const hoso_query *qin,
                      const char *pair, size_t pair_n, srv_resp *resp) {
  char x[3], y[3];
  if (!parse_pair(pair, pair_n, x, y))
    return srv_resp_error(resp, 400,
                          "parameter 'pair' must be two different country codes"
                          " like VN-RU");
  hoso_query q = *qin;
  int64_t offset = q.offset > 0 ? q.offset : 0, limit = q.limit > 0 ? q.limit : 100;
  q.offset = 0;
  q.limit = INT64_MAX; /* every event; the pair is filtered and paged here */
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_timeline(a, &q, &json, &n, &err);
  if (rc != HOSO_OK) return srv_json_result(resp, rc, NULL, 0, &err);
  json_t *all = hoso__json_parse(json, n, &err);
  hoso_free(json);
  json_t *out = json_object(), *page = json_array();
  if (!all || !out || !page) {
    json_decref(all);
    json_decref(out);
    json_decref(page);
    return srv_resp_error(resp, 500, "out of memory");
  }
  int64_t total = 0;
  size_t i;
  json_t *ev;
  int bad = 0;
  json_array_foreach(json_object_get(all, "events"), i, ev) {
    int both = event_names_both(ev, x, y);
    if (both < 0) bad = 1;
    if (both <= 0) continue;
    if (total >= offset && total - offset < limit && json_array_append(page, ev)) bad = 1;
    total++;
  }
  char pr[8];
  snprintf(pr, sizeof(pr), "%s-%s", x, y);
  bad |= json_object_set_new(out, "total", json_integer(total)) ||
         json_object_set_new(out, "offset", json_integer(offset)) ||
         json_object_set_new(out, "limit", json_integer(limit)) ||
         json_object_set_new(out, "pair", json_string(pr)) ||
         json_object_set(out, "events", page);
  json_decref(page);
  json_decref(all);
  char *body = bad ? NULL : json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(out);
  if (!body) return srv_resp_error(resp, 500, "out of memory");
  (void)ctx;
  return srv_json_result(resp, HOSO_OK, body, strlen(body), &err); /* adopts */
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
