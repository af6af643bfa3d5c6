/* detect.c -- what kind of input is this: gzip, binary junk, HTML, text. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "detect.h"

int hoso__is_gzip(const char *s, size_t n) {
  return n >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b;
}

int hoso__gunzip(const char *s, size_t n, size_t max, char **out,
                 size_t *out_n, hoso_error *err) {
  *out = NULL;
  *out_n = 0;
  if (n > (size_t)UINT32_MAX)
    return hoso__err(err, HOSO_ETOOBIG, "gzip: input over 4 GiB");
  hoso_buf b;
  hoso__buf_init(&b, max);
  z_stream z;
  memset(&z, 0, sizeof(z));
  if (inflateInit2(&z, 15 + 32) != Z_OK)
    return hoso__err(err, HOSO_ENOMEM, "gzip: cannot start inflate");
  z.next_in = (Bytef *)(uintptr_t)s;
  z.avail_in = (uInt)n;
  int rc = HOSO_OK;
  for (;;) {
    if ((rc = hoso__buf_reserve(&b, 65536))) {
      inflateEnd(&z);
      hoso__buf_free(&b);
      if (rc == HOSO_ETOOBIG)
        return hoso__err(err, rc, "gzip: inflated data over the limit of %zu bytes", max);
      return hoso__err(err, rc, "out of memory");
    }
    size_t room = b.cap - b.n - 1;
    if (room > 65536) room = 65536;
    z.next_out = (Bytef *)(b.p + b.n);
    z.avail_out = (uInt)room;
    int zr = inflate(&z, Z_NO_FLUSH);
    b.n += room - z.avail_out;
    b.p[b.n] = '\0';
    if (zr == Z_STREAM_END) {
      if (z.avail_in >= 2 && hoso__is_gzip((const char *)z.next_in, z.avail_in)) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (zr == Z_BUF_ERROR && z.avail_in == 0) break; /* truncated: keep what we have */
    if (zr != Z_OK && zr != Z_BUF_ERROR) {
      size_t at = n - z.avail_in;
      inflateEnd(&z);
      hoso__buf_free(&b);
      return hoso__err_at(err, HOSO_EFORMAT, at, "gzip: corrupt data (%s)",
                          z.msg ? z.msg : "inflate failed");
    }
  }
  inflateEnd(&z);
  *out_n = b.n;
  *out = b.p;
  return HOSO_OK;
}

int hoso__is_binary(const char *s, size_t n) {
  size_t m = n < 8192 ? n : 8192, bad = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0) return 1;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') bad++;
  }
  return m > 0 && bad * 20 > m;
}

int hoso__looks_like_html(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
  if (i >= n || s[i] != '<') return 0;
  /* starts with a tag: "<x...>" or "<!..." */
  if (i + 1 < n && (((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') || s[i + 1] == '!') &&
      memchr(s + i, '>', n - i < 1024 ? n - i : 1024))
    return 1;
  static const char *const tags[] = {"<!doctype", "<html", "<head", "<body",
                                     "<meta", "<title", "<div", "<p>", "<p ",
                                     "<article", "<!--", "<table", "<span",
                                     "<h1", "<h2", "<script", "<link", "<?xml"};
  size_t m = n - i < 4096 ? n - i : 4096;
  for (size_t k = 0; k < m; k++) {
    if (s[i + k] != '<') continue;
    for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
      size_t l = strlen(tags[t]);
      if (m - k >= l && strncasecmp(s + i + k, tags[t], l) == 0) return 1;
    }
  }
  return 0;
}
