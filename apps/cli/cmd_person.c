/* cmd_person.c -- `hoso person NAME`, `hoso org NAME`, `hoso suggest PREFIX`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_cli.h"

void acli_print_events(const json_t *events); /* cmd_timeline.c */

static const char person_usage[] =
    "usage: hoso person [options] NAME\n"
    "       hoso org [options] NAME\n\n"
    "A dossier: every article naming them (oldest first, paged), the ranks\n"
    "and posts the articles give them and when, their events and the\n"
    "counterparts they met. NAME works with or without diacritics. When the\n"
    "archive has no entity of that name, articles containing the name as a\n"
    "phrase are listed (\"basis\": \"text\").\n\n"
    "Options:\n" ACLI_FILTER_HELP;

static int run_dossier(int argc, char **argv, int kind) {
  if (cli_wants_help(argc, argv, person_usage)) return CLI_OK;
  acli_opts o;
  if (acli_parse(argc, argv, person_usage, &o, NULL, NULL)) return CLI_FATAL;
  if (!o.qtext || !*o.qtext) {
    acli_free(&o);
    cli_errorf(argv[0], "give a name");
    return cli_usage_error(person_usage);
  }
  hoso_archive *ar = acli_open(argv[0], o.db, HOSO_ARCHIVE_READONLY);
  if (!ar) {
    acli_free(&o);
    return CLI_FATAL;
  }
  char *json;
  size_t n;
  hoso_error err;
  hoso_query q = o.q;
  q.q = NULL;
  q.q_n = 0;
  int rc = hoso_dossier(ar, kind, o.qtext, strlen(o.qtext), &q, &json, &n, &err);
  if (rc == HOSO_OK) {
    if (o.json) {
      acli_print_json(json, n);
    } else {
      json_t *r = acli_parse_result(argv[0], json, n);
      if (r) {
        const json_t *arts = json_object_get(r, "articles");
        printf("%s (%s)\n", hoso__json_get_str(r, "name"), hoso__json_get_str(r, "kind"));
        printf("\n%lld articles%s\n", (long long)hoso__json_get_int(arts, "total"),
               strcmp(hoso__json_get_str(r, "basis"), "text") ? ""
                                                   : " containing the name (no entity recognised)");
        const json_t *items = json_object_get(arts, "items");
        for (size_t i = 0; i < json_array_size(items); i++) {
          const json_t *a = json_array_get(items, i);
          printf("  %s  [article %lld%s%s] %s\n",
                 *hoso__json_get_str(a, "published") ? hoso__json_get_str(a, "published") : "(undated)",
                 (long long)hoso__json_get_int(a, "id"), *hoso__json_get_str(a, "outlet") ? ", " : "",
                 hoso__json_get_str(a, "outlet"), hoso__json_get_str(a, "title"));
          const char *ctx = hoso__json_get_str(a, "context");
          printf("      ...");
          acli_print_marked(ctx, strlen(ctx), 0, NULL);
          printf("...\n");
        }
        const json_t *t = json_object_get(r, "titles");
        if (json_array_size(t)) {
          printf("\nranks and posts, as the articles state them:\n");
          for (size_t i = 0; i < json_array_size(t); i++)
            printf("  %s  (%s .. %s, %lld articles)\n", hoso__json_get_str(json_array_get(t, i), "title"),
                   hoso__json_get_str(json_array_get(t, i), "first"), hoso__json_get_str(json_array_get(t, i), "last"),
                   (long long)hoso__json_get_int(json_array_get(t, i), "articles"));
        }
        const json_t *ev = json_object_get(r, "events");
        if (json_array_size(ev)) {
          printf("\nevents:\n");
          acli_print_events(ev);
        }
        const json_t *c = json_object_get(r, "counterparts");
        if (json_array_size(c)) {
          printf("\ncounterparts:\n");
          for (size_t i = 0; i < json_array_size(c); i++)
            printf("  %s (%s), %lld events\n", hoso__json_get_str(json_array_get(c, i), "name"),
                   hoso__json_get_str(json_array_get(c, i), "kind"), (long long)hoso__json_get_int(json_array_get(c, i), "events"));
        }
        json_decref(r);
      }
    }
    hoso_free(json);
  } else {
    cli_report(argv[0], &err);
  }
  hoso_archive_close(ar);
  acli_free(&o);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

static int run_person(int argc, char **argv) {
  return run_dossier(argc, argv, HOSO_ENTITY_PERSON);
}
static int run_org(int argc, char **argv) { return run_dossier(argc, argv, HOSO_ENTITY_ORG); }

static const char suggest_usage[] =
    "usage: hoso suggest [--db FILE] [--kind person|org|place] [--limit N] "
    "[--json] PREFIX\n\nNames in the archive starting with PREFIX (diacritics "
    "optional), most mentioned first.\n";

static int run_suggest(int argc, char **argv) {
  if (cli_wants_help(argc, argv, suggest_usage)) return CLI_OK;
  const char *db = acli_default_db(), *prefix = NULL;
  int kind = HOSO_ENTITY_ANY, limit = 10, json = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (!strcmp(argv[i], "--limit") && i + 1 < argc) limit = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--json")) json = 1;
    else if (!strcmp(argv[i], "--kind") && i + 1 < argc) {
      const char *k = argv[++i];
      kind = !strcmp(k, "person") ? HOSO_ENTITY_PERSON : !strcmp(k, "org") ? HOSO_ENTITY_ORG
             : !strcmp(k, "place") ? HOSO_ENTITY_PLACE : -1;
      if (kind < 0) return cli_usage_error(suggest_usage);
    } else if (argv[i][0] == '-' && argv[i][1] == '-') return cli_usage_error(suggest_usage);
    else prefix = argv[i];
  }
  if (!prefix) return cli_usage_error(suggest_usage);
  hoso_archive *ar = acli_open("suggest", db, HOSO_ARCHIVE_READONLY);
  if (!ar) return CLI_FATAL;
  char *out;
  size_t n;
  hoso_error err;
  int rc = hoso_suggest(ar, kind, prefix, strlen(prefix), limit, &out, &n, &err);
  if (rc == HOSO_OK) {
    if (json) {
      acli_print_json(out, n);
    } else {
      json_t *r = acli_parse_result("suggest", out, n);
      const json_t *s = json_object_get(r, "suggestions");
      for (size_t i = 0; i < json_array_size(s); i++)
        printf("%s\t%s\t%lld\n", hoso__json_get_str(json_array_get(s, i), "name"), hoso__json_get_str(json_array_get(s, i), "kind"),
               (long long)hoso__json_get_int(json_array_get(s, i), "mentions"));
      json_decref(r);
    }
    hoso_free(out);
  } else {
    cli_report("suggest", &err);
  }
  hoso_archive_close(ar);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

HOSO_VERB(person, "a person's dossier: articles, posts held, events, counterparts", run_person);
HOSO_VERB(org, "an organisation's dossier", run_org);
HOSO_VERB(suggest, "names in the archive by prefix (diacritics optional)", run_suggest);
