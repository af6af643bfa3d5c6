/* cmd_export.c -- `hoso export [--format jsonl|csv|md] [filters] [QUERY]`. */
#include <stdio.h>
#include <string.h>

#include "archive_cli.h"

static const char usage[] =
    "usage: hoso export [--format jsonl|csv|md] [--output FILE] [options] "
    "[QUERY...]\n\n"
    "Write every matching article (all of them: no paging, no cap), oldest\n"
    "first, streamed: JSON Lines (default), CSV with a header row, or a\n"
    "Markdown dossier a person can read. Without QUERY or filters: the whole\n"
    "archive.\n\n"
    "Options:\n" ACLI_FILTER_HELP;

typedef struct xopt {
  int format;
  const char *output;
} xopt;

static int extra(void *ctx, int argc, char **argv, int *i) {
  xopt *x = ctx;
  if (!strcmp(argv[*i], "--format") || !strcmp(argv[*i], "--output")) {
    if (*i + 1 >= argc) {
      cli_errorf("export", "%s needs a value", argv[*i]);
      return -1;
    }
    const char *v = argv[++*i];
    if (argv[*i - 1][2] == 'o') {
      x->output = v;
      return 1;
    }
    if (!strcmp(v, "jsonl") || !strcmp(v, "json")) x->format = HOSO_EXPORT_JSONL;
    else if (!strcmp(v, "csv")) x->format = HOSO_EXPORT_CSV;
    else if (!strcmp(v, "md") || !strcmp(v, "markdown")) x->format = HOSO_EXPORT_MARKDOWN;
    else {
      cli_errorf("export", "unknown format '%s' (jsonl, csv, md)", v);
      return -1;
    }
    return 1;
  }
  return 0;
}

static int to_file(void *ctx, const char *p, size_t n) {
  return fwrite(p, 1, n, (FILE *)ctx) == n ? 0 : -1;
}

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  acli_opts o;
  xopt x = {HOSO_EXPORT_JSONL, NULL};
  if (acli_parse(argc, argv, usage, &o, extra, &x)) return CLI_FATAL;
  hoso_archive *ar = acli_open("export", o.db, HOSO_ARCHIVE_READONLY);
  if (!ar) {
    acli_free(&o);
    return CLI_FATAL;
  }
  FILE *f = stdout;
  if (x.output && !(f = fopen(x.output, "wb"))) {
    cli_errorf("export", "cannot write %s", x.output);
    hoso_archive_close(ar);
    acli_free(&o);
    return CLI_FATAL;
  }
  hoso_error err;
  int rc = hoso_export(ar, &o.q, x.format, to_file, f, &err);
  if (fflush(f) != 0 && rc == HOSO_OK) {
    rc = HOSO_EIO;
    cli_errorf("export", "write failed");
  } else if (rc != HOSO_OK) {
    cli_report("export", &err);
  }
  if (f != stdout) fclose(f);
  hoso_archive_close(ar);
  acli_free(&o);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

HOSO_VERB(export, "write matching articles as JSON Lines, CSV or Markdown", run);
