/* req.c -- parse a raw HTTP request target into a decoded path and query
** parameters, under explicit limits. No sockets: fuzzed by fuzz_http.c. */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

void srv_limits_default(srv_limits *lim) {
  lim->max_target = 8192;
  lim->max_params = 32;
  lim->max_param_value = 2048;
  lim->max_body = 16u << 20;
  lim->max_header = 32u << 10;
  lim->max_results = 100;
  lim->timeout_s = 15;
  lim->max_conns = 256;
}

int srv_method_from(const char *name) {
  if (!name) return SRV_OTHER;
  if (!strcmp(name, "GET")) return SRV_GET;
  if (!strcmp(name, "HEAD")) return SRV_HEAD;
  if (!strcmp(name, "POST")) return SRV_POST;
  return SRV_OTHER;
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decode s[0..n) into out (room for n+1); returns the decoded length or
** -1 on a bad escape (offset of it in *bad). NUL bytes are refused: no
** decoded string may hide a terminator. */
static long decode(const char *s, size_t n, int plus_space, char *out,
                   size_t *bad) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '%') {
      int h, l;
      if (i + 2 >= n) { /* fewer than two hex digits left */
        *bad = i;
        return -1;
      }
      h = hexval((unsigned char)s[i + 1]);
      l = hexval((unsigned char)s[i + 2]);
      if (h < 0 || l < 0 || (h == 0 && l == 0)) {
        *bad = i;
        return -1;
      }
      out[o++] = (char)(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus_space) {
      out[o++] = ' ';
    } else if (c == 0 || c < 0x20 || c == 0x7f) {
      *bad = i;
      return -1;
    } else {
      out[o++] = (char)c;
    }
  }
  out[o] = 0;
  return (long)o;
}

int srv_req_parse(srv_req *req, const char *t, size_t n,
                  const srv_limits *lim, hoso_error *err) {
  memset(req, 0, sizeof(*req));
  req->target = t;
  req->target_n = n;
  if (n > lim->max_target)
    return hoso__err(err, HOSO_ETOOBIG, "request target is %zu bytes, limit %zu",
                     n, lim->max_target), 414;
  if (n == 0 || t[0] != '/')
    return hoso__err_at(err, HOSO_EFORMAT, 0,
                        "request target must start with '/'"), 400;
  size_t qpos = n;
  for (size_t i = 0; i < n; i++)
    if (t[i] == '?' || t[i] == '#') {
      qpos = i;
      break;
    }
  /* Every decoded string is no longer than its source; one NUL each. */
  size_t room = n + 2 * (SRV_MAX_PARAMS_HARD + 1) + 2;
  req->store = malloc(room);
  if (!req->store)
    return hoso__err(err, HOSO_ENOMEM, "out of memory"), 503;
  char *w = req->store;
  size_t bad = 0;
  long pn = decode(t, qpos, 0, w, &bad);
  if (pn < 0)
    return hoso__err_at(err, HOSO_EFORMAT, bad, "bad percent-encoding in path"),
           400;
  req->path = w;
  req->path_n = (size_t)pn;
  w += pn + 1;
  if (qpos < n && t[qpos] == '#') return 0; /* fragment: no query */
  size_t i = qpos + 1;
  size_t max_params = lim->max_params < SRV_MAX_PARAMS_HARD
                          ? lim->max_params
                          : SRV_MAX_PARAMS_HARD;
  while (i < n) {
    size_t end = i;
    while (end < n && t[end] != '&' && t[end] != '#') end++;
    if (end > i) {
      if (req->nparams >= max_params)
        return hoso__err_at(err, HOSO_ETOOBIG, i,
                            "more than %zu query parameters", max_params),
               400;
      size_t eq = i;
      while (eq < end && t[eq] != '=') eq++;
      srv_param *p = &req->params[req->nparams];
      long kn = decode(t + i, eq - i, 1, w, &bad);
      if (kn < 0)
        return hoso__err_at(err, HOSO_EFORMAT, i + bad,
                            "bad percent-encoding in query"), 400;
      p->key = w;
      p->key_n = (size_t)kn;
      w += kn + 1;
      size_t vs = eq < end ? eq + 1 : end;
      long vn = decode(t + vs, end - vs, 1, w, &bad);
      if (vn < 0)
        return hoso__err_at(err, HOSO_EFORMAT, vs + bad,
                            "bad percent-encoding in query"), 400;
      if ((size_t)vn > lim->max_param_value)
        return hoso__err_at(err, HOSO_ETOOBIG, vs,
                            "query parameter '%s' is %ld bytes, limit %zu",
                            p->key, vn, lim->max_param_value), 400;
      p->val = w;
      p->val_n = (size_t)vn;
      w += vn + 1;
      req->nparams++;
    }
    if (end < n && t[end] == '#') break;
    i = end + 1;
  }
  return 0;
}

void srv_req_free(srv_req *req) {
  if (!req) return;
  free(req->store);
  req->store = NULL;
}

const char *srv_param_get(const srv_req *req, const char *key, size_t *n) {
  for (size_t i = 0; i < req->nparams; i++)
    if (!strcmp(req->params[i].key, key)) {
      if (n) *n = req->params[i].val_n;
      return req->params[i].val;
    }
  if (n) *n = 0;
  return NULL;
}
