/* deadline.c -- whole-request deadlines: the clock that cuts slow clients.
**
** libmicrohttpd's connection timeout (--timeout) is an idle timeout: it
** restarts on every byte, so a client that trickles its headers one byte
** a second keeps a connection (and a slot of --max-conns) forever. Here
** every connection carries a deadline by which its next request must have
** arrived (headers within --timeout of the connection opening or of the
** previous answer; a body within 4 x --timeout of its headers). A watcher
** thread shuts down the socket of a connection past its deadline, and
** libmicrohttpd then closes it as it would a client that hung up.
**
** Each clock keeps its own dup() of the connection's socket: shutdown()
** acts on the socket, so it reaches libmicrohttpd's descriptor, and the
** descriptor number can never be reused by another connection while the
** clock holds it (it is closed only when the clock is removed).
**
** Ownership: srv_deadlines owns its clocks; a clock lives from
** srv_clock_add to srv_clock_remove (or srv_deadlines_stop). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "srv.h"

struct srv_clock {
  _Atomic uint64_t deadline_us; /* monotonic microseconds; 0 = none */
  int fd;                       /* our dup of the connection's socket */
  struct srv_clock *prev, *next;
};

struct srv_deadlines {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_t thread;
  int stopping;
  unsigned tick_ms;
  srv_clock *head;
  _Atomic uint64_t *cut_counter; /* borrowed; may be NULL */
  _Atomic uint64_t cut;
};

uint64_t srv_now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* One pass: shut down every socket past its deadline. Called with mu. */
static void sweep(srv_deadlines *d, uint64_t now) {
  for (srv_clock *c = d->head; c; c = c->next) {
    uint64_t dl = atomic_load(&c->deadline_us);
    if (!dl || now < dl) continue;
    atomic_store(&c->deadline_us, 0);
    shutdown(c->fd, SHUT_RDWR);
    atomic_fetch_add(&d->cut, 1);
    if (d->cut_counter) atomic_fetch_add(d->cut_counter, 1);
  }
}

static void *watch(void *arg) {
  srv_deadlines *d = arg;
  pthread_mutex_lock(&d->mu);
  while (!d->stopping) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_nsec += (long)d->tick_ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&d->cv, &d->mu, &ts);
    if (!d->stopping) sweep(d, srv_now_us());
  }
  pthread_mutex_unlock(&d->mu);
  return NULL;
}

int srv_deadlines_start(unsigned tick_ms, _Atomic uint64_t *cut_counter,
                        srv_deadlines **out, hoso_error *err) {
  *out = NULL;
  srv_deadlines *d = calloc(1, sizeof(*d));
  if (!d) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  d->tick_ms = tick_ms ? tick_ms : 1;
  d->cut_counter = cut_counter;
  atomic_init(&d->cut, 0);
  pthread_condattr_t ca;
  int ok = pthread_mutex_init(&d->mu, NULL) == 0;
  if (ok && pthread_condattr_init(&ca) == 0) {
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (pthread_cond_init(&d->cv, &ca) != 0) {
      pthread_mutex_destroy(&d->mu);
      ok = 0;
    }
    pthread_condattr_destroy(&ca);
  } else if (ok) {
    pthread_mutex_destroy(&d->mu);
    ok = 0;
  }
  if (!ok) {
    free(d);
    return hoso__err(err, HOSO_ENOMEM, "cannot make the deadline watcher");
  }
  if (pthread_create(&d->thread, NULL, watch, d) != 0) {
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    free(d);
    return hoso__err(err, HOSO_ENOMEM, "cannot start the deadline watcher");
  }
  *out = d;
  return HOSO_OK;
}

void srv_deadlines_stop(srv_deadlines *d) {
  if (!d) return;
  pthread_mutex_lock(&d->mu);
  d->stopping = 1;
  pthread_cond_signal(&d->cv);
  pthread_mutex_unlock(&d->mu);
  pthread_join(d->thread, NULL);
  for (srv_clock *c = d->head, *next; c; c = next) {
    next = c->next;
    close(c->fd);
    free(c);
  }
  pthread_cond_destroy(&d->cv);
  pthread_mutex_destroy(&d->mu);
  free(d);
}

srv_clock *srv_clock_add(srv_deadlines *d, int fd, uint64_t deadline_us) {
  if (!d || fd < 0) return NULL;
  srv_clock *c = calloc(1, sizeof(*c));
  if (!c) return NULL;
  c->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (c->fd < 0) {
    free(c);
    return NULL;
  }
  atomic_init(&c->deadline_us, deadline_us);
  pthread_mutex_lock(&d->mu);
  c->next = d->head;
  if (d->head) d->head->prev = c;
  d->head = c;
  pthread_mutex_unlock(&d->mu);
  return c;
}

void srv_clock_set(srv_clock *c, uint64_t deadline_us) {
  if (c) atomic_store(&c->deadline_us, deadline_us);
}

void srv_clock_remove(srv_deadlines *d, srv_clock *c) {
  if (!d || !c) return;
  pthread_mutex_lock(&d->mu);
  if (c->prev) c->prev->next = c->next;
  else d->head = c->next;
  if (c->next) c->next->prev = c->prev;
  pthread_mutex_unlock(&d->mu);
  close(c->fd);
  free(c);
}

uint64_t srv_deadlines_cut(srv_deadlines *d) {
  return d ? atomic_load(&d->cut) : 0;
}
