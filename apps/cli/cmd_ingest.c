/* cmd_ingest.c -- `hoso ingest [--db FILE] [--threads N] PATH...`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive_cli.h"

static const char usage[] =
    "usage: hoso ingest [--db FILE] [--threads N] [--batch N] [--quiet] "
    "[--json] PATH...\n\n"
    "Add pages to the archive: files (HTML or text), folders (recursively),\n"
    "WARC (.warc, .warc.gz), JSON Lines (.jsonl[.gz]: text or html, url,\n"
    "source, date, lang fields) and '-' for standard input. Running it again\n"
    "is safe: articles already stored (same text or same URL) are skipped, so\n"
    "an interrupted run is completed by running it again. Documents that\n"
    "fail are recorded and listed by 'hoso errors'.\n\n"
    "  --db FILE      the archive (created if missing; default $HOSO_DB or ./hoso.db)\n"
    "  --threads N    worker threads (default: all cores)\n"
    "  --batch N      articles per transaction (default 4096; PostgreSQL 64)\n"
    "  --quiet        print nothing but errors (stderr): no progress line, no\n"
    "                 summary (--json still prints its counts)\n"
    "  --no-analysis  skip entities and events (search and stories only)\n"
    "  --json         print the final counts as JSON\n";

typedef struct prog {
  int tty;
} prog;

static void on_progress(void *ctx, const hoso_ingest_stats *st) {
  prog *p = ctx;
  if (!p->tty) return;
  double done = (double)(st->added + st->duplicates + st->failed);
  double rate = st->seconds > 0 ? done / st->seconds : 0;
  char eta[32] = "";
  if (st->total > done && rate > 0)
    snprintf(eta, sizeof(eta), ", ETA %.0fs", ((double)st->total - done) / rate);
  if (st->total)
    fprintf(stderr, "\r%.0f/%llu articles, %.0f/s, %.1f MB/s%s   ", done,
            (unsigned long long)st->total, rate,
            st->seconds > 0 ? (double)st->bytes / 1e6 / st->seconds : 0, eta);
  else
    fprintf(stderr, "\r%.0f articles, %.0f/s, %.1f MB/s   ", done, rate,
            st->seconds > 0 ? (double)st->bytes / 1e6 / st->seconds : 0);
}

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  const char *db = acli_default_db();
  int threads = 0, batch = 0, quiet = 0, json = 0;
  unsigned flags = 0;
  const char **paths = cli_xmalloc((size_t)argc * sizeof(*paths));
  int np = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "--db") || !strcmp(a, "--threads") || !strcmp(a, "--batch")) &&
        i + 1 >= argc) {
      free(paths);
      cli_errorf("ingest", "%s needs a value", a);
      return cli_usage_error(usage);
    }
    if (!strcmp(a, "--db")) db = argv[++i];
    else if (!strcmp(a, "--threads")) threads = atoi(argv[++i]);
    else if (!strcmp(a, "--batch")) batch = atoi(argv[++i]);
    else if (!strcmp(a, "--quiet")) quiet = 1;
    else if (!strcmp(a, "--no-analysis")) flags |= HOSO_INGEST_NO_ANALYSIS;
    else if (!strcmp(a, "--json")) json = 1;
    else if (a[0] == '-' && a[1] == '-') {
      free(paths);
      cli_errorf("ingest", "unknown option %s", a);
      return cli_usage_error(usage);
    } else paths[np++] = a;
  }
  if (np == 0) paths[np++] = "-";
  hoso_archive *ar = acli_open("ingest", db, HOSO_ARCHIVE_CREATE);
  if (!ar) {
    free(paths);
    return CLI_FATAL;
  }
  prog pg = {!quiet && isatty(2)};
  hoso_ingest_options opt = {threads, batch, on_progress, &pg, flags, 0};
  hoso_ingest *ing;
  hoso_error err;
  if (hoso_ingest_open(ar, &opt, &ing, &err) != HOSO_OK) {
    cli_report("ingest", &err);
    hoso_archive_close(ar);
    free(paths);
    return CLI_FATAL;
  }
  int rc = HOSO_OK;
  for (int i = 0; i < np && rc == HOSO_OK; i++) rc = hoso_ingest_path(ing, paths[i], &err);
  hoso_ingest_stats st;
  hoso_error ferr;
  int frc = hoso_ingest_finish(ing, &st, &ferr);
  if (pg.tty) fputc('\n', stderr);
  if (rc == HOSO_OK && frc != HOSO_OK) {
    rc = frc;
    err = ferr;
  }
  hoso_ingest_close(ing);
  hoso_archive_close(ar);
  free(paths);
  if (rc != HOSO_OK) {
    cli_report("ingest", &err);
    fprintf(stderr, "hoso ingest: stopped; everything committed before this is "
                    "kept: run the same command again to continue\n");
    return CLI_FATAL;
  }
  double mb = (double)st.bytes / 1e6;
  if (quiet && !json) { /* quiet means quiet: failures are errors, said on stderr */
    if (st.failed)
      fprintf(stderr, "hoso ingest: %llu of %llu documents failed (see 'hoso errors')\n",
              (unsigned long long)st.failed, (unsigned long long)st.seen);
  } else if (json)
    printf("{\"seen\":%llu,\"added\":%llu,\"duplicates\":%llu,\"failed\":%llu,"
           "\"new_stories\":%llu,\"bytes\":%llu,\"seconds\":%.3f,"
           "\"skipped\":%llu,\"prepared\":%llu,\"workers_cpu\":%.3f,"
           "\"writer_cpu\":%.3f,\"words_cpu\":%.3f,\"analysis_cpu\":%.3f,"
           "\"index_cpu\":%.3f,\"commit_cpu\":%.3f,\"commits\":%llu}\n",
           (unsigned long long)st.seen, (unsigned long long)st.added,
           (unsigned long long)st.duplicates, (unsigned long long)st.failed,
           (unsigned long long)st.stories, (unsigned long long)st.bytes, st.seconds,
           (unsigned long long)st.skipped, (unsigned long long)st.prepared,
           st.workers_cpu, st.writer_cpu, st.words_cpu, st.analysis_cpu,
           st.index_cpu, st.commit_cpu, (unsigned long long)st.commits);
  else
    printf("%llu documents: %llu added, %llu already stored (%llu recognised "
           "before preparing), %llu failed (see 'hoso errors'); %llu prepared; "
           "%llu new stories; %.1f MB in %.1fs (%.1f MB/s, %.0f articles/s)\n",
           (unsigned long long)st.seen, (unsigned long long)st.added,
           (unsigned long long)st.duplicates, (unsigned long long)st.skipped,
           (unsigned long long)st.failed, (unsigned long long)st.prepared,
           (unsigned long long)st.stories, mb, st.seconds,
           st.seconds > 0 ? mb / st.seconds : 0,
           st.seconds > 0 ? (double)st.seen / st.seconds : 0);
  return st.failed ? CLI_INPUT_FAILED : CLI_OK;
}

HOSO_VERB(ingest, "add pages to the archive (files, folders, WARC, JSON Lines)", run);
