/* bench_search.c -- search latency and toneless agreement of an archive,
** through the public API (hoso_search), so the SQLite and PostgreSQL
** backends are measured by the same code (make bench, bench/pg/run.sh).
**
**   bench_search ARCHIVE QUERIES.tsv [ROUNDS]
**
** QUERIES.tsv: one pair a line, "query with diacritics<TAB>same without".
** Every query of both columns runs ROUNDS times (default 3; the first
** round warms caches and is not timed). Prints one JSON object: queries
** timed, p50/p95/p99/max milliseconds, and toneless agreement: the share of
** pairs whose toneless query finds the same total as the toned one, and
** the mean overlap of their top-10 stories. cpu_min_mean_ms: each search's
** least CPU time over the timed rounds, averaged over the searches (the
** figure to compare two builds with on a busy machine).
**
** Environment:
**   BENCH_SEARCH_FIRST=1  time the first round instead (every query once
**     on a fresh handle: term cache and snippet tables empty, each query's
**     words and result articles seen for the first time -- unless the
**     toned and toneless forms share them); ROUNDS is then 1.
**   BENCH_SEARCH_FULL=1  time searches as users make them (snippets and
**     facets) instead of ranking only; the JSON then says "full":1.
**   BENCH_SEARCH_FLAGS=N  time searches with these HOSO_Q_* flags instead
**     (e.g. 8: facets without snippets).
**   BENCH_SEARCH_TIMES=FILE  write each timed search's milliseconds and
**     query to FILE, one a line (which queries make the tail).
**   BENCH_SEARCH_DUMP=FILE  after timing, write every query's answers
**     under several option sets (default, per article, deep pages,
**     ranking options, a date filter) to FILE, one line each: compare
**     two builds' files to check a change keeps results identical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hoso.h"

#define MAXQ 2000

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void) { /* this thread's CPU time */
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* "total":N and up to 10 "story":N values from the JSON result. */
static void parse(const char *json, long *total, long *stories, int *n) {
  const char *p = strstr(json, "\"total\":");
  *total = p ? strtol(p + 8, NULL, 10) : -1;
  *n = 0;
  p = json;
  while (*n < 10 && (p = strstr(p, "\"story\":")) != NULL) {
    p += 8;
    stories[(*n)++] = strtol(p, NULL, 10);
  }
}

static int run(hoso_archive *ar, const char *q, int full, double *ms, double *cpu,
               long *total, long *stories, int *n) {
  hoso_query hq;
  memset(&hq, 0, sizeof hq);
  hq.q = q;
  hq.q_n = strlen(q);
  hq.limit = 10;
  const char *fl = getenv("BENCH_SEARCH_FLAGS");
  hq.flags = fl && *fl ? (unsigned)atoi(fl) : full ? 0 : HOSO_Q_NO_FACETS | HOSO_Q_NO_SNIPPETS;
  char *json = NULL;
  hoso_error err;
  double t0 = now_ms(), c0 = cpu_ms();
  int rc = hoso_search(ar, &hq, &json, NULL, &err);
  *ms = now_ms() - t0;
  *cpu = cpu_ms() - c0;
  if (rc) {
    fprintf(stderr, "bench_search: '%s': %s\n", q, err.message);
    return rc;
  }
  parse(json, total, stories, n);
  hoso_free(json);
  return 0;
}

/* One answer line of the dump: the options, then the JSON (or error). */
static void dump1(FILE *out, hoso_archive *ar, const char *q, const char *tag,
                  int64_t offset, int64_t limit, unsigned flags, const char *from,
                  const char *to) {
  hoso_query hq;
  memset(&hq, 0, sizeof hq);
  hq.q = q;
  hq.q_n = strlen(q);
  hq.offset = offset;
  hq.limit = limit;
  hq.flags = flags;
  hq.from = from;
  hq.to = to;
  char *json = NULL;
  hoso_error err;
  int rc = hoso_search(ar, &hq, &json, NULL, &err);
  fprintf(out, "%s\t%s\t", q, tag);
  if (rc)
    fprintf(out, "error %d: %s\n", rc, err.message);
  else
    fprintf(out, "%s\n", json);
  hoso_free(json);
}

static void dump(FILE *out, hoso_archive *ar, const char *q) {
  long total = 0, stories[10];
  int n;
  double ms, cpu;
  if (run(ar, q, 0, &ms, &cpu, &total, stories, &n)) return;
  dump1(out, ar, q, "default", 0, 10, 0, NULL, NULL);
  dump1(out, ar, q, "articles", 0, 10, HOSO_Q_ARTICLES, NULL, NULL);
  dump1(out, ar, q, "page2", 10, 10, HOSO_Q_NO_FACETS, NULL, NULL);
  dump1(out, ar, q, "last", total > 5 ? total - 5 : 0, 10, HOSO_Q_NO_FACETS, NULL, NULL);
  dump1(out, ar, q, "big", 0, 300, HOSO_Q_NO_FACETS | HOSO_Q_NO_SNIPPETS, NULL, NULL);
  dump1(out, ar, q, "boost", 0, 10, HOSO_Q_FRESHNESS | HOSO_Q_SOURCES, NULL, NULL);
  dump1(out, ar, q, "dates", 0, 10, 0, "2009", "2010-06");
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_search ARCHIVE QUERIES.tsv [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 3 ? atoi(argv[3]) : 3;
  if (rounds < 2) rounds = 2;
  const char *fr = getenv("BENCH_SEARCH_FIRST");
  int first = fr && *fr == '1';
  if (first) rounds = 1;
  FILE *f = fopen(argv[2], "r");
  if (!f) {
    perror(argv[2]);
    return 2;
  }
  static char toned[MAXQ][256], plain[MAXQ][256];
  int nq = 0;
  char line[600];
  while (nq < MAXQ && fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = '\0';
    char *nl = strchr(tab + 1, '\n');
    if (nl) *nl = '\0';
    if (strlen(line) >= sizeof toned[nq] || strlen(tab + 1) >= sizeof plain[nq])
      continue; /* longer than any query we time */
    memcpy(toned[nq], line, strlen(line) + 1);
    memcpy(plain[nq], tab + 1, strlen(tab + 1) + 1);
    nq++;
  }
  fclose(f);
  hoso_archive *ar;
  hoso_error err;
  if (hoso_archive_open(argv[1], HOSO_ARCHIVE_READONLY, &ar, &err)) {
    fprintf(stderr, "bench_search: %s\n", err.message);
    return 2;
  }
  const char *fe = getenv("BENCH_SEARCH_FULL");
  int full = fe && *fe == '1';
  size_t cap = (size_t)nq * 2 * (size_t)rounds + 1, nt = 0;
  double *lat = malloc(cap * sizeof *lat), *cpu = malloc(cap * sizeof *cpu);
  if (!lat || !cpu) return 2;
  int same_total = 0;
  double overlap = 0;
  const char *tp = getenv("BENCH_SEARCH_TIMES");
  FILE *times = tp && *tp ? fopen(tp, "w") : NULL;
  if (tp && *tp && !times) {
    perror(tp);
    return 2;
  }
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < nq; i++) {
      long t1, t2, s1[10], s2[10];
      int n1, n2;
      double m1, m2, c1, c2;
      if (run(ar, toned[i], full, &m1, &c1, &t1, s1, &n1) ||
          run(ar, plain[i], full, &m2, &c2, &t2, s2, &n2)) {
        hoso_archive_close(ar);
        free(lat);
        free(cpu);
        if (times) fclose(times);
        return 1;
      }
      if (r == 0) { /* warm-up round: agreement only */
        same_total += t1 == t2;
        int common = 0, u = n1 > n2 ? n1 : n2;
        for (int a = 0; a < n1; a++)
          for (int b = 0; b < n2; b++) common += s1[a] == s2[b];
        overlap += u ? (double)common / u : 1.0;
        if (!first) continue;
      }
      cpu[nt] = c1;
      lat[nt++] = m1;
      cpu[nt] = c2;
      lat[nt++] = m2;
      if (times) fprintf(times, "%.2f\t%s\n%.2f\t%s\n", m1, toned[i], m2, plain[i]);
    }
  }
  if (times && fclose(times)) {
    perror(tp);
    return 2;
  }
  const char *dp = getenv("BENCH_SEARCH_DUMP");
  if (dp && *dp) {
    FILE *out = fopen(dp, "w");
    if (!out) {
      perror(dp);
      return 2;
    }
    for (int i = 0; i < nq; i++) {
      dump(out, ar, toned[i]);
      dump(out, ar, plain[i]);
    }
    if (fclose(out)) {
      perror(dp);
      return 2;
    }
  }
  hoso_archive_close(ar);
  /* each search's least CPU time over the timed rounds (cpu[] is round by
  ** round, 2 x nq a round), averaged: on a busy machine the other jobs'
  ** cache traffic and preemption inflate some rounds, rarely all of them */
  size_t per_round = (size_t)nq * 2, n_rounds = per_round ? nt / per_round : 0;
  double min_sum = 0;
  for (size_t j = 0; j < per_round && n_rounds; j++) {
    double least = cpu[j];
    for (size_t r = 1; r < n_rounds; r++)
      if (cpu[r * per_round + j] < least) least = cpu[r * per_round + j];
    min_sum += least;
  }
  double cmin = n_rounds ? min_sum / (double)per_round : 0;
  qsort(lat, nt, sizeof *lat, cmp_double);
  qsort(cpu, nt, sizeof *cpu, cmp_double);
  double p50 = nt ? lat[nt / 2] : 0, p95 = nt ? lat[(nt * 95) / 100] : 0,
         p99 = nt ? lat[(nt * 99) / 100] : 0;
  double c50 = nt ? cpu[nt / 2] : 0, c95 = nt ? cpu[(nt * 95) / 100] : 0,
         c99 = nt ? cpu[(nt * 99) / 100] : 0, csum = 0;
  for (size_t i = 0; i < nt; i++) csum += cpu[i];
  printf("{\"queries\":%zu,\"full\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,"
         "\"cpu_p50_ms\":%.3f,\"cpu_p95_ms\":%.3f,\"cpu_p99_ms\":%.3f,\"cpu_mean_ms\":%.3f,"
         "\"cpu_min_mean_ms\":%.4f,"
         "\"toneless_same_total\":%.3f,\"toneless_top10_overlap\":%.3f}\n",
         nt, full, p50, p95, p99, nt ? lat[nt - 1] : 0, c50, c95, c99, nt ? csum / (double)nt : 0,
         cmin, nq ? (double)same_total / nq : 0, nq ? overlap / nq : 0);
  free(lat);
  free(cpu);
  return 0;
}
