/* bench_search.c -- search latency and toneless agreement of an archive,
** through the public API (hoso_search), so the SQLite and PostgreSQL
** backends are measured by the same code (make bench, bench/pg/run.sh).
**
**   bench_search ARCHIVE QUERIES.tsv [ROUNDS]
**
** QUERIES.tsv: one pair a line, "query with diacritics<TAB>same without".
** Every query of both columns runs ROUNDS times (default 3; the first
** round warms caches and is not timed). Prints one JSON object: queries
** timed, p50/p99/max milliseconds, and toneless agreement: the share of
** pairs whose toneless query finds the same total as the toned one, and
** the mean overlap of their top-10 stories. */
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

static int run(hoso_archive *ar, const char *q, double *ms, long *total,
               long *stories, int *n) {
  hoso_query hq;
  memset(&hq, 0, sizeof hq);
  hq.q = q;
  hq.q_n = strlen(q);
  hq.limit = 10;
  hq.flags = HOSO_Q_NO_FACETS | HOSO_Q_NO_SNIPPETS;
  char *json = NULL;
  hoso_error err;
  double t0 = now_ms();
  int rc = hoso_search(ar, &hq, &json, NULL, &err);
  *ms = now_ms() - t0;
  if (rc) {
    fprintf(stderr, "bench_search: '%s': %s\n", q, err.message);
    return rc;
  }
  parse(json, total, stories, n);
  hoso_free(json);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_search ARCHIVE QUERIES.tsv [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 3 ? atoi(argv[3]) : 3;
  if (rounds < 2) rounds = 2;
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
  size_t cap = (size_t)nq * 2 * (size_t)(rounds - 1) + 1, nt = 0;
  double *lat = malloc(cap * sizeof *lat);
  if (!lat) return 2;
  int same_total = 0;
  double overlap = 0;
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < nq; i++) {
      long t1, t2, s1[10], s2[10];
      int n1, n2;
      double m1, m2;
      if (run(ar, toned[i], &m1, &t1, s1, &n1) ||
          run(ar, plain[i], &m2, &t2, s2, &n2)) {
        hoso_archive_close(ar);
        free(lat);
        return 1;
      }
      if (r == 0) { /* warm-up round: agreement only */
        same_total += t1 == t2;
        int common = 0, u = n1 > n2 ? n1 : n2;
        for (int a = 0; a < n1; a++)
          for (int b = 0; b < n2; b++) common += s1[a] == s2[b];
        overlap += u ? (double)common / u : 1.0;
        continue;
      }
      lat[nt++] = m1;
      lat[nt++] = m2;
    }
  }
  hoso_archive_close(ar);
  qsort(lat, nt, sizeof *lat, cmp_double);
  double p50 = nt ? lat[nt / 2] : 0, p99 = nt ? lat[(nt * 99) / 100] : 0;
  printf("{\"queries\":%zu,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,"
         "\"toneless_same_total\":%.3f,\"toneless_top10_overlap\":%.3f}\n",
         nt, p50, p99, nt ? lat[nt - 1] : 0, nq ? (double)same_total / nq : 0,
         nq ? overlap / nq : 0);
  free(lat);
  return 0;
}
