/* sqlite_forms.c -- the spelling table (form: fold, exact, n) written once
** per batch. Each article brings its distinct spelled words; upserting
** them one article at a time cost ~15% of ingest CPU (a B-tree search per
** word per article). The batch's counts are summed here in memory and
** written at commit, in key order, one upsert per distinct spelling: the
** same table content, far fewer B-tree operations. */
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/sqlite_int.h"

void hoso__sq_forms_clear(sq_forms *f) {
  hoso__buf_reset(&f->keys);
  if (f->slot) memset(f->slot, 0, f->cap * sizeof(*f->slot));
  f->used = 0;
}

void hoso__sq_forms_free(sq_forms *f) {
  hoso__buf_free(&f->keys);
  free(f->slot);
  memset(f, 0, sizeof(*f));
}

static int grow(sq_forms *f) {
  size_t nc = f->cap ? f->cap * 2 : 4096;
  sq_form_slot *ns = calloc(nc, sizeof(*ns));
  if (!ns) return HOSO_ENOMEM;
  for (size_t i = 0; i < f->cap; i++) {
    if (!f->slot[i].len) continue;
    size_t j = f->slot[i].hash & (nc - 1);
    while (ns[j].len) j = (j + 1) & (nc - 1);
    ns[j] = f->slot[i];
  }
  free(f->slot);
  f->slot = ns;
  f->cap = nc;
  return HOSO_OK;
}

/* count one more of key[0..n) (hash h) */
static int add(sq_forms *f, const char *key, size_t n, uint32_t h) {
  if (n == 0 || n > UINT32_MAX) return HOSO_OK;
  if ((f->used + 1) * 2 > f->cap && grow(f)) return HOSO_ENOMEM;
  size_t i = h & (f->cap - 1);
  while (f->slot[i].len) {
    sq_form_slot *e = &f->slot[i];
    if (e->hash == h && e->len == n && !memcmp(f->keys.p + e->off, key, n)) {
      e->count++;
      return HOSO_OK;
    }
    i = (i + 1) & (f->cap - 1);
  }
  if (f->keys.n > UINT32_MAX - n) return HOSO_ETOOBIG;
  sq_form_slot *e = &f->slot[i];
  e->off = (uint32_t)f->keys.n;
  e->len = (uint32_t)n;
  e->hash = h;
  e->count = 1;
  f->used++;
  return hoso__buf_add(&f->keys, key, n);
}

/* How many lines ahead add_lines prefetches a slot: a few hundred cycles of
** work ahead of the load that misses the caches. */
#define FORMS_AHEAD 8

int hoso__sq_forms_add_lines(sq_forms *f, const char *forms, size_t n,
                             const uint32_t *hashes) {
  size_t lines = 0;
  for (const char *p = forms, *e = forms + n; p < e; lines++) {
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    p = nl ? nl + 1 : e;
  }
  /* room for every line first, so the slots prefetched stay where they are */
  while ((f->used + lines + 1) * 2 > f->cap)
    if (grow(f)) return HOSO_ENOMEM;
  for (size_t i = 0, k = 0; i < n; k++) {
    if (hashes && k + FORMS_AHEAD < lines)
      __builtin_prefetch(&f->slot[hashes[k + FORMS_AHEAD] & (f->cap - 1)]);
    const char *line = forms + i, *nl = memchr(line, '\n', n - i);
    size_t ln = nl ? (size_t)(nl - line) : n - i;
    i += ln + 1;
    uint32_t h = hashes ? hashes[k] : (uint32_t)hoso__hash64(line, ln, 7);
    int rc = add(f, line, ln, h);
    if (rc) return rc;
  }
  return HOSO_OK;
}

typedef struct sort_ctx {
  const char *keys;
} sort_ctx;

static int cmp_slot(const void *a, const void *b, void *ctx) {
  const sq_form_slot *x = a, *y = b;
  const char *k = ((sort_ctx *)ctx)->keys;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(k + x->off, k + y->off, n);
  if (c) return c;
  return (x->len > y->len) - (x->len < y->len);
}

int hoso__sq_forms_flush(sq_store *s, hoso_error *err) {
  sq_forms *f = &s->forms;
  if (!f->used) return HOSO_OK;
  /* pack the used slots to the front, then sort them by key */
  size_t m = 0;
  for (size_t i = 0; i < f->cap; i++)
    if (f->slot[i].len) f->slot[m++] = f->slot[i];
  sort_ctx sc = {f->keys.p};
  qsort_r(f->slot, m, sizeof(*f->slot), cmp_slot, &sc);
  int rc = HOSO_OK;
  for (size_t i = 0; i < m && !rc; i++) {
    const char *line = f->keys.p + f->slot[i].off;
    size_t ln = f->slot[i].len;
    const char *sep = memchr(line, '\x1F', ln);
    if (!sep) continue;
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_FORM_ADD, err);
    if (!st) {
      rc = HOSO_EDB;
      break;
    }
    sqlite3_bind_text(st, 1, line, (int)(sep - line), SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sep + 1, (int)(line + ln - sep - 1), SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, f->slot[i].count);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE) rc = hoso__sq_err(s, err, r, "cannot store spellings");
  }
  /* the table was compacted: reset it whatever happened (a failed flush
  ** rolls the whole batch back) */
  hoso__sq_forms_clear(f);
  return rc;
}
