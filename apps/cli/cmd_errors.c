/* cmd_errors.c -- `hoso errors`: documents that failed to ingest. */
#include <stdio.h>
#include <string.h>

#include "archive_cli.h"

static const char usage[] =
    "usage: hoso errors [--db FILE] [--offset N] [--limit N] [--json]\n\n"
    "Documents that failed during ingest, newest first, with the input name\n"
    "and byte offset. Default page: 100. 'hoso stats' counts everything.\n";

static void print_errors(const json_t *r) {
  const json_t *e = json_object_get(r, "errors");
  printf("%lld failed documents\n", (long long)hoso__json_get_int(r, "total"));
  for (size_t i = 0; i < json_array_size(e); i++) {
    const json_t *x = json_array_get(e, i);
    const json_t *off = json_object_get(x, "offset");
    printf("%s", hoso__json_get_str(x, "origin"));
    if (json_is_number(off)) printf(": byte %.0f", json_number_value(off));
    printf(": %s (%s)\n", hoso__json_get_str(x, "message"), hoso__json_get_str(x, "code"));
  }
}

static int call_errors(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
                       hoso_error *err) {
  return hoso_errors(ar, o->q.offset, o->q.limit ? o->q.limit : 100, json, n, err);
}

static int run(int argc, char **argv) {
  static const acli_query_verb v = {usage, NULL, call_errors, print_errors};
  return acli_query_main(&v, argc, argv);
}

static int flag_check(void *ctx, int argc, char **argv, int *i) {
  (void)argc;
  if (strcmp(argv[*i], "--check")) return 0;
  *(int *)ctx = 1;
  return 1;
}

static int run_stats(int argc, char **argv) {
  const char *u = "usage: hoso stats [--db FILE] [--check]\n\nCounts of the archive "
                  "(JSON). --check first verifies the file and its search\nindex "
                  "(exit 2 when damaged).\n";
  if (cli_wants_help(argc, argv, u)) return CLI_OK;
  acli_opts o;
  int check = 0;
  if (acli_parse(argc, argv, u, &o, flag_check, &check)) return CLI_FATAL;
  hoso_archive *ar = acli_open("stats", o.db, check ? 0 : HOSO_ARCHIVE_READONLY);
  acli_free(&o);
  if (!ar) return CLI_FATAL;
  char *json;
  size_t n;
  hoso_error err;
  if (check && hoso_archive_check(ar, &err) != HOSO_OK) {
    cli_report("stats", &err);
    hoso_archive_close(ar);
    return CLI_FATAL;
  }
  int rc = hoso_archive_stats(ar, &json, &n, &err);
  rc = acli_output("stats", rc, json, n, &err, 1, NULL);
  hoso_archive_close(ar);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

HOSO_VERB(errors, "documents that failed to ingest (file, byte offset, why)", run);
HOSO_VERB(stats, "archive counts (JSON)", run_stats);
