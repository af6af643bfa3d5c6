/* train_events.c -- train the learned event scorer (src/events/scorer.h)
** from candidate events labelled by scripts/events_train_data.py.
**
**   train_events OUT.model EPOCHS DATA.tsv...
**
** DATA.tsv: one candidate a line, "<0|1><TAB><feature> <feature> ...".
** The same data gives the same model, byte for byte (make models-events). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/scorer.h"

static int read_data(const char *path, hoso__etrainset *t, hoso_error *err) {
  char *buf;
  size_t n;
  int rc = hoso__read_file(path, 256u << 20, &buf, &n, err);
  if (rc) return rc;
  hoso__efeats f = {0};
  size_t at = 0;
  while (!rc && at < n) {
    char *nl = memchr(buf + at, '\n', n - at);
    size_t end = nl ? (size_t)(nl - buf) : n;
    if (end - at < 2 || (buf[at] != '0' && buf[at] != '1') || buf[at + 1] != '\t') {
      rc = hoso__err_at(err, HOSO_EFORMAT, at, "%s: want \"0|1<TAB>features\"", path);
      break;
    }
    hoso__efeats_reset(&f);
    size_t p = at + 2;
    while (!rc && p < end) {
      size_t q = p;
      while (q < end && buf[q] != ' ') q++;
      if (q > p) rc = hoso__efeats_add(&f, "", buf + p, q - p);
      p = q + 1;
    }
    if (!rc) rc = hoso__etrainset_add(t, buf[at] == '1', &f);
    if (rc == HOSO_ENOMEM) rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
    at = end + 1;
  }
  hoso__efeats_free(&f);
  free(buf);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: train_events OUT.model EPOCHS DATA.tsv...\n");
    return 2;
  }
  int epochs = atoi(argv[2]);
  if (epochs < 1 || epochs > 1000) {
    fprintf(stderr, "train_events: EPOCHS must be 1..1000\n");
    return 2;
  }
  hoso_error err;
  hoso_error_clear(&err);
  hoso__etrainset *t;
  if (hoso__etrainset_new(&t)) {
    fprintf(stderr, "train_events: out of memory\n");
    return 1;
  }
  int rc = HOSO_OK;
  for (int i = 3; i < argc && !rc; i++) rc = read_data(argv[i], t, &err);
  hoso__escorer *s = NULL;
  if (!rc) rc = hoso__escorer_train(t, epochs, &s, &err);
  if (!rc) {
    FILE *f = fopen(argv[1], "wb");
    if (!f) rc = hoso__err(&err, HOSO_EIO, "cannot write %s", argv[1]);
    else {
      rc = hoso__escorer_write(s, f, &err);
      if (fclose(f) && !rc) rc = hoso__err(&err, HOSO_EIO, "cannot write %s", argv[1]);
    }
  }
  if (!rc)
    fprintf(stderr, "train_events: %zu candidates, %d epochs -> %s (%zu weights)\n",
            hoso__etrainset_count(t), epochs, argv[1], hoso__escorer_size(s));
  else
    fprintf(stderr, "train_events: %s%s%s\n", err.file, err.file[0] ? ": " : "", err.message);
  hoso__escorer_close(s);
  hoso__etrainset_free(t);
  return rc ? 1 : 0;
}
