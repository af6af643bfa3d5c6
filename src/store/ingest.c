/* ingest.c -- the ingest pipeline: the caller's thread reads inputs and
** queues documents in a ring; worker threads prepare them (prepare.c),
** except documents an earlier run stored (resume.c), which they skip;
** one writer thread stores them in input order, committing a batch every
** opt.batch articles, and when it has had no work for a while with a batch
** open for opt.idle_commit_ms (default IDLE_COMMIT_MS; the while: an eighth
** of that, IDLE_GRACE_PART), so a kill loses at most the open batch.
** (Committing at every idle moment made batches of one article when the
** workers are the slower side, and each commit writes a new FTS5 segment
** to merge later.)
** Duplicates of this run are skipped by the store. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/ingest_int.h"

enum { SLOT_EMPTY, SLOT_QUEUED, SLOT_WORKING, SLOT_DONE };

#define IDLE_COMMIT_MS 2000
/* ... and only once it has had nothing to write for this part of that time
** (250 ms by default): a batch at least IDLE_COMMIT_MS old used to be
** committed at the first moment the writer found the next document not
** ready yet. On a loaded machine such moments come every few articles (a
** worker waits for a core), so 20,000 articles took 8-12 commits instead
** of 5 (load 16-19) -- each one a spelling flush and an FTS5 segment more. */
#define IDLE_GRACE_PART 8

/* The free slots that wake a caller waiting on a full ring (writer_main). */
#define FREE_WAKE(ring_n) ((ring_n) / 4)

typedef struct slot {
  int state;
  hoso_document doc; /* copies owned by the slot */
  char *data, *url, *outlet, *published, *lang, *origin;
  hoso_prepared out;
  int pre_failed;   /* failure queued by the reader: out already filled */
  int text_checked; /* hoso__ingest_checked_text: not scanned again */
} slot;

struct hoso_ingest {
  hoso_archive *ar;
  hoso_store *st;
  hoso_ingest_options opt;
  pthread_mutex_t mu;
  /* one condition per kind of waiter, each told only what it waits for
  ** (one shared condition, broadcast at every change, woke all four
  ** threads for each document: 11 futex calls a document):
  **   work_cv   workers: a document queued;
  **   write_cv  the writer: the slot it writes next prepared;
  **   free_cv   the caller (claim, finish): a quarter of the ring free,
  **             or all of it.
  ** stop and fatal are broadcast on all three (wake_all). */
  pthread_cond_t work_cv, write_cv, free_cv;
  slot *ring;
  size_t ring_n;
  uint64_t next_in, next_work, next_write;
  int stop;
  pthread_t *workers;
  int n_workers, started_workers, writer_started;
  pthread_t writer;
  int fatal;
  hoso_error fatal_err;
  hoso_ingest_stats stats;
  double t0, last_progress;
  int in_tx;
  size_t in_batch;
  int finished;
  hoso_ner *ner; /* shared by the workers (read-only); NULL if unavailable */
  hoso_vi *vi;   /* the word segmenter, shared likewise; NULL: syllables */
  hoso_known known; /* input keys stored before this run (read-only) */
  double batch_t0;  /* when the open batch began */
  /* the writer's CPU split, written by the writer thread only and read
  ** after it is joined (or under the lock at its end) */
  double writer_index_cpu, writer_commit_cpu;
  uint64_t writer_commits;
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double hoso__thread_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* now + sec as an absolute CLOCK_REALTIME time (for timed waits). */
static struct timespec deadline(double sec) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  long ns = ts.tv_nsec + (long)(sec * 1e9);
  ts.tv_sec += ns / 1000000000;
  ts.tv_nsec = ns % 1000000000;
  return ts;
}

/* stop or fatal: every waiter looks again (the lock held). */
static void wake_all(hoso_ingest *ing) {
  pthread_cond_broadcast(&ing->work_cv);
  pthread_cond_broadcast(&ing->write_cv);
  pthread_cond_broadcast(&ing->free_cv);
}

static void slot_clear(slot *s) {
  free(s->data);
  free(s->url);
  free(s->outlet);
  free(s->published);
  free(s->lang);
  free(s->origin);
  hoso__prepared_free(&s->out);
  /* everything but state, which is read and written only under the lock:
  ** clearing it here, even for an instant, let the reader (waiting for
  ** this slot when the ring is full) see it empty and fill it while the
  ** writer still owned it -- a lost slot and a hang at the end */
  s->data = s->url = s->outlet = s->published = s->lang = s->origin = NULL;
  memset(&s->doc, 0, sizeof(s->doc));
  s->pre_failed = 0;
  s->text_checked = 0;
}

static void *worker_main(void *arg) {
  hoso_ingest *ing = arg;
  hoso_prep_ctx ctx;
  int ok = hoso__prep_ctx_init(&ctx, ing->ner, ing->vi) == HOSO_OK;
  ctx.pack_original = ing->st->vt->packs_original;
  pthread_mutex_lock(&ing->mu);
  for (;;) {
    while (!ing->stop && !ing->fatal && ing->next_work == ing->next_in)
      pthread_cond_wait(&ing->work_cv, &ing->mu);
    if (ing->fatal || (ing->stop && ing->next_work == ing->next_in)) break;
    slot *s = &ing->ring[ing->next_work % ing->ring_n];
    ing->next_work++;
    s->state = SLOT_WORKING;
    pthread_mutex_unlock(&ing->mu);
    int rc = HOSO_OK, prepared = 0;
    uint64_t keys[2];
    size_t nk = s->pre_failed ? 0 : hoso__input_keys(&s->doc, keys);
    if (!s->pre_failed && hoso__known_has(&ing->known, keys, nk)) {
      s->out.skipped = 1;
    } else if (!s->pre_failed) {
      prepared = 1;
      ctx.text_checked = s->text_checked && s->doc.is_text;
      if (ok)
        rc = hoso__prepare(&ctx, &s->doc, &s->out);
      else
        rc = HOSO_ENOMEM;
      if (!rc && !s->out.failed) {
        memcpy(s->out.keys, keys, nk * sizeof(keys[0]));
        s->out.a.input_keys = s->out.keys;
        s->out.a.n_input_keys = nk;
      }
      if (rc) {
        hoso__prepared_free(&s->out);
        s->out.failed = 1;
        s->out.code = HOSO_ENOMEM;
        s->out.offset = -1;
        snprintf(s->out.message, sizeof(s->out.message),
                 "out of memory preparing the document");
        s->out.origin = s->origin ? strdup(s->origin) : NULL;
      }
    }
    pthread_mutex_lock(&ing->mu);
    s->state = SLOT_DONE;
    ing->stats.prepared += (uint64_t)prepared;
    ing->stats.words_cpu += s->out.words_cpu;
    ing->stats.analysis_cpu += s->out.analysis_cpu;
    /* the writer waits for its next slot only */
    if (s == &ing->ring[ing->next_write % ing->ring_n]) pthread_cond_signal(&ing->write_cv);
  }
  ing->stats.workers_cpu += hoso__thread_cpu();
  pthread_mutex_unlock(&ing->mu);
  hoso__prep_ctx_free(&ctx);
  return NULL;
}

/* Writer-side store operations (called without the lock). */
static int write_one(hoso_ingest *ing, slot *s, hoso_error *err,
                     int *added, int *dup, int *failed, int *new_story) {
  hoso_store *st = ing->st;
  int rc = HOSO_OK;
  if (s->out.skipped) { /* stored by an earlier run: nothing to write */
    *dup = 1;
    return HOSO_OK;
  }
  if (!ing->in_tx) {
    rc = st->vt->begin(st, err);
    if (rc) return rc;
    ing->in_tx = 1;
    ing->batch_t0 = now();
  }
  if (s->out.failed) {
    rc = st->vt->put_error(st, s->out.origin ? s->out.origin : s->origin,
                           s->out.offset, s->out.code, s->out.message, err);
    *failed = 1;
  } else {
    hoso_store_put put;
    memset(&put, 0, sizeof(put));
    rc = st->vt->put_article(st, &s->out.a, &put, err);
    ing->writer_index_cpu += put.index_cpu;
    if (!rc) {
      *dup = put.duplicate;
      *added = !put.duplicate;
      *new_story = put.new_story;
    }
  }
  if (rc) return rc;
  ing->in_batch++;
  return HOSO_OK;
}

static int commit(hoso_ingest *ing, hoso_error *err) {
  if (!ing->in_tx) return HOSO_OK;
  double c0 = hoso__thread_cpu();
  int rc = ing->st->vt->commit(ing->st, err);
  ing->writer_commit_cpu += hoso__thread_cpu() - c0;
  ing->writer_commits += rc == HOSO_OK;
  ing->in_tx = 0;
  ing->in_batch = 0;
  return rc;
}

double hoso__idle_commit_wait(double age, double idle, double idle_s) {
  double grace = idle_s / IDLE_GRACE_PART;
  double wait = age < idle_s ? idle_s - age : 0;
  return grace - idle > wait ? grace - idle : wait;
}

static void *writer_main(void *arg) {
  hoso_ingest *ing = arg;
  size_t batch = ing->opt.batch > 0      ? (size_t)ing->opt.batch
                 : ing->st->vt->batch > 0 ? (size_t)ing->st->vt->batch
                                          : 1024;
  double idle_s = ing->opt.idle_commit_ms > 0   ? ing->opt.idle_commit_ms / 1000.0
                  : ing->opt.idle_commit_ms < 0 ? -1.0
                                                : IDLE_COMMIT_MS / 1000.0;
  double idle_since = 0; /* when the writer last ran out of work; 0: it has work */
  pthread_mutex_lock(&ing->mu);
  for (;;) {
    slot *s = &ing->ring[ing->next_write % ing->ring_n];
    if (s->state != SLOT_DONE || ing->next_write == ing->next_in) {
      /* fatal: abandoned (hoso_ingest_close) -- the workers have stopped,
      ** so the slots still queued will never be done */
      if (ing->fatal || (ing->stop && ing->next_write == ing->next_in)) break;
      double t = now();
      if (idle_since == 0) idle_since = t;
      int idle_commits = ing->in_tx && idle_s >= 0; /* else: wait for work */
      double wait = idle_commits ? hoso__idle_commit_wait(t - ing->batch_t0, t - idle_since,
                                                          idle_s)
                                 : 0;
      if (wait > 0) { /* wait for more, a while */
        struct timespec ts = deadline(wait);
        pthread_cond_timedwait(&ing->write_cv, &ing->mu, &ts);
        continue;
      }
      if (idle_commits) { /* idle for long enough: make what we have durable */
        pthread_mutex_unlock(&ing->mu);
        hoso_error e;
        hoso_error_clear(&e);
        int rc = commit(ing, &e);
        pthread_mutex_lock(&ing->mu);
        if (rc) {
          ing->fatal = 1;
          ing->fatal_err = e;
          wake_all(ing);
          break;
        }
        continue;
      }
      pthread_cond_wait(&ing->write_cv, &ing->mu);
      continue;
    }
    idle_since = 0;
    pthread_mutex_unlock(&ing->mu);
    hoso_error e;
    hoso_error_clear(&e);
    int added = 0, dup = 0, failed = 0, new_story = 0, skipped = s->out.skipped;
    int rc = write_one(ing, s, &e, &added, &dup, &failed, &new_story);
    if (!rc && ing->in_batch >= batch) rc = commit(ing, &e);
    slot_clear(s);
    pthread_mutex_lock(&ing->mu);
    if (rc) {
      if (ing->in_tx) ing->st->vt->rollback(ing->st);
      ing->in_tx = 0;
      ing->fatal = 1;
      ing->fatal_err = e;
      wake_all(ing);
      break;
    }
    ing->stats.added += (uint64_t)added;
    ing->stats.duplicates += (uint64_t)dup;
    ing->stats.failed += (uint64_t)failed;
    ing->stats.stories += (uint64_t)new_story;
    ing->stats.skipped += (uint64_t)skipped;
    s->state = SLOT_EMPTY;
    ing->next_write++;
    /* the caller waits in claim only on a full ring (no slot free), and in
    ** finish for an empty one: woken when a quarter of the ring is free, so
    ** it queues documents in runs, not one per written document */
    uint64_t queued = ing->next_in - ing->next_write;
    if (queued == 0 || ing->ring_n - queued == FREE_WAKE(ing->ring_n))
      pthread_cond_broadcast(&ing->free_cv);
  }
  pthread_mutex_unlock(&ing->mu);
  if (!ing->fatal) {
    hoso_error e;
    hoso_error_clear(&e);
    if (commit(ing, &e)) {
      pthread_mutex_lock(&ing->mu);
      ing->fatal = 1;
      ing->fatal_err = e;
      pthread_mutex_unlock(&ing->mu);
    }
  }
  double cpu = hoso__thread_cpu();
  pthread_mutex_lock(&ing->mu);
  ing->stats.writer_cpu = cpu;
  ing->stats.index_cpu = ing->writer_index_cpu;
  ing->stats.commit_cpu = ing->writer_commit_cpu;
  ing->stats.commits = ing->writer_commits;
  pthread_mutex_unlock(&ing->mu);
  return NULL;
}

static void progress(hoso_ingest *ing, int force) {
  if (!ing->opt.progress) return;
  double t = now();
  if (!force && t - ing->last_progress < 0.2) return;
  ing->last_progress = t;
  pthread_mutex_lock(&ing->mu);
  hoso_ingest_stats st = ing->stats;
  pthread_mutex_unlock(&ing->mu);
  st.seconds = t - ing->t0;
  ing->opt.progress(ing->opt.progress_ctx, &st);
}

int hoso_ingest_open(hoso_archive *ar, const hoso_ingest_options *opt,
                     hoso_ingest **out, hoso_error *err) {
  hoso_error_clear(err);
  *out = NULL;
  hoso_store *st = hoso__archive_store(ar);
  if (!st) return hoso__err(err, HOSO_EARG, "no archive");
  /* fail now, clearly, if the archive cannot be written */
  int rc = st->vt->begin(st, err);
  if (rc) return rc;
  st->vt->rollback(st);
  hoso_ingest *ing = calloc(1, sizeof(*ing));
  if (!ing) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  ing->ar = ar;
  ing->st = st;
  if (opt) ing->opt = *opt;
  int threads = ing->opt.threads;
  if (threads <= 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    threads = n > 0 ? (int)n : 1;
  }
  if (threads > 64) threads = 64;
  ing->n_workers = threads;
  ing->ring_n = (size_t)threads * 8 + 16;
  ing->ring = calloc(ing->ring_n, sizeof(*ing->ring));
  ing->workers = calloc((size_t)threads, sizeof(*ing->workers));
  if (!ing->ring || !ing->workers) {
    free(ing->ring);
    free(ing->workers);
    free(ing);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  /* what earlier runs stored, to skip it before preparing */
  rc = hoso__known_load(&ing->known, st, err);
  if (rc) {
    free(ing->ring);
    free(ing->workers);
    free(ing);
    return rc;
  }
  pthread_mutex_init(&ing->mu, NULL);
  pthread_cond_init(&ing->work_cv, NULL);
  pthread_cond_init(&ing->write_cv, NULL);
  pthread_cond_init(&ing->free_cv, NULL);
  ing->t0 = now();
  /* entities and events: the models/ data; without it articles are still
  ** stored and searchable (hoso stats shows entities: 0) */
  if (!(ing->opt.flags & HOSO_INGEST_NO_ANALYSIS) &&
      hoso_ner_open(NULL, &ing->ner, NULL) != HOSO_OK)
    ing->ner = NULL;
  /* Vietnamese words for the index (models/vi-*); without the models the
  ** index holds syllables and search still works (queries adapt) */
  if (hoso_vi_open(NULL, 0, &ing->vi, NULL) != HOSO_OK) ing->vi = NULL;
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&ing->workers[i], NULL, worker_main, ing)) break;
    ing->started_workers++;
  }
  if (ing->started_workers == 0 ||
      pthread_create(&ing->writer, NULL, writer_main, ing)) {
    hoso_ingest_close(ing);
    return hoso__err(err, HOSO_EINTERNAL, "cannot start ingest threads");
  }
  ing->writer_started = 1;
  *out = ing;
  return HOSO_OK;
}

/* Wait for a free slot; NULL when the run failed (err filled). */
static slot *claim(hoso_ingest *ing, hoso_error *err) {
  pthread_mutex_lock(&ing->mu);
  slot *s = &ing->ring[ing->next_in % ing->ring_n];
  while (!ing->fatal && s->state != SLOT_EMPTY) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 200000000;
    if (ts.tv_nsec >= 1000000000) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&ing->free_cv, &ing->mu, &ts);
    pthread_mutex_unlock(&ing->mu);
    progress(ing, 0);
    pthread_mutex_lock(&ing->mu);
  }
  if (ing->fatal) {
    if (err) *err = ing->fatal_err;
    pthread_mutex_unlock(&ing->mu);
    return NULL;
  }
  pthread_mutex_unlock(&ing->mu);
  return s;
}

static void publish(hoso_ingest *ing, slot *s, size_t bytes) {
  pthread_mutex_lock(&ing->mu);
  s->state = SLOT_QUEUED;
  ing->next_in++;
  ing->stats.seen++;
  ing->stats.bytes += bytes;
  pthread_cond_signal(&ing->work_cv); /* one worker for one document */
  pthread_mutex_unlock(&ing->mu);
  progress(ing, 0);
}

static char *dup0(const char *s) { return s ? strdup(s) : NULL; }

static int queue(hoso_ingest *ing, const hoso_document *doc, int checked,
                 hoso_error *err) {
  if (!ing || !doc) return hoso__err(err, HOSO_EARG, "bad arguments");
  slot *s = claim(ing, err);
  if (!s) return err ? err->code : HOSO_EDB;
  s->data = malloc(doc->n ? doc->n : 1);
  s->url = dup0(doc->url);
  s->outlet = dup0(doc->outlet);
  s->published = dup0(doc->published);
  s->lang = dup0(doc->lang);
  s->origin = dup0(doc->origin);
  if (!s->data || (doc->url && !s->url) || (doc->outlet && !s->outlet) ||
      (doc->published && !s->published) || (doc->lang && !s->lang) ||
      (doc->origin && !s->origin)) {
    slot_clear(s);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  if (doc->n) memcpy(s->data, doc->data, doc->n);
  s->doc = *doc;
  s->doc.data = s->data;
  s->doc.url = s->url;
  s->doc.outlet = s->outlet;
  s->doc.published = s->published;
  s->doc.lang = s->lang;
  s->doc.origin = s->origin;
  s->text_checked = checked;
  publish(ing, s, doc->n);
  return HOSO_OK;
}

int hoso_ingest_document(hoso_ingest *ing, const hoso_document *doc,
                         hoso_error *err) {
  return queue(ing, doc, 0, err);
}

int hoso__ingest_checked_text(hoso_ingest *ing, const hoso_document *doc, hoso_error *err) {
  return queue(ing, doc, doc && doc->is_text, err);
}

int hoso__ingest_fail(hoso_ingest *ing, const char *origin, int64_t offset,
                      int code, const char *message, hoso_error *err) {
  slot *s = claim(ing, err);
  if (!s) return err ? err->code : HOSO_EDB;
  s->pre_failed = 1;
  s->out.failed = 1;
  s->out.code = code;
  s->out.offset = offset;
  snprintf(s->out.message, sizeof(s->out.message), "%s", message);
  s->out.origin = dup0(origin);
  publish(ing, s, 0);
  return HOSO_OK;
}

void hoso_ingest_set_total(hoso_ingest *ing, uint64_t total) {
  if (!ing) return;
  pthread_mutex_lock(&ing->mu);
  ing->stats.total = total;
  pthread_mutex_unlock(&ing->mu);
}

static void join_all(hoso_ingest *ing) {
  pthread_mutex_lock(&ing->mu);
  ing->stop = 1;
  wake_all(ing);
  pthread_mutex_unlock(&ing->mu);
  for (int i = 0; i < ing->started_workers; i++) pthread_join(ing->workers[i], NULL);
  ing->started_workers = 0;
  if (ing->writer_started) pthread_join(ing->writer, NULL);
  ing->writer_started = 0;
}

int hoso_ingest_finish(hoso_ingest *ing, hoso_ingest_stats *st,
                       hoso_error *err) {
  if (!ing) return hoso__err(err, HOSO_EARG, "no ingest run");
  /* wait for the pipeline to drain, reporting progress */
  pthread_mutex_lock(&ing->mu);
  ing->stop = 1;
  wake_all(ing);
  while (!ing->fatal && ing->next_write != ing->next_in) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 200000000;
    if (ts.tv_nsec >= 1000000000) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&ing->free_cv, &ing->mu, &ts);
    pthread_mutex_unlock(&ing->mu);
    progress(ing, 0);
    pthread_mutex_lock(&ing->mu);
  }
  pthread_mutex_unlock(&ing->mu);
  join_all(ing);
  ing->finished = 1;
  progress(ing, 1);
  if (st) {
    *st = ing->stats;
    st->seconds = now() - ing->t0;
  }
  if (ing->fatal) {
    if (err) *err = ing->fatal_err;
    return ing->fatal_err.code ? ing->fatal_err.code : HOSO_EDB;
  }
  return HOSO_OK;
}

void hoso_ingest_close(hoso_ingest *ing) {
  if (!ing) return;
  if (!ing->finished) {
    /* abandon: stop everyone without draining; the open batch is rolled
    ** back (earlier batches are committed and complete) */
    pthread_mutex_lock(&ing->mu);
    ing->fatal = 1; /* stops everyone without draining */
    wake_all(ing);
    pthread_mutex_unlock(&ing->mu);
    join_all(ing);
    if (ing->in_tx) ing->st->vt->rollback(ing->st);
  }
  for (size_t i = 0; i < ing->ring_n; i++) slot_clear(&ing->ring[i]);
  pthread_mutex_destroy(&ing->mu);
  pthread_cond_destroy(&ing->work_cv);
  pthread_cond_destroy(&ing->write_cv);
  pthread_cond_destroy(&ing->free_cv);
  if (ing->ner) hoso_ner_close(ing->ner);
  hoso_vi_close(ing->vi);
  hoso__known_free(&ing->known);
  free(ing->ring);
  free(ing->workers);
  free(ing);
}
