/* err.c -- status names, error structs, version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

const char *hoso_status_name(int code) {
  switch (code) {
  case HOSO_OK: return "ok";
  case HOSO_ENOMEM: return "out of memory";
  case HOSO_EIO: return "input/output error";
  case HOSO_EUTF8: return "invalid UTF-8";
  case HOSO_EFORMAT: return "bad format";
  case HOSO_EARG: return "bad argument";
  case HOSO_EMODEL: return "bad model file";
  case HOSO_ETOOBIG: return "limit exceeded";
  case HOSO_ENOTFOUND: return "not found";
  case HOSO_EDB: return "database error";
  case HOSO_EQUERY: return "bad query";
  case HOSO_EINTERNAL: return "internal error";
  default: return "unknown error";
  }
}

void hoso_error_clear(hoso_error *err) {
  if (!err) return;
  memset(err, 0, sizeof(*err));
}

static int verr(hoso_error *err, int code, int has_off, size_t off,
                const char *fmt, va_list ap) HOSO__PRINTF(5, 0);
static int verr(hoso_error *err, int code, int has_off, size_t off,
                const char *fmt, va_list ap) {
  if (!err) return code;
  err->code = code;
  err->has_offset = has_off;
  err->offset = off;
  vsnprintf(err->message, sizeof(err->message), fmt, ap);
  return code;
}

int hoso__err(hoso_error *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(err, code, 0, 0, fmt, ap);
  va_end(ap);
  return code;
}

int hoso__err_at(hoso_error *err, int code, size_t offset, const char *fmt,
                 ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(err, code, 1, offset, fmt, ap);
  va_end(ap);
  return code;
}

void hoso__err_file(hoso_error *err, const char *file) {
  if (!err || !file) return;
  snprintf(err->file, sizeof(err->file), "%s", file);
}

char *hoso_error_format(const hoso_error *err, char *out, size_t n) {
  if (!out || n == 0) return out;
  if (!err) {
    snprintf(out, n, "no error");
    return out;
  }
  const char *msg = err->message[0] ? err->message : hoso_status_name(err->code);
  if (err->file[0] && err->has_offset)
    snprintf(out, n, "%s: byte %zu: %s", err->file, err->offset, msg);
  else if (err->file[0])
    snprintf(out, n, "%s: %s", err->file, msg);
  else if (err->has_offset)
    snprintf(out, n, "byte %zu: %s", err->offset, msg);
  else
    snprintf(out, n, "%s", msg);
  return out;
}

void hoso_free(void *p) { free(p); }

const char *hoso_version(void) { return HOSO_VERSION; }
