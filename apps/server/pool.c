/* pool.c -- read-only archive handles shared by the worker threads.
**
** A hoso_archive is used by one thread at a time (hoso.h), so each
** request borrows a handle for its duration and gives it back. Handles
** are opened up to `max` (the worker count plus a few) and kept; a
** request that finds none free waits on a condition variable, at most
** `wait_ms`, then answers 503.
**
** Warm handles: a handle builds its search caches (every article's story,
** date, outlet and length; the mention index of the facets) on its first
** searches, which on a large archive costs a second or more. So every
** handle is opened and warmed before the server starts listening, and a
** handle opened later is warmed before its first request, never during a
** user's search; handles are reused last-in first-out, so the busy ones
** stay in the CPU caches. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include "srv.h"

/* Two searches with facets (the second loads the mention index); the
** query matters little -- the caches are the archive's, not the query's. */
static void warm(hoso_archive *a) {
  static const char q[] = "hoso";
  for (int i = 0; i < 2; i++) {
    hoso_query hq;
    memset(&hq, 0, sizeof(hq));
    hq.q = q;
    hq.q_n = sizeof(q) - 1;
    hq.limit = 1;
    char *json = NULL;
    hoso_error err;
    hoso_error_clear(&err);
    if (hoso_search(a, &hq, &json, NULL, &err) == HOSO_OK) hoso_free(json);
  }
}

/* vi: the pool's segmentation model, shared by its handles (NULL: each
** loads its own). */
static int open_warm(const char *path, const hoso_vi *vi, hoso_archive **out, hoso_error *err) {
  int rc = hoso_archive_open_shared(path, HOSO_ARCHIVE_READONLY, vi, out, err);
  if (rc == HOSO_OK) warm(*out);
  return rc;
}

struct srv_pool {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  char *path;          /* owned copy */
  hoso_vi *vi;         /* owned: the segmentation model every handle uses
                       ** (read-only; one copy instead of ~10 MB a handle),
                       ** closed after them; NULL: none could be loaded */
  hoso_archive **idle; /* owned handles not in use */
  size_t nidle;
  size_t opened, max;
};

int srv_pool_open(const char *path, size_t max, srv_pool **out,
                  hoso_error *err) {
  *out = NULL;
  if (max == 0) max = 1;
  srv_pool *p = calloc(1, sizeof(*p));
  if (!p) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  p->path = strdup(path);
  p->idle = calloc(max, sizeof(*p->idle));
  p->max = max;
  if (!p->path || !p->idle) {
    free(p->path);
    free(p->idle);
    free(p);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->cv, NULL);
  /* no model: the handles search syllables, as each would alone */
  if (hoso_vi_open(NULL, 0, &p->vi, NULL) != HOSO_OK) p->vi = NULL;
  /* Open (and warm) them all now: a bad path fails at start, and no
  ** request waits for a cold handle. */
  for (size_t i = 0; i < max; i++) {
    hoso_archive *a = NULL;
    int rc = open_warm(path, p->vi, &a, err);
    if (rc != HOSO_OK) {
      srv_pool_close(p);
      return rc;
    }
    p->idle[p->nidle++] = a;
    p->opened++;
  }
  *out = p;
  return HOSO_OK;
}

int srv_pool_get(srv_pool *p, unsigned wait_ms, hoso_archive **out,
                 hoso_error *err) {
  *out = NULL;
  if (!p) return hoso__err(err, HOSO_EDB, "no archive (start with --db FILE)");
  struct timespec dl;
  clock_gettime(CLOCK_REALTIME, &dl);
  dl.tv_sec += wait_ms / 1000;
  dl.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
  if (dl.tv_nsec >= 1000000000L) {
    dl.tv_sec++;
    dl.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&p->mu);
  for (;;) {
    if (p->nidle > 0) {
      *out = p->idle[--p->nidle];
      pthread_mutex_unlock(&p->mu);
      return HOSO_OK;
    }
    if (p->opened < p->max) {
      p->opened++; /* reserve the slot, open outside the lock */
      pthread_mutex_unlock(&p->mu);
      int rc = open_warm(p->path, p->vi, out, err);
      if (rc != HOSO_OK) {
        pthread_mutex_lock(&p->mu);
        p->opened--;
        pthread_cond_signal(&p->cv);
        pthread_mutex_unlock(&p->mu);
      }
      return rc;
    }
    if (pthread_cond_timedwait(&p->cv, &p->mu, &dl) == ETIMEDOUT) {
      pthread_mutex_unlock(&p->mu);
      return hoso__err(err, HOSO_ETOOBIG, "all archive handles busy");
    }
  }
}

void srv_pool_put(srv_pool *p, hoso_archive *a) {
  if (!p || !a) return;
  pthread_mutex_lock(&p->mu);
  p->idle[p->nidle++] = a; /* nidle < max: every handle came from here */
  pthread_cond_signal(&p->cv);
  pthread_mutex_unlock(&p->mu);
}

const char *srv_pool_path(const srv_pool *p) { return p ? p->path : NULL; }

void srv_pool_close(srv_pool *p) {
  if (!p) return;
  for (size_t i = 0; i < p->nidle; i++) hoso_archive_close(p->idle[i]);
  hoso_vi_close(p->vi); /* after every handle that used it */
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->cv);
  free(p->idle);
  free(p->path);
  free(p);
}
