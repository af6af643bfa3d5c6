/* main.c -- `hoso <verb> [options] [FILE...]`: dispatch to a verb. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The table is generated from the HOSO_VERB lines (see Makefile). */
#define X(name) extern const cli_verb cli_verb_##name;
#include "verbs.inc"
#undef X
static const cli_verb *const verbs[] = {
#define X(name) &cli_verb_##name,
#include "verbs.inc"
#undef X
};
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

static void usage(FILE *f) {
  fprintf(f, "usage: hoso <verb> [options] [FILE...]\n"
             "       hoso --version | --help | <verb> --help\n\n"
             "FILE '-' or no FILE reads standard input.\n\nverbs:\n");
  for (size_t i = 0; i < NVERBS; i++)
    fprintf(f, "  %-12s %s\n", verbs[i]->name, verbs[i]->summary);
  fprintf(f, "\nexit codes: 0 ok, 1 some input failed (reported on stderr), "
             "2 usage or fatal error\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_FATAL;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
      !strcmp(argv[1], "help")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
    printf("hoso %s\n", hoso_version());
    return CLI_OK;
  }
  for (size_t i = 0; i < NVERBS; i++)
    if (!strcmp(argv[1], verbs[i]->name))
      return verbs[i]->run(argc - 1, argv + 1);
  fprintf(stderr, "hoso: unknown verb '%s' (try 'hoso --help')\n", argv[1]);
  return CLI_FATAL;
}
