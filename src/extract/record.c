/* record.c -- allocation, freeing and JSON output of hoso_article_rec. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "text/text.h"

hoso_article_rec *hoso__article_new(void) {
  hoso_article_rec *a = calloc(1, sizeof(*a));
  if (a) {
    a->format = "text";
    a->charset = "utf-8";
    a->spans_exact = 1;
  }
  return a;
}

/* Is code point c white space for collapsing purposes? */
static int is_space_cp(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

int hoso__ex_collapse(hoso_buf *out, const char *s, size_t n) {
  size_t start_n = out->n;
  int pending = 0, any = 0, rc;
  size_t i = 0;
  while (i < n) {
    unsigned char ch = (unsigned char)s[i];
    size_t len = 1;
    int32_t c = ch;
    if (ch >= 0x80) c = hoso__utf8_decode(s + i, n - i, &len);
    if (ch < 0x80 ? is_space_cp(c) : (c >= 0 && is_space_cp(c))) {
      pending = 1;
      i += len;
      continue;
    }
    if (ch < 0x20 && ch != '\t') { /* control bytes: drop */
      i++;
      continue;
    }
    if (pending && any && (rc = hoso__buf_addc(out, ' '))) goto fail;
    pending = 0;
    any = 1;
    if (c < 0) {
      if ((rc = hoso__buf_add(out, "\xEF\xBF\xBD", 3))) goto fail;
    } else if ((rc = hoso__buf_add(out, s + i, len))) {
      goto fail;
    }
    i += len;
  }
  if (out->p == NULL && (rc = hoso__buf_reserve(out, 1))) return rc;
  return HOSO_OK;
fail:
  out->n = start_n;
  if (out->p) out->p[start_n] = '\0';
  return rc;
}

/* A collapsed copy as a malloc'd string, or NULL in *out when empty. */
static int collapsed_copy(const char *s, size_t n, char **out, size_t *len) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  *out = NULL;
  int rc = hoso__ex_collapse(&b, s, n);
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  if (b.n == 0) {
    hoso__buf_free(&b);
    if (len) *len = 0;
    return HOSO_OK;
  }
  if (len) *len = b.n;
  *out = hoso__buf_take(&b);
  return *out ? HOSO_OK : HOSO_ENOMEM;
}

int hoso__art_set(char **field, const char *s, size_t n) {
  char *c;
  int rc = collapsed_copy(s, n, &c, NULL);
  if (rc) return rc;
  free(*field);
  *field = c;
  return HOSO_OK;
}

/* Grow an array of elem-sized items so that index count is valid:
** capacity is the next power of two, so growth happens at powers of 2. */
static int grow(void **arr, size_t count, size_t elem) {
  if (count && (count & (count - 1))) return HOSO_OK; /* not a power of 2 */
  size_t cap = count ? count * 2 : 4;
  if (count && count < 4) return HOSO_OK;
  if (cap > SIZE_MAX / elem / 2) return HOSO_ENOMEM;
  void *p = realloc(*arr, cap * elem);
  if (!p) return HOSO_ENOMEM;
  *arr = p;
  return HOSO_OK;
}

int hoso__art_add_str(char ***arr, size_t *count, const char *s, size_t n) {
  char *c;
  int rc = collapsed_copy(s, n, &c, NULL);
  if (rc || !c) return rc;
  for (size_t i = 0; i < *count; i++)
    if (strcmp((*arr)[i], c) == 0) {
      free(c);
      return HOSO_OK;
    }
  if ((rc = grow((void **)arr, *count, sizeof(char *)))) {
    free(c);
    return rc;
  }
  (*arr)[(*count)++] = c;
  return HOSO_OK;
}

int hoso__art_add_block(hoso_block **arr, size_t *count, const char *s,
                        size_t n, size_t start, size_t end, int has_span,
                        int kind, hoso_block **out) {
  char *c;
  size_t len = 0;
  if (out) *out = NULL;
  int rc = collapsed_copy(s, n, &c, &len);
  if (rc) return rc;
  if (!c) {
    c = calloc(1, 1);
    if (!c) return HOSO_ENOMEM;
  }
  if ((rc = grow((void **)arr, *count, sizeof(hoso_block)))) {
    free(c);
    return rc;
  }
  hoso_block *b = &(*arr)[(*count)++];
  memset(b, 0, sizeof(*b));
  b->text = c;
  b->len = len;
  b->start = start;
  b->end = end;
  b->has_span = has_span;
  b->kind = kind;
  if (out) *out = b;
  return HOSO_OK;
}

static void free_blocks(hoso_block *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(b[i].text);
    free(b[i].credit);
  }
  free(b);
}

static void free_strs(char **s, size_t n) {
  for (size_t i = 0; i < n; i++) free(s[i]);
  free(s);
}

void hoso_article_free(hoso_article_rec *a) {
  if (!a) return;
  free(a->url);
  free(a->site);
  free(a->language);
  free(a->title);
  free(a->published);
  free(a->modified);
  free(a->category);
  free(a->lead);
  free_strs(a->authors, a->n_authors);
  free_strs(a->credit, a->n_credit);
  free_blocks(a->body, a->n_body);
  free_blocks(a->captions, a->n_captions);
  free_blocks(a->removed, a->n_removed);
  free(a);
}

static void json_strs(hoso_json *w, const char *key, char **s, size_t n) {
  hoso__json_key(w, key);
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < n; i++) hoso__json_str(w, s[i]);
  hoso__json_arr_end(w);
}

static void json_span(hoso_json *w, const hoso_block *b) {
  if (!b->has_span) return;
  hoso__json_key(w, "start");
  hoso__json_int(w, (int64_t)b->start);
  hoso__json_key(w, "end");
  hoso__json_int(w, (int64_t)b->end);
}

void hoso__article_json_members(hoso_json *w, const hoso_article_rec *a,
                                unsigned flags) {
  hoso__json_key(w, "url");
  hoso__json_str(w, a->url);
  hoso__json_key(w, "site");
  hoso__json_str(w, a->site);
  hoso__json_key(w, "language");
  hoso__json_str(w, a->language);
  hoso__json_key(w, "title");
  hoso__json_str(w, a->title);
  hoso__json_key(w, "published");
  hoso__json_str(w, a->published);
  hoso__json_key(w, "modified");
  hoso__json_str(w, a->modified);
  json_strs(w, "authors", a->authors, a->n_authors);
  json_strs(w, "credit", a->credit, a->n_credit);
  hoso__json_key(w, "category");
  hoso__json_str(w, a->category);
  hoso__json_key(w, "lead");
  hoso__json_str(w, a->lead);
  hoso__json_key(w, "body");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < a->n_body; i++)
    hoso__json_strn(w, a->body[i].text, a->body[i].len);
  hoso__json_arr_end(w);
  if (flags & HOSO_JSON_SPANS) {
    hoso__json_key(w, "body_spans");
    hoso__json_arr_begin(w);
    for (size_t i = 0; i < a->n_body; i++) {
      if (a->body[i].has_span) {
        hoso__json_arr_begin(w);
        hoso__json_int(w, (int64_t)a->body[i].start);
        hoso__json_int(w, (int64_t)a->body[i].end);
        hoso__json_arr_end(w);
      } else {
        hoso__json_null(w);
      }
    }
    hoso__json_arr_end(w);
  }
  hoso__json_key(w, "captions");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < a->n_captions; i++) {
    const hoso_block *b = &a->captions[i];
    hoso__json_obj_begin(w);
    hoso__json_key(w, "text");
    hoso__json_strn(w, b->text, b->len);
    hoso__json_key(w, "credit");
    hoso__json_str(w, b->credit);
    if (flags & HOSO_JSON_SPANS) json_span(w, b);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_key(w, "format");
  hoso__json_str(w, a->format);
  if (a->charset && strcmp(a->charset, "utf-8") != 0) {
    hoso__json_key(w, "charset");
    hoso__json_str(w, a->charset);
  }
  if (a->empty_reason) {
    hoso__json_key(w, "empty_reason");
    hoso__json_str(w, a->empty_reason);
  }
  if (flags & HOSO_JSON_EXPLAIN) {
    hoso__json_key(w, "removed");
    hoso__json_arr_begin(w);
    for (size_t i = 0; i < a->n_removed; i++) {
      const hoso_block *b = &a->removed[i];
      hoso__json_obj_begin(w);
      hoso__json_key(w, "reason");
      hoso__json_str(w, b->reason);
      hoso__json_key(w, "text");
      hoso__json_strn(w, b->text, b->len);
      if (b->language) {
        hoso__json_key(w, "language");
        hoso__json_str(w, b->language);
      }
      json_span(w, b);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
  }
}

int hoso_article_to_json(const hoso_article_rec *a, unsigned flags, char **json,
                         size_t *n) {
  if (!a || !json) return HOSO_EARG;
  *json = NULL;
  hoso_buf b;
  hoso_json w;
  hoso__buf_init(&b, 0);
  hoso__json_init(&w, &b);
  hoso__json_obj_begin(&w);
  hoso__article_json_members(&w, a, flags);
  hoso__json_obj_end(&w);
  if (w.rc) {
    hoso__buf_free(&b);
    return w.rc;
  }
  if (n) *n = b.n;
  *json = hoso__buf_take(&b);
  return *json ? HOSO_OK : HOSO_ENOMEM;
}
