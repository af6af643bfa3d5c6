/* file.c -- opening inputs, whole-file reads with a cap, and model path
** lookup. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base.h"

#ifndef HOSO_MODEL_DIR_DEFAULT
#define HOSO_MODEL_DIR_DEFAULT "models"
#endif

int hoso__open_read(const char *path, FILE **f, hoso_error *err) {
  *f = NULL;
  if (strcmp(path, "-") == 0) {
    *f = stdin;
    return HOSO_OK;
  }
  struct stat st;
  if (stat(path, &st) != 0) {
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EIO, "cannot open: %s", strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EIO, "is a directory, not a file");
  }
  *f = fopen(path, "rb");
  if (!*f) {
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EIO, "cannot open: %s", strerror(errno));
  }
  return HOSO_OK;
}

int hoso__read_file(const char *path, size_t max, char **out, size_t *n,
                    hoso_error *err) {
  FILE *f;
  int is_stdin = strcmp(path, "-") == 0;
  *out = NULL;
  *n = 0;
  int orc = hoso__open_read(path, &f, err);
  if (orc) return orc;
  hoso_buf b;
  hoso__buf_init(&b, max);
  char chunk[65536];
  int rc = HOSO_OK;
  for (;;) {
    size_t got = fread(chunk, 1, sizeof(chunk), f);
    if (got) {
      rc = hoso__buf_add(&b, chunk, got);
      if (rc) {
        hoso__err_file(err, path);
        if (rc == HOSO_ETOOBIG)
          hoso__err_at(err, rc, b.n, "file larger than the limit of %zu bytes",
                       max);
        else
          hoso__err(err, rc, "out of memory reading file");
        break;
      }
    }
    if (got < sizeof(chunk)) {
      if (ferror(f)) {
        hoso__err_file(err, path);
        rc = hoso__err_at(err, HOSO_EIO, b.n, "read failed: %s",
                          strerror(errno));
      }
      break;
    }
  }
  if (!is_stdin) fclose(f);
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  *n = b.n;
  *out = hoso__buf_take(&b);
  return *out ? HOSO_OK : hoso__err(err, HOSO_ENOMEM, "out of memory");
}

char *hoso__model_path(const char *name, char *out, size_t n) {
  const char *dir = getenv("HOSO_MODEL_DIR");
  if (!dir || !*dir) dir = HOSO_MODEL_DIR_DEFAULT;
  snprintf(out, n, "%s/%s", dir, name);
  return out;
}
