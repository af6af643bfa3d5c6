/* pool.c -- read-only archive handles shared by the worker threads.
**
** A hoso_archive is used by one thread at a time (hoso.h), so each
** request borrows a handle for its duration and gives it back. Handles
** are opened lazily up to `max` (the worker count plus a few) and kept;
** a request that finds none free waits on a condition variable, at most
** `wait_ms`, then answers 503. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include "srv.h"

struct srv_pool {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  char *path;          /* owned copy */
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
  /* Open one now so a bad path fails at start, not at the first query. */
  hoso_archive *a = NULL;
  int rc = hoso_archive_open(path, HOSO_ARCHIVE_READONLY, &a, err);
  if (rc != HOSO_OK) {
    srv_pool_close(p);
    return rc;
  }
  p->idle[p->nidle++] = a;
  p->opened = 1;
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
      int rc = hoso_archive_open(p->path, HOSO_ARCHIVE_READONLY, out, err);
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
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->cv);
  free(p->idle);
  free(p->path);
  free(p);
}
