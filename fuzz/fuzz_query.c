/* fuzz_query.c -- libFuzzer harness for the query language: the parser
** (words must point inside the input, the tree must dump) and the whole
** search path on a small archive: any input gives HOSO_OK, HOSO_EQUERY or
** HOSO_ETOOBIG -- never HOSO_EDB (an FTS5/SQL error leaking through). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search/query.h"

static hoso_archive *ar; /* the harness's fixture, made once */

static void make_archive(void) {
  char path[64];
  snprintf(path, sizeof(path), "/tmp/fuzz_query-%d.db", (int)getpid());
  unlink(path);
  hoso_error err;
  if (hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err)) abort();
  static const char *const docs[] = {
      "Hợp tác quốc phòng Việt - Nga\nĐại tướng Lương Cường điện đàm với Thượng tướng Andrey Kartapolov.",
      "Переговоры министров обороны\nВьетнам и Россия подписали меморандум.",
      "Bàn ghế mới\nTrường học mua bàn ghế; doanh nghiệp bán hàng."};
  hoso_ingest *ing;
  hoso_ingest_options o = {1, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  if (hoso_ingest_open(ar, &o, &ing, &err)) abort();
  for (size_t i = 0; i < 3; i++) {
    hoso_document d = {0};
    d.data = docs[i];
    d.n = strlen(docs[i]);
    d.is_text = 1;
    if (hoso_ingest_document(ing, &d, &err)) abort();
  }
  if (hoso_ingest_finish(ing, NULL, &err)) abort();
  hoso_ingest_close(ing);
  unlink(path); /* the open handle keeps it */
}

static void check_tree(const hoso_qnode *nd, const char *s, size_t n) {
  if (!nd) return;
  for (size_t i = 0; i < nd->n_words; i++)
    if (nd->words[i].s < s || nd->words[i].s + nd->words[i].n > s + n || !nd->words[i].n)
      abort();
  for (size_t i = 0; i < nd->n_kids; i++) check_tree(nd->kids[i], s, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ar) make_archive();
  const char *s = (const char *)data;
  hoso_qnode *nd = NULL;
  hoso_error err;
  int rc = hoso__query_parse(s, size, &nd, &err);
  if (rc != HOSO_OK && rc != HOSO_EQUERY && rc != HOSO_ETOOBIG) abort();
  if (rc == HOSO_OK) {
    check_tree(nd, s, size);
    hoso_buf b;
    hoso__buf_init(&b, 0);
    if (hoso__query_dump(nd, &b)) abort();
    hoso__buf_free(&b);
  }
  hoso__query_free(nd);
  hoso_query q = {0};
  q.q = s;
  q.q_n = size;
  q.limit = 5;
  char *json = NULL;
  rc = hoso_search(ar, &q, &json, NULL, &err);
  if (rc != HOSO_OK && rc != HOSO_EQUERY && rc != HOSO_ETOOBIG) {
    fprintf(stderr, "search failed with %d: %s\n", rc, err.message);
    abort();
  }
  if (rc == HOSO_OK && (!json || json[0] != '{')) abort();
  hoso_free(json);
  return 0;
}
