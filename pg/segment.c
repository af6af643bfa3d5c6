/* segment.c -- the SQL function hoso_segment(text) -> text: the text's
** Vietnamese words as `hoso segment` prints them (src/vi's segmenter, the
** one the `vietnamese` configuration indexes with): words separated by
** one space, the syllables of a word joined by '_', the original bytes
** otherwise kept; each line break of the input stays a line break, so a
** text of N lines gives N lines.
**   hoso_segment('Đại tướng Lương Cường') = 'Đại_tướng Lương_Cường' */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "hoso.h"
#include "hoso_pg.h"
#include "search/words.h"

/* One word's bytes, white space inside it turned into '_' (as the CLI). */
static int put_word(hoso_buf *o, const char *s, size_t n) {
  int rc = HOSO_OK;
  for (size_t i = 0; i < n && !rc; i++) {
    int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\r';
    if (!sp) {
      rc = hoso__buf_addc(o, s[i]);
    } else {
      while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\r'))
        i++;
      rc = hoso__buf_addc(o, '_');
    }
  }
  return rc;
}

/* Between two words (or before the first / after the last): one '\n' per
** line break in the gap; else one space between two words. */
static int put_gap(hoso_buf *o, const char *s, size_t n, int between) {
  size_t lines = 0;
  for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
  int rc = HOSO_OK;
  for (size_t i = 0; i < lines && !rc; i++) rc = hoso__buf_addc(o, '\n');
  if (!rc && !lines && between) rc = hoso__buf_addc(o, ' ');
  return rc;
}

static int segment(const hoso_vi *vi, const char *s, size_t n, hoso_buf *o,
                   hoso_error *err) {
  hoso_vi_ctx *ctx = hoso_vi_ctx_new();
  if (!ctx) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  const hoso_vi_word *w;
  size_t nw, at = 0;
  int rc = hoso_vi_segment(vi, ctx, s, n, 0, &w, &nw, err);
  for (size_t i = 0; i < nw && !rc; i++) {
    rc = put_gap(o, s + at, w[i].off - at, i > 0);
    if (!rc) rc = put_word(o, s + w[i].off, w[i].len);
    at = w[i].off + w[i].len;
  }
  if (!rc) rc = put_gap(o, s + at, n - at, 0);
  if (!rc && !o->p) rc = hoso__buf_addc(o, '\0'), o->n = 0;
  hoso_vi_ctx_free(ctx);
  return rc;
}

PG_FUNCTION_INFO_V1(hoso_pg_segment);
Datum hoso_pg_segment(PG_FUNCTION_ARGS) {
  text *in = PG_GETARG_TEXT_PP(0);
  const hoso_vi *vi;
  hoso_buf b;
  hoso_error err;
  text *out;
  int rc;

  hoso_pg_require_utf8();
  vi = hoso__words_segmenter(hoso_pg_words());
  if (!vi) hoso_pg_fail(HOSO_EINTERNAL, "hoso_segment (no segmenter)");
  hoso__buf_init(&b, 0);
  rc = segment(vi, VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &b, &err);
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "hoso_segment");
  }
  out = cstring_to_text_with_len(b.p ? b.p : "", (int)b.n);
  hoso__buf_free(&b);
  PG_RETURN_TEXT_P(out);
}
