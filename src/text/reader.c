/* reader.c -- streaming line reader with a bound on memory (see text.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define READ_CHUNK 65536

struct hoso_reader {
  FILE *f;
  int is_stdin, eof, first;
  char *buf;
  size_t cap, pos, len; /* live bytes are buf[pos..len) */
  size_t base;          /* file offset of buf[0] */
  size_t max_unit;
  char name[HOSO_ERROR_FILE_MAX];
};

int hoso__reader_open(const char *path, size_t max_unit, hoso_reader **out,
                      hoso_error *err) {
  *out = NULL;
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f;
  int rc = hoso__open_read(path, &f, err);
  if (rc) return rc;
  hoso_reader *r = calloc(1, sizeof(*r));
  if (max_unit == 0) max_unit = 1u << 20;
  if (r) {
    r->cap = max_unit + READ_CHUNK;
    r->buf = malloc(r->cap);
  }
  if (!r || !r->buf) {
    if (r) free(r);
    if (!is_stdin) fclose(f);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  r->f = f;
  r->is_stdin = is_stdin;
  r->first = 1;
  r->max_unit = max_unit;
  snprintf(r->name, sizeof(r->name), "%s", is_stdin ? "<stdin>" : path);
  *out = r;
  return HOSO_OK;
}

void hoso__reader_close(hoso_reader *r) {
  if (!r) return;
  if (!r->is_stdin && r->f) fclose(r->f);
  free(r->buf);
  free(r);
}

static int fill(hoso_reader *r, hoso_error *err) {
  if (r->pos > 0) { /* compact */
    memmove(r->buf, r->buf + r->pos, r->len - r->pos);
    r->base += r->pos;
    r->len -= r->pos;
    r->pos = 0;
  }
  size_t room = r->cap - r->len;
  size_t got = fread(r->buf + r->len, 1, room, r->f);
  r->len += got;
  if (got < room) {
    if (ferror(r->f)) {
      hoso__err_file(err, r->name);
      return hoso__err_at(err, HOSO_EIO, r->base + r->len, "read failed: %s",
                          strerror(errno));
    }
    r->eof = 1;
  }
  if (r->first && r->len >= 2) {
    unsigned char a = (unsigned char)r->buf[0], b = (unsigned char)r->buf[1];
    if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
      hoso__err_file(err, r->name);
      return hoso__err_at(err, HOSO_EFORMAT, 0,
                          "UTF-16%s text (byte order mark %02X %02X): hoso "
                          "reads UTF-8; convert first, e.g. iconv -f UTF-16 "
                          "-t UTF-8",
                          a == 0xFF ? "LE" : "BE", a, b);
    }
  }
  if (r->len >= 2 || r->eof) r->first = 0;
  return HOSO_OK;
}

int hoso__reader_next(hoso_reader *r, const char **p, size_t *n, size_t *off,
                      hoso_error *err) {
  for (;;) {
    size_t avail = r->len - r->pos;
    const char *s = r->buf + r->pos;
    size_t lim = avail < r->max_unit ? avail : r->max_unit;
    const char *nl = memchr(s, '\n', lim);
    size_t take = 0;
    if (nl) {
      take = (size_t)(nl - s) + 1;
    } else if (avail > r->max_unit) {
      /* an over-long line: cut at white space, else a char boundary */
      size_t k = r->max_unit;
      while (k > r->max_unit / 2 && s[k - 1] != ' ' && s[k - 1] != '\t') k--;
      if (k <= r->max_unit / 2) {
        k = r->max_unit;
        int back = 0;
        while (back < 3 && ((unsigned char)s[k] & 0xC0) == 0x80) {
          k--;
          back++;
        }
      }
      take = k;
    } else if (r->eof) {
      take = avail;
      if (!take) return 0;
    } else {
      int rc = fill(r, err);
      if (rc) return rc;
      continue;
    }
    *p = s;
    *n = take;
    *off = r->base + r->pos;
    r->pos += take;
    return 1;
  }
}
