/*
** archive_cli.h -- what the archive verbs (ingest, search, timeline,
** person, org, export, errors, story, article) share: the --db option,
** the query filters, opening the archive, printing a result.
*/
#ifndef HOSO_ARCHIVE_CLI_H
#define HOSO_ARCHIVE_CLI_H

#include "cli.h"
#include <jansson.h>

#include "base/base.h"

/* Default archive: $HOSO_DB, else "hoso.db" in the current folder. */
const char *acli_default_db(void);

typedef struct acli_opts {
  const char *db;
  int json;
  hoso_query q;
  char *qtext; /* joined positional words (owned) */
} acli_opts;

#define ACLI_FILTER_HELP                                                       \
  "  --db FILE        the archive (default $HOSO_DB or ./hoso.db)\n"           \
  "  --from DATE      YYYY, YYYY-MM or YYYY-MM-DD (inclusive)\n"               \
  "  --to DATE        idem\n"                                                  \
  "  --outlet NAME    only this outlet\n"                                      \
  "  --lang CODE      vi, ru or en\n"                                          \
  "  --person NAME    articles naming this person (diacritics optional)\n"     \
  "  --org NAME       articles naming this organisation\n"                     \
  "  --type TYPE      event type (call, talks, visit, signing, award, ...)\n"  \
  "  --offset N       skip N results (paging)\n"                               \
  "  --limit N        results per page (default 10; no upper cap)\n"           \
  "  --json           print the JSON result (format in README)\n"

/* Parse common options; positional words are joined with spaces into
** o->qtext / o->q.q. Returns -1 on a usage error (printed), 0 on success.
** extra(argv, &i) may consume verb-specific options (return 1 if so). */
int acli_parse(int argc, char **argv, const char *usage, acli_opts *o,
               int (*extra)(void *ctx, int argc, char **argv, int *i),
               void *ctx);
void acli_free(acli_opts *o);

/* Open the archive; prints the error and returns NULL on failure. */
hoso_archive *acli_open(const char *verb, const char *db, int flags);

/* Parse a result the archive returned (a new reference: json_decref it);
** on failure prints why, with the byte offset, and returns NULL. */
json_t *acli_parse_result(const char *verb, const char *json, size_t n);

/* Print JSON string s to stdout with a newline. */
void acli_print_json(const char *s, size_t n);

/* Human-readable output of a parsed result (borrowed). */
typedef void (*acli_show_fn)(const json_t *r);

/* The end of every archive verb: when rc failed, report err under verb;
** else print json (as_json, or show NULL, or json does not parse: then
** with the reason on stderr) or show(parsed). Frees json. Returns rc. */
int acli_output(const char *verb, int rc, char *json, size_t n,
                const hoso_error *err, int as_json, acli_show_fn show);

/* A query verb (search, timeline, errors, person, org): the common
** options, the archive opened read-only, one call, then acli_output. */
typedef struct acli_query_verb {
  const char *usage;
  const char *need_words; /* message when QUERY is required and missing */
  /* Ask the archive: fills *json and *n (hoso_free) or err; a status. */
  int (*call)(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
              hoso_error *err);
  acli_show_fn show;
} acli_query_verb;

/* Run verb v on argv (argv[0] is the verb's name); returns the exit code. */
int acli_query_main(const acli_query_verb *v, int argc, char **argv);

/* Print text with the byte ranges hl (pairs, offsets relative to the
** text's own start `base`) marked: bold on a terminal, else [..]. */
void acli_print_marked(const char *text, size_t n, size_t base,
                       const json_t *highlights);

#endif
