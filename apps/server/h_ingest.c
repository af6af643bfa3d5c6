/* h_ingest.c -- POST /api/v1/ingest: add pages to the archive.
**
** Writes need the token (checked in server.c before the body is read,
** and again here so no path reaches the archive without it). The body is
** one page (HTML or text) or a WARC / JSON Lines batch; ingests are
** serialised by ctx->write_mu, each on its own writable handle that is
** closed (batch committed) before the answer, so a SIGTERM after the
** answer never loses it and one during it waits for it (server.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srv.h"

static int stats_json(srv_resp *resp, const hoso_ingest_stats *st) {
  hoso_json w;
  hoso__json_init(&w, &resp->body);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "seen");
  hoso__json_int(&w, (int64_t)st->seen);
  hoso__json_key(&w, "added");
  hoso__json_int(&w, (int64_t)st->added);
  hoso__json_key(&w, "duplicates");
  hoso__json_int(&w, (int64_t)st->duplicates);
  hoso__json_key(&w, "failed");
  hoso__json_int(&w, (int64_t)st->failed);
  hoso__json_key(&w, "stories");
  hoso__json_int(&w, (int64_t)st->stories);
  hoso__json_key(&w, "bytes");
  hoso__json_int(&w, (int64_t)st->bytes);
  hoso__json_obj_end(&w);
  if (w.rc) return srv_resp_error(resp, 503, "out of memory");
  resp->status = 200;
  return 0;
}

/* Batches go through a private temporary file so the library's format
** sniffing (WARC, gzip, JSON Lines) applies exactly as on the CLI. */
static int ingest_batch(hoso_ingest *ing, const srv_req *req,
                        const char *suffix, hoso_error *err) {
  char tmpl[4096];
  const char *dir = getenv("TMPDIR");
  snprintf(tmpl, sizeof(tmpl), "%s/hoso-ingest-XXXXXX%s",
           dir && *dir ? dir : "/tmp", suffix);
  int fd = mkstemps(tmpl, (int)strlen(suffix));
  if (fd < 0) return hoso__err(err, HOSO_EIO, "cannot make a temporary file");
  size_t off = 0;
  while (off < req->body_n) {
    ssize_t w = write(fd, req->body + off, req->body_n - off);
    if (w <= 0) {
      close(fd);
      unlink(tmpl);
      return hoso__err(err, HOSO_EIO, "cannot write a temporary file");
    }
    off += (size_t)w;
  }
  close(fd);
  int rc = hoso_ingest_path(ing, tmpl, err);
  unlink(tmpl);
  return rc;
}

int srv_h_ingest(srv_ctx *ctx, const srv_req *req, const char *arg,
                 size_t arg_n, srv_resp *resp) {
  static const char *const allowed[] = {"format", "url", "outlet",
                                        "published", "lang", NULL};
  if (!srv_auth_ok(ctx, req->auth))
    return srv_resp_error(resp, 401, "missing or wrong token");
  if (!srv_params_allowed(req, allowed, resp)) return 0;
  if (!ctx->pool) return srv_resp_error(resp, 503, "archive not available");
  if (!req->body || req->body_n == 0)
    return srv_resp_error(resp, 400, "empty body: send the page as the body");
  const char *format = srv_param_get(req, "format", NULL);
  if (!format || !*format) format = "html";
  const char *suffix = NULL;
  int is_text = 0;
  if (!strcmp(format, "warc")) suffix = ".warc";
  else if (!strcmp(format, "warc.gz")) suffix = ".warc.gz";
  else if (!strcmp(format, "jsonl")) suffix = ".jsonl";
  else if (!strcmp(format, "text")) is_text = 1;
  else if (strcmp(format, "html"))
    return srv_resp_error(resp, 400, "parameter 'format' must be html, text, "
                          "warc, warc.gz or jsonl");
  const char *lang = srv_param_get(req, "lang", NULL);
  if (lang && *lang && strcmp(lang, "vi") && strcmp(lang, "ru") &&
      strcmp(lang, "en"))
    return srv_resp_error(resp, 400, "parameter 'lang' must be vi, ru or en");
  hoso_error err;
  hoso_error_clear(&err);
  hoso_ingest_stats st;
  memset(&st, 0, sizeof(st));
  pthread_mutex_lock(&ctx->write_mu);
  hoso_archive *a = NULL;
  hoso_ingest *ing = NULL;
  int rc = hoso_archive_open(srv_pool_path(ctx->pool), 0, &a, &err);
  if (rc == HOSO_OK) {
    hoso_ingest_options opt;
    memset(&opt, 0, sizeof(opt));
    opt.threads = 1; /* leave the cores to the readers */
    rc = hoso_ingest_open(a, &opt, &ing, &err);
  }
  if (rc == HOSO_OK) {
    if (suffix) {
      rc = ingest_batch(ing, req, suffix, &err);
    } else {
      hoso_document doc;
      memset(&doc, 0, sizeof(doc));
      doc.data = req->body;
      doc.n = req->body_n;
      doc.url = srv_param_get(req, "url", NULL);
      doc.outlet = srv_param_get(req, "outlet", NULL);
      doc.published = srv_param_get(req, "published", NULL);
      doc.lang = lang && *lang ? lang : NULL;
      doc.origin = "POST /api/v1/ingest";
      doc.is_text = is_text;
      rc = hoso_ingest_document(ing, &doc, &err);
    }
  }
  if (rc == HOSO_OK) rc = hoso_ingest_finish(ing, &st, &err);
  hoso_ingest_close(ing);
  hoso_archive_close(a);
  pthread_mutex_unlock(&ctx->write_mu);
  if (rc != HOSO_OK) return srv_json_result(resp, rc, NULL, 0, &err);
  return stats_json(resp, &st);
}
