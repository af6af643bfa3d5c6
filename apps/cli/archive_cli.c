/* archive_cli.c -- shared options and output for the archive verbs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive_cli.h"

const char *acli_default_db(void) {
  const char *e = getenv("HOSO_DB");
  return e && *e ? e : "hoso.db";
}

static int need(int argc, char **argv, int i, const char *usage) {
  if (i + 1 >= argc) {
    fprintf(stderr, "hoso %s: option %s needs a value\n", argv[0], argv[i]);
    fputs(usage, stderr);
    return -1;
  }
  return 0;
}

static int num(const char *s, int64_t *v) {
  char *end;
  long long x = strtoll(s, &end, 10);
  if (!*s || *end || x < 0) return -1;
  *v = x;
  return 0;
}

int acli_parse(int argc, char **argv, const char *usage, acli_opts *o,
               int (*extra)(void *ctx, int argc, char **argv, int *i),
               void *ctx) {
  memset(o, 0, sizeof(*o));
  o->db = acli_default_db();
  size_t qlen = 0;
  int dashdash = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!dashdash && a[0] == '-' && a[1] == '-' && a[2]) {
      if (extra) {
        int r = extra(ctx, argc, argv, &i);
        if (r < 0) return -1;
        if (r > 0) continue;
      }
      const char **dst = NULL;
      if (!strcmp(a, "--db")) dst = &o->db;
      else if (!strcmp(a, "--from")) dst = &o->q.from;
      else if (!strcmp(a, "--to")) dst = &o->q.to;
      else if (!strcmp(a, "--outlet")) dst = &o->q.outlet;
      else if (!strcmp(a, "--lang")) dst = &o->q.lang;
      else if (!strcmp(a, "--person")) dst = &o->q.person;
      else if (!strcmp(a, "--org")) dst = &o->q.org;
      else if (!strcmp(a, "--type")) dst = &o->q.event_type;
      if (dst) {
        if (need(argc, argv, i, usage)) return -1;
        *dst = argv[++i];
        continue;
      }
      if (!strcmp(a, "--offset") || !strcmp(a, "--limit")) {
        if (need(argc, argv, i, usage)) return -1;
        int64_t v;
        if (num(argv[i + 1], &v)) {
          fprintf(stderr, "hoso %s: %s needs a number >= 0, not '%s'\n", argv[0], a,
                  argv[i + 1]);
          return -1;
        }
        if (a[2] == 'o') o->q.offset = v;
        else o->q.limit = v;
        i++;
        continue;
      }
      if (!strcmp(a, "--json")) { o->json = 1; continue; }
      if (!strcmp(a, "--fresh")) { o->q.flags |= HOSO_Q_FRESHNESS; continue; }
      if (!strcmp(a, "--sources")) { o->q.flags |= HOSO_Q_SOURCES; continue; }
      if (!strcmp(a, "--articles")) { o->q.flags |= HOSO_Q_ARTICLES; continue; }
      if (!strcmp(a, "--no-facets")) { o->q.flags |= HOSO_Q_NO_FACETS; continue; }
      if (!strcmp(a, "--")) { dashdash = 1; continue; }
      fprintf(stderr, "hoso %s: unknown option %s\n", argv[0], a);
      fputs(usage, stderr);
      return -1;
    }
    if (!strcmp(a, "--")) {
      dashdash = 1;
      continue;
    }
    size_t l = strlen(a);
    char *q = realloc(o->qtext, qlen + l + 2);
    if (!q) {
      fputs("hoso: out of memory\n", stderr);
      exit(CLI_FATAL);
    }
    o->qtext = q;
    if (qlen) o->qtext[qlen++] = ' ';
    memcpy(o->qtext + qlen, a, l);
    qlen += l;
    o->qtext[qlen] = 0;
  }
  o->q.q = o->qtext;
  o->q.q_n = qlen;
  return 0;
}

void acli_free(acli_opts *o) {
  free(o->qtext);
  o->qtext = NULL;
}

hoso_archive *acli_open(const char *verb, const char *db, int flags) {
  hoso_archive *ar;
  hoso_error err;
  if (hoso_archive_open(db, flags, &ar, &err) != HOSO_OK) {
    cli_report(verb, &err);
    return NULL;
  }
  return ar;
}

json_t *acli_parse_result(const char *verb, const char *json, size_t n) {
  hoso_error err;
  hoso_error_clear(&err);
  json_t *r = hoso__json_parse(json, n, &err);
  if (!r) cli_report(verb, &err);
  return r;
}

void acli_print_json(const char *s, size_t n) {
  fwrite(s, 1, n, stdout);
  fputc('\n', stdout);
}

static void flat(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) fputc(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], stdout);
}

void acli_print_marked(const char *text, size_t n, size_t base,
                       const json_t *hl) {
  int tty = isatty(1);
  size_t pos = 0;
  for (size_t i = 0; i < json_array_size(hl); i++) {
    const json_t *pr = json_array_get(hl, i);
    double da = json_number_value(json_array_get(pr, 0));
    double db = json_number_value(json_array_get(pr, 1));
    if (json_array_size(pr) != 2 || da < (double)base || db < (double)base) continue;
    size_t a = (size_t)da - base, b = (size_t)db - base;
    if (a < pos || b > n || a > b) continue;
    flat(text + pos, a - pos);
    fputs(tty ? "\033[1m" : "[", stdout);
    flat(text + a, b - a);
    fputs(tty ? "\033[0m" : "]", stdout);
    pos = b;
  }
  flat(text + pos, n - pos);
}
