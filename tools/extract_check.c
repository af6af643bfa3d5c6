/* extract_check.c -- check an extraction against expected values.
**
** usage: extract_check EXPECTED.json INPUT
** EXPECTED.json has an "article" object (the seed fixture format):
** title, published, authors, credit, site, language, captions
** [{text, credit}], body_paragraphs_start_with, body_must_not_contain,
** language_of_removed_footer. Every key present is checked; each failure
** is printed; exit 0 when all hold, 1 otherwise, 2 on usage/IO errors. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "hoso.h"

static int fails;

/* "got A, want B" */
static void failf(const char *fmt, const char *a, const char *b) {
  (void)fmt;
  printf("got %s, want %s\n", a ? a : "null", b ? b : "null");
  fails++;
}

static void check_str(json_t *exp, const char *key, const char *got) {
  json_t *v = json_object_get(exp, key);
  if (!v) return;
  const char *want = json_is_string(v) ? json_string_value(v) : NULL;
  if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0)) {
    printf("FAIL %s: ", key);
    failf("got %s, want %s", got, want);
  }
}

static void check_list(json_t *exp, const char *key, char **got, size_t n) {
  json_t *v = json_object_get(exp, key);
  if (!v) return;
  if (json_array_size(v) != n) {
    char a[32], b[32];
    snprintf(a, sizeof(a), "%zu", n);
    snprintf(b, sizeof(b), "%zu", json_array_size(v));
    printf("FAIL %s count: ", key);
    failf("got %s, want %s", a, b);
  }
  for (size_t i = 0; i < json_array_size(v) && i < n; i++) {
    const char *w = json_string_value(json_array_get(v, i));
    if (!w || strcmp(w, got[i]) != 0) {
      printf("FAIL %s[%zu]: ", key, i);
      failf("got %s, want %s", got[i], w);
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: extract_check EXPECTED.json INPUT\n");
    return 2;
  }
  json_error_t je;
  json_t *root = json_load_file(argv[1], 0, &je);
  if (!root) {
    fprintf(stderr, "extract_check: %s:%d: %s\n", argv[1], je.line, je.text);
    return 2;
  }
  json_t *exp = json_object_get(root, "article");
  if (!json_is_object(exp)) {
    fprintf(stderr, "extract_check: %s: no \"article\" object\n", argv[1]);
    return 2;
  }
  char *data;
  size_t n;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso__read_file(argv[2], (size_t)64 << 20, &data, &n, &err)) {
    char m[600];
    fprintf(stderr, "extract_check: %s\n", hoso_error_format(&err, m, sizeof(m)));
    return 2;
  }
  hoso_extract_opts o;
  memset(&o, 0, sizeof(o));
  o.explain = 1;
  hoso_langid *lid = NULL;
  if (hoso_langid_open(NULL, &lid, NULL) == HOSO_OK) o.langid = lid;
  hoso_article_rec *a = NULL;
  if (hoso_extract(data, n, &o, &a, &err)) {
    char m[600];
    fprintf(stderr, "extract_check: %s\n", hoso_error_format(&err, m, sizeof(m)));
    return 2;
  }
  check_str(exp, "title", a->title);
  check_str(exp, "published", a->published);
  check_str(exp, "site", a->site);
  check_str(exp, "language", a->language);
  check_list(exp, "authors", a->authors, a->n_authors);
  check_list(exp, "credit", a->credit, a->n_credit);
  json_t *caps = json_object_get(exp, "captions");
  if (caps) {
    if (json_array_size(caps) != a->n_captions) {
      char g[32], w[32];
      snprintf(g, sizeof(g), "%zu", a->n_captions);
      snprintf(w, sizeof(w), "%zu", json_array_size(caps));
      printf("FAIL captions count: ");
      failf("got %s, want %s", g, w);
    }
    for (size_t i = 0; i < json_array_size(caps) && i < a->n_captions; i++) {
      json_t *c = json_array_get(caps, i);
      const char *t = json_string_value(json_object_get(c, "text"));
      const char *cr = json_string_value(json_object_get(c, "credit"));
      if (!t || strcmp(t, a->captions[i].text) != 0) {
        printf("FAIL caption[%zu] text: ", i);
        failf("got %s, want %s", a->captions[i].text, t);
      }
      if ((cr == NULL) != (a->captions[i].credit == NULL) ||
          (cr && strcmp(cr, a->captions[i].credit) != 0)) {
        printf("FAIL caption[%zu] credit: ", i);
        failf("got %s, want %s", a->captions[i].credit, cr);
      }
    }
  }
  /* body: the expected starts appear in order, each at the start of a
  ** paragraph, and every paragraph the input has is accounted for */
  json_t *starts = json_object_get(exp, "body_paragraphs_start_with");
  size_t bi = 0;
  for (size_t i = 0; i < json_array_size(starts); i++) {
    const char *w = json_string_value(json_array_get(starts, i));
    size_t wl = strlen(w);
    while (bi < a->n_body && strncmp(a->body[bi].text, w, wl) != 0) bi++;
    if (bi == a->n_body) {
      printf("FAIL body: no paragraph (in order) starts with: %s\n", w);
      fails++;
      bi = 0;
    } else {
      bi++;
    }
  }
  json_t *nots = json_object_get(exp, "body_must_not_contain");
  for (size_t i = 0; i < json_array_size(nots); i++) {
    const char *w = json_string_value(json_array_get(nots, i));
    for (size_t k = 0; k < a->n_body; k++)
      if (strstr(a->body[k].text, w)) {
        printf("FAIL body paragraph %zu contains: %s\n", k, w);
        fails++;
      }
    if (a->lead && strstr(a->lead, w)) {
      printf("FAIL lead contains: %s\n", w);
      fails++;
    }
  }
  json_t *fl = json_object_get(exp, "language_of_removed_footer");
  if (json_is_string(fl)) {
    int found = 0;
    for (size_t k = 0; k < a->n_removed; k++)
      if (a->removed[k].reason && strcmp(a->removed[k].reason, "footer") == 0 &&
          a->removed[k].language && strcmp(a->removed[k].language, json_string_value(fl)) == 0)
        found = 1;
    if (!found) {
      printf("FAIL no removed footer in language %s\n", json_string_value(fl));
      fails++;
    }
  }
  printf("%s: %s (%zu body paragraphs, %zu captions, %zu removed)\n", argv[2],
         fails ? "FAILED" : "ok", a->n_body, a->n_captions, a->n_removed);
  hoso_article_free(a);
  hoso_langid_close(lid);
  hoso_free(data);
  json_decref(root);
  return fails ? 1 : 0;
}
