/* cmd_extract.c -- `hoso extract [options] [FILE...]`: articles from
** HTML, .html.gz, WARC / .warc.gz, plain text or JSON Lines, printed as
** JSON Lines (one article per line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_ner.h"

static const char usage[] =
    "usage: hoso extract [--explain] [--spans] [--url URL] [--charset CS]\n"
    "                    [--html | --text] [--entities] [--events] [FILE...]\n"
    "\n"
    "Print one JSON object per article found in each FILE ('-' or none:\n"
    "standard input). FILE may be HTML, plain text, gzip of either, a WARC\n"
    "(.warc or .warc.gz), or JSON Lines of {\"url\", \"html\"|\"text\"}; the\n"
    "type is detected from the content.\n"
    "\n"
    "  --explain     add \"removed\": every dropped block with the reason\n"
    "  --spans       add byte spans of body paragraphs, captions, removed\n"
    "  --url URL     the page's URL (for a single page)\n"
    "  --charset CS  the page's charset when known (e.g. windows-1258)\n"
    "  --html/--text force the input type\n"
    "  --entities    add \"analysis\": people, bodies, places, dates (README: ner)\n"
    "  --events      add \"analysis\": calls, talks, visits, signings, awards...\n"
    "\n"
    "Records that fail are reported on stderr as FILE: byte N: reason and\n"
    "the rest go on (exit 1 at the end).\n";

typedef struct out_ctx {
  unsigned flags;
  int failed;
  long count;
  hoso_ner *ner;       /* --entities/--events: the analyser, else NULL */
  unsigned ner_flags;
} out_ctx;

static int on_article(void *ctx, hoso_article_rec *a, const hoso_error *err) {
  out_ctx *o = ctx;
  if (!a) {
    cli_report("extract", err);
    o->failed = 1;
    return 0;
  }
  char *json = NULL;
  size_t n = 0;
  if (hoso_article_to_json(a, o->flags, &json, &n) == HOSO_OK) {
    if (o->ner) cli_ner_article(o->ner, o->ner_flags, a, &json, &n, &o->failed);
    fwrite(json, 1, n, stdout);
    fputc('\n', stdout);
    o->count++;
  } else {
    cli_errorf("extract", "out of memory writing JSON");
    o->failed = 1;
  }
  hoso_free(json);
  hoso_article_free(a);
  return 0;
}

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  hoso_extract_opts opts;
  memset(&opts, 0, sizeof(opts));
  out_ctx o = {0, 0, 0, NULL, 0};
  int first_file = argc;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      first_file = i + 1;
      break;
    }
    if (!strcmp(a, "--explain")) {
      opts.explain = 1;
      o.flags |= HOSO_JSON_EXPLAIN;
    } else if (!strcmp(a, "--spans")) {
      o.flags |= HOSO_JSON_SPANS;
    } else if (!strcmp(a, "--entities")) {
      o.ner_flags |= HOSO_NER_ENTITIES;
    } else if (!strcmp(a, "--events")) {
      o.ner_flags |= HOSO_NER_EVENTS;
    } else if (!strcmp(a, "--html")) {
      opts.format = HOSO_FORMAT_HTML;
    } else if (!strcmp(a, "--text")) {
      opts.format = HOSO_FORMAT_TEXT;
    } else if (!strcmp(a, "--url") && i + 1 < argc) {
      opts.url = argv[++i];
    } else if (!strcmp(a, "--charset") && i + 1 < argc) {
      opts.charset = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      cli_errorf("extract", "unknown option '%s'", a);
      return cli_usage_error(usage);
    } else {
      first_file = i;
      break;
    }
  }
  static char *stdin_only[] = {"-"};
  char **files = argv + first_file;
  int nfiles = argc - first_file;
  if (nfiles <= 0) {
    files = stdin_only;
    nfiles = 1;
  }
  if (o.ner_flags && !(o.ner = cli_ner_open())) return CLI_FATAL;
  hoso_langid *lid = NULL;
  if (hoso_langid_open(NULL, &lid, NULL) == HOSO_OK) opts.langid = lid;
  for (int i = 0; i < nfiles; i++) {
    hoso_error err;
    hoso_error_clear(&err);
    int rc = hoso_extract_file(files[i], &opts, on_article, &o, &err);
    if (rc < 0) {
      cli_report("extract", &err);
      o.failed = 1;
    }
  }
  hoso_langid_close(lid);
  hoso_ner_close(o.ner);
  fflush(stdout);
  return o.failed ? CLI_INPUT_FAILED : CLI_OK;
}

HOSO_VERB(extract, "articles (title, date, authors, body...) from pages", run);
