/* store_bench.c -- `make bench` for the archive: builds a hoso archive and,
** in the same run, a plain SQLite FTS5 index (unicode61 remove_diacritics
** 2: what a user reaches for today) of the same corpus, then prints for
** both: ingest MB/s and articles/s (wall and CPU), size vs corpus, query
** latency p50/p95/p99 over a fixed set of 200 queries (100 typed with
** diacritics, the same 100 without), and for the toneless half how often
** the top-10 equals the diacritic query's top-10.
**
** The competitor is SQLite itself, so this tool talks to sqlite3 directly
** for the baseline (hoso's own archive goes through include/hoso.h only).
**
** usage: store_bench CORPUS.jsonl.gz OUTDIR [N [REPLICATE]]
**   N: articles to use (0 = all); REPLICATE: read the corpus K times
**   (copies get a marker line, so they are stored, as near-duplicates).
**
** Environment:
**   STORE_BENCH_QUERY_DB=FILE  run the queries on FILE instead of the
**     archive built here: an analysed archive of the same corpus (`hoso
**     ingest` with entities and events), so the facets (people, orgs, event
**     types) cost what users pay; make bench passes the server bench's.
**   STORE_BENCH_REUSE=1  keep OUTDIR's hoso.db and fts5.db when both exist
**     (query figures only; the ingest rows are then not measured).
**   STORE_BENCH_ACCOUNT=1  after both ingests, run each of their stages
**     alone and print where the CPU goes (see account() below).
**   STORE_BENCH_WALL=K  only the ingests, K pairs alternating, wall and
**     CPU of each and the median wall ratio (wall_runs(); make
**     bench-store-wall runs it on an idle machine).
**   STORE_BENCH_VERBOSE=1  print the slowest queries and toneless misses.
**   STORE_BENCH_QUERIES_OUT=FILE  also write the query set there, one
**     "toned<TAB>toneless" pair a line (bench_search's input). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <jansson.h>

#include "hoso.h"
#include "search/fts.h"
#include "search/words.h"
#include "base/jsonl.h"
#include "store/minhash.h"
#include "text/text.h"

#define NQ 100 /* diacritic queries; the same number toneless */

static double wall(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
/* CPU time of this thread: a query's cost even on a busy machine (the
** queries run on this thread only) */
static double tcpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* the 1-minute load average, as text (for the record beside a figure) */
static const char *loadavg_now(void) {
  static char la[32];
  FILE *f = fopen("/proc/loadavg", "r");
  if (!f || !fgets(la, sizeof(la), f)) snprintf(la, sizeof(la), "unknown");
  if (f) fclose(f);
  char *sp = strchr(la, ' ');
  if (sp) *sp = 0;
  return la;
}

typedef struct doc {
  char *title, *text;
  char *outlet;
} doc;

static long long fsize(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 ? (long long)st.st_size : 0;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double pct(double *v, int n, double p) {
  qsort(v, (size_t)n, sizeof(double), cmp_d);
  int i = (int)(p * (n - 1) + 0.5);
  return v[i];
}

/* --- the fixed query set: what people type -- Vietnamese words, not
** fragments. From every (n/NQ)-th article, from the middle on, the first
** two consecutive words of 2+ syllables (one word for every third
** query), letters only, lower case, at least one diacritic; toneless =
** the same with the marks removed (hoso_fold). */
typedef struct qw {
  size_t start[64], end[64];
  int multi[64], ok[64];
  size_t n;
  const char *t;
} qw;

static int q_word(void *ctx, const char *fold, size_t fold_n, const char *exact,
                  size_t exact_n, size_t start, size_t end) {
  qw *q = ctx;
  if (q->n == 64) return 1;
  int ok = exact != NULL; /* has a diacritic */
  for (size_t i = start; i < end && ok; i++) {
    unsigned char c = (unsigned char)q->t[i];
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || c == ' ')) ok = 0;
  }
  q->start[q->n] = start;
  q->end[q->n] = end;
  q->multi[q->n] = memchr(fold, '_', fold_n) != NULL;
  q->ok[q->n] = ok;
  q->n++;
  return 0;
}

static int make_queries(doc *d, size_t nd, char **qd, char **qt) {
  hoso_words *w;
  hoso_vi *vi = NULL;
  if (hoso__words_new(&w)) return -1;
  if (hoso_vi_open(NULL, 0, &vi, NULL) == HOSO_OK) hoso__words_use_segmenter(w, vi);
  int k = 0;
  size_t step = nd / NQ > 0 ? nd / NQ : 1;
  for (size_t a = 0; a < nd && k < NQ; a += step) {
    for (size_t b = a; b < nd && b < a + step && k < NQ; b++) { /* next article if none */
      const char *t = d[b].text;
      size_t len = strlen(t), from = len / 3;
      while (from < len && t[from] != ' ') from++;
      qw q;
      memset(&q, 0, sizeof(q));
      q.t = t + from;
      size_t span = len - from < 3000 ? len - from : 3000;
      hoso__words_scan(w, t + from, span, q_word, &q);
      int want = k % 3 == 2 ? 1 : 2, found = 0;
      for (size_t i = 0; i + (size_t)want <= q.n && !found; i++) {
        int good = 1;
        for (int j = 0; j < want; j++) {
          size_t x = i + (size_t)j;
          good &= q.ok[x] && q.multi[x];
          /* requery the bytes: letters and spaces only, checked above */
          for (size_t c = q.start[x]; good && c < q.end[x]; c++)
            if ((unsigned char)q.t[c] < 0x80 && q.t[c] != ' ' && !(q.t[c] >= 'a' && q.t[c] <= 'z'))
              good = 0;
          if (j && q.start[x] != q.end[x - 1] + 1) good = 0; /* one space apart */
        }
        if (!good) continue;
        size_t s0 = q.start[i], e0 = q.end[i + (size_t)want - 1];
        qd[k] = strndup(q.t + s0, e0 - s0);
        size_t fn;
        if (!qd[k] || hoso_fold(qd[k], strlen(qd[k]), &qt[k], &fn)) return -1;
        k++;
        found = 1;
      }
      if (found) break;
    }
  }
  hoso__words_free(w);
  hoso_vi_close(vi);
  return k;
}

/* ---- near-duplicates: MinHash (what the archive uses) vs SimHash ------ */

typedef struct sig {
  int64_t v[64]; /* SimHash accumulators */
  uint64_t prev[2];
  size_t syl;
} sig;

/* SimHash over the same syllable 3-shingles the archive's MinHash uses */
static int sig_syl(void *ctx, uint64_t fold_hash, uint64_t exact_hash, size_t start,
                   size_t end) {
  sig *g = ctx;
  (void)exact_hash;
  (void)start;
  (void)end;
  uint64_t h = hoso__fmix64(fold_hash);
  if (g->syl >= 2) { /* SimHash-weighted 1 */
    uint64_t sh = hoso__hash64(&g->prev, sizeof(g->prev), h);
    for (int b = 0; b < 64; b++) g->v[b] += (sh >> b) & 1 ? 1 : -1;
  }
  g->prev[0] = g->prev[1];
  g->prev[1] = h;
  g->syl++;
  return 0;
}

static void signature(hoso_words *w, const char *t, uint32_t *mh, uint64_t *simh) {
  sig g;
  memset(&g, 0, sizeof(g));
  char hash[33];
  hoso__text_keys(w, t, strlen(t), hash, mh, NULL); /* what ingest stores */
  hoso__words_syllable_forms(w, t, strlen(t), sig_syl, &g);
  *simh = 0;
  for (int b = 0; b < 64; b++)
    if (g.v[b] > 0) *simh |= 1ull << b;
}

/* A reprint: the last paragraph dropped, a credit line added, the title
** reworded ("Tin mới:" in front). */
static char *reprint(const char *t) {
  size_t n = strlen(t);
  const char *last = NULL;
  for (const char *p = t; (p = strchr(p, '\n')); p++) last = p;
  size_t keep = last && last - t > (long)(n / 2) ? (size_t)(last - t) : n;
  char *c = malloc(keep + 64);
  snprintf(c, keep + 64, "Tin mới: %.*s\nTheo TTXVN", (int)keep, t);
  return c;
}

static void dup_measure(doc *d, size_t nd) {
  size_t n = nd < 2000 ? nd : 2000;
  hoso_words *w;
  if (n < 2 || hoso__words_new(&w)) return;
  uint32_t (*mh)[HOSO_MINHASH_N] = malloc(n * sizeof(*mh));
  uint64_t *sh = malloc(n * sizeof(*sh));
  int mh_found = 0, sh_found[4] = {0}, mh_false = 0, sh_false[4] = {0};
  static const int sh_k[4] = {3, 6, 10, 16};
  for (size_t i = 0; i < n; i++) {
    uint32_t cm[HOSO_MINHASH_N];
    uint64_t cs;
    char *c = reprint(d[i].text);
    signature(w, d[i].text, mh[i], &sh[i]);
    signature(w, c, cm, &cs);
    free(c);
    mh_found += hoso__minhash_sim(mh[i], cm) >= HOSO_DUP_JACCARD;
    for (int k = 0; k < 4; k++) sh_found[k] += __builtin_popcountll(sh[i] ^ cs) <= sh_k[k];
  }
  /* false pairs: every pair of different articles among the first 600 */
  size_t m = n < 600 ? n : 600, pairs = 0;
  for (size_t i = 0; i < m; i++)
    for (size_t j = i + 1; j < m; j++) {
      pairs++;
      if (!strcmp(d[i].text, d[j].text)) continue;
      mh_false += hoso__minhash_sim(mh[i], mh[j]) >= HOSO_DUP_JACCARD;
      for (int k = 0; k < 4; k++) sh_false[k] += __builtin_popcountll(sh[i] ^ sh[j]) <= sh_k[k];
    }
  printf("\nnear-duplicates (%zu reprints: last paragraph cut, credit added, title changed;\n"
         "%zu pairs of different articles), syllable 3-shingles (folded):\n", n, pairs);
  printf("  MinHash 64, Jaccard >= %.1f (used) found %5.1f%%  false pairs %d\n", HOSO_DUP_JACCARD,
         100.0 * mh_found / (double)n, mh_false);
  for (int k = 0; k < 4; k++)
    printf("  SimHash 64, Hamming <= %-2d       found %5.1f%%  false pairs %d\n", sh_k[k],
           100.0 * sh_found[k] / (double)n, sh_false[k]);
  free(mh);
  free(sh);
  hoso__words_free(w);
}

/* ---- the baseline: plain FTS5 ---------------------------------------- */

static int fts5_build(const char *path, doc *d, size_t nd, double *w, double *c) {
  sqlite3 *db;
  unlink(path);
  if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE VIRTUAL TABLE t USING fts5(title, body,"
               " tokenize='unicode61 remove_diacritics 2')", NULL, NULL, NULL);
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db, "INSERT INTO t(title, body) VALUES(?1, ?2)", -1, &st, NULL);
  double w0 = wall(), c0 = cpu();
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  for (size_t i = 0; i < nd; i++) {
    sqlite3_bind_text(st, 1, d[i].title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d[i].text, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
    if (i % 256 == 255) {
      sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
      sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    }
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize(st);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  *w = wall() - w0;
  *c = cpu() - c0;
  sqlite3_close(db);
  return 0;
}

/* AND of the words, best 10 by bm25: the usual FTS5 query */
static int fts5_query(sqlite3 *db, const char *q, long long *top, int *ntop) {
  char expr[1024];
  size_t k = 0;
  for (const char *p = q; *p && k < sizeof(expr) - 8;) {
    while (*p == ' ') p++;
    if (!*p) break;
    if (k) expr[k++] = ' ';
    expr[k++] = '"';
    while (*p && *p != ' ' && k < sizeof(expr) - 4) expr[k++] = *p++;
    expr[k++] = '"';
  }
  expr[k] = 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 10",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
  *ntop = 0;
  while (sqlite3_step(st) == SQLITE_ROW && *ntop < 10) top[(*ntop)++] = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return 0;
}

/* ---- hoso ---------------------------------------------------------------- */

/* One hoso ingest: the whole (wall, process CPU) and the CPU of each
** thread that runs alone -- the serial part, which bounds the wall time
** however many cores are free. The thread's clocks are read by the thread
** itself (CLOCK_THREAD_CPUTIME_ID): this one here, the writer and workers
** by ingest.c (hoso_ingest_stats). */
typedef struct hoso_run {
  double wall, cpu;     /* first document to file closed */
  double feed;          /* this thread: open, handing over documents, finish */
  double close;         /* this thread: closing (the WAL checkpoint), after all */
  double writer;        /* the writer thread: rows, FTS5, commits */
  double workers;       /* all worker threads */
  int threads;          /* worker threads */
  hoso_ingest_stats st;
} hoso_run;

static int hoso_build(const char *path, doc *d, size_t nd, int quiet, hoso_run *r) {
  char p2[600];
  unlink(path);
  snprintf(p2, sizeof(p2), "%s-wal", path);
  unlink(p2);
  snprintf(p2, sizeof(p2), "%s-shm", path);
  unlink(p2);
  memset(r, 0, sizeof(*r));
  hoso_archive *ar;
  hoso_error err;
  if (hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err)) {
    fprintf(stderr, "store_bench: %s\n", err.message);
    return -1;
  }
  hoso_ingest_options o = {0, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  hoso_ingest *ing;
  double w0 = wall(), c0 = cpu(), t0 = tcpu();
  if (hoso_ingest_open(ar, &o, &ing, &err)) return -1;
  for (size_t i = 0; i < nd; i++) {
    hoso_document dd = {0};
    dd.data = d[i].text;
    dd.n = strlen(d[i].text);
    dd.outlet = d[i].outlet;
    dd.is_text = 1;
    dd.origin = "bench";
    if (hoso_ingest_document(ing, &dd, &err)) {
      fprintf(stderr, "store_bench: %s\n", err.message);
      return -1;
    }
  }
  hoso_ingest_stats st;
  if (hoso_ingest_finish(ing, &st, &err)) {
    fprintf(stderr, "store_bench: %s\n", err.message);
    return -1;
  }
  double t1 = tcpu();
  hoso_ingest_close(ing);
  hoso_archive_close(ar); /* checkpoints the WAL */
  r->wall = wall() - w0;
  r->cpu = cpu() - c0;
  r->feed = t1 - t0;
  r->close = tcpu() - t1;
  r->writer = st.writer_cpu;
  r->workers = st.workers_cpu;
  r->threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
  r->st = st;
  if (quiet) return 0;
  fprintf(stderr, "hoso: %llu added, %llu duplicates, %llu failed, %llu stories\n",
          (unsigned long long)st.added, (unsigned long long)st.duplicates,
          (unsigned long long)st.failed, (unsigned long long)st.stories);
  printf("hoso ingest CPU, by stage (CPU seconds):\n"
         "  workers  %6.1f  of which segmentation and word forms %.1f, language,\n"
         "                  signatures and spellings %.1f\n"
         "  writer   %6.1f  of which FTS5 inserts %.1f, commits (spellings, FTS5\n"
         "                  segments, WAL) %.1f, rows (articles, stories, LSH) %.1f\n"
         "  all      %6.1f  (the process: workers, writer, the thread handing over\n"
         "                  documents, closing and checkpointing the file)\n",
         st.workers_cpu, st.words_cpu, st.workers_cpu - st.words_cpu, st.writer_cpu,
         st.index_cpu, st.commit_cpu, st.writer_cpu - st.index_cpu - st.commit_cpu, r->cpu);
  return 0;
}

/* The least wall time run r can take on `cores` free cores: the writer
** and the thread handing over documents are one thread each (one core at
** most each, side by side), the close comes after both, and all the CPU
** shares the cores. NaN-free: cores >= 1; 0 = unlimited cores. */
static double wall_floor(const hoso_run *r, int cores) {
  double chain = (r->writer > r->feed ? r->writer : r->feed) + r->close;
  double spread = cores > 0 ? r->cpu / cores : 0;
  return chain > spread ? chain : spread;
}

/* The serial part of run r, and the wall ratio to FTS5 it allows on 2, 4,
** 8 and unlimited free cores. FTS5 indexes on one thread, so on a free
** core its wall time is its CPU time (fts5_cpu; I/O waits aside). */
static void print_serial(const hoso_run *r, double fts5_cpu) {
  printf("\nthe serial part (each thread's own CPU clock, seconds): writer %.2f,\n"
         "thread handing over documents %.2f, close (checkpoint, after both) %.2f;\n"
         "workers %.2f on %d threads; the whole process %.2f. On C free cores\n"
         "(--threads C) the wall time is at least max(writer, hand-over) + close\n"
         "and at least whole/C; FTS5's, on one thread, is its CPU time %.2f:\n",
         r->writer, r->feed, r->close, r->workers, r->threads, r->cpu, fts5_cpu);
  printf("  %-12s %16s %16s %9s\n", "free cores", "hoso wall >= s", "FTS5 wall ~ s",
         "ratio <=");
  static const int cores[4] = {2, 4, 8, 0};
  for (int k = 0; k < 4; k++) {
    double f = wall_floor(r, cores[k]);
    char c[16];
    snprintf(c, sizeof(c), cores[k] ? "%d" : "unlimited", cores[k]);
    printf("  %-12s %16.2f %16.2f %8.2fx\n", c, f, fts5_cpu, fts5_cpu / f);
  }
}

static int hoso_query1(hoso_archive *ar, const char *q, unsigned flags, long long *top,
                       int *ntop) {
  hoso_query hq = {0};
  hq.q = q;
  hq.q_n = strlen(q);
  hq.limit = 10;
  hq.flags = flags;
  char *json;
  size_t n;
  hoso_error err;
  *ntop = 0;
  if (hoso_search(ar, &hq, &json, &n, &err)) return -1;
  json_t *r = hoso__json_parse(json, n, NULL);
  const json_t *res = json_object_get(r, "results");
  for (size_t i = 0; i < json_array_size(res) && *ntop < 10; i++)
    top[(*ntop)++] = hoso__json_get_int(json_array_get(res, i), "story");
  json_decref(r);
  hoso_free(json);
  return 0;
}

static int same_set(const long long *a, int na, const long long *b, int nb) {
  if (na != nb) return 0;
  for (int i = 0; i < na; i++) {
    int f = 0;
    for (int j = 0; j < nb; j++) f |= a[i] == b[j];
    if (!f) return 0;
  }
  return 1;
}

/* ---- the accounting (STORE_BENCH_ACCOUNT=1) ----------------------------
** Each stage of both ingests run alone, one thread, over the same texts,
** in this process (CPU time of this thread), so their shares can be read
** off and the floor of each design estimated:
**   hoso  copy       the worker's copies of a document (text, original)
**         segment    src/vi's segmenter alone (hoso_vi_segment)
**         words      the search stream: segmentation + word forms + stream
**                    (hoso__words_stream_each); words - segment = our terms
**         keys       content hash + MinHash as ingest makes them: in the
**                    words pass (hoso__words_stream_keys, a fresh handle)
**                    minus the words pass; and, for comparison, by their
**                    own scan of the syllables (hoso__text_keys, what
**                    ingest did until session 12), which must give the
**                    same keys for every text (mismatches printed)
**         utf8       the UTF-8 check of each text (hoso__utf8_invalid_at),
**                    next to the loop it was until session 12 (eight
**                    ASCII bytes at a time, else one hoso__utf8_dec)
**         unstream   the writer's tokenizer reading the streams' terms
**                    (hoso__words_unstream_terms: the records are the
**                    terms since session 13), no FTS5
**         fts5       the streams into a contentless FTS5 table with the hoso
**                    tokenizer, committed every 4,096 articles (the
**                    archive's batch): unstream + FTS5's own work
**   FTS5  tokenize   unicode61 remove_diacritics 2 alone (no index)
**         index      contentless FTS5 table (content=''), same commits as
**                    the baseline (every 256): tokenize + FTS5's own work
**         (the baseline row above: index + the content table) */
/* the UTF-8 check as it was until session 12, for the comparison row */
static size_t acc_utf8_loop(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    size_t len;
    if (hoso__utf8_decode(s + i, n - i, &len) < 0) return i;
    i += len;
  }
  return n;
}

static double acc_t;
static void acc_start(void) { acc_t = tcpu(); }
static double acc_stop(void) { return tcpu() - acc_t; }

/* CPU seconds of check over every text, the mean of 10 passes; *valid =
** texts it found valid */
static double acc_utf8(const doc *d, size_t nd, size_t (*check)(const char *, size_t),
                       size_t *valid) {
  acc_start();
  for (int k = 0; k < 10; k++) {
    __asm__ volatile("" : : : "memory"); /* each pass checks the texts again */
    for (size_t i = 0; i < nd; i++) {
      size_t n = strlen(d[i].text), at = check(d[i].text, n);
      if (k == 0) *valid += at == n;
    }
  }
  return acc_stop() / 10;
}

static int acc_noop_tok(void *ctx, int flags, const char *t, int n, int s, int e) {
  (void)flags; (void)t; (void)s; (void)e;
  ++*(size_t *)ctx;
  (void)n;
  return SQLITE_OK;
}

typedef struct acc_terms {
  size_t n, bytes;
} acc_terms;

/* a term as the tokenizer hands it to FTS5 (hoso__words_unstream_terms) */
static int acc_term(void *ctx, const char *term, size_t term_n, size_t start, size_t end) {
  acc_terms *a = ctx;
  (void)start; (void)end;
  __asm__ volatile("" : : "r"(term) : "memory");
  a->bytes += term_n;
  a->n++;
  return 0;
}

/* rows of texts into a fresh table made by create (its INSERT takes
** title, body), a commit every batch articles; CPU seconds */
static double acc_insert(sqlite3 *db, const char *create, const char *ins, char **title,
                         char **body, size_t nd, size_t batch) {
  sqlite3_exec(db, create, NULL, NULL, NULL);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, ins, -1, &st, NULL) != SQLITE_OK) return -1;
  acc_start();
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  for (size_t i = 0; i < nd; i++) {
    sqlite3_bind_text(st, 1, title[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, body[i], -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
    if (i % batch == batch - 1) {
      sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
      sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    }
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize(st);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return acc_stop();
}

static sqlite3 *acc_db(const char *dir, const char *name) {
  char p[600];
  snprintf(p, sizeof(p), "%s/%s", dir, name);
  unlink(p);
  sqlite3 *db;
  if (sqlite3_open(p, &db) != SQLITE_OK) return NULL;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
  return db;
}

static void account(doc *d, size_t nd, double mb, const char *dir, double hoso_all,
                    double fts5_all) {
  hoso_vi *vi = NULL;
  hoso_words *w = NULL, *wk = NULL;
  hoso_vi_ctx *vc = hoso_vi_ctx_new();
  char **ts = calloc(nd, sizeof(char *)), **bs = calloc(nd, sizeof(char *));
  if (hoso_vi_open(NULL, 0, &vi, NULL) != HOSO_OK || !vc || !ts || !bs ||
      hoso__words_new(&w) || hoso__words_use_segmenter(w, vi) || hoso__words_new(&wk)) {
    fprintf(stderr, "store_bench: accounting needs the segmenter models and memory\n");
    return;
  }
  /* a warm-up pass over the first 500 texts: the tables every stage fills */
  for (size_t i = 0; i < nd && i < 500; i++) {
    hoso_buf b;
    hoso__buf_init(&b, 0);
    hoso__words_stream(w, d[i].text, strlen(d[i].text), &b);
    hoso__buf_free(&b);
  }
  double t_copy, t_seg, t_words, t_keys, t_wkeys, t_un, t_fts, f_tok, f_idx;
  char(*hashes)[33] = calloc(nd, 33);
  hoso_words *w2 = NULL;
  if (!hashes || hoso__words_new(&w2) || hoso__words_use_segmenter(w2, vi)) return;
  size_t n_words = 0, n_syl = 0, f_tokens = 0;
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    size_t n = strlen(d[i].text);
    char *a = malloc(n + 1), *b = malloc(n + 1);
    if (!a || !b) return;
    memcpy(a, d[i].text, n + 1);
    memcpy(b, d[i].text, n + 1);
    __asm__ volatile("" : : "r"(a), "r"(b) : "memory");
    free(a);
    free(b);
  }
  t_copy = acc_stop();
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    const hoso_vi_word *ws;
    size_t nw;
    hoso_vi_segment(vi, vc, d[i].text, strlen(d[i].text), 0, &ws, &nw, NULL);
    n_words += nw;
    hoso_vi_segment(vi, vc, d[i].title, strlen(d[i].title), 0, &ws, &nw, NULL);
  }
  t_seg = acc_stop();
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    hoso_buf t, b;
    hoso__buf_init(&t, 0);
    hoso__buf_init(&b, 0);
    if (hoso__words_stream_each(w, d[i].text, strlen(d[i].text), &b, NULL, NULL) ||
        hoso__words_stream(w, d[i].title, strlen(d[i].title), &t) || hoso__buf_addc(&t, 0) ||
        hoso__buf_addc(&b, 0))
      return;
    ts[i] = hoso__buf_take(&t);
    bs[i] = hoso__buf_take(&b);
  }
  t_words = acc_stop();
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    char hash[33];
    uint32_t mh[HOSO_MINHASH_N];
    size_t ns = 0;
    hoso__text_keys(wk, d[i].text, strlen(d[i].text), hash, mh, &ns);
    memcpy(hashes[i], hash, 33);
    n_syl += ns;
  }
  t_keys = acc_stop();
  for (size_t i = 0; i < nd && i < 500; i++) { /* the same warm-up as w's */
    hoso_buf b;
    hoso__buf_init(&b, 0);
    hoso_keys_acc ka;
    hoso__keys_init(&ka);
    hoso__words_stream_keys(w2, d[i].text, strlen(d[i].text), &b, NULL, NULL,
                            hoso__keys_syl, &ka);
    hoso__buf_free(&b);
  }
  size_t key_diff = 0;
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    hoso_buf t, b;
    hoso__buf_init(&t, 0);
    hoso__buf_init(&b, 0);
    hoso_keys_acc ka;
    char hash[33];
    uint32_t mh[HOSO_MINHASH_N];
    hoso__keys_init(&ka);
    if (hoso__words_stream_keys(w2, d[i].text, strlen(d[i].text), &b, NULL, NULL,
                                hoso__keys_syl, &ka) ||
        hoso__words_stream(w2, d[i].title, strlen(d[i].title), &t))
      return;
    hoso__keys_done(&ka, hash, mh, NULL);
    key_diff += memcmp(hash, hashes[i], 33) != 0;
    hoso__buf_free(&t);
    hoso__buf_free(&b);
  }
  t_wkeys = acc_stop();
  free(hashes);
  hoso__words_free(w2);
  size_t u_ok = 0, u_loop_ok = 0;
  double t_utf8 = acc_utf8(d, nd, hoso__utf8_invalid_at, &u_ok);
  double t_utf8_loop = acc_utf8(d, nd, acc_utf8_loop, &u_loop_ok);
  acc_terms at = {0, 0};
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    hoso__words_unstream_terms(ts[i], strlen(ts[i]), acc_term, &at);
    hoso__words_unstream_terms(bs[i], strlen(bs[i]), acc_term, &at);
  }
  t_un = acc_stop();
  sqlite3 *db = acc_db(dir, "account-hoso.db");
  t_fts = db && hoso__fts_register(db) == SQLITE_OK
              ? acc_insert(db, "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='hoso',"
                               " content='')",
                           "INSERT INTO fts(title, body) VALUES(?1, ?2)", ts, bs, nd, 4096)
              : -1;
  sqlite3_close(db);
  /* FTS5's side */
  db = acc_db(dir, "account-fts5.db");
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  void *ud = NULL;
  fts5_tokenizer tk;
  Fts5Tokenizer *tok = NULL;
  const char *targ[] = {"remove_diacritics", "2"};
  if (!api || api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK ||
      tk.xCreate(ud, targ, 2, &tok) != SQLITE_OK) {
    fprintf(stderr, "store_bench: no unicode61 tokenizer\n");
    return;
  }
  acc_start();
  for (size_t i = 0; i < nd; i++) {
    tk.xTokenize(tok, &f_tokens, FTS5_TOKENIZE_DOCUMENT, d[i].title, (int)strlen(d[i].title),
                 acc_noop_tok);
    tk.xTokenize(tok, &f_tokens, FTS5_TOKENIZE_DOCUMENT, d[i].text, (int)strlen(d[i].text),
                 acc_noop_tok);
  }
  f_tok = acc_stop();
  tk.xDelete(tok);
  for (size_t i = 0; i < nd; i++) {
    ts[i] = (free(ts[i]), d[i].title);
    bs[i] = (free(bs[i]), d[i].text);
  }
  f_idx = acc_insert(db, "CREATE VIRTUAL TABLE t USING fts5(title, body,"
                         " tokenize='unicode61 remove_diacritics 2', content='')",
                     "INSERT INTO t(title, body) VALUES(?1, ?2)", ts, bs, nd, 256);
  sqlite3_close(db);
  double our_terms = t_words - t_seg, in_pass = t_wkeys - t_words;
  double h_rest = hoso_all - t_copy - t_wkeys - t_fts - t_utf8;
  printf("\naccounting (STORE_BENCH_ACCOUNT=1): each stage alone, one thread, CPU seconds\n"
         "for the %.1f MB (MB per CPU-s); 'rest' = the whole ingest's CPU minus the stages\n", mb);
#define ROW(name, s) printf("  %-46s %6.2f s  %7.1f MB/s  %5.1f%%\n", name, s, mb / (s), \
                            100.0 * (s) / hoso_all)
  printf("hoso (whole ingest %.2f s):\n", hoso_all);
  ROW("(a) worker's copies of the document", t_copy);
  ROW("(b) segmentation (src/vi alone)", t_seg);
  ROW("(c) word forms + stream (words - segmentation)", our_terms);
  ROW("(d) content hash + MinHash (in the words pass)", in_pass);
  ROW("      by their own syllable pass, for comparison", t_keys);
  printf("  texts whose keys differ between the two: %zu of %zu\n", key_diff, nd);
  ROW("(e) FTS5 index of our terms (incl. unstream)", t_fts);
  ROW("      of which the tokenizer's walk of the stream", t_un);
  ROW("UTF-8 check of the texts (mean of 10 passes)", t_utf8);
  ROW("  the loop it was until session 12, same", t_utf8_loop);
  printf("  texts valid: %zu and %zu of %zu\n", u_ok, u_loop_ok, nd);
  ROW("(f) rest: rows, stories, LSH, spellings, threads", h_rest);
  printf("  ('rest' is the whole minus (a), (b), (c), (d), (e) and the UTF-8 check)\n");
  printf("  words %zu (%.2f per syllable), term bytes %.1f per word; syllables %zu\n",
         at.n, n_syl ? (double)n_words / (double)n_syl : 0, at.n ? (double)at.bytes / (double)at.n : 0,
         n_syl);
#undef ROW
#define ROW(name, s) printf("  %-46s %6.2f s  %7.1f MB/s  %5.1f%%\n", name, s, mb / (s), \
                            100.0 * (s) / fts5_all)
  printf("FTS5 unicode61 (whole ingest %.2f s):\n", fts5_all);
  ROW("(a) copies: none (binds the caller's text)", 0.0 + 1e-9);
  ROW("(b+c) tokenizing (unicode61 alone)", f_tok);
  ROW("(e) index, contentless (incl. tokenizing)", f_idx);
  ROW("(f) rest: the content table", fts5_all - f_idx);
  printf("  tokens %zu\n", f_tokens);
#undef ROW
  printf("floors, MB per CPU-s (ratio to the FTS5 row above):\n");
  double fl[3] = {t_seg + (t_fts - t_un) + (fts5_all - f_idx),
                  t_seg + t_fts + (fts5_all - f_idx),
                  t_seg + our_terms + t_fts + (fts5_all - f_idx)};
  const char *fn[3] = {"segmenter + FTS5's own index work + content rows",
                       "  + unstream / term building",
                       "  + word forms, stream (today without keys/rest)"};
  for (int k = 0; k < 3; k++)
    printf("  %-54s %6.2f  %5.2fx\n", fn[k], mb / fl[k], (mb / fl[k]) / (mb / fts5_all));
  free(ts);
  free(bs);
  hoso__words_free(w);
  hoso__words_free(wk);
  hoso_vi_ctx_free(vc);
  hoso_vi_close(vi);
}

/* STORE_BENCH_WALL=K: K pairs of ingests, hoso and FTS5 alternating in
** turn (hoso first in even pairs), their wall and CPU times, and the
** median of the pairs' wall ratios: what a user waits on this machine.
** Meant for an idle machine (make bench-store-wall: no nice, hoso's
** --threads = the CPUs); the floor printed beside it says what the
** serial part allows there. */
static int wall_runs(doc *d, size_t nd, double mb, const char *hpath, const char *fpath,
                     int pairs) {
  double ratio[64], floor_ratio[64];
  if (pairs > 64) pairs = 64;
  int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
  printf("wall mode (STORE_BENCH_WALL=%d): %zu articles, %.1f MB; hoso --threads %d\n"
         "pair  first   hoso wall  CPU  writer hand-over close    FTS5 wall  CPU    wall ratio"
         "  floor on %d cores\n",
         pairs, nd, mb, cores, cores);
  for (int k = 0; k < pairs; k++) {
    hoso_run hr;
    double fw = 0, fc = 0;
    for (int side = 0; side < 2; side++) {
      if ((side == 0) == (k % 2 == 0)) {
        if (hoso_build(hpath, d, nd, 1, &hr)) return 1;
      } else if (fts5_build(fpath, d, nd, &fw, &fc)) {
        return 1;
      }
    }
    ratio[k] = fw / hr.wall;
    floor_ratio[k] = fc / wall_floor(&hr, cores);
    printf("%4d  %-6s %9.2f %5.2f %6.2f %9.2f %5.2f %12.2f %5.2f %11.2fx %17.2fx\n", k + 1,
           k % 2 ? "FTS5" : "hoso", hr.wall, hr.cpu, hr.writer, hr.feed, hr.close, fw, fc,
           ratio[k], floor_ratio[k]);
  }
  qsort(ratio, (size_t)pairs, sizeof(double), cmp_d);
  qsort(floor_ratio, (size_t)pairs, sizeof(double), cmp_d);
  printf("median wall ratio (hoso MB/s / FTS5 MB/s): %.2fx over %d pairs (min %.2fx, max %.2fx)\n"
         "median floor (what the serial part allows on %d free cores): %.2fx\n"
         "load average at the end: %s\n",
         ratio[pairs / 2], pairs, ratio[0], ratio[pairs - 1], cores, floor_ratio[pairs / 2],
         loadavg_now());
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: store_bench CORPUS.jsonl.gz OUTDIR [N [REPLICATE]]\n");
    return 2;
  }
  size_t limit = argc > 3 ? (size_t)atol(argv[3]) : 0;
  int rep = argc > 4 ? atoi(argv[4]) : 1;
  if (rep < 1) rep = 1;
  mkdir(argv[2], 0755);
  gzFile gz = gzopen(argv[1], "rb");
  if (!gz) {
    fprintf(stderr, "store_bench: cannot open %s (make bench needs ../shared)\n", argv[1]);
    return 2;
  }
  gzbuffer(gz, 1 << 18);
  doc *d = NULL;
  size_t nd = 0, cap = 0;
  long long bytes = 0;
  static char line[1 << 24];
  hoso_jsonl r;
  hoso__jsonl_init(&r);
  while (gzgets(gz, line, sizeof(line)) && (!limit || nd < limit)) {
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    if (!n || hoso__jsonl_parse(&r, line, n, NULL)) continue;
    const char *t = hoso__jsonl_get(&r, "text", NULL);
    if (!t || !*t) continue;
    if (nd == cap) {
      cap = cap ? cap * 2 : 4096;
      d = realloc(d, cap * sizeof(*d));
      if (!d) return 2;
    }
    d[nd].text = strdup(t);
    const char *nl = strchr(t, '\n');
    d[nd].title = nl ? strndup(t, (size_t)(nl - t)) : strdup(t);
    const char *o = hoso__jsonl_get(&r, "source", NULL);
    d[nd].outlet = o ? strdup(o) : NULL;
    bytes += (long long)strlen(t);
    nd++;
  }
  gzclose(gz);
  hoso__jsonl_free(&r);
  if (rep > 1) { /* copies with a marker line: stored, grouped as stories */
    size_t base = nd;
    d = realloc(d, base * (size_t)rep * sizeof(*d));
    for (int k = 1; k < rep; k++)
      for (size_t i = 0; i < base; i++) {
        size_t l = strlen(d[i].text) + 32;
        char *t = malloc(l);
        snprintf(t, l, "%s\n(bản %d)", d[i].text, k);
        d[nd].text = t;
        d[nd].title = strdup(d[i].title);
        d[nd].outlet = d[i].outlet ? strdup(d[i].outlet) : NULL;
        bytes += (long long)strlen(t);
        nd++;
      }
  }
  const char *wall_env = getenv("STORE_BENCH_WALL");
  if (wall_env && atoi(wall_env) > 0) {
    char hp[512], fp[512];
    snprintf(hp, sizeof(hp), "%s/hoso.db", argv[2]);
    snprintf(fp, sizeof(fp), "%s/fts5.db", argv[2]);
    return wall_runs(d, nd, (double)bytes / 1e6, hp, fp, atoi(wall_env));
  }
  char *qd[NQ], *qt[NQ];
  int nq = make_queries(d, nd / (size_t)rep, qd, qt);
  const char *qout = getenv("STORE_BENCH_QUERIES_OUT");
  if (qout && *qout) {
    FILE *qf = fopen(qout, "w");
    if (!qf) {
      perror(qout);
      return 1;
    }
    for (int i = 0; i < nq; i++) fprintf(qf, "%s\t%s\n", qd[i], qt[i]);
    if (fclose(qf)) {
      perror(qout);
      return 1;
    }
  }
  double mb = (double)bytes / 1e6;
  printf("corpus: %zu articles, %.1f MB of text (%s%s)\n", nd, mb, argv[1],
         rep > 1 ? ", replicated" : "");
  printf("queries: %d with diacritics + the same %d without (fixed: Vietnamese words taken\n"
         "from the corpus, e.g. \"%s\", \"%s\")\n", nq, nq, nq > 0 ? qd[0] : "", nq > 2 ? qd[2] : "");

  char hpath[512], fpath[512];
  snprintf(hpath, sizeof(hpath), "%s/hoso.db", argv[2]);
  snprintf(fpath, sizeof(fpath), "%s/fts5.db", argv[2]);
  double hw = 0, hc = 0, fw = 0, fc = 0;
  hoso_run hr;
  memset(&hr, 0, sizeof(hr));
  const char *reuse = getenv("STORE_BENCH_REUSE");
  const char *qpath = getenv("STORE_BENCH_QUERY_DB");
  if (!qpath || !*qpath) qpath = hpath;
  int keep = reuse && *reuse == '1';
  int build_h = !(keep && (fsize(hpath) > 0 || qpath != hpath));
  int build_f = !(keep && fsize(fpath) > 0), built = build_h && build_f;
  if (build_h && hoso_build(hpath, d, nd, 0, &hr)) return 1;
  hw = hr.wall;
  hc = hr.cpu;
  if (build_f && fts5_build(fpath, d, nd, &fw, &fc)) return 1;
  long long hs = fsize(hpath), fs = fsize(fpath);
  const char *acc = getenv("STORE_BENCH_ACCOUNT");
  if (built && acc && *acc == '1') account(d, nd, mb, argv[2], hc, fc);
  printf("queries run on %s%s\n", qpath,
         qpath == hpath ? " (built here, no entities/events)" : " (analysed archive)");

  /* queries */
  hoso_archive *ar;
  hoso_error err;
  if (hoso_archive_open(qpath, HOSO_ARCHIVE_READONLY, &ar, &err)) {
    fprintf(stderr, "store_bench: %s\n", err.message);
    return 1;
  }
  sqlite3 *fdb;
  sqlite3_open_v2(fpath, &fdb, SQLITE_OPEN_READONLY, NULL);
  double lat_h[2 * NQ], lat_hf[2 * NQ], lat_f[2 * NQ], cpu_h[2 * NQ], cpu_f[2 * NQ];
  long long top_d[10], top_t[10];
  int nt_d, nt_t, agree_h = 0, agree_f = 0, empty = 0;
  double overlap = 0;
  /* warm both (page cache; hoso's facet index loads on a handle's second
  ** search, as in a server: two searches for a word not in the corpus do
  ** that first). hoso's first search of each query is timed apart: its
  ** words' doclists are not in the handle's term cache yet. */
  double cpu_cold[2 * NQ];
  {
    int x;
    hoso_query1(ar, "zzqxv", 0, top_d, &x);
    hoso_query1(ar, "zzqxv", 0, top_d, &x);
  }
  for (int i = 0; i < nq; i++) {
    int x;
    double c0 = tcpu();
    hoso_query1(ar, qd[i], 0, top_d, &x);
    cpu_cold[2 * i] = (tcpu() - c0) * 1e3;
    c0 = tcpu();
    hoso_query1(ar, qt[i], 0, top_d, &x);
    cpu_cold[2 * i + 1] = (tcpu() - c0) * 1e3;
    fts5_query(fdb, qd[i], top_d, &x);
    fts5_query(fdb, qt[i], top_d, &x);
  }
  for (int i = 0; i < nq; i++) {
    for (int v = 0; v < 2; v++) {
      const char *q = v ? qt[i] : qd[i];
      long long *top = v ? top_t : top_d;
      int *nt = v ? &nt_t : &nt_d;
      double t0 = wall(), c0 = tcpu();
      hoso_query1(ar, q, 0, top, nt);
      lat_h[2 * i + v] = (wall() - t0) * 1e3;
      cpu_h[2 * i + v] = (tcpu() - c0) * 1e3;
      t0 = wall();
      hoso_query1(ar, q, HOSO_Q_NO_FACETS | HOSO_Q_NO_SNIPPETS, top, nt);
      lat_hf[2 * i + v] = (wall() - t0) * 1e3;
    }
    if (!nt_d) empty++;
    agree_h += same_set(top_d, nt_d, top_t, nt_t);
    if (getenv("STORE_BENCH_VERBOSE") && !same_set(top_d, nt_d, top_t, nt_t))
      fprintf(stderr, "differ: [%s] [%s] %d/%d\n", qd[i], qt[i], nt_d, nt_t);
    int common = 0;
    for (int a = 0; a < nt_d; a++)
      for (int b = 0; b < nt_t; b++) common += top_d[a] == top_t[b];
    overlap += nt_d ? (double)common / nt_d : 1.0;
    for (int v = 0; v < 2; v++) {
      double t0 = wall(), c0 = tcpu();
      fts5_query(fdb, v ? qt[i] : qd[i], v ? top_t : top_d, v ? &nt_t : &nt_d);
      lat_f[2 * i + v] = (wall() - t0) * 1e3;
      cpu_f[2 * i + v] = (tcpu() - c0) * 1e3;
    }
    agree_f += same_set(top_d, nt_d, top_t, nt_t);
  }
  hoso_archive_close(ar);
  sqlite3_close(fdb);
  int m = 2 * nq;
  if (getenv("STORE_BENCH_VERBOSE")) { /* the slowest queries, before sorting */
    for (int k = 0; k < 10; k++) {
      int w = 0;
      for (int i = 1; i < m; i++) w = lat_h[i] > lat_h[w] ? i : w;
      if (lat_h[w] < 0) break;
      fprintf(stderr, "slow: %8.2f ms  (ranking only %8.2f)  [%s]\n", lat_h[w], lat_hf[w],
              w % 2 ? qt[w / 2] : qd[w / 2]);
      lat_h[w] = -lat_h[w] - 1;
    }
    for (int i = 0; i < m; i++)
      if (lat_h[i] < 0) lat_h[i] = -lat_h[i] - 1;
  }
  double hp50 = pct(lat_h, m, .5), hp95 = pct(lat_h, m, .95), hp99 = pct(lat_h, m, .99);
  double gp50 = pct(lat_hf, m, .5), gp95 = pct(lat_hf, m, .95), gp99 = pct(lat_hf, m, .99);
  double fp50 = pct(lat_f, m, .5), fp95 = pct(lat_f, m, .95), fp99 = pct(lat_f, m, .99);
  double hc50 = pct(cpu_h, m, .5), hc95 = pct(cpu_h, m, .95), hc99 = pct(cpu_h, m, .99);
  double fc50 = pct(cpu_f, m, .5), fc95 = pct(cpu_f, m, .95), fc99 = pct(cpu_f, m, .99);
  if (built)
    printf("\nhow the ingest rows compare: the same %zu texts (%.1f MB), read into memory\n"
           "before timing; each side from its first document to its file closed (WAL\n"
           "checkpointed). CPU-seconds = the whole process's user+sys CPU time over all\n"
           "threads (hoso: %d workers + 1 writer; FTS5: 1 thread), so they do not depend\n"
           "on the machine's load; wall seconds do. hoso: segmentation, fold+exact word\n"
           "forms, stories; FTS5: syllables, no stories.\n",
           nd, mb, (int)sysconf(_SC_NPROCESSORS_ONLN));
  printf("\n%-34s %14s %14s %9s\n", "", "hoso (words)", "FTS5 unicode61", "ratio");
  if (built) {
    printf("%-34s %14.2f %14.2f %8.2fx\n", "ingest MB/s (wall)", mb / hw, mb / fw, (mb / hw) / (mb / fw));
    printf("%-34s %14.2f %14.2f %8.2fx\n", "ingest MB/s per CPU-second", mb / hc, mb / fc, (mb / hc) / (mb / fc));
    printf("%-34s %14.0f %14.0f %8.2fx\n", "articles/s (wall)", (double)nd / hw, (double)nd / fw, fw / hw);
    printf("%-34s %14.0f %14.0f %8.2fx\n", "articles per CPU-second", (double)nd / hc, (double)nd / fc, fc / hc);
    printf("%-34s %14.1f %14.1f\n", "CPU seconds", hc, fc);
  } else {
    printf("%-34s %14s %14s\n", "ingest (STORE_BENCH_REUSE: reused)", "-", "-");
  }
  if (hs && fs)
    printf("%-34s %14.2f %14.2f %8.2fx\n", "size / corpus text", (double)hs / (double)bytes,
           (double)fs / (double)bytes, (double)hs / (double)fs);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query p50 ms", hp50, fp50, hp50 / fp50);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query p95 ms", hp95, fp95, hp95 / fp95);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query p99 ms", hp99, fp99, hp99 / fp99);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query CPU ms p50", hc50, fc50, hc50 / fc50);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query CPU ms p95", hc95, fc95, hc95 / fc95);
  printf("%-34s %14.2f %14.2f %8.2fx\n", "query CPU ms p99", hc99, fc99, hc99 / fc99);
  double k50 = pct(cpu_cold, m, .5), k95 = pct(cpu_cold, m, .95), k99 = pct(cpu_cold, m, .99);
  printf("%-34s %14.2f %14s\n", "  hoso CPU ms, first run of each", k50, "");
  printf("%-34s %14.2f %14s\n", "  query (term cache cold) p50/p95", k95, "");
  printf("%-34s %14.2f %14s\n", "                              p99", k99, "");
  printf("%-34s %14.2f %14s\n", "  hoso p50/p95/p99 without facets", gp50, "");
  printf("%-34s %14.2f %14s\n", "  and snippets (ranking only) p95", gp95, "");
  printf("%-34s %14.2f %14s\n", "                              p99", gp99, "");
  printf("%-34s %13.0f%% %13.0f%%\n", "toneless top-10 = diacritic top-10", 100.0 * agree_h / nq,
         100.0 * agree_f / nq);
  printf("%-34s %13.0f%% %14s\n", "  mean top-10 overlap (hoso)", 100.0 * overlap / nq, "");
  if (built) print_serial(&hr, fc);
  dup_measure(d, nd / (size_t)rep);
  printf("\nhoso: %d threads, segmentation into words, fold+exact forms, stories (MinHash),\n"
         "snippets and facets in every query; entities/events not run (--no-analysis).\n"
         "FTS5: one thread, syllables, diacritics removed (toneless = toned by design;\n"
         "it also matches syllables that stand apart). %d queries found nothing in hoso.\n"
         "wall times share the machine with whatever else runs; CPU-seconds do not\n"
         "(query CPU ms: this thread's CPU time per query, page-cache reads included).\n",
         (int)sysconf(_SC_NPROCESSORS_ONLN), empty);
  for (int i = 0; i < nq; i++) {
    free(qd[i]);
    hoso_free(qt[i]);
  }
  for (size_t i = 0; i < nd; i++) {
    free(d[i].text);
    free(d[i].title);
    free(d[i].outlet);
  }
  free(d);
  return 0;
}
