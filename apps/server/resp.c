/* resp.c -- response objects and the JSON error shape. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "srv.h"

/* Responses are small JSON documents or pages; the cap only stops a bug
** from eating memory. Export streams and never uses this buffer. */
#define SRV_RESP_MAX ((size_t)64 << 20)

void srv_resp_init(srv_resp *r) {
  r->status = 200;
  r->ctype = "application/json; charset=utf-8";
  r->cache = "no-store";
  r->disposition = NULL;
  hoso__buf_init(&r->body, SRV_RESP_MAX);
  r->fd = -1;
  r->fd_size = 0;
  r->stream = NULL;
  r->stream_cls = NULL;
  r->stream_free = NULL;
}

void srv_resp_free(srv_resp *r) {
  if (!r) return;
  hoso__buf_free(&r->body);
  if (r->fd >= 0) close(r->fd);
  r->fd = -1;
  if (r->stream_free && r->stream_cls) r->stream_free(r->stream_cls);
  r->stream_cls = NULL;
  r->stream = NULL;
}

int srv_resp_error(srv_resp *r, int status, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  hoso__buf_reset(&r->body);
  r->status = status;
  r->ctype = "application/json; charset=utf-8";
  r->cache = "no-store";
  hoso_json w;
  hoso__json_init(&w, &r->body);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "error");
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "status");
  hoso__json_int(&w, status);
  hoso__json_key(&w, "message");
  hoso__json_str(&w, msg);
  hoso__json_obj_end(&w);
  hoso__json_obj_end(&w);
  if (w.rc) { /* cannot even say why: an empty 500/503 body */
    hoso__buf_reset(&r->body);
    r->status = 503;
  }
  return 0;
}

int srv_http_status(int code) {
  switch (code) {
  case HOSO_OK: return 200;
  case HOSO_ENOTFOUND: return 404;
  case HOSO_EARG: case HOSO_EQUERY: case HOSO_EUTF8: case HOSO_EFORMAT:
    return 400;
  case HOSO_ETOOBIG: return 413;
  case HOSO_ENOMEM: return 503;
  default: return 500;
  }
}
