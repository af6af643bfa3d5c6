/* cmd_ner.c -- `hoso ner`: entities and events of text files, or BIO tags
** of CoNLL word lists (--conll). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "cli.h"
#include "cli_ner.h"
#include "ner/ner_api.h"

static const char *const usage =
    "usage: hoso ner [--date YYYY-MM-DD] [--entities] [--events] [--rules-only]\n"
    "                [--learned-events | --event-model FILE] [--event-features]\n"
    "                [--no-person-check]\n"
    "                [--models DIR] FILE...\n"
    "       hoso ner --conll [FILE]\n\n"
    "Print one JSON object per FILE (\"-\" = stdin): {\"file\":...,\n"
    "\"entities\":[...],\"events\":[...]}. --date is the publication date that\n"
    "relative dates (\"hôm qua\", \"Chiều 20/5\") are resolved against.\n"
    "--conll reads one word per line (blank line between sentences) and\n"
    "writes each line back with a TAB and a BIO tag.\n"
    "--learned-events: the learned scorer (models/events.model) decides which\n"
    "candidate events are events; --event-model FILE: that scorer instead;\n"
    "--event-features: every candidate with its features (for training).\n"
    "--no-person-check: keep every person found, also those whose name's\n"
    "shape, head words (\"CLB\", \"đường\") or listing say they are none.\n";

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  const char *date = NULL, *dir = NULL, *emodel = NULL;
  unsigned flags = 0;
  int conll = 0, nfiles = 0;
  char **files = cli_xmalloc(sizeof(char *) * (size_t)(argc + 1));
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--conll")) conll = 1;
    else if (!strcmp(argv[i], "--entities")) flags |= HOSO_NER_ENTITIES;
    else if (!strcmp(argv[i], "--events")) flags |= HOSO_NER_EVENTS;
    else if (!strcmp(argv[i], "--rules-only")) flags |= HOSO_NER_RULES_ONLY;
    else if (!strcmp(argv[i], "--no-person-check")) flags |= HOSO_NER_NO_PERSON_CHECK;
    else if (!strcmp(argv[i], "--learned-events")) flags |= HOSO_NER_EVENT_MODEL;
    else if (!strcmp(argv[i], "--event-features")) flags |= HOSO_NER_EVENT_FEATURES;
    else if (!strcmp(argv[i], "--event-model") && i + 1 < argc) {
      emodel = argv[++i];
      flags |= HOSO_NER_EVENT_MODEL;
    }
    else if (!strcmp(argv[i], "--date") && i + 1 < argc) date = argv[++i];
    else if (!strcmp(argv[i], "--models") && i + 1 < argc) dir = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) {
      free(files);
      return cli_usage_error(usage);
    } else files[nfiles++] = argv[i];
  }
  if (!(flags & (HOSO_NER_ENTITIES | HOSO_NER_EVENTS)))
    flags |= HOSO_NER_ENTITIES | HOSO_NER_EVENTS;
  if (conll && !nfiles) files[nfiles++] = "-";
  if (!nfiles) {
    free(files);
    return cli_usage_error(usage);
  }
  hoso_error err;
  hoso_error_clear(&err);
  hoso_ner *n;
  if (hoso_ner_open(dir, &n, &err)) {
    cli_report("ner", &err);
    free(files);
    return CLI_FATAL;
  }
  if (emodel && hoso_ner_load_event_model(n, emodel, &err)) {
    cli_report("ner", &err);
    hoso_ner_close(n);
    free(files);
    return CLI_FATAL;
  }
  int status = CLI_OK;
  for (int f = 0; f < nfiles; f++) {
    char *text;
    size_t len;
    hoso_error_clear(&err);
    if (hoso__read_file(files[f], 64u << 20, &text, &len, &err)) {
      cli_report("ner", &err);
      status = CLI_INPUT_FAILED;
      continue;
    }
    char *out = NULL;
    size_t on = 0;
    int rc;
    if (conll) {
      rc = hoso_ner_conll(n, text, len, &out, &on, &err);
      if (!rc) fwrite(out, 1, on, stdout);
    } else {
      hoso_buf b;
      hoso__buf_init(&b, 0);
      hoso_json w;
      hoso__json_init(&w, &b);
      hoso__json_obj_begin(&w);
      hoso__json_key(&w, "file");
      hoso__json_str(&w, files[f]);
      rc = hoso__ner_json_members(n, &w, text, len, date, flags, &err);
      hoso__json_obj_end(&w);
      if (!rc && w.rc) rc = w.rc;
      if (!rc) {
        fwrite(b.p, 1, b.n, stdout);
        fputc('\n', stdout);
      }
      hoso__buf_free(&b);
    }
    if (rc) {
      hoso__err_file(&err, files[f]);
      cli_report("ner", &err);
      status = CLI_INPUT_FAILED;
    }
    hoso_free(out);
    hoso_free(text);
  }
  hoso_ner_close(n);
  free(files);
  return status;
}

HOSO_VERB(ner, "entities and events of texts; BIO tags with --conll", run);

hoso_ner *cli_ner_open(void) {
  hoso_error err;
  hoso_error_clear(&err);
  hoso_ner *n = NULL;
  if (hoso_ner_open(NULL, &n, &err)) {
    cli_report("extract", &err);
    return NULL;
  }
  return n;
}

void cli_ner_article(hoso_ner *ner, unsigned flags, const hoso_article_rec *a,
                     char **json, size_t *n, int *failed) {
  hoso_error err;
  hoso_error_clear(&err);
  char *out = NULL;
  size_t on = 0;
  if (hoso_ner_article_json(ner, a, *json, *n, flags, &out, &on, &err)) {
    cli_report("extract", &err);
    *failed = 1;
    return;
  }
  hoso_free(*json);
  *json = out;
  *n = on;
}
