/* cmd_search.c -- `hoso search QUERY`, `hoso story ID`, `hoso article ID`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_cli.h"

static const char usage[] =
    "usage: hoso search [options] QUERY...\n\n"
    "Search the archive. Results are stories (one story = every outlet that\n"
    "carried it), best first, with a highlighted snippet.\n"
    "Query language: words (all must match; with or without diacritics:\n"
    "\"quoc phong\" finds \"quốc phòng\"), \"a phrase\", a OR b, -word (exclude),\n"
    "prefix* (2+ characters). Typed with diacritics, exact matches rank first.\n\n"
    "Options:\n" ACLI_FILTER_HELP
    "  --fresh          rank recent stories higher\n"
    "  --sources        rank stories carried by many outlets higher\n"
    "  --articles       one result per article instead of per story\n"
    "  --no-facets      skip the facet counts\n";

static void print_facets(const json_t *f) {
  static const char *const names[] = {"outlets", "years", "people", "orgs",
                                      "event_types"};
  for (int i = 0; i < 5; i++) {
    const json_t *a = json_object_get(f, names[i]);
    if (!json_array_size(a)) continue;
    printf("  %s:", names[i]);
    for (size_t k = 0; k < json_array_size(a); k++) {
      const json_t *v = json_object_get(json_array_get(a, k), "value");
      if (json_is_string(v))
        printf(" %s (%lld)", json_string_value(v), (long long)hoso__json_get_int(json_array_get(a, k), "count"));
      else if (json_is_number(v))
        printf(" %.0f (%lld)", json_number_value(v), (long long)hoso__json_get_int(json_array_get(a, k), "count"));
    }
    printf("\n");
  }
}

static void print_search(const json_t *r) {
  int64_t total = hoso__json_get_int(r, "total"), off = hoso__json_get_int(r, "offset");
  const json_t *res = json_object_get(r, "results");
  size_t shown = json_array_size(res);
  printf("%lld stories (%lld articles)", (long long)total,
         (long long)hoso__json_get_int(r, "articles"));
  if (shown) printf(", showing %lld-%lld", (long long)off + 1, (long long)off + (long long)shown);
  printf("\n");
  for (size_t i = 0; i < shown; i++) {
    const json_t *it = json_array_get(res, i);
    const json_t *art = json_object_get(it, "article");
    printf("\n%lld. %s\n", (long long)hoso__json_get_int(it, "rank"), hoso__json_get_str(art, "title"));
    printf("   story %lld, article %lld", (long long)hoso__json_get_int(it, "story"),
           (long long)hoso__json_get_int(art, "id"));
    if (*hoso__json_get_str(art, "outlet")) printf(", %s", hoso__json_get_str(art, "outlet"));
    if (*hoso__json_get_str(art, "published")) printf(", %s", hoso__json_get_str(art, "published"));
    if (*hoso__json_get_str(it, "credit")) printf(", credited: %s", hoso__json_get_str(it, "credit"));
    printf("\n");
    const json_t *sn = json_object_get(it, "snippet");
    if (sn) {
      const char *t = hoso__json_get_str(sn, "text");
      printf("   ...");
      acli_print_marked(t, strlen(t), (size_t)hoso__json_get_int(sn, "start"), json_object_get(sn, "highlights"));
      printf("...\n");
    }
    const json_t *src = json_object_get(it, "sources");
    if (json_array_size(src) > 1) {
      printf("   %zu sources:", json_array_size(src));
      for (size_t k = 0; k < json_array_size(src); k++) {
        const char *o = hoso__json_get_str(json_array_get(src, k), "outlet"), *u = hoso__json_get_str(json_array_get(src, k), "url");
        printf("%s %s%s%s", k ? ";" : "", *o ? o : "?", *u ? " " : "", u);
      }
      printf("\n");
    }
  }
  const json_t *f = json_object_get(r, "facets");
  if (f) {
    printf("\nfacets:\n");
    print_facets(f);
  }
}

static int call_search(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
                       hoso_error *err) {
  return hoso_search(ar, &o->q, json, n, err);
}

static int run_search(int argc, char **argv) {
  static const acli_query_verb v = {usage, NULL, call_search, print_search};
  return acli_query_main(&v, argc, argv);
}

static int run_id(int argc, char **argv, int article) {
  const char *u = article ? "usage: hoso article [--db FILE] [--original] ID\n\n"
                            "Print one article as JSON: record, text, entities,\n"
                            "events, and every source of its story.\n"
                          : "usage: hoso story [--db FILE] ID\n\n"
                            "Print one story as JSON: every outlet and URL that\n"
                            "carried it, earliest date, credited origin.\n";
  if (cli_wants_help(argc, argv, u)) return CLI_OK;
  const char *db = acli_default_db(), *id = NULL;
  unsigned flags = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (article && !strcmp(argv[i], "--original")) flags |= HOSO_ARTICLE_ORIGINAL;
    else if (!strcmp(argv[i], "--json")) continue;
    else if (argv[i][0] == '-') return cli_usage_error(u);
    else id = argv[i];
  }
  char *end;
  long long v = id ? strtoll(id, &end, 10) : 0;
  if (!id || *end || v <= 0) return cli_usage_error(u);
  hoso_archive *ar = acli_open(argv[0], db, HOSO_ARCHIVE_READONLY);
  if (!ar) return CLI_FATAL;
  char *json;
  size_t n;
  hoso_error err;
  int rc = article ? hoso_article(ar, v, flags, &json, &n, &err)
                   : hoso_story(ar, v, &json, &n, &err);
  rc = acli_output(argv[0], rc, json, n, &err, 1, NULL);
  hoso_archive_close(ar);
  return rc == HOSO_OK ? CLI_OK : rc == HOSO_ENOTFOUND ? CLI_INPUT_FAILED : CLI_FATAL;
}

static int run_story(int argc, char **argv) { return run_id(argc, argv, 0); }
static int run_article(int argc, char **argv) { return run_id(argc, argv, 1); }

HOSO_VERB(search, "search the archive (words, \"phrases\", OR, -not, prefix*)", run_search);
HOSO_VERB(story, "one story with all its sources (JSON)", run_story);
HOSO_VERB(article, "one stored article with its record and sources (JSON)", run_article);
