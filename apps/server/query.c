/* query.c -- what the handlers share: request parameters to a hoso_query
** (the same filters and paging as the command line), archive handles,
** and library results to responses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "srv.h"

/* Deepest page: offset + limit beyond this is refused (export has none). */
#define SRV_MAX_OFFSET 100000

int srv_params_allowed(const srv_req *req, const char *const *allowed,
                       srv_resp *resp) {
  for (size_t i = 0; i < req->nparams; i++) {
    int ok = 0;
    for (size_t k = 0; allowed[k]; k++)
      if (!strcmp(req->params[i].key, allowed[k])) {
        ok = 1;
        break;
      }
    if (!ok) {
      srv_resp_error(resp, 400, "unknown parameter '%s'", req->params[i].key);
      return 0;
    }
  }
  return 1;
}

static int parse_i64(const char *s, int64_t lo, int64_t hi, int64_t *out) {
  if (!s || !*s) return 0;
  for (const char *c = s; *c; c++)
    if (*c < '0' || *c > '9') return 0;
  errno = 0;
  char *end = NULL;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || v < lo || v > hi) return 0;
  *out = v;
  return 1;
}

int64_t srv_parse_id(const char *s, size_t n) {
  if (n == 0 || n > 18) return 0;
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" with plausible numbers. */
static int date_ok(const char *s) {
  size_t n = strlen(s);
  if (n != 4 && n != 7 && n != 10) return 0;
  for (size_t i = 0; i < n; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return 0;
    } else if (s[i] < '0' || s[i] > '9') {
      return 0;
    }
  }
  if (n >= 7) {
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return 0;
  }
  if (n == 10) {
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > 31) return 0;
  }
  return 1;
}

static int flag_param(const srv_req *req, const char *key, int dflt,
                      int *out, srv_resp *resp) {
  const char *v = srv_param_get(req, key, NULL);
  if (!v) {
    *out = dflt;
    return 1;
  }
  if (!strcmp(v, "1") || !strcmp(v, "true")) *out = 1;
  else if (!strcmp(v, "0") || !strcmp(v, "false")) *out = 0;
  else {
    srv_resp_error(resp, 400, "parameter '%s' must be 0 or 1", key);
    return 0;
  }
  return 1;
}

int srv_query_from(const srv_ctx *ctx, const srv_req *req, int paged,
                   hoso_query *q, srv_resp *resp) {
  memset(q, 0, sizeof(*q));
  size_t qn = 0;
  q->q = srv_param_get(req, "q", &qn);
  q->q_n = qn;
  if (qn > HOSO_QUERY_MAX) {
    srv_resp_error(resp, 400, "query is %zu bytes, limit %d", qn,
                   HOSO_QUERY_MAX);
    return 0;
  }
  static const char *const dates[] = {"from", "to"};
  for (int i = 0; i < 2; i++) {
    const char *d = srv_param_get(req, dates[i], NULL);
    if (d && *d && !date_ok(d)) {
      srv_resp_error(resp, 400,
                     "parameter '%s' must be YYYY, YYYY-MM or YYYY-MM-DD",
                     dates[i]);
      return 0;
    }
    if (d && !*d) d = NULL;
    if (i == 0) q->from = d;
    else q->to = d;
  }
  q->outlet = srv_param_get(req, "outlet", NULL);
  q->lang = srv_param_get(req, "lang", NULL);
  if (q->lang && *q->lang && strcmp(q->lang, "vi") && strcmp(q->lang, "ru") &&
      strcmp(q->lang, "en")) {
    srv_resp_error(resp, 400, "parameter 'lang' must be vi, ru or en");
    return 0;
  }
  q->person = srv_param_get(req, "person", NULL);
  q->org = srv_param_get(req, "org", NULL);
  q->event_type = srv_param_get(req, "type", NULL);
  /* Empty filters mean "no filter", as in a form submitted blank. */
  if (q->outlet && !*q->outlet) q->outlet = NULL;
  if (q->lang && !*q->lang) q->lang = NULL;
  if (q->person && !*q->person) q->person = NULL;
  if (q->org && !*q->org) q->org = NULL;
  if (q->event_type && !*q->event_type) q->event_type = NULL;
  if (paged) {
    const char *v = srv_param_get(req, "limit", NULL);
    q->limit = 10;
    if (v && !parse_i64(v, 1, (int64_t)ctx->lim.max_results, &q->limit)) {
      srv_resp_error(resp, 400, "parameter 'limit' must be 1..%u (use "
                     "/api/v1/export for everything)", ctx->lim.max_results);
      return 0;
    }
    v = srv_param_get(req, "offset", NULL);
    if (v && !parse_i64(v, 0, SRV_MAX_OFFSET, &q->offset)) {
      srv_resp_error(resp, 400, "parameter 'offset' must be 0..%d",
                     SRV_MAX_OFFSET);
      return 0;
    }
  }
  const char *sort = srv_param_get(req, "sort", NULL);
  if (sort && *sort) {
    if (!strcmp(sort, "recent")) q->flags |= HOSO_Q_FRESHNESS;
    else if (!strcmp(sort, "sources")) q->flags |= HOSO_Q_SOURCES;
    else if (strcmp(sort, "relevance")) {
      srv_resp_error(resp, 400,
                     "parameter 'sort' must be relevance, recent or sources");
      return 0;
    }
  }
  int facets, snippets;
  if (!flag_param(req, "facets", 1, &facets, resp) ||
      !flag_param(req, "snippets", 1, &snippets, resp))
    return 0;
  if (!facets) q->flags |= HOSO_Q_NO_FACETS;
  if (!snippets) q->flags |= HOSO_Q_NO_SNIPPETS;
  const char *per = srv_param_get(req, "per", NULL);
  if (per && *per) {
    if (!strcmp(per, "article")) q->flags |= HOSO_Q_ARTICLES;
    else if (strcmp(per, "story")) {
      srv_resp_error(resp, 400, "parameter 'per' must be story or article");
      return 0;
    }
  }
  return 1;
}

int srv_json_result(srv_resp *resp, int rc, char *json, size_t n,
                    const hoso_error *err) {
  if (rc == HOSO_OK && json) {
    hoso__buf_free(&resp->body);
    resp->body.p = json; /* adopt: hoso_free is free */
    resp->body.n = n;
    resp->body.cap = n + 1;
    resp->status = 200;
    return 0;
  }
  hoso_free(json);
  const char *msg = err && err->message[0] ? err->message : hoso_status_name(rc);
  if (rc == HOSO_EDB)
    return srv_resp_error(resp, 503, "archive not available: %s", msg);
  return srv_resp_error(resp, srv_http_status(rc), "%s", msg);
}

hoso_archive *srv_archive_get(srv_ctx *ctx, srv_resp *resp) {
  hoso_archive *a = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  if (srv_pool_get(ctx->pool, SRV_POOL_WAIT_MS, &a, &err) != HOSO_OK) {
    srv_resp_error(resp, 503, "archive not available: %s", err.message);
    return NULL;
  }
  return a;
}

void srv_archive_put(srv_ctx *ctx, hoso_archive *a) {
  srv_pool_put(ctx->pool, a);
}
