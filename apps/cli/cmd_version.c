/* cmd_version.c -- `hoso version`: print the version and model directory. */
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv,
                     "usage: hoso version\n\nPrint hoso's version.\n"))
    return CLI_OK;
  printf("hoso %s\n", hoso_version());
  return CLI_OK;
}

HOSO_VERB(version, "print the version", run);
