/* stream.h -- a buffered reader over zlib's gzFile (stream.c), used by
** the WARC and JSON Lines readers. Memory: one 256 KiB buffer, plus the
** bytes given back with hoso__rd_unread (at most one WARC payload, which
** is bounded by opts->max_input). */
#ifndef HOSO_EXTRACT_STREAM_H
#define HOSO_EXTRACT_STREAM_H
#include <zlib.h>

#include "extract.h"

typedef struct hx_reader {
  gzFile gz;
  char buf[1 << 18];
  size_t pos, len;
  size_t base; /* stream offset of buf[0] */
  int eof;
  const char *error;
  hoso_buf back;   /* bytes given back: read before the gzFile's */
  size_t back_pos; /* next unread byte of back */
} hx_reader;

/* Refill: returns 1 when bytes are available, 0 at end (or error). */
int hoso__rd_fill(hx_reader *r);
/* One line (with its '\n') into line, at most max bytes: 1 ok, 0 at end,
** -1 line too long (skipped), -2 out of memory. */
int hoso__rd_line(hx_reader *r, hoso_buf *line, size_t max);
/* Exactly n bytes appended to out (NULL: skip them): 1 ok, 0 short,
** -2 out of memory / limit. */
int hoso__rd_read(hx_reader *r, hoso_buf *out, size_t n);
/* Make at least want bytes (<= the buffer size) readable at buf + pos
** if the stream has them; returns how many are readable. */
size_t hoso__rd_peek(hx_reader *r, size_t want);
/* Give back p[0..n): the bytes that were read last, so the stream offset
** moves back by n and they are read again. HOSO_ENOMEM on failure. */
int hoso__rd_unread(hx_reader *r, const char *p, size_t n) HOSO__WUR;
/* Release what the reader holds besides the gzFile. */
void hoso__rd_free(hx_reader *r);
/* Every WARC record of r (warc.c). */
int hoso__warc_each(hx_reader *r, const hoso_extract_opts *opts,
                    const char *path, hoso_article_fn fn, void *ctx);
#endif
