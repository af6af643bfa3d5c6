/* util.c -- helpers shared by the CLI verbs (see cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_wants_help(int argc, char **argv, const char *usage) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) break;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(usage, stdout);
      return 1;
    }
  }
  return 0;
}

void cli_errorf(const char *verb, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "hoso %s: ", verb);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

void cli_report(const char *verb, const hoso_error *err) {
  char msg[HOSO_ERROR_MSG_MAX + HOSO_ERROR_FILE_MAX + 64];
  fprintf(stderr, "hoso %s: %s\n", verb, hoso_error_format(err, msg, sizeof(msg)));
}

int cli_usage_error(const char *usage) {
  fputs(usage, stderr);
  return CLI_FATAL;
}

static void oom(void) {
  fputs("hoso: out of memory\n", stderr);
  exit(CLI_FATAL);
}

void *cli_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom();
  return p;
}

void *cli_xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) oom();
  return p;
}

char *cli_xstrdup(const char *s) {
  char *p = strdup(s);
  if (!p) oom();
  return p;
}
