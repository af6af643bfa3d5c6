/* cmd_timeline.c -- `hoso timeline [filters] [QUERY]`. */
#include <stdio.h>
#include <string.h>

#include "archive_cli.h"

static const char usage[] =
    "usage: hoso timeline [options] [QUERY...]\n\n"
    "Events (talks, calls, visits, signings, awards, ...) in date order, with\n"
    "participants and the sentences they come from. QUERY and the filters\n"
    "select the articles the events come from; --from/--to/--type apply to\n"
    "the events themselves. Default page: 100 events.\n\n"
    "Options:\n" ACLI_FILTER_HELP;

void acli_print_events(const json_t *events);

void acli_print_events(const json_t *events) {
  for (size_t i = 0; i < json_array_size(events); i++) {
    const json_t *e = json_array_get(events, i);
    const char *date = hoso__json_get_str(e, "date");
    printf("%s  %s", *date ? date : "(undated) ", hoso__json_get_str(e, "type"));
    if (*hoso__json_get_str(e, "place")) printf(" in %s", hoso__json_get_str(e, "place"));
    printf("\n");
    const char *sum = hoso__json_get_str(e, "summary");
    if (*sum) {
      size_t l = strlen(sum), cut = l > 200 ? 200 : l;
      while (cut < l && ((unsigned char)sum[cut] & 0xC0) == 0x80) cut++;
      printf("    %.*s%s\n", (int)cut, sum, cut < l ? "..." : "");
    }
    const json_t *p = json_object_get(e, "participants");
    if (json_array_size(p)) {
      printf("    with:");
      for (size_t k = 0; k < json_array_size(p); k++) {
        const char *t = hoso__json_get_str(json_array_get(p, k), "title");
        printf("%s %s%s%s%s", k ? ";" : "", hoso__json_get_str(json_array_get(p, k), "name"),
               *t ? " (" : "", t, *t ? ")" : "");
      }
      printf("\n");
    }
    const json_t *s = json_object_get(e, "sources");
    for (size_t k = 0; k < json_array_size(s); k++) {
      const json_t *src = json_array_get(s, k);
      printf("    [article %lld%s%s] %s\n", (long long)hoso__json_get_int(src, "article"),
             *hoso__json_get_str(src, "outlet") ? ", " : "", hoso__json_get_str(src, "outlet"),
             hoso__json_get_str(src, "sentence"));
    }
  }
}

static void print_timeline(const json_t *r) {
  const json_t *ev = json_object_get(r, "events");
  printf("%lld events", (long long)hoso__json_get_int(r, "total"));
  if (json_array_size(ev))
    printf(", showing %lld-%lld", (long long)hoso__json_get_int(r, "offset") + 1,
           (long long)hoso__json_get_int(r, "offset") + (long long)json_array_size(ev));
  printf("\n");
  acli_print_events(ev);
}

static int call_timeline(hoso_archive *ar, const acli_opts *o, char **json, size_t *n,
                         hoso_error *err) {
  return hoso_timeline(ar, &o->q, json, n, err);
}

static int run(int argc, char **argv) {
  static const acli_query_verb v = {usage, NULL, call_timeline, print_timeline};
  return acli_query_main(&v, argc, argv);
}

HOSO_VERB(timeline, "events in date order with participants and citations", run);
