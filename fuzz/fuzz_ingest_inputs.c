/* fuzz_ingest_inputs.c -- libFuzzer harness for the ingest input readers
** (src/store/inputs.c): the bytes are written to a file named .warc or
** .jsonl (the first byte picks which; gzip or plain is sniffed) and
** ingested into a scratch archive without analysis. Any input must give
** HOSO_OK (bad records are recorded as ingest errors, never fatal), and
** the archive must stay consistent.
** The models are not loaded (HOSO_MODEL_DIR points at an empty folder):
** the readers are what is fuzzed here, the segmenter and NER have their
** own harnesses, and loading the models per input made this harness run
** ~5 inputs a second. Without models the index holds syllables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hoso.h"

static hoso_archive *ar; /* the harness's fixture, made once */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char db[64], in[64];
  if (!ar) {
    char dir[64];
    snprintf(dir, sizeof(dir), "/tmp/fuzz_ingest-%d.nomodels", (int)getpid());
    mkdir(dir, 0700);
    if (setenv("HOSO_MODEL_DIR", dir, 1)) abort();
    snprintf(db, sizeof(db), "/tmp/fuzz_ingest-%d.db", (int)getpid());
    unlink(db);
    hoso_error err;
    if (hoso_archive_open(db, HOSO_ARCHIVE_CREATE, &ar, &err)) abort();
  }
  if (size == 0) return 0;
  snprintf(in, sizeof(in), "/tmp/fuzz_ingest-%d.%s", (int)getpid(),
           data[0] & 1 ? "jsonl" : "warc");
  FILE *f = fopen(in, "wb");
  if (!f) abort();
  if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1) abort();
  fclose(f);
  hoso_ingest *ing;
  hoso_error err;
  hoso_ingest_options o = {1, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  if (hoso_ingest_open(ar, &o, &ing, &err)) abort();
  int rc = hoso_ingest_path(ing, in, &err);
  hoso_ingest_stats st;
  int frc = hoso_ingest_finish(ing, &st, &err);
  hoso_ingest_close(ing);
  unlink(in);
  if (rc != HOSO_OK || frc != HOSO_OK) abort(); /* input trouble is never fatal */
  if (st.seen != st.added + st.duplicates + st.failed) abort();
  return 0;
}
