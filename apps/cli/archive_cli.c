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

int acli_output(const char *verb, int rc, char *json, size_t n,
                const hoso_error *err, int as_json, acli_show_fn show) {
  if (rc != HOSO_OK) {
    cli_report(verb, err);
    return rc;
  }
  json_t *r = as_json || !show ? NULL : acli_parse_result(verb, json, n);
  if (r)
    show(r);
  else
    acli_print_json(json, n);
  json_decref(r);
  hoso_free(json);
  return rc;
}

int acli_query_main(const acli_query_verb *v, int argc, char **argv) {
  if (cli_wants_help(argc, argv, v->usage)) return CLI_OK;
  acli_opts o;
  if (acli_parse(argc, argv, v->usage, &o, NULL, NULL)) return CLI_FATAL;
  if (v->need_words && (!o.qtext || !*o.qtext)) {
    acli_free(&o);
    cli_errorf(argv[0], "%s", v->need_words);
    return cli_usage_error(v->usage);
  }
  hoso_archive *ar = acli_open(argv[0], o.db, HOSO_ARCHIVE_READONLY);
  int rc = HOSO_EIO;
  if (ar) {
    char *json = NULL;
    size_t n = 0;
    hoso_error err;
    hoso_error_clear(&err);
    rc = v->call(ar, &o, &json, &n, &err);
    rc = acli_output(argv[0], rc, json, n, &err, o.json, v->show);
    hoso_archive_close(ar);
  }
  acli_free(&o);
  return rc == HOSO_OK ? CLI_OK : CLI_FATAL;
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
