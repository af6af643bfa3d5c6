/* api.c -- public entry points of the text core (include/hoso.h). */
#include "text.h"

static int take(hoso_buf *b, int rc, char **out, size_t *out_n) {
  if (!rc) rc = hoso__buf_addc(b, '\0'); /* make sure p exists */
  if (rc) {
    hoso__buf_free(b);
    return rc;
  }
  b->n--;
  if (out_n) *out_n = b->n;
  *out = hoso__buf_take(b);
  return *out ? HOSO_OK : HOSO_ENOMEM;
}

int hoso_fold(const char *s, size_t n, char **out, size_t *out_n) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  *out = NULL;
  int rc = hoso__buf_reserve(&b, n);
  if (!rc) rc = hoso__fold_append(&b, s, n);
  return take(&b, rc, out, out_n);
}

int hoso_normalize(const char *s, size_t n, unsigned flags, char **out,
                   size_t *out_n) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  *out = NULL;
  int rc = hoso__normalize_append(&b, s, n, flags);
  return take(&b, rc, out, out_n);
}

int hoso_utf8_check(const char *s, size_t n, size_t *bad_at) {
  size_t at = hoso__utf8_invalid_at(s, n);
  if (bad_at) *bad_at = at;
  return at == n ? HOSO_OK : HOSO_EUTF8;
}

int hoso_tokenize(const char *s, size_t n, hoso_tok_cb cb, void *ctx) {
  return hoso__tokenize(s, n, cb, ctx);
}

int hoso_sentences(const char *s, size_t n, hoso_span_cb cb, void *ctx) {
  return hoso__sentences(s, n, cb, ctx);
}

const char *hoso_token_type_name(int type) {
  static const char *const names[] = {
      "?",      "syllable", "word", "number", "date",  "time",  "abbrev",
      "code",   "url",      "email", "phone", "punct", "symbol"};
  if (type < 1 || type > HOSO_TOK_TYPE_MAX) return "?";
  return names[type];
}

const char *hoso_script_name(int script) {
  switch (script) {
    case HOSO_SCRIPT_LATIN: return "latin";
    case HOSO_SCRIPT_CYRILLIC: return "cyrillic";
    case HOSO_SCRIPT_OTHER: return "other";
    default: return "none";
  }
}
