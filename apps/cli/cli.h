/*
** cli.h -- what every `hoso <verb>` front end shares.
**
** A verb is one function `int run(int argc, char **argv)` (argv[0] is the
** verb name) registered with HOSO_VERB(name, "summary", run) at file scope
** in any apps/ source file. The Makefile collects the HOSO_VERB lines into
** the dispatch table, so adding a verb never edits a shared file.
**
** Exit codes (documented in the README):
**   0  success
**   1  some input failed (each failure reported on stderr with file and
**      byte offset); everything else was processed
**   2  usage error, or a fatal error (cannot open the database or model)
*/
#ifndef HOSO_CLI_H
#define HOSO_CLI_H

#include <stdio.h>

#include "hoso.h"

#define CLI_OK 0
#define CLI_INPUT_FAILED 1
#define CLI_FATAL 2

typedef struct cli_verb {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} cli_verb;

#define HOSO_VERB(name, summary, fn)                                       \
  const cli_verb cli_verb_##name = {#name, summary, fn}

/* If argv has --help or -h, print usage (to stdout) and return 1. */
int cli_wants_help(int argc, char **argv, const char *usage);

/* Print "hoso VERB: message" to stderr. */
void cli_errorf(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print a hoso_error as "hoso VERB: FILE: byte N: message". */
void cli_report(const char *verb, const hoso_error *err);

/* Print usage text to stderr and return CLI_FATAL (for bad options). */
int cli_usage_error(const char *usage);

/* Memory for front ends: die with a message on failure (CLI policy). */
void *cli_xmalloc(size_t n);
void *cli_xrealloc(void *p, size_t n);
char *cli_xstrdup(const char *s);

#endif
