/* warc.c -- WARC 1.0/1.1 records (ISO 28500), one at a time.
**
** For each record: the header block (lines up to an empty line), then
** Content-Length bytes of payload. "response" records with an HTTP
** payload are split into HTTP headers (charset from Content-Type,
** chunked transfer coding and gzip content coding undone) and the body,
** which goes to hoso_extract(); "resource" records are extracted as
** they are; other types (request, metadata, warcinfo, ...) are skipped.
** A record whose header is broken, whose length is missing or too big,
** or which is cut short is reported to the callback with its byte
** offset and reason, and reading resumes at the next "WARC/" line.
**
** A Content-Length can also be wrong yet plausible. So every record must
** end where its header says: the payload is followed by the "\r\n\r\n"
** trailer (a bare "\n\n" is tolerated), optional blank lines, and then
** the next "WARC/" version line or the end of the stream. A record that
** does not is reported (its offset, "does not end where its
** Content-Length says") and not extracted; reading resynchronises on the
** first "WARC/1." line inside the bytes that record swallowed (given
** back to the reader) or, when the length was too short, on the next
** "WARC/1." line after it. So one bad length costs one record, not the
** rest of the file.
** Memory: one record payload at most (bounded by opts->max_input).
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect.h"
#include "stream.h"

#define DEFAULT_MAX_INPUT ((size_t)64 << 20)
#define MAX_HEADER_LINE 65536

static void trim(char *s, size_t *n) {
  while (*n > 0 && (s[*n - 1] == '\r' || s[*n - 1] == '\n' || s[*n - 1] == ' '))
    s[--*n] = '\0';
}

static const char *header_value(const char *line, const char *name) {
  size_t l = strlen(name);
  if (strncasecmp(line, name, l) != 0 || line[l] != ':') return NULL;
  line += l + 1;
  while (*line == ' ' || *line == '\t') line++;
  return line;
}

static int report(hoso_article_fn fn, void *ctx, const char *path, size_t at,
                  int code, const char *why) {
  hoso_error e;
  hoso_error_clear(&e);
  hoso__err_at(&e, code, at, "WARC record: %s", why);
  hoso__err_file(&e, path);
  return fn(ctx, NULL, &e);
}

/* Skip to the next line that starts a record ("WARC/1."). Returns 1
** found (the line is in line), 0 at end. */
static int resync(hx_reader *r, hoso_buf *line) {
  for (;;) {
    int got = hoso__rd_line(r, line, MAX_HEADER_LINE);
    if (got == 0) return 0;
    if (got < 0) continue;
    if (line->n >= 7 && memcmp(line->p, "WARC/1.", 7) == 0) return 1;
  }
}

/* Does the record end here: trailer, blank lines, then "WARC/" or the
** end of the stream? */
static int record_ends_here(hx_reader *r) {
  size_t avail = hoso__rd_peek(r, 4096);
  const char *p = r->buf + r->pos;
  if (avail == 0) return 1; /* the last record, its trailer cut: content is whole */
  size_t k;
  if (avail >= 4 && memcmp(p, "\r\n\r\n", 4) == 0) k = 4;
  else if (avail >= 2 && memcmp(p, "\n\n", 2) == 0) k = 2;
  else if (r->eof && avail <= 2 && (p[0] == '\r' || p[0] == '\n')) return 1;
  else return 0;
  while (k < avail && (p[k] == '\r' || p[k] == '\n')) k++;
  if (k == avail) return 1; /* only blank lines follow (to the end or 4 KiB) */
  return avail - k >= 5 && memcmp(p + k, "WARC/", 5) == 0;
}

/* Offset of the first "WARC/1." at a line start in p[0..n), or n. */
static size_t next_record_in(const char *p, size_t n) {
  size_t i = 0;
  while (i + 7 <= n) {
    const char *w = memmem(p + i, n - i, "WARC/1.", 7);
    if (!w) break;
    size_t k = (size_t)(w - p);
    if (k == 0 || p[k - 1] == '\n') return k;
    i = k + 1;
  }
  return n;
}

/* Undo chunked transfer coding in place; returns the new length. */
static size_t dechunk(char *p, size_t n) {
  size_t in = 0, out = 0;
  while (in < n) {
    size_t sz = 0;
    int digits = 0;
    while (in < n) {
      char c = p[in];
      int v = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (v < 0) break;
      if (sz > (SIZE_MAX >> 5)) return out;
      sz = sz * 16 + (size_t)v;
      digits++;
      in++;
    }
    if (!digits) break;
    while (in < n && p[in] != '\n') in++;
    in++;
    if (sz == 0 || in >= n) break;
    if (sz > n - in) sz = n - in;
    memmove(p + out, p + in, sz);
    out += sz;
    in += sz;
    while (in < n && (p[in] == '\r' || p[in] == '\n')) in++;
  }
  return out;
}

static int handle_http(const char *p, size_t n, const char *uri, size_t at,
                       const hoso_extract_opts *opts, const char *path,
                       hoso_article_fn fn, void *ctx, size_t max) {
  /* status line + headers */
  const char *end = memmem(p, n, "\r\n\r\n", 4);
  size_t hdr_len = end ? (size_t)(end - p) + 4 : 0;
  if (!end) {
    end = memmem(p, n, "\n\n", 2);
    hdr_len = end ? (size_t)(end - p) + 2 : 0;
  }
  if (!end || n < 12 || strncmp(p, "HTTP/", 5) != 0)
    return report(fn, ctx, path, at, HOSO_EFORMAT, "response without HTTP headers");
  int status = atoi(p + 9);
  char charset[64] = "";
  int chunked = 0, gz = 0, html = 1;
  const char *h = p;
  while (h < p + hdr_len) {
    const char *e = memchr(h, '\n', (size_t)(p + hdr_len - h));
    if (!e) break;
    char line[1024];
    size_t l = (size_t)(e - h) < sizeof(line) - 1 ? (size_t)(e - h) : sizeof(line) - 1;
    memcpy(line, h, l);
    line[l] = '\0';
    trim(line, &l);
    const char *v;
    if ((v = header_value(line, "Content-Type"))) {
      const char *cs = strcasestr(v, "charset=");
      if (cs) {
        cs += 8;
        size_t k = 0;
        while (cs[k] && cs[k] != ';' && cs[k] != ' ' && k < sizeof(charset) - 1) {
          charset[k] = cs[k] == '"' ? ' ' : cs[k];
          k++;
        }
        charset[k] = '\0';
      }
      html = strcasestr(v, "html") != NULL || strcasestr(v, "xml") != NULL;
      if (!html && !strcasestr(v, "text/plain")) html = -1;
    } else if ((v = header_value(line, "Transfer-Encoding"))) {
      chunked = strcasestr(v, "chunked") != NULL;
    } else if ((v = header_value(line, "Content-Encoding"))) {
      gz = strcasestr(v, "gzip") != NULL || strcasestr(v, "deflate") != NULL;
    }
    h = e + 1;
  }
  if (status < 200 || status >= 300 || html < 0) return 0; /* not a page */
  size_t bn = n - hdr_len;
  char *body = malloc(bn + 1);
  if (!body) return report(fn, ctx, path, at, HOSO_ENOMEM, "out of memory");
  memcpy(body, p + hdr_len, bn);
  body[bn] = '\0';
  if (chunked) bn = dechunk(body, bn);
  char *gun = NULL;
  size_t gun_n = 0;
  hoso_error e;
  hoso_error_clear(&e);
  if (gz && hoso__is_gzip(body, bn)) {
    if (hoso__gunzip(body, bn, max, &gun, &gun_n, &e)) {
      free(body);
      return report(fn, ctx, path, at, e.code, e.message);
    }
  }
  hoso_extract_opts o2 = *opts;
  o2.url = uri && *uri ? uri : opts->url;
  if (charset[0] && !o2.charset) o2.charset = charset;
  o2.format = html ? HOSO_FORMAT_HTML : HOSO_FORMAT_TEXT;
  hoso_article_rec *a = NULL;
  int rc = hoso_extract(gun ? gun : body, gun ? gun_n : bn, &o2, &a, &e);
  free(body);
  free(gun);
  if (rc) return report(fn, ctx, path, at, rc, e.message);
  a->input_offset = at;
  a->format = "warc";
  return fn(ctx, a, NULL);
}

int hoso__warc_each(hx_reader *r, const hoso_extract_opts *opts,
                    const char *path, hoso_article_fn fn, void *ctx) {
  size_t max = opts->max_input ? opts->max_input : DEFAULT_MAX_INPUT;
  hoso_buf line, payload;
  hoso__buf_init(&line, 0);
  hoso__buf_init(&payload, max);
  int stop = 0;
  int have_line = 0;
  char type[64], uri[2048];
  while (!stop) {
    size_t at = r->base + r->pos;
    if (!have_line) {
      int got = hoso__rd_line(r, &line, MAX_HEADER_LINE);
      if (got == 0) break;
      if (got < 0 || line.n < 5 || memcmp(line.p, "WARC/", 5) != 0) {
        size_t l = line.n;
        trim(line.p ? line.p : (char *)"", &l);
        if (got > 0 && l == 0) continue; /* blank lines between records */
        stop = report(fn, ctx, path, at, HOSO_EFORMAT, "expected a \"WARC/\" version line");
        if (!stop && !resync(r, &line)) break;
        at = r->base + r->pos - line.n;
      }
    }
    have_line = 0;
    /* header fields */
    long long clen = -1;
    type[0] = uri[0] = '\0';
    int bad = 0, http = 0;
    for (;;) {
      int got = hoso__rd_line(r, &line, MAX_HEADER_LINE);
      if (got <= 0) {
        bad = got == 0 ? 1 : 2;
        break;
      }
      size_t l = line.n;
      trim(line.p, &l);
      if (l == 0) break;
      const char *v;
      if ((v = header_value(line.p, "Content-Length"))) {
        char *end;
        clen = strtoll(v, &end, 10);
        if (end == v || *end || clen < 0) clen = -2;
      } else if ((v = header_value(line.p, "WARC-Type"))) {
        snprintf(type, sizeof(type), "%s", v);
      } else if ((v = header_value(line.p, "WARC-Target-URI"))) {
        snprintf(uri, sizeof(uri), "%s", v);
        if (uri[0] == '<') { /* WARC 1.0 draft style <uri> */
          memmove(uri, uri + 1, strlen(uri));
          char *gt = strchr(uri, '>');
          if (gt) *gt = '\0';
        }
      } else if ((v = header_value(line.p, "Content-Type"))) {
        http = strcasestr(v, "application/http") != NULL;
      } else if (line.n >= 5 && memcmp(line.p, "WARC/", 5) == 0) {
        bad = 3;
        break;
      }
    }
    if (bad == 1) {
      stop = report(fn, ctx, path, at, HOSO_EFORMAT, "cut short inside the header");
      break;
    }
    if (bad || clen < 0) {
      stop = report(fn, ctx, path, at, HOSO_EFORMAT,
                    bad == 3 ? "header block not terminated (next record began)"
                    : bad == 2 ? "header line too long"
                    : clen == -2 ? "Content-Length is not a number"
                                 : "no Content-Length");
      if (bad == 3) {
        have_line = 1;
        continue;
      }
      if (!stop && !resync(r, &line)) break;
      have_line = 1;
      continue;
    }
    int wanted = strcasecmp(type, "response") == 0 || strcasecmp(type, "resource") == 0;
    if (wanted && (unsigned long long)clen > max) {
      /* too big to extract -- or a corrupt length: find the next record
      ** by its version line rather than trusting the length */
      stop = report(fn, ctx, path, at, HOSO_ETOOBIG, "payload over the size limit");
      if (stop || !resync(r, &line)) break;
      have_line = 1;
      continue;
    }
    int got;
    hoso__buf_reset(&payload);
    if ((unsigned long long)clen > max) /* not wanted and big: skip it */
      got = hoso__rd_read(r, NULL, (size_t)clen);
    else
      got = hoso__rd_read(r, &payload, (size_t)clen);
    if (got < 0) {
      stop = report(fn, ctx, path, at, HOSO_ENOMEM, "out of memory");
      break;
    }
    if (got == 0 || !record_ends_here(r)) {
      char why[160];
      snprintf(why, sizeof(why),
               got == 0 ? "cut short inside the payload (Content-Length %lld)"
                        : "Content-Length %lld is wrong: the record does not end there",
               clen);
      stop = report(fn, ctx, path, at, HOSO_EFORMAT, why);
      if (stop) break;
      /* the length was too long: the next record is inside what it took */
      size_t k = next_record_in(payload.p ? payload.p : "", payload.n);
      if (k < payload.n) {
        if (hoso__rd_unread(r, payload.p + k, payload.n - k)) {
          stop = report(fn, ctx, path, at, HOSO_ENOMEM, "out of memory");
          break;
        }
        continue;
      }
      /* too short (or nothing inside): the next version line after it */
      if (got == 0 || !resync(r, &line)) break;
      have_line = 1;
      continue;
    }
    if (!wanted) continue;
    if (!payload.p && hoso__buf_reserve(&payload, 1)) break;
    if (strcasecmp(type, "response") == 0 && (http || (payload.n > 5 && memcmp(payload.p, "HTTP/", 5) == 0))) {
      stop = handle_http(payload.p, payload.n, uri, at, opts, path, fn, ctx, max);
    } else {
      hoso_extract_opts o2 = *opts;
      o2.url = uri[0] ? uri : opts->url;
      hoso_article_rec *a = NULL;
      hoso_error e;
      hoso_error_clear(&e);
      if (hoso_extract(payload.p, payload.n, &o2, &a, &e)) {
        stop = report(fn, ctx, path, at, e.code, e.message);
      } else {
        a->input_offset = at;
        a->format = "warc";
        stop = fn(ctx, a, NULL);
      }
    }
  }
  hoso__buf_free(&line);
  hoso__buf_free(&payload);
  return stop;
}
