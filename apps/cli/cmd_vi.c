/* cmd_vi.c -- `hoso segment` and `hoso tag`: Vietnamese word segmentation
** and part-of-speech tagging of text files or stdin.
**
** Plain mode is line in, line out: each input line gives exactly one
** output line (words separated by spaces, the syllables of a word joined
** by "_"; `tag` appends "/UPOS" to each word). --json writes one JSON
** object per input line: {"line":N,"words":[{"text":..,"start":..,
** "end":..[,"pos":..]}]} with byte offsets into the original input file.
** --threads N splits the input at line boundaries into N parts processed
** in parallel (one read-only model, one context per thread); the output
** order is the input order.
** --extract reads the JSON Lines that `hoso extract` writes and segments
** each record's "title" and every "body" paragraph (see extract_input()).
*/
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "cli.h"
#include "text/text.h"

#define MAX_EXTRACT_INPUT ((size_t)1 << 30) /* --extract reads a whole file: 1 GiB */
#define UNIT_MAX ((size_t)1 << 20)   /* longest piece of a line the reader hands out */
#define BLOCK_MIN ((size_t)4 << 20)  /* text gathered before segmenting, per thread */
#define MAX_THREADS 64

typedef struct job {
  const hoso_vi *vi;
  const char *s; /* whole input */
  size_t a, b;   /* this part: [a, b), at line starts */
  size_t line0;  /* 1-based number of the first line of the part */
  size_t base;   /* file offset of s[0] */
  int open_end;  /* the part's last line goes on in the next block */
  int json, tag, extract;
  hoso_buf out;
  int rc;
  hoso_error err;
  size_t words;
} job;

/* Append word s[0..n) to o, whose room the caller reserved (at most n
** bytes): the original bytes, each run of white space inside the word
** becoming one "_". Returns the new end. */
static char *put_word(char *o, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    char ch = s[i++];
    if (ch == ' ' || ch == '\t' || ch == '\r') {
      while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
      *o++ = '_';
    } else {
      *o++ = ch;
    }
  }
  return o;
}

/* Number of '\n' in s[a..b). */
static size_t count_lines(const char *s, size_t a, size_t b) {
  size_t k = 0;
  const char *p = s + a, *e = s + b;
  while (p < e && (p = memchr(p, '\n', (size_t)(e - p)))) {
    k++;
    p++;
  }
  return k;
}

static void *run_job(void *arg) {
  job *jb = arg;
  hoso_vi_ctx *ctx = hoso_vi_ctx_new();
  if (!ctx) {
    jb->rc = HOSO_ENOMEM;
    return NULL;
  }
  size_t i = jb->a, line = jb->line0;
  while (i < jb->b && !jb->rc) {
    const char *nl = memchr(jb->s + i, '\n', jb->b - i);
    size_t e = nl ? (size_t)(nl - jb->s) : jb->b;
    size_t le = e;
    if (le > i && jb->s[le - 1] == '\r') le--;
    const hoso_vi_word *w;
    size_t nw;
    int rc = hoso_vi_segment(jb->vi, ctx, jb->s + i, le - i, jb->tag ? HOSO_VI_TAG : 0, &w,
                             &nw, &jb->err);
    if (rc) {
      jb->rc = rc;
      break;
    }
    jb->words += nw;
    if (jb->json) {
      hoso_json js;
      hoso__json_init(&js, &jb->out);
      hoso__json_obj_begin(&js);
      hoso__json_key(&js, "line");
      hoso__json_int(&js, (int64_t)line);
      hoso__json_key(&js, "words");
      hoso__json_arr_begin(&js);
      for (size_t k = 0; k < nw; k++) {
        hoso__json_obj_begin(&js);
        hoso__json_key(&js, "text");
        hoso__json_strn(&js, jb->s + i + w[k].off, w[k].len);
        /* offsets into the input file; with --extract into the field */
        size_t base = jb->extract ? 0 : jb->base + i;
        hoso__json_key(&js, "start");
        hoso__json_int(&js, (int64_t)(base + w[k].off));
        hoso__json_key(&js, "end");
        hoso__json_int(&js, (int64_t)(base + w[k].off + w[k].len));
        if (jb->tag) {
          hoso__json_key(&js, "pos");
          hoso__json_str(&js, w[k].pos);
        }
        hoso__json_obj_end(&js);
      }
      hoso__json_arr_end(&js);
      hoso__json_obj_end(&js);
      if (js.rc || hoso__buf_addc(&jb->out, '\n')) jb->rc = HOSO_ENOMEM;
    } else {
      /* room for every word, a separator after each, and "/POS" (POS
      ** names are at most HOSO_TAG_MAX_LABEL_LEN bytes) */
      size_t room = (le - i) + nw + 1 + (jb->tag ? nw * 66 : 0);
      if (hoso__buf_reserve(&jb->out, room)) {
        jb->rc = HOSO_ENOMEM;
        break;
      }
      char *o = jb->out.p + jb->out.n;
      for (size_t k = 0; k < nw; k++) {
        if (k) *o++ = ' ';
        o = put_word(o, jb->s + i + w[k].off, w[k].len);
        if (jb->tag) {
          size_t pl = strlen(w[k].pos);
          *o++ = '/';
          memcpy(o, w[k].pos, pl < 64 ? pl : 64);
          o += pl < 64 ? pl : 64;
        }
      }
      /* a line cut by the reader goes on in the next block: a space */
      *o++ = jb->open_end && e >= jb->b ? ' ' : '\n';
      jb->out.n = (size_t)(o - jb->out.p);
      *o = 0;
    }
    line++;
    i = e + 1;
  }
  hoso_vi_ctx_free(ctx);
  return NULL;
}

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static double now_s(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time of the whole process (all threads): on a busy machine the
** wall clock also counts time spent waiting for a core. */
static double cpu_s(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* --stats: bytes and words processed, time spent segmenting (not reading). */
typedef struct stats {
  size_t bytes, words;
  double secs, cpu;
} stats;

/* --extract: turn `hoso extract` JSON Lines into plain text, one line per
** field: each record's title, then its body paragraphs, then an empty
** line. Line breaks inside a field become spaces (the field stays one
** line). A line that is not a JSON object with a "title" or "body" is
** reported with its byte offset and skipped. Returns the new text (caller
** frees) or NULL on out of memory; *bad counts skipped lines. */
static void add_field(hoso_buf *o, const char *s, size_t n, int *rc) {
  for (size_t i = 0; i < n; i++)
    if (hoso__buf_addc(o, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i])) *rc = HOSO_ENOMEM;
  if (hoso__buf_addc(o, '\n')) *rc = HOSO_ENOMEM;
}

static char *extract_input(const char *verb, const char *path, const char *s, size_t n,
                           size_t *out_n, int *bad) {
  hoso_buf o;
  hoso__buf_init(&o, 0);
  int rc = hoso__buf_reserve(&o, n + 1);
  size_t i = 0;
  while (i < n && !rc) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) : n;
    size_t k = i;
    while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
    if (k < e) {
      json_error_t je;
      json_t *rec = json_loadb(s + i, e - i, 0, &je);
      json_t *title = rec ? json_object_get(rec, "title") : NULL;
      json_t *body = rec ? json_object_get(rec, "body") : NULL;
      if (!json_is_object(rec) || (!json_is_string(title) && !json_is_array(body))) {
        cli_errorf(verb, "%s: byte %zu: not a `hoso extract` record (%s)", path, i,
                   rec ? "no title or body" : je.text);
        (*bad)++;
      } else {
        if (json_is_string(title))
          add_field(&o, json_string_value(title), json_string_length(title), &rc);
        size_t idx;
        json_t *p;
        json_array_foreach(body, idx, p) {
          if (json_is_string(p)) add_field(&o, json_string_value(p), json_string_length(p), &rc);
        }
        if (hoso__buf_addc(&o, '\n')) rc = HOSO_ENOMEM;
      }
      json_decref(rec);
    }
    i = e + 1;
  }
  if (rc) {
    hoso__buf_free(&o);
    return NULL;
  }
  *out_n = o.n;
  return o.n ? hoso__buf_take(&o) : (hoso__buf_free(&o), calloc(1, 1));
}

/* Segment the buffer s[0..n) (file offset base, first line number line0)
** with `threads` threads and write the output in order. open_end: the
** buffer's last line continues in the next buffer. Returns a CLI code. */
static int run_buffer(const char *verb, const hoso_vi *vi, const char *path, const char *s,
                      size_t n, size_t base, size_t line0, int open_end, int json, int tag,
                      int threads, int extract, stats *st) {
  job jobs[MAX_THREADS];
  int nj = 0;
  size_t a = 0, line = line0;
  for (int t = 0; t < threads && a < n; t++) {
    size_t b = t == threads - 1 ? n : a + (n - a) / (size_t)(threads - t);
    if (b < n) {
      const char *nl = memchr(s + b, '\n', n - b);
      b = nl ? (size_t)(nl - s) + 1 : n;
    }
    job *jb = &jobs[nj++];
    memset(jb, 0, sizeof(*jb));
    jb->vi = vi;
    jb->s = s;
    jb->a = a;
    jb->b = b;
    jb->line0 = line;
    jb->base = base;
    jb->open_end = open_end && b == n;
    jb->json = json;
    jb->tag = tag;
    jb->extract = extract;
    hoso__buf_init(&jb->out, 0);
    line += count_lines(s, a, b);
    a = b;
  }
  double t0 = now_s(), c0 = cpu_s();
  pthread_t th[MAX_THREADS];
  int started[MAX_THREADS] = {0};
  for (int t = 1; t < nj; t++) started[t] = pthread_create(&th[t], NULL, run_job, &jobs[t]) == 0;
  if (nj) run_job(&jobs[0]);
  for (int t = 1; t < nj; t++) {
    if (started[t]) pthread_join(th[t], NULL);
    else run_job(&jobs[t]);
  }
  st->secs += now_s() - t0;
  st->cpu += cpu_s() - c0;
  st->bytes += n;
  int rc = CLI_OK;
  for (int t = 0; t < nj; t++) {
    st->words += jobs[t].words;
    if (jobs[t].rc) {
      hoso__err_file(&jobs[t].err, path);
      cli_report(verb, &jobs[t].err);
      rc = CLI_INPUT_FAILED;
    } else if (fwrite(jobs[t].out.p, 1, jobs[t].out.n, stdout) != jobs[t].out.n) {
      cli_errorf(verb, "cannot write output");
      rc = CLI_FATAL;
    }
    hoso__buf_free(&jobs[t].out);
  }
  return rc;
}

/* One input file. Plain text is streamed through the text core's reader
** in blocks of about BLOCK_MIN bytes per thread (a line longer than
** UNIT_MAX is cut at white space), so memory stays bounded whatever the
** file's size or line length; --extract reads the file whole. */
static int process(const char *verb, const hoso_vi *vi, const char *path, int json, int tag,
                   int threads, int extract, stats *st) {
  hoso_error err;
  if (extract) {
    char *s;
    size_t n;
    int bad = 0;
    if (hoso__read_file(path, MAX_EXTRACT_INPUT, &s, &n, &err)) {
      hoso__err_file(&err, path);
      cli_report(verb, &err);
      return CLI_INPUT_FAILED;
    }
    size_t tn = 0;
    char *t = extract_input(verb, path, s, n, &tn, &bad);
    hoso_free(s);
    if (!t) {
      cli_errorf(verb, "%s: out of memory", path);
      return CLI_FATAL;
    }
    int rc = run_buffer(verb, vi, path, t, tn, 0, 1, 0, json, tag, threads, 1, st);
    hoso_free(t);
    if (bad && rc == CLI_OK) rc = CLI_INPUT_FAILED;
    return rc;
  }
  hoso_reader *r;
  if (hoso__reader_open(path, UNIT_MAX, &r, &err)) {
    cli_report(verb, &err);
    return CLI_INPUT_FAILED;
  }
  hoso_buf blk;
  hoso__buf_init(&blk, 0);
  size_t blk_off = 0, line = 1, want = BLOCK_MIN * (size_t)threads;
  int rc = CLI_OK;
  for (;;) {
    const char *p;
    size_t un, off;
    int got = hoso__reader_next(r, &p, &un, &off, &err);
    if (got == 1) {
      if (blk.n == 0) blk_off = off;
      if (hoso__buf_add(&blk, p, un)) {
        cli_errorf(verb, "%s: out of memory", path);
        rc = CLI_FATAL;
        break;
      }
      if (blk.n < want) continue;
    } else if (got < 0) {
      cli_report(verb, &err);
      rc = CLI_INPUT_FAILED;
    }
    if (blk.n) {
      int open_end = got == 1 && blk.p[blk.n - 1] != '\n';
      int r2 = run_buffer(verb, vi, path, blk.p, blk.n, blk_off, line, open_end, json, tag,
                          threads, 0, st);
      if (r2 > rc) rc = r2;
      line += count_lines(blk.p, 0, blk.n);
      if (open_end) line--; /* the cut line goes on: same number */
      hoso__buf_reset(&blk);
    }
    if (got != 1 || rc == CLI_FATAL) break;
  }
  hoso__buf_free(&blk);
  hoso__reader_close(r);
  return rc;
}

static int run_vi(int argc, char **argv, int tag) {
  const char *verb = argv[0];
  const char *usage =
      tag ? "usage: hoso tag [--json] [--extract] [--threads N] [--model-dir DIR] [--stats] [FILE...]\n\n"
            "Segment Vietnamese text into words and tag each with its Universal POS\n"
            "tag. One output line per input line: word/POS separated by spaces,\n"
            "syllables of a word joined by \"_\". --json: one JSON object per line\n"
            "with byte offsets into the input. Reads stdin when no FILE (or \"-\").\n"
          : "usage: hoso segment [--json] [--extract] [--threads N] [--model-dir DIR] [--stats]\n"
            "                    [FILE...]\n\n"
            "Segment Vietnamese text into words. One output line per input line:\n"
            "words separated by spaces, syllables of a word joined by \"_\".\n"
            "--json: one JSON object per line, {\"line\":N,\"words\":[{\"text\",\n"
            "\"start\",\"end\"}]} with byte offsets into the input. Reads stdin when\n"
            "no FILE (or \"-\"). --stats: load time, MB/s, words/s and peak memory\n"
            "on stderr. --extract: the input is `hoso extract` output; each record's\n"
            "title and body paragraphs come out one per line, records separated by an\n"
            "empty line; --json offsets are then into each field's text.\n";
  if (cli_wants_help(argc, argv, usage)) return CLI_OK;
  int json = 0, threads = 1, nfiles = 0, want_stats = 0, extract = 0;
  const char *dir = NULL;
  const char **files = cli_xmalloc(sizeof(char *) * (size_t)(argc + 1));
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json")) json = 1;
    else if (!strcmp(argv[i], "--stats")) want_stats = 1;
    else if (!strcmp(argv[i], "--extract")) extract = 1;
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 1 || v > MAX_THREADS) {
        cli_errorf(verb, "--threads wants 1..%d", MAX_THREADS);
        free(files);
        return CLI_FATAL;
      }
      threads = (int)v;
    } else if (!strcmp(argv[i], "--model-dir") && i + 1 < argc) dir = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) {
      free(files);
      return cli_usage_error(usage);
    } else files[nfiles++] = argv[i];
  }
  if (!nfiles) files[nfiles++] = "-";
  hoso_vi *vi;
  hoso_error err;
  double t0 = now_s(), c0 = cpu_s();
  if (hoso_vi_open(dir, tag ? HOSO_VI_TAG : 0, &vi, &err)) {
    cli_report(verb, &err);
    free(files);
    return CLI_FATAL;
  }
  double load_ms = (now_s() - t0) * 1e3, load_cpu_ms = (cpu_s() - c0) * 1e3;
  int rc = CLI_OK;
  stats st = {0};
  for (int f = 0; f < nfiles; f++) {
    int r = process(verb, vi, files[f], json, tag, threads, extract, &st);
    if (r > rc) rc = r;
  }
  if (want_stats) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr,
            "hoso %s: stats: load_ms %.2f load_cpu_ms %.2f bytes %zu words %zu secs %.3f cpu_secs %.3f "
            "mb_per_s %.2f words_per_s %.0f mb_per_cpu_s %.2f words_per_cpu_s %.0f threads %d "
            "peak_rss_mb %.1f\n",
            verb, load_ms, load_cpu_ms, st.bytes, st.words, st.secs, st.cpu,
            st.secs > 0 ? (double)st.bytes / 1e6 / st.secs : 0,
            st.secs > 0 ? (double)st.words / st.secs : 0,
            st.cpu > 0 ? (double)st.bytes / 1e6 / st.cpu : 0,
            st.cpu > 0 ? (double)st.words / st.cpu : 0, threads, (double)ru.ru_maxrss / 1024.0);
  }
  hoso_vi_close(vi);
  free(files);
  return rc;
}

static int run_segment(int argc, char **argv) { return run_vi(argc, argv, 0); }
static int run_tag(int argc, char **argv) { return run_vi(argc, argv, 1); }

HOSO_VERB(segment, "split Vietnamese text into words", run_segment);
HOSO_VERB(tag, "Vietnamese words with part-of-speech tags", run_tag);
