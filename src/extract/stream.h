/* stream.h -- a buffered reader over zlib's gzFile (stream.c), used by
** the WARC and JSON Lines readers. Memory: one 256 KiB buffer. */
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
} hx_reader;

/* Refill: returns 1 when bytes are available, 0 at end (or error). */
int hoso__rd_fill(hx_reader *r);
/* One line (with its '\n') into line, at most max bytes: 1 ok, 0 at end,
** -1 line too long (skipped), -2 out of memory. */
int hoso__rd_line(hx_reader *r, hoso_buf *line, size_t max);
/* Exactly n bytes appended to out (NULL: skip them): 1 ok, 0 short,
** -2 out of memory / limit. */
int hoso__rd_read(hx_reader *r, hoso_buf *out, size_t n);
/* Every WARC record of r (warc.c). */
int hoso__warc_each(hx_reader *r, const hoso_extract_opts *opts,
                    const char *path, hoso_article_fn fn, void *ctx);
#endif
