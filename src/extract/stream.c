/* stream.c -- hoso_extract_file(): one file, many articles. The file is
** read through zlib's gzread, which passes plain files through and
** inflates .gz ones, so memory stays bounded: WARC records are read one
** at a time (warc.c), JSON Lines one line at a time; a single document
** is read up to opts->max_input bytes. Offsets in errors are into the
** uncompressed stream. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jsonl.h"
#include "extract.h"
#include "stream.h"

#define DEFAULT_MAX_INPUT ((size_t)64 << 20)

int hoso__rd_fill(hx_reader *r) {
  if (r->eof) return 0;
  if (r->pos > 0 && r->pos < r->len) {
    memmove(r->buf, r->buf + r->pos, r->len - r->pos);
    r->len -= r->pos;
  } else if (r->pos >= r->len) {
    r->len = 0;
  }
  r->base += r->pos;
  r->pos = 0;
  if (r->len == sizeof(r->buf)) return 1;
  if (r->back_pos < r->back.n) { /* given-back bytes first */
    size_t take = r->back.n - r->back_pos;
    if (take > sizeof(r->buf) - r->len) take = sizeof(r->buf) - r->len;
    memcpy(r->buf + r->len, r->back.p + r->back_pos, take);
    r->len += take;
    r->back_pos += take;
    if (r->back_pos == r->back.n) {
      hoso__buf_free(&r->back);
      r->back_pos = 0;
    }
    return 1;
  }
  int got = gzread(r->gz, r->buf + r->len, (unsigned)(sizeof(r->buf) - r->len));
  if (got < 0) {
    int e;
    const char *m = gzerror(r->gz, &e);
    r->error = m ? m : "read error";
    r->eof = 1;
    return 0;
  }
  if (got == 0) {
    r->eof = 1;
    return r->len > 0;
  }
  r->len += (size_t)got;
  return 1;
}

size_t hoso__rd_peek(hx_reader *r, size_t want) {
  if (want > sizeof(r->buf)) want = sizeof(r->buf);
  while (r->len - r->pos < want) {
    size_t had = r->len - r->pos;
    if (!hoso__rd_fill(r) || r->len - r->pos == had) break;
  }
  return r->len - r->pos;
}

int hoso__rd_unread(hx_reader *r, const char *p, size_t n) {
  if (n == 0) return HOSO_OK;
  /* new back = p + what is still buffered + the old back's rest */
  hoso_buf nb;
  hoso__buf_init(&nb, 0);
  int rc = hoso__buf_reserve(&nb, n + (r->len - r->pos) + (r->back.n - r->back_pos));
  if (!rc) rc = hoso__buf_add(&nb, p, n);
  if (!rc) rc = hoso__buf_add(&nb, r->buf + r->pos, r->len - r->pos);
  if (!rc && r->back.n > r->back_pos)
    rc = hoso__buf_add(&nb, r->back.p + r->back_pos, r->back.n - r->back_pos);
  if (rc) {
    hoso__buf_free(&nb);
    return rc;
  }
  hoso__buf_free(&r->back);
  r->back = nb;
  r->back_pos = 0;
  r->base = r->base + r->pos - n; /* offset of the next byte to read */
  r->pos = r->len = 0;
  r->eof = 0;
  return HOSO_OK;
}

void hoso__rd_free(hx_reader *r) {
  hoso__buf_free(&r->back);
  r->back_pos = 0;
}

int hoso__rd_line(hx_reader *r, hoso_buf *line, size_t max) {
  hoso__buf_reset(line);
  for (;;) {
    if (r->pos >= r->len && !hoso__rd_fill(r)) return line->n > 0 ? 1 : 0;
    char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
    size_t take = nl ? (size_t)(nl - (r->buf + r->pos)) + 1 : r->len - r->pos;
    if (line->n + take > max) {
      /* too long: consume up to the newline and report */
      r->pos += take;
      if (nl) return -1;
      continue;
    }
    if (hoso__buf_add(line, r->buf + r->pos, take)) return -2;
    r->pos += take;
    if (nl) return 1;
  }
}

int hoso__rd_read(hx_reader *r, hoso_buf *out, size_t n) {
  while (n > 0) {
    if (r->pos >= r->len && !hoso__rd_fill(r)) return 0;
    size_t take = r->len - r->pos < n ? r->len - r->pos : n;
    if (out && hoso__buf_add(out, r->buf + r->pos, take)) return -2;
    r->pos += take;
    n -= take;
  }
  return 1;
}

static int one_document(hx_reader *r, const hoso_extract_opts *opts,
                        const char *path, hoso_article_fn fn, void *ctx) {
  size_t max = opts->max_input ? opts->max_input : DEFAULT_MAX_INPUT;
  hoso_buf b;
  hoso__buf_init(&b, max);
  hoso_error e;
  hoso_error_clear(&e);
  for (;;) {
    if (r->pos >= r->len && !hoso__rd_fill(r)) break;
    if (hoso__buf_add(&b, r->buf + r->pos, r->len - r->pos)) {
      hoso__buf_free(&b);
      hoso__err_at(&e, HOSO_ETOOBIG, max, "document over the limit of %zu bytes", max);
      hoso__err_file(&e, path);
      return fn(ctx, NULL, &e);
    }
    r->pos = r->len;
  }
  if (r->error) {
    hoso__buf_free(&b);
    hoso__err_at(&e, HOSO_EFORMAT, r->base + r->pos, "read failed: %s", r->error);
    hoso__err_file(&e, path);
    return fn(ctx, NULL, &e);
  }
  hoso_article_rec *a = NULL;
  int rc = hoso_extract(b.p ? b.p : "", b.n, opts, &a, &e);
  hoso__buf_free(&b);
  if (rc) {
    hoso__err_file(&e, path);
    return fn(ctx, NULL, &e);
  }
  return fn(ctx, a, NULL);
}

static int jsonl(hx_reader *r, const hoso_extract_opts *opts, const char *path,
                 hoso_article_fn fn, void *ctx) {
  size_t max = opts->max_input ? opts->max_input : DEFAULT_MAX_INPUT;
  hoso_buf line;
  hoso__buf_init(&line, 0);
  hoso_jsonl rec; /* one record, reused line after line */
  hoso__jsonl_init(&rec);
  int stop = 0;
  while (!stop) {
    size_t at = r->base + r->pos;
    int got = hoso__rd_line(r, &line, max * 2);
    if (got == 0) break;
    hoso_error e;
    hoso_error_clear(&e);
    if (got < 0) {
      hoso__err_at(&e, got == -1 ? HOSO_ETOOBIG : HOSO_ENOMEM, at,
                   got == -1 ? "JSON line over the limit" : "out of memory");
      hoso__err_file(&e, path);
      stop = fn(ctx, NULL, &e);
      continue;
    }
    size_t k = 0;
    while (k < line.n && (line.p[k] == ' ' || line.p[k] == '\t' || line.p[k] == '\r' ||
                          line.p[k] == '\n'))
      k++;
    if (k == line.n) continue;
    const char *html = NULL, *text = NULL, *url = NULL;
    size_t hl = 0, tl = 0;
    if (hoso__jsonl_parse(&rec, line.p, line.n, &e) == HOSO_OK) {
      html = hoso__jsonl_get(&rec, "html", &hl);
      text = hoso__jsonl_get(&rec, "text", &tl);
      url = hoso__jsonl_get(&rec, "url", NULL);
      if (!html && !text)
        hoso__err_at(&e, HOSO_EFORMAT, 0, "JSON line has no \"html\" or \"text\" string");
    }
    if (!html && !text) {
      if (e.has_offset) e.offset += at;
      hoso__err_file(&e, path);
      stop = fn(ctx, NULL, &e);
      continue;
    }
    hoso_extract_opts o2 = *opts;
    o2.url = url ? url : opts->url;
    o2.format = html ? HOSO_FORMAT_HTML : HOSO_FORMAT_TEXT;
    hoso_article_rec *a = NULL;
    int rc = hoso_extract(html ? html : text, html ? hl : tl, &o2, &a, &e);
    if (rc) {
      if (!e.has_offset) {
        e.has_offset = 1;
        e.offset = at;
      } else {
        e.offset += at;
      }
      hoso__err_file(&e, path);
      stop = fn(ctx, NULL, &e);
      continue;
    }
    a->input_offset = at;
    a->format = "jsonl";
    stop = fn(ctx, a, NULL);
  }
  hoso__jsonl_free(&rec);
  hoso__buf_free(&line);
  return stop;
}

int hoso_extract_file(const char *path, const hoso_extract_opts *opts,
                      hoso_article_fn fn, void *ctx, hoso_error *err) {
  hoso_extract_opts dflt;
  memset(&dflt, 0, sizeof(dflt));
  if (!opts) opts = &dflt;
  if (!path || !fn) return hoso__err(err, HOSO_EARG, "extract: bad argument");
  int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    hoso__err(err, HOSO_EIO, "cannot open: %m");
    hoso__err_file(err, path);
    return HOSO_EIO;
  }
  hx_reader *r = calloc(1, sizeof(*r));
  if (!r) {
    close(fd);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  r->gz = gzdopen(fd, "rb");
  if (!r->gz) {
    close(fd);
    free(r);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  gzbuffer(r->gz, 1 << 16);
  hoso__rd_fill(r);
  if (r->error) {
    hoso__err(err, HOSO_EIO, "cannot read: %s", r->error);
    hoso__err_file(err, path);
    gzclose(r->gz);
    free(r);
    return HOSO_EIO;
  }
  size_t k = 0;
  while (k < r->len && (r->buf[k] == ' ' || r->buf[k] == '\n' || r->buf[k] == '\r' ||
                        r->buf[k] == '\t'))
    k++;
  int rc;
  int fmt = opts->format;
  if (fmt == HOSO_FORMAT_AUTO) {
    if (r->len - k >= 5 && memcmp(r->buf + k, "WARC/", 5) == 0) fmt = HOSO_FORMAT_WARC;
    else if (k < r->len && r->buf[k] == '{') fmt = HOSO_FORMAT_JSONL;
  }
  if (fmt == HOSO_FORMAT_WARC) rc = hoso__warc_each(r, opts, path, fn, ctx);
  else if (fmt == HOSO_FORMAT_JSONL) rc = jsonl(r, opts, path, fn, ctx);
  else rc = one_document(r, opts, path, fn, ctx);
  gzclose(r->gz);
  hoso__rd_free(r);
  free(r);
  return rc;
}
