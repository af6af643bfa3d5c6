/*
** ner_train.c -- train the entity tagger (models/ner.model) and its
** second, document-level stage (models/ner-doc.model).
**
** usage: ner_train [--epochs N] [--prune F] [--stage2 OUT2] [--folds K]
**                  [--seed S] [--order2 1] [--min-count N] [--pa C]
**                  MODELDIR OUT CONLL...
** CONLL files hold one word a line with its BIO tag in the last TAB column
** (syllables of a word joined by '_' or spaces), a blank line between
** sentences; "IMGID:" and "-DOCSTART-" lines are skipped. Consecutive
** sentences are joined, one a line, into documents of up to 20,000 words
** (as `hoso ner --conll` batches them) and scanned like any text; each
** token takes its word's tag (B- on the word's first token). A file whose
** words join syllables with '_' is word-segmented: the tagger is told
** where the words are, as `hoso ner --conll` does. Gazetteer features come
** from MODELDIR/gazetteers and word classes from MODELDIR/ner-clusters.tsv,
** as at run time.
**
** The memory of names (src/ner/memory.h) is written beside OUT as
** ner-memory.tsv: every gold entity of the data with its majority type and
** reliability. The training features of document i come from a memory of
** the other folds only (i mod K, as below), so the model learns how far a
** remembered name can be trusted on new text; and every other sentence is
** trained without the memory, so the features that generalise keep their
** weight.
**
** --stage2 OUT2: stacking. The documents are split into K folds (document
** i in fold i mod K, K = 4 by default); for each fold a first-stage model
** trained on the other folds labels it, so the second stage learns from
** first-stage labels as good as (and no better than) the ones it will see
** on new text. The second stage is then trained on every document with
** those labels and the document features (model.c) and written to OUT2.
** Deterministic: the same data and options give the same files; --seed
** (default 20260101) changes the perceptron's visit order, to measure how
** much of a difference on dev is noise. --order2 1 trains second-order
** taggers (src/tag; tried in session 5: no gain, not used by make models).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "ner/memory.h"
#include "ner/model.h"
#include "ner/ner.h"
#include "tag/tag.h"

#define DOC_WORDS 20000

typedef struct word { size_t a, b; char tag[16]; } word;

/* One training document: its text (owned), scanned, with gold labels. */
typedef struct tdoc {
  char *text;
  hoso__ndoc d;
  char (*lab)[16]; /* gold label per token */
  uint8_t *lab1;   /* cross-validated first-stage labels (stage 2) */
} tdoc;

typedef struct docs { tdoc *v; size_t n, cap; } docs;

static int make_doc(docs *ds, const hoso__gaz *g, hoso_buf *text, word *w, size_t nw,
                    int seg, hoso_error *err) {
  if (!nw) return HOSO_OK;
  if (ds->n == ds->cap) {
    size_t nc = ds->cap ? ds->cap * 2 : 64;
    tdoc *v = realloc(ds->v, nc * sizeof *v);
    if (!v) return HOSO_ENOMEM;
    ds->v = v;
    ds->cap = nc;
  }
  tdoc *t = &ds->v[ds->n];
  memset(t, 0, sizeof *t);
  t->text = malloc(text->n + 1);
  if (!t->text) return HOSO_ENOMEM;
  memcpy(t->text, text->p, text->n);
  t->text[text->n] = 0;
  ds->n++;
  hoso__ndoc *d = &t->d;
  int rc = hoso__ndoc_scan_opts(d, t->text, text->n, HOSO__SCAN_LINES, err);
  if (!rc) rc = hoso__gaz_scan(g, d, err);
  if (!rc && seg) {
    size_t *sp = malloc(2 * nw * sizeof *sp);
    if (!sp) rc = HOSO_ENOMEM;
    for (size_t k = 0; !rc && k < nw; k++) {
      sp[2 * k] = w[k].a;
      sp[2 * k + 1] = w[k].b;
    }
    if (!rc) hoso__ndoc_mark_words(d, sp, nw);
    free(sp);
  }
  if (!rc) {
    t->lab = malloc((d->ntok + 1) * sizeof *t->lab);
    if (!t->lab) rc = HOSO_ENOMEM;
  }
  size_t k = 0;
  for (size_t i = 0; !rc && i < d->ntok; i++) {
    while (k < nw && w[k].b <= d->tok[i].off) k++;
    const char *tag = k < nw && d->tok[i].off >= w[k].a ? w[k].tag : "O";
    if (tag[0] == 'B' && d->tok[i].off != w[k].a) snprintf(t->lab[i], 16, "I%s", tag + 1);
    else snprintf(t->lab[i], 16, "%s", tag);
  }
  hoso__buf_reset(text);
  return rc;
}

/* Read the CoNLL files into documents. */
static int read_docs(docs *ds, const hoso__gaz *g, char **files, int nfiles,
                     hoso_error *err) {
  hoso_buf text;
  hoso__buf_init(&text, 1u << 24);
  word *w = NULL;
  size_t nw = 0, capw = 0;
  int rc = HOSO_OK;
  for (int f = 0; f < nfiles && !rc; f++) {
    char *data;
    size_t n;
    rc = hoso__read_file(files[f], 512u << 20, &data, &n, err);
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
    int insent = 0;
    while (p < n && !rc) {
      char *nl = memchr(data + p, '\n', n - p);
      size_t e = nl ? (size_t)(nl - data) : n, le = e;
      if (le > p && data[le - 1] == '\r') le--;
      if (le == p) {
        if (insent) rc = hoso__buf_addc(&text, '\n');
        insent = 0;
        if (!rc && nw >= DOC_WORDS) {
          rc = make_doc(ds, g, &text, w, nw, seg, err);
          nw = 0;
        }
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
        if (insent) rc = hoso__buf_addc(&text, ' ');
        insent = 1;
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
    if (!rc) rc = make_doc(ds, g, &text, w, nw, seg, err);
    nw = 0;
    hoso_free(data);
  }
  free(w);
  hoso__buf_free(&text);
  return rc;
}

/* Add the sentences of document t to tr: stage-1 features, or (stage 2)
** with its cross-validated first-stage labels. */
static int add_doc(hoso_tag_trainer *tr, const hoso__gaz *g, const hoso__nclust *cl,
                   const hoso__nmem *mem, hoso_tag_seqbuf *sb, const tdoc *t, int stage2,
                   size_t *nsent, hoso_error *err) {
  const hoso__ndoc *d = &t->d;
  uint16_t *ds = NULL;
  const char **labels = malloc((d->ntok + 1) * sizeof *labels);
  int rc = labels ? HOSO_OK : HOSO_ENOMEM;
  if (!rc && stage2) {
    ds = malloc((d->ntok + 1) * sizeof *ds);
    rc = ds ? hoso__nermodel_docstats(d, t->lab1, ds) : HOSO_ENOMEM;
  }
  for (size_t s = 0; s < d->nsent && !rc; s++) {
    const hoso__nsent *se = &d->sent[s];
    /* every other sentence is trained without the memory, so the other
    ** features keep their weight where a name is remembered (with the
    ** memory on every sentence, VLSP 2016 dev lost 0.5 F1, ORG 3) */
    const hoso__nmem *ms = s & 1 ? NULL : mem;
    rc = stage2 ? hoso__nermodel_features2(d, g, cl, ms, se->tok0, se->tok1, t->lab1, ds, sb)
                : hoso__nermodel_features(d, g, cl, ms, se->tok0, se->tok1, sb);
    hoso_tag_seq seq;
    if (!rc) rc = hoso__tag_seqbuf_seq(sb, &seq);
    for (uint32_t i = se->tok0; !rc && i < se->tok1; i++) labels[i - se->tok0] = t->lab[i];
    if (!rc) rc = hoso__tag_trainer_add(tr, &seq, labels, err);
    (*nsent)++;
  }
  free(labels);
  free(ds);
  return rc;
}

/* The type (memory.h) of a gold label's entity, 0 for O or another type. */
static int lab_type(const char *l) {
  static const char *const names[] = {"PER", "ORG", "LOC", "MISC"};
  if ((l[0] != 'B' && l[0] != 'I') || l[1] != '-') return 0;
  for (int t = 0; t < 4; t++)
    if (!strcmp(l + 2, names[t])) return t + 1;
  return 0;
}

/* The memory of names of the documents i with i mod k != skip (skip ==
** k: all of them): their gold entities, then how often each occurs. */
static int build_memory(const docs *ds, unsigned k, unsigned skip, hoso__nmem **out) {
  hoso__nmem *m = hoso__nmem_new();
  int rc = m ? HOSO_OK : HOSO_ENOMEM;
  for (size_t i = 0; i < ds->n && !rc; i++) {
    if (skip < k && i % k == skip) continue;
    const tdoc *t = &ds->v[i];
    for (uint32_t a = 0; a < t->d.ntok && !rc;) {
      int ty = t->lab[a][0] == 'B' ? lab_type(t->lab[a]) : 0;
      uint32_t b = a + 1;
      if (ty) {
        while (b < t->d.ntok && t->lab[b][0] == 'I' && lab_type(t->lab[b]) == ty) b++;
        rc = hoso__nmem_add_entity(m, &t->d, a, b, ty);
      }
      a = b;
    }
  }
  for (size_t i = 0; i < ds->n && !rc; i++) {
    if (skip < k && i % k == skip) continue;
    const hoso__ndoc *d = &ds->v[i].d;
    for (size_t s = 0; s < d->nsent; s++)
      hoso__nmem_count_text(m, d, d->sent[s].tok0, d->sent[s].tok1);
  }
  if (!rc) hoso__nmem_finish(m);
  if (rc) {
    hoso__nmem_free(m);
    m = NULL;
  }
  *out = m;
  return rc;
}

static int fail(hoso_error *err, int rc) {
  char m[600];
  if (!err->code) hoso__err(err, rc, "training failed");
  fprintf(stderr, "ner_train: %s\n", hoso_error_format(err, m, sizeof m));
  return 1;
}

int main(int argc, char **argv) {
  unsigned epochs = 8, folds = 4;
  int order2 = 0;
  unsigned min_count = 1;
  double pa_c = 0;
  uint64_t seed = 20260101;
  int a = 1;
  double prune = 0;
  const char *out2 = NULL;
  while (a + 1 < argc && argv[a][0] == '-' && argv[a][1] == '-') {
    if (!strcmp(argv[a], "--epochs")) epochs = (unsigned)atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--prune")) prune = atof(argv[a + 1]);
    else if (!strcmp(argv[a], "--stage2")) out2 = argv[a + 1];
    else if (!strcmp(argv[a], "--folds")) folds = (unsigned)atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--seed")) seed = strtoull(argv[a + 1], NULL, 10);
    else if (!strcmp(argv[a], "--order2")) order2 = atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--min-count")) min_count = (unsigned)atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--pa")) pa_c = atof(argv[a + 1]);
    else break;
    a += 2;
  }
  if (argc - a < 3 || folds < 2) {
    fprintf(stderr, "usage: ner_train [--epochs N] [--prune F] [--stage2 OUT2] [--folds K] "
                    "[--seed S] [--order2 1] [--min-count N] [--pa C] MODELDIR OUT CONLL...\n");
    return 2;
  }
  const char *dir = argv[a], *out = argv[a + 1];
  hoso_error err;
  hoso_error_clear(&err);
  char gdir[4200];
  snprintf(gdir, sizeof gdir, "%s/gazetteers", dir);
  hoso__gaz *g;
  if (hoso__gaz_load(gdir, &g, &err)) return fail(&err, HOSO_EFORMAT);
  snprintf(gdir, sizeof gdir, "%s/ner-clusters.tsv", dir);
  hoso__nclust *cl;
  if (hoso__nclust_open(gdir, &cl, &err)) return fail(&err, HOSO_EFORMAT);
  hoso_tag_train_opts o;
  memset(&o, 0, sizeof o);
  o.epochs = epochs;
  o.seed = seed;
  o.min_count = min_count ? min_count : 1;
  o.pa_c = pa_c;
  o.info = hoso__nermodel_featset();
  o.log = stderr;
  o.prune = prune;
  o.order2 = order2;
  docs ds = {NULL, 0, 0};
  hoso_tag_seqbuf sb;
  hoso__tag_seqbuf_init(&sb);
  size_t nsent = 0;
  int rc = read_docs(&ds, g, argv + a + 2, argc - a - 2, &err);
  fprintf(stderr, "ner_train: %zu documents\n", ds.n);
  /* the memory of names: of every document for the model file
  ** (ner-memory.tsv beside OUT), and for the training features of each
  ** fold's documents one of the other folds only (cross-validation: the
  ** model learns how far a name seen elsewhere can be trusted) */
  hoso__nmem *memall = NULL, **memf = calloc(folds, sizeof *memf);
  if (!rc && !memf) rc = HOSO_ENOMEM;
  if (!rc) rc = build_memory(&ds, folds, folds, &memall);
  for (unsigned f = 0; f < folds && !rc; f++) rc = build_memory(&ds, folds, f, &memf[f]);
  if (!rc) {
    char mpath[4200];
    const char *sl = strrchr(out, '/');
    snprintf(mpath, sizeof mpath, "%.*sner-memory.tsv", sl ? (int)(sl - out + 1) : 0, out);
    rc = hoso__nmem_save(memall, mpath, &err);
  }
  /* stage 1 on everything */
  hoso_tag_trainer *tr = rc ? NULL : hoso__tag_trainer_new(&o);
  if (!rc && !tr) rc = HOSO_ENOMEM;
  for (size_t i = 0; i < ds.n && !rc; i++)
    rc = add_doc(tr, g, cl, memf[i % folds], &sb, &ds.v[i], 0, &nsent, &err);
  fprintf(stderr, "ner_train: %zu sentences\n", nsent);
  if (!rc) rc = hoso__tag_trainer_train(tr, &err);
  if (!rc) rc = hoso__tag_trainer_save(tr, out, &err);
  hoso__tag_trainer_free(tr);
  /* stage 2: cross-validated first-stage labels, then the second model */
  hoso__nerwork *w = out2 && !rc ? hoso__nerwork_new() : NULL;
  if (out2 && !rc && !w) rc = HOSO_ENOMEM;
  for (unsigned f = 0; out2 && f < folds && !rc; f++) {
    fprintf(stderr, "ner_train: fold %u/%u\n", f + 1, folds);
    tr = hoso__tag_trainer_new(&o);
    if (!tr) rc = HOSO_ENOMEM;
    size_t ns = 0;
    for (size_t i = 0; i < ds.n && !rc; i++)
      if (i % folds != f) rc = add_doc(tr, g, cl, memf[i % folds], &sb, &ds.v[i], 0, &ns, &err);
    if (!rc) rc = hoso__tag_trainer_train(tr, &err);
    hoso_tag_model *tm = NULL;
    hoso__nermodel *m = NULL;
    if (!rc) rc = hoso__tag_trainer_model(tr, &tm, &err);
    if (!rc) rc = hoso__nermodel_wrap(tm, cl, memf[f], &m);
    for (size_t i = f; i < ds.n && !rc; i += folds) {
      tdoc *t = &ds.v[i];
      t->lab1 = malloc(t->d.ntok + 1);
      if (!t->lab1) rc = HOSO_ENOMEM;
      else rc = hoso__nermodel_tag_doc(m, w, &t->d, g, t->lab1, NULL);
    }
    hoso__nermodel_close(m);
    hoso__tag_model_close(tm);
    hoso__tag_trainer_free(tr);
  }
  if (out2 && !rc) {
    o.info = hoso__nermodel_featset2();
    tr = hoso__tag_trainer_new(&o);
    if (!tr) rc = HOSO_ENOMEM;
    size_t ns = 0;
    for (size_t i = 0; i < ds.n && !rc; i++)
      rc = add_doc(tr, g, cl, memf[i % folds], &sb, &ds.v[i], 1, &ns, &err);
    if (!rc) rc = hoso__tag_trainer_train(tr, &err);
    if (!rc) rc = hoso__tag_trainer_save(tr, out2, &err);
    hoso__tag_trainer_free(tr);
  }
  hoso__nerwork_free(w);
  hoso__nmem_free(memall);
  for (unsigned f = 0; memf && f < folds; f++) hoso__nmem_free(memf[f]);
  free(memf);
  for (size_t i = 0; i < ds.n; i++) {
    free(ds.v[i].text);
    hoso__ndoc_free(&ds.v[i].d);
    free(ds.v[i].lab);
    free(ds.v[i].lab1);
  }
  free(ds.v);
  hoso__tag_seqbuf_free(&sb);
  hoso__gaz_free(g);
  hoso__nclust_free(cl);
  return rc ? fail(&err, rc) : 0;
}
