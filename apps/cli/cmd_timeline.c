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

void acli_print_events(const hoso_jv *events);

void acli_print_events(const hoso_jv *events) {
  for (size_t i = 0; events && events->type == HOSO_JV_ARR && i < events->n; i++) {
    const hoso_jv *e = events->items[i];
    const char *date = hoso__jv_str(e, "date");
    printf("%s  %s", *date ? date : "(undated) ", hoso__jv_str(e, "type"));
    if (*hoso__jv_str(e, "place")) printf(" in %s", hoso__jv_str(e, "place"));
    printf("\n");
    const char *sum = hoso__jv_str(e, "summary");
    if (*sum) {
      size_t l = strlen(sum), cut = l > 200 ? 200 : l;
      while (cut < l && ((unsigned char)sum[cut] & 0xC0) == 0x80) cut++;
      printf("    %.*s%s\n", (int)cut, sum, cut < l ? "..." : "");
    }
    const hoso_jv *p = hoso__jv_get(e, "participants");
    if (p && p->type == HOSO_JV_ARR && p->n) {
      printf("    with:");
      for (size_t k = 0; k < p->n; k++) {
        const char *t = hoso__jv_str(p->items[k], "title");
        printf("%s %s%s%s%s", k ? ";" : "", hoso__jv_str(p->items[k], "name"),
               *t ? " (" : "", t, *t ? ")" : "");
      }
      printf("\n");
    }
    const hoso_jv *s = hoso__jv_get(e, "sources");
    for (size_t k = 0; s && s->type == HOSO_JV_ARR && k < s->n; k++) {
      const hoso_jv *src = s->items[k];
      printf("    [article %lld%s%s] %s\n", (long long)hoso__jv_int(src, "article"),
             *hoso__jv_str(src, "outlet") ? ", " : "", hoso__jv_str(src, "outlet"),
             hoso__jv_str(src, "sentence"));
    }
  }
}

static int run(int argc, char **argv) {
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  acli_opts o;
  if (acli_parse(argc, argv, usage, &o, NULL, NULL)) return CLI_FATAL;
  hoso_archive *ar = acli_open("timeline", o.db, HOSO_ARCHIVE_READONLY);
  if (!ar) {
    acli_free(&o);
    return CLI_FATAL;
  }
  char *json;
  size_t n;
  hoso_error err;
  int rc = hoso_timeline(ar, &o.q, &json, &n, &err);
  if (rc == HOSO_OK) {
    if (o.json) {
      acli_print_json(json, n);
    } else {
      hoso_jv *r = hoso__jv_parse(json, n);
      if (r) {
        const hoso_jv *ev = hoso__jv_get(r, "events");
        printf("%lld events", (long long)hoso__jv_int(r, "total"));
        if (ev && ev->n)
          printf(", showing %lld-%lld", (long long)hoso__jv_int(r, "offset") + 1,
                 (long long)hoso__jv_int(r, "offset") + (long long)ev->n);
        printf("\n");
        acli_print_events(ev);
        hoso__jv_free(r);
      }
    }
    hoso_free(json);
  } else {
    cli_report("timeline", &err);
  }
  hoso_archive_close(ar);
  acli_free(&o);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
}

HOSO_VERB(timeline, "events in date order with participants and citations", run);
