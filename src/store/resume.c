/* resume.c -- recognising documents an earlier run stored, before the
** workers extract, segment and analyse them: a rerun of a finished (or
** interrupted) ingest then costs about the time to read its input.
**
** Each stored document leaves input keys in the store (store.h,
** input_keys): a 64-bit hash of its bytes and kind, and one of its
** canonical URL. Ingest loads them once into a sorted array that the
** workers share read-only. A document seen for the first time is still
** deduplicated by the store after preparing (content hash, canonical URL),
** exactly as before; the keys only make the second time cheap. */
#include <stdlib.h>
#include <string.h>

#include "store/ingest_int.h"
#include "store/minhash.h" /* hoso__hash64 */

#define SEED_BYTES 0x68736f2d62797465ULL
#define SEED_URL 0x68736f2d75726c30ULL

size_t hoso__input_keys(const hoso_document *doc, uint64_t keys[2]) {
  size_t n = 0;
  keys[n++] = hoso__hash64(doc->data ? doc->data : "", doc->n,
                           SEED_BYTES ^ (doc->is_text ? 1u : 0u));
  char *canon = hoso__canonical_url(doc->url);
  if (canon) {
    keys[n++] = hoso__hash64(canon, strlen(canon), SEED_URL);
    free(canon);
  }
  return n;
}

static int add_key(void *ctx, uint64_t key) {
  hoso_known *ks = ctx;
  if (ks->n == ks->cap) {
    size_t nc = ks->cap ? ks->cap * 2 : 4096;
    uint64_t *k = realloc(ks->k, nc * sizeof(*k));
    if (!k) return HOSO_ENOMEM;
    ks->k = k;
    ks->cap = nc;
  }
  ks->k[ks->n++] = key;
  return HOSO_OK;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

int hoso__known_load(hoso_known *ks, hoso_store *st, hoso_error *err) {
  memset(ks, 0, sizeof(*ks));
  if (!st->vt->input_keys) return HOSO_OK; /* backend without: no pre-check */
  int rc = st->vt->input_keys(st, add_key, ks, err);
  if (rc == HOSO_ENOMEM) hoso__err(err, rc, "out of memory loading stored inputs");
  if (rc) {
    hoso__known_free(ks);
    return rc;
  }
  if (ks->n) qsort(ks->k, ks->n, sizeof(*ks->k), cmp_u64);
  return HOSO_OK;
}

int hoso__known_has(const hoso_known *ks, const uint64_t *keys, size_t n) {
  for (size_t i = 0; i < n && ks->n; i++)
    if (bsearch(&keys[i], ks->k, ks->n, sizeof(*ks->k), cmp_u64)) return 1;
  return 0;
}

void hoso__known_free(hoso_known *ks) {
  free(ks->k);
  memset(ks, 0, sizeof(*ks));
}
