/* train_langid.c -- train the language-id model (models/langid.bin).
**
**   train_langid TRAIN.tsv OUT.bin [BITS]
**
** TRAIN.tsv lines are "lang<TAB>source<TAB>text" with lang one of vi, ru,
** en, other (made by tools/langid_data.py from ../shared/data). The model
** is a multinomial naive Bayes over the hashed character n-grams of
** hoso__langid_features (src/text/langid.c): per class, log((count + a) /
** (total + a * cells)) with add-a smoothing, stored x1000 as int16.
** Deterministic: same input, same bytes out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define ALPHA 0.1

typedef struct counts {
  double *c; /* [HOSO_LANG_COUNT][cells] */
  double total[HOSO_LANG_COUNT];
  size_t cells;
  int lang;
} counts;

static void count_feature(void *ctx, uint32_t h) {
  counts *k = ctx;
  k->c[(size_t)k->lang * k->cells + h] += 1;
  k->total[k->lang] += 1;
}

static int lang_of(const char *s, size_t n) {
  for (int l = 0; l < HOSO_LANG_COUNT; l++)
    if (strlen(hoso_lang_name(l)) == n && !memcmp(hoso_lang_name(l), s, n))
      return l;
  return -1;
}

static void put32(FILE *f, uint32_t v, uint32_t *h) {
  unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  for (int i = 0; i < 4; i++) {
    *h ^= b[i];
    *h *= 16777619u;
  }
  fwrite(b, 1, 4, f);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: train_langid TRAIN.tsv OUT.bin [BITS]\n");
    return 2;
  }
  unsigned bits = argc > 3 ? (unsigned)atoi(argv[3]) : 16;
  if (bits < 8 || bits > 22) {
    fprintf(stderr, "train_langid: BITS must be 8..22\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 1;
  }
  counts k;
  memset(&k, 0, sizeof(k));
  k.cells = (size_t)1 << bits;
  k.c = calloc((size_t)HOSO_LANG_COUNT * k.cells, sizeof(double));
  if (!k.c) {
    fprintf(stderr, "train_langid: out of memory\n");
    return 1;
  }
  char *line = NULL;
  size_t cap = 0, lines[HOSO_LANG_COUNT] = {0};
  ssize_t len;
  while ((len = getline(&line, &cap, in)) > 0) {
    char *t1 = memchr(line, '\t', (size_t)len);
    char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(line + len - t1 - 1)) : NULL;
    if (!t2) continue;
    k.lang = lang_of(line, (size_t)(t1 - line));
    if (k.lang < 0) continue;
    lines[k.lang]++;
    hoso__langid_features(t2 + 1, (size_t)(line + len - t2 - 1), bits,
                          count_feature, &k);
  }
  free(line);
  fclose(in);
  FILE *out = fopen(argv[2], "wb");
  if (!out) {
    perror(argv[2]);
    return 1;
  }
  uint32_t h = 2166136261u;
  const char *magic = HOSO_LANGID_MAGIC;
  for (int i = 0; i < 8; i++) {
    h ^= (unsigned char)magic[i];
    h *= 16777619u;
  }
  fwrite(magic, 1, 8, out);
  put32(out, bits, &h);
  put32(out, HOSO_LANG_COUNT, &h);
  for (int l = 0; l < HOSO_LANG_COUNT; l++) {
    double denom = k.total[l] + ALPHA * (double)k.cells;
    for (size_t i = 0; i < k.cells; i++) {
      double lp = log((k.c[(size_t)l * k.cells + i] + ALPHA) / denom) * 1000;
      if (lp < -32000) lp = -32000;
      int16_t v = (int16_t)lrint(lp);
      unsigned char b[2] = {(unsigned char)(uint16_t)v,
                            (unsigned char)((uint16_t)v >> 8)};
      for (int j = 0; j < 2; j++) {
        h ^= b[j];
        h *= 16777619u;
      }
      fwrite(b, 1, 2, out);
    }
  }
  unsigned char b[4] = {(unsigned char)h, (unsigned char)(h >> 8),
                        (unsigned char)(h >> 16), (unsigned char)(h >> 24)};
  fwrite(b, 1, 4, out);
  if (fclose(out) != 0) {
    perror(argv[2]);
    return 1;
  }
  for (int l = 0; l < HOSO_LANG_COUNT; l++)
    printf("train_langid: %-5s %7zu paragraphs %9.0f n-grams\n",
           hoso_lang_name(l), lines[l], k.total[l]);
  printf("train_langid: wrote %s (%zu cells x %d classes)\n", argv[2], k.cells,
         HOSO_LANG_COUNT);
  free(k.c);
  return 0;
}
