/*
** base.h -- internal helpers shared by every module of libhoso:
** a bounded growable byte buffer, error setting, a JSON writer, JSON
** reading shortcuts over jansson, and whole-file / streaming readers.
** No dependency on any other module.
**
** Names: hoso__ prefix = library-internal, not part of include/hoso.h.
** Allocation policy in the library: every allocation is checked and
** turned into HOSO_ENOMEM; nothing here aborts.
*/
#ifndef HOSO_BASE_H
#define HOSO_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hoso.h"

#if defined(__GNUC__)
#define HOSO__PRINTF(a, b) __attribute__((format(printf, a, b)))
#define HOSO__WUR __attribute__((warn_unused_result))
#else
#define HOSO__PRINTF(a, b)
#define HOSO__WUR
#endif

/* ---- errors ------------------------------------------------------ */

/* Fill err (may be NULL) and return code. Message is printf-style. */
int hoso__err(hoso_error *err, int code, const char *fmt, ...)
    HOSO__PRINTF(3, 4);
/* Same, with a byte offset into the input. */
int hoso__err_at(hoso_error *err, int code, size_t offset, const char *fmt,
                 ...) HOSO__PRINTF(4, 5);
/* Record the input file name on err (truncated to fit). */
void hoso__err_file(hoso_error *err, const char *file);

/* ---- bounded growable buffer ------------------------------------- */

/* A byte buffer with an explicit cap (like curl's dynbuf). p is always
** NUL-terminated after a successful add (the NUL is not counted in n).
** On failure (HOSO_ENOMEM or HOSO_ETOOBIG) the buffer is left as it was
** before the failing call; free it with hoso__buf_free(). */
typedef struct hoso_buf {
  char *p;
  size_t n;   /* bytes used */
  size_t cap; /* bytes allocated */
  size_t max; /* hard limit on n; 0 = SIZE_MAX/2 */
} hoso_buf;

void hoso__buf_init(hoso_buf *b, size_t max);
void hoso__buf_free(hoso_buf *b);
void hoso__buf_reset(hoso_buf *b); /* n = 0, keep memory */
int hoso__buf_reserve(hoso_buf *b, size_t extra) HOSO__WUR;
int hoso__buf_add(hoso_buf *b, const void *p, size_t n) HOSO__WUR;
int hoso__buf_addc(hoso_buf *b, char c) HOSO__WUR;
int hoso__buf_adds(hoso_buf *b, const char *s) HOSO__WUR;
int hoso__buf_printf(hoso_buf *b, const char *fmt, ...) HOSO__PRINTF(2, 3)
    HOSO__WUR;
/* Hand the memory to the caller (free with hoso_free) and reset b. */
char *hoso__buf_take(hoso_buf *b);

/* ---- JSON writer -------------------------------------------------- */

/* Appends compact JSON to a hoso_buf. Errors are sticky in w->rc: every
** call after a failure is a no-op, so callers check w->rc once at the
** end (the FTS5 pRc idiom). Commas between members are automatic. */
#define HOSO_JSON_MAX_DEPTH 64
typedef struct hoso_json {
  hoso_buf *out;
  int rc;
  int depth;
  unsigned char need_comma[HOSO_JSON_MAX_DEPTH];
  int after_key;
} hoso_json;

void hoso__json_init(hoso_json *w, hoso_buf *out);
void hoso__json_obj_begin(hoso_json *w);
void hoso__json_obj_end(hoso_json *w);
void hoso__json_arr_begin(hoso_json *w);
void hoso__json_arr_end(hoso_json *w);
void hoso__json_key(hoso_json *w, const char *key);
/* A JSON string from s[0..n); invalid UTF-8 is written as U+FFFD. */
void hoso__json_strn(hoso_json *w, const char *s, size_t n);
void hoso__json_str(hoso_json *w, const char *s); /* NULL writes null */
void hoso__json_int(hoso_json *w, int64_t v);
void hoso__json_double(hoso_json *w, double v);
void hoso__json_bool(hoso_json *w, int v);
void hoso__json_null(hoso_json *w);
/* Write already-serialised JSON as a value. */
void hoso__json_raw(hoso_json *w, const char *s, size_t n);

/* ---- JSON reader (Debian's jansson) -------------------------------- */

/* Every JSON the library or its front ends read (hoso_ner_analyze's
** output, the archive's results, JSON Lines input) goes through jansson;
** these are the few shortcuts the readers share (json_read.c).
** Ownership: hoso__json_parse returns a new reference (json_decref it);
** the getters return borrowed values that live as long as the tree. */
struct json_t;
/* Parse s[0..n) as one JSON object or array. NULL on failure, with err
** set: HOSO_ENOMEM; HOSO_EUTF8 with the byte offset for malformed UTF-8;
** HOSO_EFORMAT with the byte offset and jansson's reason ("bad JSON: ...").
** A \u0000 escape is an error (values stay C strings). */
struct json_t *hoso__json_parse(const char *s, size_t n, hoso_error *err);
/* Member key of object o as a string: "" when o is not an object, the
** member is missing or not a string. */
const char *hoso__json_get_str(const struct json_t *o, const char *key);
/* Member as a number (integer or real), 0 when missing or not a number;
** _int truncates a real toward zero. */
double hoso__json_get_num(const struct json_t *o, const char *key);
int64_t hoso__json_get_int(const struct json_t *o, const char *key);

/* ---- files -------------------------------------------------------- */

/* Open path ("-" = stdin) for reading into *f: HOSO_EIO with the errno
** text and the file name on err (a directory is an error too). Close *f
** with fclose unless path is "-". */
int hoso__open_read(const char *path, FILE **f, hoso_error *err);
/* Read all of path ("-" = stdin) into *out (free with hoso_free); *n gets
** the length; a NUL is appended (not counted). Fails with HOSO_ETOOBIG
** past max bytes, HOSO_EIO with the errno text and the file name on err
** (a directory is an error too). */
int hoso__read_file(const char *path, size_t max, char **out, size_t *n,
                    hoso_error *err);

/* Where models live: $HOSO_MODEL_DIR, else the directory compiled in
** (HOSO_MODEL_DIR_DEFAULT, the repository's models/). Writes
** "<dir>/<name>" into out (size n). Returns out. */
char *hoso__model_path(const char *name, char *out, size_t n);

/* MurmurHash3's 64-bit finaliser: every input bit reaches every output
** bit. Frozen: src/tag model files store hashes built on it. */
static inline uint64_t hoso__fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

#endif /* HOSO_BASE_H */
