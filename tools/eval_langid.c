/* eval_langid.c -- accuracy of the language-id model on held-out data.
**
**   eval_langid EVAL.tsv [MODEL]
**
** EVAL.tsv lines are "lang<TAB>source<TAB>text" (tools/langid_data.py).
** Prints per-language accuracy, a confusion table and the overall and
** macro-averaged accuracy, per paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: eval_langid EVAL.tsv [MODEL]\n");
    return 2;
  }
  hoso_langid *m;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso_langid_open(argc > 2 ? argv[2] : NULL, &m, &err)) {
    char msg[600];
    fprintf(stderr, "eval_langid: %s\n", hoso_error_format(&err, msg, sizeof(msg)));
    return 1;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 1;
  }
  size_t conf[HOSO_LANG_COUNT][HOSO_LANG_COUNT];
  memset(conf, 0, sizeof(conf));
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, in)) > 0) {
    if (line[len - 1] == '\n') line[--len] = '\0';
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2) continue;
    *t1 = '\0';
    int want = -1;
    for (int l = 0; l < HOSO_LANG_COUNT; l++)
      if (!strcmp(line, hoso_lang_name(l))) want = l;
    if (want < 0) continue;
    int got = hoso_langid_detect(m, t2 + 1, strlen(t2 + 1), NULL);
    conf[want][got]++;
  }
  free(line);
  fclose(in);
  hoso_langid_close(m);
  size_t all = 0, ok = 0;
  double macro = 0;
  int langs = 0;
  printf("langid eval (%s), paragraphs, rows = truth:\n", argv[1]);
  printf("  %-6s", "");
  for (int g = 0; g < HOSO_LANG_COUNT; g++) printf("%7s", hoso_lang_name(g));
  printf("%9s\n", "accuracy");
  for (int w = 0; w < HOSO_LANG_COUNT; w++) {
    size_t row = 0;
    for (int g = 0; g < HOSO_LANG_COUNT; g++) row += conf[w][g];
    if (!row) continue;
    printf("  %-6s", hoso_lang_name(w));
    for (int g = 0; g < HOSO_LANG_COUNT; g++) printf("%7zu", conf[w][g]);
    double acc = (double)conf[w][w] / (double)row;
    printf("%8.2f%%\n", 100 * acc);
    all += row;
    ok += conf[w][w];
    macro += acc;
    langs++;
  }
  printf("langid accuracy: %.2f%% of %zu paragraphs (macro average over %d "
         "languages %.2f%%)\n",
         all ? 100.0 * (double)ok / (double)all : 0, all, langs,
         langs ? 100 * macro / langs : 0);
  return 0;
}
