/* cmd_text.c -- the text-core verbs: `hoso normalize`, `hoso tokenize`,
** `hoso sentences`, `hoso langid`. Each streams its input line by line
** through hoso__reader (bounded memory; very long lines are cut in pieces
** of at most 1 MiB at white space) and reports bad input with the file and
** byte offset. Offsets printed are byte offsets into the original file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text/text.h"

typedef struct text_opts {
  const char *verb;
  int json, strict, count, whole;
  unsigned norm;
} text_opts;

/* One verb's work on one unit (a line or piece of one). */
typedef int (*unit_fn)(void *ctx, const char *s, size_t n, size_t off,
                       hoso_buf *out);

/* Run fn over every unit of every file; output is flushed per unit. */
static int run_files(const text_opts *o, int nfiles, char **files, unit_fn fn,
                     void *ctx) {
  static char *const dash[] = {"-"};
  int status = CLI_OK;
  if (nfiles == 0) {
    nfiles = 1;
    files = (char **)dash;
  }
  hoso_buf out;
  hoso__buf_init(&out, 0);
  for (int i = 0; i < nfiles; i++) {
    hoso_error err;
    hoso_error_clear(&err);
    hoso_reader *r;
    if (hoso__reader_open(files[i], 0, &r, &err)) {
      cli_report(o->verb, &err);
      status = CLI_INPUT_FAILED;
      continue;
    }
    const char *p;
    size_t n, off, bad = 0, first_bad = 0;
    int rc;
    while ((rc = hoso__reader_next(r, &p, &n, &off, &err)) == 1) {
      size_t at = hoso__utf8_invalid_at(p, n);
      if (at < n) {
        if (o->strict) {
          hoso__utf8_check(p, n, &err);
          err.offset += off;
          hoso__err_file(&err, strcmp(files[i], "-") ? files[i] : "<stdin>");
          rc = HOSO_EUTF8;
          break;
        }
        if (!bad) first_bad = off + at;
        bad++;
      }
      hoso__buf_reset(&out);
      rc = fn(ctx, p, n, off, &out);
      if (rc) {
        hoso__err_file(&err, files[i]);
        hoso__err_at(&err, rc, off, "%s", hoso_status_name(rc));
        break;
      }
      if (out.n && fwrite(out.p, 1, out.n, stdout) != out.n) {
        cli_errorf(o->verb, "write failed");
        hoso__reader_close(r);
        hoso__buf_free(&out);
        return CLI_FATAL;
      }
    }
    if (rc < 0) {
      cli_report(o->verb, &err);
      status = CLI_INPUT_FAILED;
    } else if (bad) {
      fprintf(stderr,
              "hoso %s: %s: byte %zu: invalid UTF-8 read as U+FFFD (%zu "
              "line%s affected; --strict makes this an error)\n",
              o->verb, strcmp(files[i], "-") ? files[i] : "<stdin>", first_bad,
              bad, bad == 1 ? "" : "s");
    }
    hoso__reader_close(r);
  }
  hoso__buf_free(&out);
  if (fflush(stdout) != 0) return CLI_FATAL;
  return status;
}

/* Parse common options; returns index of the first file or -1 on error. */
static int parse_opts(int argc, char **argv, text_opts *o, const char *usage) {
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      i++;
      break;
    }
    if (a[0] != '-' || !a[1]) break;
    if (!strcmp(a, "--json")) o->json = 1;
    else if (!strcmp(a, "--strict")) o->strict = 1;
    else if (!strcmp(a, "--count") && !strcmp(o->verb, "tokenize")) o->count = 1;
    else if (!strcmp(a, "--whole") && !strcmp(o->verb, "langid")) o->whole = 1;
    else if (!strcmp(o->verb, "normalize") && !strcmp(a, "--nfc")) o->norm = HOSO_NORM_NFC;
    else if (!strcmp(o->verb, "normalize") && !strcmp(a, "--key")) o->norm = HOSO_NORM_KEY;
    else if (!strcmp(o->verb, "normalize") && !strcmp(a, "--fold")) o->norm = HOSO_NORM_FOLD;
    else if (!strcmp(o->verb, "normalize") && !strcmp(a, "--tone")) o->norm = HOSO_NORM_TONE;
    else if (!strcmp(o->verb, "normalize") && !strcmp(a, "--casefold")) o->norm = HOSO_NORM_CASEFOLD;
    else {
      cli_errorf(o->verb, "unknown option %s", a);
      cli_usage_error(usage);
      return -1;
    }
  }
  return i;
}

/* ---- normalize ------------------------------------------------------- */

static int normalize_unit(void *ctx, const char *s, size_t n, size_t off,
                          hoso_buf *out) {
  const text_opts *o = ctx;
  return hoso__normalize_append(out, s, n, o->norm);
}

static const char NORMALIZE_USAGE[] =
    "usage: hoso normalize [--nfc|--key|--fold|--tone|--casefold] [--strict] "
    "[FILE...]\n\n"
    "Write the text in a normal form (default --nfc: Unicode NFC).\n"
    "  --key       Vietnamese matching key: NFC, case folded, tone mark on\n"
    "              its canonical vowel (\"Hoà\" -> \"hòa\")\n"
    "  --tone      NFC with canonical tone placement, case kept\n"
    "  --fold      search key without diacritics (\"Quốc phòng\" -> \"quoc phong\")\n"
    "  --casefold  NFC and Unicode case folding\n"
    "  --strict    invalid UTF-8 is an error (file and byte offset); by\n"
    "              default it becomes U+FFFD with a warning\n";

static int run_normalize(int argc, char **argv) {
  if (cli_wants_help(argc, argv, NORMALIZE_USAGE)) return CLI_OK;
  text_opts o = {.verb = "normalize"};
  int i = parse_opts(argc, argv, &o, NORMALIZE_USAGE);
  if (i < 0) return CLI_FATAL;
  return run_files(&o, argc - i, argv + i, normalize_unit, &o);
}

HOSO_VERB(normalize, "write text in NFC, matching-key or folded form",
          run_normalize);

/* ---- tokenize -------------------------------------------------------- */

typedef struct tok_ctx {
  const text_opts *o;
  const char *s;
  size_t off;
  hoso_buf *out;
  hoso_buf tmp;
  int first;
  uint64_t counts[HOSO_TOK_TYPE_MAX + 1];
} tok_ctx;

static int tok_print(void *ctx, const hoso_token *t) {
  tok_ctx *c = ctx;
  hoso_buf *out = c->out;
  if (c->o->count) {
    c->counts[t->type]++;
    return 0;
  }
  if (!c->o->json) {
    int rc = c->first ? 0 : hoso__buf_addc(out, ' ');
    c->first = 0;
    return rc ? rc : hoso__buf_add(out, c->s + t->start, t->end - t->start);
  }
  hoso_json w;
  hoso__json_init(&w, out);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "start");
  hoso__json_int(&w, (int64_t)(c->off + t->start));
  hoso__json_key(&w, "end");
  hoso__json_int(&w, (int64_t)(c->off + t->end));
  hoso__json_key(&w, "type");
  hoso__json_str(&w, hoso_token_type_name(t->type));
  if (t->script) {
    hoso__json_key(&w, "script");
    hoso__json_str(&w, hoso_script_name(t->script));
  }
  hoso__json_key(&w, "text");
  hoso__json_strn(&w, c->s + t->start, t->end - t->start);
  hoso__buf_reset(&c->tmp);
  int rc = hoso__key_append(&c->tmp, c->s + t->start, t->end - t->start);
  if (rc) return rc;
  hoso__json_key(&w, "key");
  hoso__json_strn(&w, c->tmp.p ? c->tmp.p : "", c->tmp.n);
  hoso__json_obj_end(&w);
  if (w.rc) return w.rc;
  return hoso__buf_addc(out, '\n');
}

static int tokenize_unit(void *ctx, const char *s, size_t n, size_t off,
                         hoso_buf *out) {
  tok_ctx *c = ctx;
  c->s = s;
  c->off = off;
  c->out = out;
  c->first = 1;
  if (c->o->count) { /* what `make bench` times: NFC, then tokenize */
    hoso__buf_reset(&c->tmp);
    int rc = hoso__nfc_append(&c->tmp, s, n);
    if (rc) return rc;
    c->s = c->tmp.p ? c->tmp.p : "";
    return hoso__tokenize(c->s, c->tmp.n, tok_print, c);
  }
  int rc = hoso__tokenize(s, n, tok_print, c);
  /* one output line per input line (blank lines stay blank) */
  if (!rc && !c->o->json && (!c->first || (n && s[n - 1] == '\n')))
    rc = hoso__buf_addc(out, '\n');
  return rc;
}

static const char TOKENIZE_USAGE[] =
    "usage: hoso tokenize [--json|--count] [--strict] [FILE...]\n\n"
    "Split text into typed tokens: syllable, word, number, date, time,\n"
    "abbrev, code, url, email, phone, punct, symbol.\n"
    "  (default)  the tokens of each line, separated by one space\n"
    "  --json     JSON Lines: {\"start\",\"end\" (byte offsets into the file),\n"
    "             \"type\", \"script\", \"text\", \"key\" (matching key)}\n"
    "  --count    normalise (NFC) and count tokens per type (what make bench\n"
    "             times)\n"
    "  --strict   invalid UTF-8 is an error (file and byte offset)\n";

static int run_tokenize(int argc, char **argv) {
  if (cli_wants_help(argc, argv, TOKENIZE_USAGE)) return CLI_OK;
  text_opts o = {.verb = "tokenize"};
  int i = parse_opts(argc, argv, &o, TOKENIZE_USAGE);
  if (i < 0) return CLI_FATAL;
  tok_ctx c;
  memset(&c, 0, sizeof(c));
  c.o = &o;
  hoso__buf_init(&c.tmp, 0);
  int rc = run_files(&o, argc - i, argv + i, tokenize_unit, &c);
  hoso__buf_free(&c.tmp);
  if (o.count) {
    uint64_t total = 0;
    for (int t = 1; t <= HOSO_TOK_TYPE_MAX; t++) {
      if (c.counts[t]) printf("%s\t%llu\n", hoso_token_type_name(t),
                              (unsigned long long)c.counts[t]);
      total += c.counts[t];
    }
    printf("total\t%llu\n", (unsigned long long)total);
  }
  return rc;
}

HOSO_VERB(tokenize, "split text into typed tokens with byte offsets",
          run_tokenize);

/* ---- sentences ------------------------------------------------------- */

typedef struct sent_ctx {
  const text_opts *o;
  const char *s;
  size_t off;
  hoso_buf *out;
} sent_ctx;

static int sent_print(void *ctx, const hoso_span *sp) {
  sent_ctx *c = ctx;
  if (!c->o->json) {
    int rc = hoso__buf_add(c->out, c->s + sp->start, sp->end - sp->start);
    return rc ? rc : hoso__buf_addc(c->out, '\n');
  }
  hoso_json w;
  hoso__json_init(&w, c->out);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "start");
  hoso__json_int(&w, (int64_t)(c->off + sp->start));
  hoso__json_key(&w, "end");
  hoso__json_int(&w, (int64_t)(c->off + sp->end));
  hoso__json_key(&w, "text");
  hoso__json_strn(&w, c->s + sp->start, sp->end - sp->start);
  hoso__json_obj_end(&w);
  return w.rc ? w.rc : hoso__buf_addc(c->out, '\n');
}

static int sentences_unit(void *ctx, const char *s, size_t n, size_t off,
                          hoso_buf *out) {
  sent_ctx *c = ctx;
  c->s = s;
  c->off = off;
  c->out = out;
  return hoso__sentences(s, n, sent_print, c);
}

static const char SENTENCES_USAGE[] =
    "usage: hoso sentences [--json] [--strict] [FILE...]\n\n"
    "One sentence per line (a line of input is a paragraph; sentences never\n"
    "cross a line end).\n"
    "  --json    JSON Lines: {\"start\",\"end\" (byte offsets), \"text\"}\n"
    "  --strict  invalid UTF-8 is an error (file and byte offset)\n";

static int run_sentences(int argc, char **argv) {
  if (cli_wants_help(argc, argv, SENTENCES_USAGE)) return CLI_OK;
  text_opts o = {.verb = "sentences"};
  int i = parse_opts(argc, argv, &o, SENTENCES_USAGE);
  if (i < 0) return CLI_FATAL;
  sent_ctx c = {.o = &o};
  return run_files(&o, argc - i, argv + i, sentences_unit, &c);
}

HOSO_VERB(sentences, "split text into sentences", run_sentences);

/* ---- langid ----------------------------------------------------------- */

typedef struct lang_ctx {
  const text_opts *o;
  hoso_langid *m;
  double sum[HOSO_LANG_COUNT];
  size_t seen;
  int prev; /* language of the paragraph before, -1 at a file's start */
} lang_ctx;

static int lang_unit(void *ctx, const char *s, size_t n, size_t off,
                     hoso_buf *out) {
  lang_ctx *c = ctx;
  size_t a = 0, b = n; /* trim white space (any Unicode space) */
  while (a < b) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + a, b - a, &len);
    if (cp < 0 || hoso__cclass(cp) != HOSO_CC_SPACE) break;
    a += len;
  }
  while (b > a) {
    size_t k = b - 1, len;
    while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80 && b - k < 4) k--;
    int32_t cp = hoso__utf8_decode(s + k, b - k, &len);
    if (cp < 0 || k + len != b || hoso__cclass(cp) != HOSO_CC_SPACE) break;
    b = k;
  }
  if (off == 0) c->prev = -1; /* a new file */
  if (a == b) return 0;
  if (c->o->whole) {
    double sc[HOSO_LANG_COUNT];
    if (hoso__langid_scores(c->m, s + a, b - a, sc)) {
      for (int l = 0; l < HOSO_LANG_COUNT; l++) c->sum[l] += sc[l];
      c->seen++;
    }
    return 0;
  }
  double conf;
  int lang = hoso_langid_paragraph(c->m, s + a, b - a, c->prev, &conf);
  c->prev = lang;
  if (c->o->json) {
    hoso_json w;
    hoso__json_init(&w, out);
    hoso__json_obj_begin(&w);
    hoso__json_key(&w, "start");
    hoso__json_int(&w, (int64_t)(off + a));
    hoso__json_key(&w, "end");
    hoso__json_int(&w, (int64_t)(off + b));
    hoso__json_key(&w, "lang");
    hoso__json_str(&w, hoso_lang_name(lang));
    hoso__json_key(&w, "confidence");
    hoso__json_double(&w, (double)(int)(conf * 1000 + 0.5) / 1000);
    hoso__json_obj_end(&w);
    return w.rc ? w.rc : hoso__buf_addc(out, '\n');
  }
  /* text: lang, start, end, the first 60 characters */
  size_t e = a, chars = 0;
  while (e < b && chars < 60) {
    size_t len;
    (void)hoso__utf8_decode(s + e, b - e, &len);
    e += len;
    chars++;
  }
  int rc = hoso__buf_printf(out, "%s\t%zu\t%zu\t", hoso_lang_name(lang),
                            off + a, off + b);
  if (!rc) rc = hoso__utf8_repair_append(out, s + a, e - a, NULL, NULL);
  if (!rc && e < b) rc = hoso__buf_adds(out, "…");
  return rc ? rc : hoso__buf_addc(out, '\n');
}

static const char LANGID_USAGE[] =
    "usage: hoso langid [--json] [--whole] [--strict] [FILE...]\n\n"
    "The language of each paragraph (non-empty line): vi, ru, en or other.\n"
    "  (default)  lang, start, end (byte offsets), the paragraph's start\n"
    "  --json     JSON Lines: {\"start\",\"end\",\"lang\",\"confidence\"}\n"
    "  --whole    one answer for the whole input\n"
    "A paragraph of fewer than 12 letters takes the language of the one\n"
    "before it unless it clearly says otherwise (another script).\n"
    "The model is models/langid.bin (or $HOSO_MODEL_DIR).\n";

static int run_langid(int argc, char **argv) {
  if (cli_wants_help(argc, argv, LANGID_USAGE)) return CLI_OK;
  text_opts o = {.verb = "langid"};
  int i = parse_opts(argc, argv, &o, LANGID_USAGE);
  if (i < 0) return CLI_FATAL;
  lang_ctx c;
  memset(&c, 0, sizeof(c));
  c.o = &o;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso_langid_open(NULL, &c.m, &err)) {
    cli_report("langid", &err);
    return CLI_FATAL;
  }
  int rc = run_files(&o, argc - i, argv + i, lang_unit, &c);
  if (o.whole) {
    int best = HOSO_LANG_OTHER;
    if (c.seen)
      for (int l = 0; l < HOSO_LANG_COUNT; l++)
        if (c.sum[l] > c.sum[best]) best = l;
    printf("%s\n", hoso_lang_name(best));
  }
  hoso_langid_close(c.m);
  return rc;
}

HOSO_VERB(langid, "language of each paragraph: vi, ru, en, other",
          run_langid);
