/* inputs.c -- hoso_ingest_path: files, folders (recursively, sorted),
** JSON Lines, WARC (plain or gzip, read as streams in bounded memory),
** and standard input (format sniffed). Bad records are queued as
** failures with the file and byte offset; they never stop the run. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "store/ingest_int.h"
#include "base/jsonl.h"

#define LINE_MAX_BYTES (HOSO_INGEST_DOC_MAX + (1u << 20))

/* A buffered gzip-or-plain stream. */
typedef struct src {
  gzFile gz;
  char *buf;
  size_t len, pos, cap;
  uint64_t off; /* stream offset of buf[0] (uncompressed) */
  int eof, err;
} src;

static int src_open(src *s, const char *path) {
  memset(s, 0, sizeof(*s));
  if (!strcmp(path, "-"))
    s->gz = gzdopen(dup(0), "rb");
  else
    s->gz = gzopen(path, "rb");
  if (!s->gz) return -1;
  gzbuffer(s->gz, 1 << 17);
  s->cap = 1 << 17;
  s->buf = malloc(s->cap);
  if (!s->buf) {
    gzclose(s->gz);
    return -1;
  }
  return 0;
}

static void src_close(src *s) {
  if (s->gz) gzclose(s->gz);
  free(s->buf);
  memset(s, 0, sizeof(*s));
}

/* Make at least want bytes available from pos (fewer at end). */
static int src_fill(src *s, size_t want) {
  if (s->len - s->pos >= want || s->eof) return 0;
  if (s->pos > 0) {
    memmove(s->buf, s->buf + s->pos, s->len - s->pos);
    s->off += s->pos;
    s->len -= s->pos;
    s->pos = 0;
  }
  if (want > s->cap) {
    size_t nc = s->cap;
    while (nc < want) nc *= 2;
    char *b = realloc(s->buf, nc);
    if (!b) return HOSO_ENOMEM;
    s->buf = b;
    s->cap = nc;
  }
  while (s->len < want && !s->eof) {
    int got = gzread(s->gz, s->buf + s->len, (unsigned)(s->cap - s->len));
    if (got < 0) {
      s->err = 1;
      s->eof = 1;
      return HOSO_EIO;
    }
    if (got == 0) s->eof = 1;
    s->len += (size_t)got;
  }
  return 0;
}

/* Next line (without \n): 1 found, 0 end. A line longer than max is
** reported via *too_long and skipped. */
static int src_line(src *s, const char **p, size_t *n, uint64_t *off,
                    int *too_long) {
  *too_long = 0;
  size_t scanned = 0;
  for (;;) {
    char *nl = memchr(s->buf + s->pos + scanned, '\n', s->len - s->pos - scanned);
    if (nl) {
      *p = s->buf + s->pos;
      *n = (size_t)(nl - *p);
      *off = s->off + s->pos;
      s->pos += *n + 1;
      if (*n > LINE_MAX_BYTES) { /* read whole by a large buffer: the same limit */
        *too_long = 1;
        *p = NULL;
        *n = 0;
      }
      return 1;
    }
    scanned = s->len - s->pos;
    if (s->eof) {
      if (scanned == 0) return 0;
      *p = s->buf + s->pos;
      *n = scanned;
      *off = s->off + s->pos;
      s->pos = s->len;
      if (*n > LINE_MAX_BYTES) {
        *too_long = 1;
        *p = NULL;
        *n = 0;
      }
      return 1;
    }
    if (scanned > LINE_MAX_BYTES) { /* skip to the next newline */
      *too_long = 1;
      *off = s->off + s->pos;
      for (;;) {
        s->pos = s->len;
        if (src_fill(s, 1 << 16) || s->len == s->pos) { /* it ends the input */
          *p = NULL;
          *n = 0;
          return 1;
        }
        char *e = memchr(s->buf + s->pos, '\n', s->len - s->pos);
        if (e) {
          s->pos = (size_t)(e - s->buf) + 1;
          *p = NULL;
          *n = 0;
          return 1;
        }
      }
    }
    if (src_fill(s, s->len - s->pos + (1 << 16))) return 0;
  }
}

static int fail(hoso_ingest *ing, const char *origin, int64_t off, int code,
                const char *msg, hoso_error *err) {
  return hoso__ingest_fail(ing, origin, off, code, msg, err);
}

/* ---- JSON Lines ---------------------------------------------------- */

static const char *field(const hoso_jsonl *r, const char *const *names) {
  for (int i = 0; names[i]; i++) {
    const char *v = hoso__jsonl_get(r, names[i], NULL);
    if (v && *v) return v;
  }
  return NULL;
}

static int ingest_jsonl(hoso_ingest *ing, src *s, const char *name,
                        hoso_error *err) {
  hoso_jsonl r;
  hoso__jsonl_init(&r);
  const char *line;
  size_t n;
  uint64_t off, lineno = 0;
  int too_long, rc = HOSO_OK;
  char origin[HOSO_ERROR_FILE_MAX + 64];
  static const char *const k_text[] = {"text", "body", "content", NULL};
  static const char *const k_html[] = {"html", "page", NULL};
  static const char *const k_url[] = {"url", "link", NULL};
  static const char *const k_outlet[] = {"source", "outlet", "site", NULL};
  static const char *const k_date[] = {"published", "date", "datetime", NULL};
  static const char *const k_lang[] = {"lang", "language", NULL};
  static const char *const k_id[] = {"id", NULL};
  while (!rc && src_line(s, &line, &n, &off, &too_long)) {
    lineno++;
    if (too_long) {
      snprintf(origin, sizeof(origin), "%s:%llu", name, (unsigned long long)lineno);
      rc = fail(ing, origin, (int64_t)off, HOSO_ETOOBIG, "line too long (over 33 MiB); skipped", err);
      continue;
    }
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ')) n--;
    if (n == 0) continue;
    hoso_error perr;
    hoso_error_clear(&perr);
    int pr = hoso__jsonl_parse(&r, line, n, &perr);
    snprintf(origin, sizeof(origin), "%s:%llu", name, (unsigned long long)lineno);
    if (pr) {
      rc = fail(ing, origin, (int64_t)(off + perr.offset), pr, perr.message, err);
      continue;
    }
    const char *id = field(&r, k_id);
    if (id) {
      size_t l = strlen(origin);
      snprintf(origin + l, sizeof(origin) - l, " (%s)", id);
    }
    hoso_document d;
    memset(&d, 0, sizeof(d));
    const char *text = field(&r, k_text), *html = field(&r, k_html);
    d.is_text = text != NULL;
    d.data = text ? text : html;
    if (!d.data) {
      rc = fail(ing, origin, (int64_t)off, HOSO_EFORMAT,
                "record has no \"text\" or \"html\" field", err);
      continue;
    }
    d.n = strlen(d.data);
    d.url = field(&r, k_url);
    d.outlet = field(&r, k_outlet);
    d.published = field(&r, k_date);
    d.lang = field(&r, k_lang);
    d.origin = origin;
    /* a value is valid UTF-8 without NUL (jsonl.h): not scanned again */
    rc = d.is_text ? hoso__ingest_checked_text(ing, &d, err) : hoso_ingest_document(ing, &d, err);
  }
  if (!rc && s->err) {
    hoso__err_file(err, name);
    rc = fail(ing, name, (int64_t)(s->off + s->pos), HOSO_EIO,
              "read error or truncated gzip stream", err);
  }
  hoso__jsonl_free(&r);
  return rc;
}

/* ---- WARC ------------------------------------------------------------- */

static const char *hdr(const char *h, size_t n, const char *name, size_t *len) {
  size_t nl = strlen(name);
  size_t i = 0;
  while (i < n) {
    size_t e = i;
    while (e < n && h[e] != '\n') e++;
    if (e - i > nl && !strncasecmp(h + i, name, nl) && h[i + nl] == ':') {
      size_t a = i + nl + 1, b = e;
      while (a < b && h[a] == ' ') a++;
      while (b > a && (h[b - 1] == '\r' || h[b - 1] == ' ')) b--;
      *len = b - a;
      return h + a;
    }
    i = e + 1;
  }
  return NULL;
}

/* After a damaged record: move to the next line that starts a record
** header ("WARC/" after a newline), past the current position. Returns 1
** when one was found, 0 at the end of the stream. Bounded memory: the
** buffer is refilled in 64 KB steps, keeping a few bytes of overlap. */
static int warc_resync(src *s) {
  if (s->pos < s->len) s->pos++;
  for (;;) {
    if (src_fill(s, 1 << 16)) return 0;
    const char *h = s->len > s->pos ? memmem(s->buf + s->pos, s->len - s->pos, "\nWARC/", 6)
                                    : NULL;
    if (h) {
      s->pos = (size_t)(h - s->buf) + 1;
      return 1;
    }
    if (s->eof) {
      s->pos = s->len;
      return 0;
    }
    if (s->len - s->pos > 6) s->pos = s->len - 6; /* the tail may hold "\nWARC" */
    if (src_fill(s, s->len - s->pos + (1 << 16))) return 0;
  }
}

/* Content-Length as a number; -1 when missing or not a number. */
static long long warc_length(const char *v, size_t vl) {
  if (!v || vl == 0 || vl > 18) return -1;
  long long n = 0;
  for (size_t i = 0; i < vl; i++) {
    if (v[i] < '0' || v[i] > '9') return -1;
    n = n * 10 + (v[i] - '0');
  }
  return n;
}

/* A damaged record is recorded (origin, byte offset) and the reader moves
** on to the next record header, so one bad record never loses the rest of
** the file. */
static int ingest_warc(hoso_ingest *ing, src *s, const char *name,
                       hoso_error *err) {
  int rc = HOSO_OK;
  uint64_t rec = 0;
  char origin[HOSO_ERROR_FILE_MAX + 64];
  for (;;) {
    /* skip blank lines between records */
    if (src_fill(s, 1 << 16)) break;
    while (s->pos < s->len && (s->buf[s->pos] == '\r' || s->buf[s->pos] == '\n')) {
      s->pos++;
      if (s->pos == s->len && src_fill(s, 1 << 16)) break;
    }
    if (s->pos >= s->len) break;
    uint64_t rec_off = s->off + s->pos;
    rec++;
    snprintf(origin, sizeof(origin), "%s:record %llu", name, (unsigned long long)rec);
    /* header block up to \r\n\r\n */
    if (src_fill(s, 1 << 16)) break;
    size_t avail = s->len - s->pos;
    const char *h = s->buf + s->pos;
    const char *end = NULL;
    for (size_t i = 0; i + 3 < avail; i++)
      if (h[i] == '\r' && h[i + 1] == '\n' && h[i + 2] == '\r' && h[i + 3] == '\n') {
        end = h + i;
        break;
      }
    if (avail < 5 || strncmp(h, "WARC/", 5) || !end) {
      rc = fail(ing, origin, (int64_t)rec_off, HOSO_EFORMAT,
                "not a WARC record header (file damaged?): skipped to the next record",
                err);
      if (rc || !warc_resync(s)) break;
      continue;
    }
    size_t hn = (size_t)(end - h), vl;
    const char *v = hdr(h, hn, "Content-Length", &vl);
    long long len = warc_length(v, v ? vl : 0);
    if (len < 0) {
      rc = fail(ing, origin, (int64_t)rec_off, HOSO_EFORMAT,
                "WARC record without a valid Content-Length: skipped to the next record",
                err);
      if (rc || !warc_resync(s)) break;
      continue;
    }
    unsigned long long clen = (unsigned long long)len;
    char type[32] = "", uri[2048] = "", date[64] = "";
    if ((v = hdr(h, hn, "WARC-Type", &vl))) snprintf(type, sizeof(type), "%.*s", (int)vl, v);
    if ((v = hdr(h, hn, "WARC-Target-URI", &vl)))
      snprintf(uri, sizeof(uri), "%.*s", (int)vl, v);
    if ((v = hdr(h, hn, "WARC-Date", &vl))) snprintf(date, sizeof(date), "%.*s", (int)vl, v);
    s->pos += hn + 4;
    if (clen > HOSO_INGEST_DOC_MAX) {
      rc = fail(ing, origin, (int64_t)rec_off, HOSO_ETOOBIG, "WARC record too large; skipped", err);
      /* skip the block in chunks */
      unsigned long long left = clen;
      while (left && !rc) {
        if (src_fill(s, 1 << 16) || s->pos == s->len) break;
        size_t take = s->len - s->pos < left ? s->len - s->pos : (size_t)left;
        s->pos += take;
        left -= take;
      }
      continue;
    }
    /* the block, and what follows it: the two CRLFs that end a record, or
    ** blank lines and then the next record header or the end. Anything
    ** else means Content-Length is wrong. */
    int fr = src_fill(s, (size_t)clen + 16);
    if (fr == HOSO_ENOMEM) return hoso__err(err, HOSO_ENOMEM, "out of memory reading %s", name);
    size_t after = s->pos + (size_t)clen;
    int fits = !fr && s->len >= after;
    if (fits) {
      size_t k = after, skipped = 0;
      while (k < s->len && skipped < 4 && (s->buf[k] == '\r' || s->buf[k] == '\n')) k++, skipped++;
      fits = (s->len - after >= 4 && !memcmp(s->buf + after, "\r\n\r\n", 4)) ||
             (s->len - after >= 2 && !memcmp(s->buf + after, "\n\n", 2)) ||
             (k == s->len ? s->eof : (s->len - k >= 5 && !strncmp(s->buf + k, "WARC/", 5)));
    }
    if (!fits) {
      rc = fail(ing, origin, (int64_t)rec_off, HOSO_EFORMAT,
                s->len < after ? "WARC record truncated"
                               : "WARC record length does not match its content: "
                                 "skipped to the next record",
                err);
      if (rc || !warc_resync(s)) break;
      continue;
    }
    const char *blk = s->buf + s->pos;
    size_t bn = (size_t)clen;
    s->pos += bn;
    if (strcmp(type, "response") && strcmp(type, "resource") && strcmp(type, "conversion"))
      continue;
    if (!strcmp(type, "response")) { /* strip the HTTP header */
      const char *ct = NULL;
      size_t ctl = 0, i;
      for (i = 0; i + 3 < bn; i++)
        if (blk[i] == '\r' && blk[i + 1] == '\n' && blk[i + 2] == '\r' && blk[i + 3] == '\n')
          break;
      if (i + 3 >= bn) continue;
      ct = hdr(blk, i, "Content-Type", &ctl);
      if (ct && !memmem(ct, ctl, "html", 4) && !memmem(ct, ctl, "text", 4)) continue;
      if (bn >= 12 && strncmp(blk + 9, "200", 3)) continue; /* not a 200 */
      blk += i + 4;
      bn -= i + 4;
    }
    if (bn == 0) continue;
    hoso_document d;
    memset(&d, 0, sizeof(d));
    d.data = blk;
    d.n = bn;
    d.url = *uri ? uri : NULL;
    d.origin = origin;
    d.is_text = !strcmp(type, "conversion");
    (void)date; /* crawl date, not the publication date */
    rc = hoso_ingest_document(ing, &d, err);
    if (rc) break;
  }
  return rc;
}

/* ---- files and folders ------------------------------------------------- */

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcasecmp(s + a - b, suf);
}

static int ingest_file(hoso_ingest *ing, const char *path, hoso_error *err) {
  src s;
  if (src_open(&s, path)) {
    char m[300];
    snprintf(m, sizeof(m), "cannot open: %s", strerror(errno));
    return fail(ing, path, -1, HOSO_EIO, m, err);
  }
  int rc = HOSO_OK;
  src_fill(&s, 8);
  const char *head = s.buf + s.pos;
  size_t hn = s.len - s.pos;
  int is_warc = hn >= 5 && !strncmp(head, "WARC/", 5);
  int is_jsonl = ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz") ||
                 ends_with(path, ".ndjson") ||
                 (!strcmp(path, "-") && hn && head[0] == '{');
  if (is_warc)
    rc = ingest_warc(ing, &s, path, err);
  else if (is_jsonl)
    rc = ingest_jsonl(ing, &s, path, err);
  else {
    /* one page or text: read it whole (bounded) */
    if (src_fill(&s, HOSO_INGEST_DOC_MAX + 1) == 0 && !s.err) {
      if (s.len - s.pos > HOSO_INGEST_DOC_MAX)
        rc = fail(ing, path, -1, HOSO_ETOOBIG, "file is over the document size limit (32 MiB); skipped", err);
      else {
        hoso_document d;
        memset(&d, 0, sizeof(d));
        d.data = s.buf + s.pos;
        d.n = s.len - s.pos;
        d.origin = path;
        d.is_text = 0; /* a saved page as text still goes through extraction */
        rc = hoso_ingest_document(ing, &d, err);
      }
    } else {
      rc = fail(ing, path, -1, HOSO_EIO, "read error (damaged gzip?)", err);
    }
  }
  src_close(&s);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ingest_dir(hoso_ingest *ing, const char *path, int depth,
                      hoso_error *err) {
  if (depth > 64) return fail(ing, path, -1, HOSO_ETOOBIG, "folders nested too deeply", err);
  DIR *d = opendir(path);
  if (!d) {
    char m[300];
    snprintf(m, sizeof(m), "cannot open folder: %s", strerror(errno));
    return fail(ing, path, -1, HOSO_EIO, m, err);
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  int rc = HOSO_OK;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue; /* hidden files, . and .. */
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **x = realloc(names, cap * sizeof(*x));
      if (!x) {
        rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      names = x;
    }
    names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
    if (!names[n]) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
    sprintf(names[n], "%s/%s", path, e->d_name);
    n++;
  }
  closedir(d);
  if (!rc && n) qsort(names, n, sizeof(*names), cmp_str);
  for (size_t i = 0; i < n && !rc; i++) {
    struct stat st;
    if (stat(names[i], &st) != 0) {
      rc = fail(ing, names[i], -1, HOSO_EIO, "cannot stat", err);
      continue;
    }
    if (S_ISDIR(st.st_mode))
      rc = ingest_dir(ing, names[i], depth + 1, err);
    else if (S_ISREG(st.st_mode))
      rc = ingest_file(ing, names[i], err);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  return rc;
}

int hoso_ingest_path(hoso_ingest *ing, const char *path, hoso_error *err) {
  if (!ing || !path) return hoso__err(err, HOSO_EARG, "bad arguments");
  if (!strcmp(path, "-")) return ingest_file(ing, path, err);
  struct stat st;
  if (stat(path, &st) != 0) {
    char m[300];
    snprintf(m, sizeof(m), "no such file or folder: %s", strerror(errno));
    return fail(ing, path, -1, HOSO_EIO, m, err);
  }
  if (S_ISDIR(st.st_mode)) return ingest_dir(ing, path, 0, err);
  return ingest_file(ing, path, err);
}
