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

static void print_dossier(const json_t *r) {
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
    for (size_t i = 0; i < json_array_size(t); i++) {
      const json_t *x = json_array_get(t, i);
      printf("  %s  (%s .. %s, %lld articles)\n", hoso__json_get_str(x, "title"),
             hoso__json_get_str(x, "first"), hoso__json_get_str(x, "last"),
             (long long)hoso__json_get_int(x, "articles"));
    }
  }
  const json_t *ev = json_object_get(r, "events");
  if (json_array_size(ev)) {
    printf("\nevents:\n");
    acli_print_events(ev);
  }
  const json_t *c = json_object_get(r, "counterparts");
  if (json_array_size(c)) {
    printf("\ncounterparts:\n");
    for (size_t i = 0; i < json_array_size(c); i++) {
      const json_t *x = json_array_get(c, i);
      printf("  %s (%s), %lld events\n", hoso__json_get_str(x, "name"),
             hoso__json_get_str(x, "kind"), (long long)hoso__json_get_int(x, "events"));
    }
  }
}

/* The dossier of the joined positional words; the filters apply to its
** articles, not to the name. */
static int call_dossier(hoso_archive *ar, int kind, const acli_opts *o, char **json,
                        size_t *n, hoso_error *err) {
  hoso_query q = o->q;
  q.q = NULL;
  q.q_n = 0;
  return hoso_dossier(ar, kind, o->qtext, strlen(o->qtext), &q, json, n, err);
}

static int call_person(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
                       hoso_error *err) {
  return call_dossier(ar, HOSO_ENTITY_PERSON, o, json, n, err);
}

static int call_org(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
                    hoso_error *err) {
  return call_dossier(ar, HOSO_ENTITY_ORG, o, json, n, err);
}

static int run_person(int argc, char **argv) {
  static const acli_query_verb v = {person_usage, "give a name", call_person, print_dossier};
  return acli_query_main(&v, argc, argv);
}

static int run_org(int argc, char **argv) {
  static const acli_query_verb v = {person_usage, "give a name", call_org, print_dossier};
  return acli_query_main(&v, argc, argv);
}

static const char suggest_usage[] =
    "usage: hoso suggest [--db FILE] [--kind person|org|place] [--limit N] "
    "[--json] PREFIX\n\nNames in the archive starting with PREFIX (diacritics "
    "optional), most mentioned first.\n";

static void print_suggestions(const json_t *r) {
  const json_t *s = json_object_get(r, "suggestions");
  for (size_t i = 0; i < json_array_size(s); i++) {
    const json_t *x = json_array_get(s, i);
    printf("%s\t%s\t%lld\n", hoso__json_get_str(x, "name"), hoso__json_get_str(x, "kind"),
           (long long)hoso__json_get_int(x, "mentions"));
  }
}

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
  rc = acli_output("suggest", rc, out, n, &err, json, print_suggestions);
  hoso_archive_close(ar);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

HOSO_VERB(person, "a person's dossier: articles, posts held, events, counterparts", run_person);
HOSO_VERB(org, "an organisation's dossier", run_org);
HOSO_VERB(suggest, "names in the archive by prefix (diacritics optional)", run_suggest);
