/* sqlite_ckpt.c -- WAL checkpoints on their own thread, for a handle that
** writes (ingest's writer thread).
**
** SQLite's automatic checkpoint runs inside COMMIT, on the thread that
** commits: copying the WAL's pages into the database file was ~3% of the
** ingest writer's CPU (session 16's profile), on the thread that bounds an
** ingest's wall time. Instead, when a commit leaves the WAL over
** CKPT_PAGES, the handle's WAL hook wakes a thread of its own, which
** checkpoints through its own connection (SQLITE_CHECKPOINT_PASSIVE: it
** never waits for the writer or for readers) while the writer goes on
** with its next batch.
**
** The WAL restarts from its beginning only in a transaction that began
** after a checkpoint had copied all of it, and the writer begins its next
** batch as soon as it commits: the thread cannot finish first. So at the
** first commit after the thread's checkpoint is over, the hook copies the
** rest itself (the batches committed since: a fraction of the WAL) on the
** writer's connection, as the automatic checkpoint did; the next batch
** then restarts the WAL, which stays about as large as before.
**
** Durability is SQLite's: a checkpoint only copies committed pages, and a
** process killed during one leaves the WAL to be replayed on the next
** open. A failed checkpoint (disk full) is left to the next one or to the
** close, which checkpoints everything as the last connection closes: the
** thread is stopped (and its connection closed) before that.
**
** Ownership: the sq_ckpt is owned by the sq_store (s->ckpt) and freed by
** hoso__sq_ckpt_stop; the thread owns its connection. If the thread cannot
** be made, the handle keeps SQLite's automatic checkpoint. */
#include <pthread.h>
#include <stdlib.h>

#include "store/sqlite_int.h"

/* Checkpoint once the WAL holds this many pages (16 KiB each: 128 MiB), as
** the automatic checkpoint did (sqlite_db.c). */
#define CKPT_PAGES 8192

struct sq_ckpt {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_t thread;
  char *path;   /* the archive file (the store's path, borrowed) */
  int pages;    /* the WAL's size that asks for a checkpoint */
  int want;     /* a checkpoint was asked of the thread */
  int busy;     /* the thread is checkpointing */
  int stop;     /* the store is closing */
  int running;  /* the thread was started */
  int asked;    /* the hook asked the thread in this WAL cycle (hook only) */
  int64_t done; /* checkpoints the thread ran (tests) */
  int64_t copied; /* ... and the WAL frames they found copied (tests) */
  int64_t tail; /* checkpoints the hook ran (tests) */
};

static void *ckpt_main(void *arg) {
  sq_ckpt *c = arg;
  sqlite3 *db = NULL;
  pthread_mutex_lock(&c->mu);
  for (;;) {
    while (!c->want && !c->stop) pthread_cond_wait(&c->cv, &c->mu);
    if (c->stop) break;
    c->want = 0;
    c->busy = 1;
    pthread_mutex_unlock(&c->mu);
    if (!db && sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                               NULL) != SQLITE_OK) {
      sqlite3_close_v2(db); /* a failed open still gives a handle to free */
      db = NULL;
    }
    /* A connection opens the WAL with its first read: until then a
    ** checkpoint through it copies nothing (and says SQLITE_OK). Errors
    ** (disk full, I/O) are left to the next checkpoint or the close. */
    int copied = 0;
    if (db && sqlite3_exec(db, "SELECT 1 FROM sqlite_master LIMIT 1", NULL, NULL, NULL) ==
                  SQLITE_OK)
      sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, &copied);
    pthread_mutex_lock(&c->mu);
    c->busy = 0;
    c->done++;
    if (copied > 0) c->copied += copied;
  }
  pthread_mutex_unlock(&c->mu);
  /* this connection is not the last (the store's is still open), so it
  ** closes without checkpointing */
  if (db) sqlite3_close_v2(db);
  return NULL;
}

/* After each commit (on the committing thread): pages = the WAL's size.
** Returns SQLITE_OK (the commit itself succeeded whatever happens here). */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int pages) {
  sq_ckpt *c = arg;
  if (pages < c->pages) { /* the WAL restarted (or never grew) */
    c->asked = 0;
    return SQLITE_OK;
  }
  pthread_mutex_lock(&c->mu);
  int asked = c->asked, busy = c->want || c->busy;
  if (!asked) {
    c->want = 1;
    pthread_cond_signal(&c->cv);
  }
  pthread_mutex_unlock(&c->mu);
  c->asked = 1;
  if (!asked || busy) return SQLITE_OK; /* the thread copies; look again next commit */
  /* the thread's checkpoint is over: copy what was committed since, so
  ** that the next transaction restarts the WAL */
  sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  c->asked = 0;
  pthread_mutex_lock(&c->mu);
  c->tail++;
  pthread_mutex_unlock(&c->mu);
  return SQLITE_OK;
}

void hoso__sq_ckpt_start(sq_store *s, int pages) {
  if (s->ckpt || s->readonly || !s->db || !s->path) return;
  sq_ckpt *c = calloc(1, sizeof(*c));
  if (!c) return; /* SQLite's automatic checkpoint stays */
  c->path = s->path;
  c->pages = pages > 0 ? pages : CKPT_PAGES;
  if (pthread_mutex_init(&c->mu, NULL)) {
    free(c);
    return;
  }
  if (pthread_cond_init(&c->cv, NULL)) {
    pthread_mutex_destroy(&c->mu);
    free(c);
    return;
  }
  if (pthread_create(&c->thread, NULL, ckpt_main, c)) {
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c);
    return;
  }
  c->running = 1;
  s->ckpt = c;
  /* replaces the automatic checkpoint's hook (one hook per connection) */
  sqlite3_wal_hook(s->db, wal_hook, c);
}

int hoso__sq_ckpt_counts(sq_store *s, int64_t *thread, int64_t *tail, int64_t *frames) {
  sq_ckpt *c = s->ckpt;
  if (!c) return -1;
  pthread_mutex_lock(&c->mu);
  *thread = c->done;
  *frames = c->copied;
  *tail = c->tail;
  pthread_mutex_unlock(&c->mu);
  return 0;
}

void hoso__sq_ckpt_stop(sq_store *s) {
  sq_ckpt *c = s->ckpt;
  if (!c) return;
  if (s->db) sqlite3_wal_hook(s->db, NULL, NULL);
  pthread_mutex_lock(&c->mu);
  c->stop = 1;
  pthread_cond_signal(&c->cv);
  pthread_mutex_unlock(&c->mu);
  if (c->running) pthread_join(c->thread, NULL);
  pthread_cond_destroy(&c->cv);
  pthread_mutex_destroy(&c->mu);
  free(c);
  s->ckpt = NULL;
}
