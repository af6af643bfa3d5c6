/*
** ner_train.c -- train the entity tagger (models/ner.model).
**
** usage: ner_train [--epochs N] [--prune F] MODELDIR OUT CONLL...
** CONLL files hold one word a line with its BIO tag in the last TAB column
** (syllables of a word joined by '_' or spaces), a blank line between
** sentences; "IMGID:" and "-DOCSTART-" lines are skipped. Words are joined
** into running text and scanned like any text; each token takes its
** word's tag (B- on the word's first token). A file whose words join
** syllables with '_' is word-segmented: the tagger is told where the
** words are, as `hoso ner --conll` does. Gazetteer features come from
** MODELDIR/gazetteers and word classes from MODELDIR/ner-clusters.tsv, as
** at run time.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "ner/model.h"
#include "ner/ner.h"
#include "tag/tag.h"

typedef struct word { size_t a, b; char tag[16]; } word;

static int add_sentence(hoso_tag_trainer *tr, const hoso__gaz *g,
                        const hoso__nclust *cl, hoso_tag_seqbuf *sb, hoso_buf *text, word *w,
                        size_t nw, int seg, size_t *nsent, hoso_error *err) {
  if (!nw) return HOSO_OK;
  hoso__ndoc d;
  int rc = hoso__ndoc_scan_opts(&d, text->p, text->n, HOSO__SCAN_LINES, err);
  if (!rc) rc = hoso__gaz_scan(g, &d, err);
  if (!rc && seg) {
    size_t *sp = malloc(2 * nw * sizeof *sp);
    if (!sp) rc = HOSO_ENOMEM;
    for (size_t k = 0; !rc && k < nw; k++) {
      sp[2 * k] = w[k].a;
      sp[2 * k + 1] = w[k].b;
    }
    if (!rc) hoso__ndoc_mark_words(&d, sp, nw);
    free(sp);
  }
  if (!rc && d.ntok) {
    const char **labels = malloc(d.ntok * sizeof *labels);
    char (*lb)[16] = malloc(d.ntok * sizeof *lb);
    if (!labels || !lb) rc = HOSO_ENOMEM;
    size_t k = 0;
    for (size_t t = 0; !rc && t < d.ntok; t++) {
      while (k < nw && w[k].b <= d.tok[t].off) k++;
      const char *tag = k < nw && d.tok[t].off >= w[k].a ? w[k].tag : "O";
      if (tag[0] == 'B' && d.tok[t].off != w[k].a) snprintf(lb[t], 16, "I%s", tag + 1);
      else snprintf(lb[t], 16, "%s", tag);
      labels[t] = lb[t];
    }
    if (!rc) rc = hoso__nermodel_features(&d, g, cl, 0, (uint32_t)d.ntok, sb);
    hoso_tag_seq seq;
    if (!rc) rc = hoso__tag_seqbuf_seq(sb, &seq);
    if (!rc) rc = hoso__tag_trainer_add(tr, &seq, labels, err);
    free(labels);
    free(lb);
    (*nsent)++;
  }
  hoso__ndoc_free(&d);
  hoso__buf_reset(text);
  return rc;
}

int main(int argc, char **argv) {
  unsigned epochs = 8;
  int a = 1;
  double prune = 0;
  while (a + 1 < argc && argv[a][0] == '-' && argv[a][1] == '-') {
    if (!strcmp(argv[a], "--epochs")) epochs = (unsigned)atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--prune")) prune = atof(argv[a + 1]);
    else break;
    a += 2;
  }
  if (argc - a < 3) {
    fprintf(stderr, "usage: ner_train [--epochs N] [--prune F] MODELDIR OUT CONLL...\n");
    return 2;
  }
  const char *dir = argv[a], *out = argv[a + 1];
  hoso_error err;
  hoso_error_clear(&err);
  char gdir[4200];
  snprintf(gdir, sizeof gdir, "%s/gazetteers", dir);
  hoso__gaz *g;
  if (hoso__gaz_load(gdir, &g, &err)) {
    char m[600];
    fprintf(stderr, "ner_train: %s\n", hoso_error_format(&err, m, sizeof m));
    return 2;
  }
  snprintf(gdir, sizeof gdir, "%s/ner-clusters.tsv", dir);
  hoso__nclust *cl;
  if (hoso__nclust_open(gdir, &cl, &err)) {
    char m[600];
    fprintf(stderr, "ner_train: %s\n", hoso_error_format(&err, m, sizeof m));
    return 2;
  }
  hoso_tag_train_opts o;
  memset(&o, 0, sizeof o);
  o.epochs = epochs;
  o.seed = 20260101;
  o.min_count = 1;
  o.info = hoso__nermodel_featset();
  o.log = stderr;
  o.prune = prune;
  hoso_tag_trainer *tr = hoso__tag_trainer_new(&o);
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  hoso_buf text;
  hoso__buf_init(&text, 1u << 20);
  word *w = NULL;
  size_t nw = 0, capw = 0, nsent = 0;
  int rc = tr ? HOSO_OK : HOSO_ENOMEM;
  for (int f = a + 2; f < argc && !rc; f++) {
    char *data;
    size_t n;
    rc = hoso__read_file(argv[f], 512u << 20, &data, &n, &err);
    if (rc) break;
    /* a file where at least 5% of the words join syllables with '_'
    ** ("Hà_Nội") is word-segmented (the rule conll.c applies) */
    size_t nwords = 0, njoined = 0;
    for (size_t q = 0; q < n;) {
      char *nx = memchr(data + q, '\n', n - q);
      size_t le = nx ? (size_t)(nx - data) : n, we = q;
      while (we < le && data[we] != '\t' && data[we] != '\r') we++;
      if (we > q) {
        nwords++;
        for (size_t k = q + 1; k + 1 < we; k++)
          if (data[k] == '_' && data[k - 1] != '_' && data[k + 1] != '_') {
            njoined++;
            break;
          }
      }
      q = le + 1;
    }
    int seg = njoined * 20 >= nwords && njoined;
    size_t p = 0;
    while (p < n && !rc) {
      char *nl = memchr(data + p, '\n', n - p);
      size_t e = nl ? (size_t)(nl - data) : n, le = e;
      if (le > p && data[le - 1] == '\r') le--;
      if (le == p) {
        rc = add_sentence(tr, g, cl, &sb, &text, w, nw, seg, &nsent, &err);
        nw = 0;
      } else if (strncmp(data + p, "IMGID:", 6) && strncmp(data + p, "-DOCSTART-", 10)) {
        size_t we = p;
        while (we < le && data[we] != '\t') we++;
        size_t ts = le;
        while (ts > p && data[ts - 1] != '\t') ts--;
        if (nw == capw) {
          capw = capw ? capw * 2 : 256;
          word *nwp = realloc(w, capw * sizeof *w);
          if (!nwp) { rc = HOSO_ENOMEM; break; }
          w = nwp;
        }
        if (text.n) rc = hoso__buf_addc(&text, ' ');
        w[nw].a = text.n;
        for (size_t k = p; k < we && !rc; k++)
          rc = hoso__buf_addc(&text, data[k] == '_' ? ' ' : data[k]);
        w[nw].b = text.n;
        size_t tl = ts > p && ts < le ? le - ts : 0;
        if (tl == 0 || tl > 15) snprintf(w[nw].tag, 16, "O");
        else snprintf(w[nw].tag, 16, "%.*s", (int)tl, data + ts);
        nw++;
      }
      p = e + 1;
    }
    if (!rc) rc = add_sentence(tr, g, cl, &sb, &text, w, nw, seg, &nsent, &err);
    nw = 0;
    hoso_free(data);
  }
  fprintf(stderr, "ner_train: %zu sentences\n", nsent);
  if (!rc) rc = hoso__tag_trainer_train(tr, &err);
  if (!rc) rc = hoso__tag_trainer_save(tr, out, &err);
  if (rc) {
    char m[600];
    if (!err.code) hoso__err(&err, rc, "training failed");
    fprintf(stderr, "ner_train: %s\n", hoso_error_format(&err, m, sizeof m));
  }
  free(w);
  hoso__buf_free(&text);
  hoso__tag_seqbuf_free(&sb);
  hoso__tag_trainer_free(tr);
  hoso__gaz_free(g);
  hoso__nclust_free(cl);
  return rc ? 1 : 0;
}
