/* h_records.c -- one record by id or name: story, article, and the person
** and organisation dossiers. */
#include <string.h>

#include "srv.h"

int srv_h_story(srv_ctx *ctx, const srv_req *req, const char *arg,
                size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {NULL};
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  int64_t id = srv_parse_id(arg, arg_n);
  if (id <= 0) return srv_resp_error(resp, 400, "story id must be a number");
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_story(a, id, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}

int srv_h_article(srv_ctx *ctx, const srv_req *req, const char *arg,
                  size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {"original", NULL};
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  int64_t id = srv_parse_id(arg, arg_n);
  if (id <= 0) return srv_resp_error(resp, 400, "article id must be a number");
  unsigned flags = 0;
  const char *o = srv_param_get(req, "original", NULL);
  if (o) {
    if (!strcmp(o, "1")) flags |= HOSO_ARTICLE_ORIGINAL;
    else if (strcmp(o, "0"))
      return srv_resp_error(resp, 400, "parameter 'original' must be 0 or 1");
  }
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_article(a, id, flags, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}

static const char *const DOSSIER_PARAMS[] = {
    "q", "from", "to", "outlet", "lang", "type", "offset", "limit", NULL};

static int dossier(srv_ctx *ctx, const srv_req *req, int kind,
                   const char *name, size_t name_n, srv_resp *resp) {
  if (!srv_params_allowed(req, DOSSIER_PARAMS, resp)) return 0;
  if (name_n == 0 || name_n > 256)
    return srv_resp_error(resp, 400, "name must be 1..256 bytes");
  hoso_query q;
  if (!srv_query_from(ctx, req, 1, &q, resp)) return 0;
  hoso_archive *a = srv_archive_get(ctx, resp);
  if (!a) return 0;
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_dossier(a, kind, name, name_n, &q, &json, &n, &err);
  srv_archive_put(ctx, a);
  return srv_json_result(resp, rc, json, n, &err);
}

int srv_h_person(srv_ctx *ctx, const srv_req *req, const char *arg,
                 size_t arg_n, srv_resp *resp) {
  return dossier(ctx, req, HOSO_ENTITY_PERSON, arg, arg_n, resp);
}

int srv_h_org(srv_ctx *ctx, const srv_req *req, const char *arg,
              size_t arg_n, srv_resp *resp) {
  return dossier(ctx, req, HOSO_ENTITY_ORG, arg, arg_n, resp);
}
