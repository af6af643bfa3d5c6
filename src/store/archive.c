/* archive.c -- the public archive calls (include/hoso.h, section store):
** pick a backend, parse queries, hand JSON back as a caller-owned string. */
#include <stdlib.h>
#include <string.h>

#include "search/query.h"
#include "store/store.h"

struct hoso_archive {
  hoso_store *st;
  int flags;
};

static const hoso_store_vt *const backends[] = {&hoso__store_sqlite,
                                                &hoso__store_pg};

hoso_store *hoso__archive_store(hoso_archive *ar) { return ar ? ar->st : NULL; }

int hoso_archive_open(const char *path, int flags, hoso_archive **out,
                      hoso_error *err) {
  return hoso_archive_open_shared(path, flags, NULL, out, err);
}

int hoso_archive_open_shared(const char *path, int flags, const hoso_vi *vi,
                             hoso_archive **out, hoso_error *err) {
  hoso_error_clear(err);
  if (!out) return hoso__err(err, HOSO_EARG, "out is NULL");
  *out = NULL;
  if (!path || !*path) return hoso__err(err, HOSO_EARG, "no archive path given");
  hoso_archive *ar = calloc(1, sizeof(*ar));
  if (!ar) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  ar->flags = flags;
  for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
    if (!backends[i]->accepts(path)) continue;
    int rc = vi && backends[i]->open_shared
                 ? backends[i]->open_shared(path, flags, vi, &ar->st, err)
                 : backends[i]->open(path, flags, &ar->st, err);
    if (rc) {
      free(ar);
      return rc;
    }
    *out = ar;
    return HOSO_OK;
  }
  free(ar);
  return hoso__err(err, HOSO_EARG, "no storage backend for '%s'", path);
}

void hoso_archive_close(hoso_archive *ar) {
  if (!ar) return;
  if (ar->st) ar->st->vt->close(ar->st);
  free(ar);
}

/* Run fn with a JSON writer; hand the text to the caller. */
typedef int (*json_fn)(hoso_store *st, const void *a, hoso_json *w,
                       hoso_error *err);

static int to_json(hoso_archive *ar, json_fn fn, const void *a, char **json,
                   size_t *n, hoso_error *err) {
  hoso_error_clear(err);
  if (!json) return hoso__err(err, HOSO_EARG, "json is NULL");
  *json = NULL;
  if (n) *n = 0;
  if (!ar || !ar->st) return hoso__err(err, HOSO_EARG, "archive is NULL");
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  int rc = fn(ar->st, a, &w, err);
  if (!rc && w.rc) rc = hoso__err(err, w.rc, "out of memory writing JSON");
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  if (n) *n = b.n;
  *json = hoso__buf_take(&b);
  return *json ? HOSO_OK : hoso__err(err, HOSO_ENOMEM, "out of memory");
}

static int parse(const hoso_query *q, hoso_qnode **node, hoso_error *err) {
  *node = NULL;
  if (!q) return HOSO_OK;
  return hoso__query_parse(q->q, q->q ? q->q_n : 0, node, err);
}

typedef struct qargs {
  const hoso_query *q;
  int what; /* 0 search, 1 timeline */
} qargs;

static int do_query(hoso_store *st, const void *a, hoso_json *w,
                    hoso_error *err) {
  const qargs *qa = a;
  hoso_qnode *node;
  int rc = parse(qa->q, &node, err);
  if (rc) return rc;
  if (qa->what == 0)
    rc = st->vt->search(st, node, qa->q, w, err);
  else
    rc = st->vt->timeline(st, node, qa->q, w, err);
  hoso__query_free(node);
  return rc;
}

int hoso_search(hoso_archive *ar, const hoso_query *q, char **json, size_t *n,
                hoso_error *err) {
  if (!q) return hoso__err(err, HOSO_EARG, "query is NULL");
  int filters = (q->from && *q->from) || (q->to && *q->to) ||
                (q->outlet && *q->outlet) || (q->lang && *q->lang) ||
                (q->person && *q->person) || (q->org && *q->org) ||
                (q->event_type && *q->event_type);
  if (!filters) {
    /* an empty query without filters would list everything: say so */
    hoso_qnode *node;
    int rc = hoso__query_parse(q->q, q->q ? q->q_n : 0, &node, err);
    if (rc) return rc;
    hoso__query_free(node);
    if (!node)
      return hoso__err(err, HOSO_EQUERY,
                       "empty query: give words to search for (letters or "
                       "digits), or a filter such as --from or --outlet");
  }
  qargs a = {q, 0};
  return to_json(ar, do_query, &a, json, n, err);
}

int hoso_timeline(hoso_archive *ar, const hoso_query *q, char **json,
                  size_t *n, hoso_error *err) {
  hoso_query none;
  memset(&none, 0, sizeof(none));
  qargs a = {q ? q : &none, 1};
  return to_json(ar, do_query, &a, json, n, err);
}

typedef struct idargs {
  int64_t id;
  unsigned flags;
  int what; /* 0 story, 1 article */
} idargs;

static int do_id(hoso_store *st, const void *a, hoso_json *w, hoso_error *err) {
  const idargs *x = a;
  return x->what == 0 ? st->vt->story(st, x->id, w, err)
                      : st->vt->article(st, x->id, x->flags, w, err);
}

int hoso_story(hoso_archive *ar, int64_t story_id, char **json, size_t *n,
               hoso_error *err) {
  idargs a = {story_id, 0, 0};
  return to_json(ar, do_id, &a, json, n, err);
}

int hoso_article(hoso_archive *ar, int64_t article_id, unsigned flags,
                 char **json, size_t *n, hoso_error *err) {
  idargs a = {article_id, flags, 1};
  return to_json(ar, do_id, &a, json, n, err);
}

typedef struct nameargs {
  int kind;
  const char *name;
  size_t name_n;
  const hoso_query *q;
  int limit;
  int what; /* 0 dossier, 1 suggest */
} nameargs;

static int do_name(hoso_store *st, const void *a, hoso_json *w,
                   hoso_error *err) {
  const nameargs *x = a;
  if (x->what == 0)
    return st->vt->dossier(st, x->kind, x->name, x->name_n, x->q, w, err);
  return st->vt->suggest(st, x->kind, x->name, x->name_n, x->limit, w, err);
}

int hoso_dossier(hoso_archive *ar, int kind, const char *name, size_t name_n,
                 const hoso_query *q, char **json, size_t *n,
                 hoso_error *err) {
  if (!name) return hoso__err(err, HOSO_EARG, "name is NULL");
  nameargs a = {kind, name, name_n, q, 0, 0};
  return to_json(ar, do_name, &a, json, n, err);
}

int hoso_suggest(hoso_archive *ar, int kind, const char *prefix,
                 size_t prefix_n, int limit, char **json, size_t *n,
                 hoso_error *err) {
  nameargs a = {kind, prefix ? prefix : "", prefix ? prefix_n : 0, NULL, limit, 1};
  return to_json(ar, do_name, &a, json, n, err);
}

typedef struct pageargs {
  int64_t offset, limit;
} pageargs;

static int do_errors(hoso_store *st, const void *a, hoso_json *w,
                     hoso_error *err) {
  const pageargs *x = a;
  return st->vt->errors(st, x->offset, x->limit, w, err);
}

int hoso_errors(hoso_archive *ar, int64_t offset, int64_t limit, char **json,
                size_t *n, hoso_error *err) {
  pageargs a = {offset, limit};
  return to_json(ar, do_errors, &a, json, n, err);
}

static int do_stats(hoso_store *st, const void *a, hoso_json *w,
                    hoso_error *err) {
  (void)a;
  return st->vt->stats(st, w, err);
}

int hoso_archive_stats(hoso_archive *ar, char **json, size_t *n,
                       hoso_error *err) {
  return to_json(ar, do_stats, NULL, json, n, err);
}

int hoso_export(hoso_archive *ar, const hoso_query *q, int format,
                hoso_write_fn write, void *ctx, hoso_error *err) {
  hoso_error_clear(err);
  if (!ar || !ar->st || !write) return hoso__err(err, HOSO_EARG, "bad arguments");
  hoso_qnode *node;
  int rc = parse(q, &node, err);
  if (rc) return rc;
  rc = ar->st->vt->export_(ar->st, node, q, format, write, ctx, err);
  hoso__query_free(node);
  return rc;
}

int hoso_archive_state(hoso_archive *ar, uint64_t *state, hoso_error *err) {
  hoso_error_clear(err);
  if (!ar || !ar->st || !state) return hoso__err(err, HOSO_EARG, "bad arguments");
  if (!ar->st->vt->state)
    return hoso__err(err, HOSO_EARG, "the %s backend keeps no change state",
                     ar->st->vt->name);
  return ar->st->vt->state(ar->st, state, err);
}

int hoso_archive_check(hoso_archive *ar, hoso_error *err) {
  hoso_error_clear(err);
  if (!ar || !ar->st) return hoso__err(err, HOSO_EARG, "archive is NULL");
  if (!ar->st->vt->check)
    return hoso__err(err, HOSO_EARG, "the %s backend has no consistency check",
                     ar->st->vt->name);
  return ar->st->vt->check(ar->st, err);
}
