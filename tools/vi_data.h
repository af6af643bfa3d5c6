/*
** vi_data.h -- corpus readers shared by the Vietnamese training and
** evaluation tools (tools/train_seg.c, train_pos.c, vi_eval.c). Header-
** only: each tool is one program. Tools die with a message on bad data or
** out of memory (they are batch programs run by make).
**
** A sentence is kept as its text (gold words joined by one space, the
** syllables of a word by one space too) plus the byte span and tag of each
** gold word, so segmentation output can be scored by exact spans.
**
** Formats read:
**   VLSP 2013 WS    one sentence a line, syllables of a word joined by "_",
**                   words by spaces; SGML-like lines (<pTitle> ...) skipped
**                   and the lines inside <Date>..</Date> too. CRLF ok.
**   VLSP 2013 POS   one sentence a line of word/TAG tokens (last "/").
**   CoNLL-U         FORM (spaces inside a word) and UPOS columns; the
**                   bracket escapes LBKT/RBKT (UD VTB dev only) read as
**                   "(" and ")";
**                   multiword-token and empty-node lines skipped.
*/
#ifndef HOSO_VI_DATA_H
#define HOSO_VI_DATA_H

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

typedef struct vsent {
  char *text;
  size_t n;
  size_t nw;
  size_t *ws, *we; /* word i is text[ws[i] .. we[i]) */
  char **tag;      /* NULL when untagged */
} vsent;

typedef struct vcorpus {
  vsent *s;
  size_t n, cap;
} vcorpus;

static inline void vd_die(const char *what, const char *file) {
  fprintf(stderr, "vi tools: %s%s%s\n", what, file ? ": " : "", file ? file : "");
  exit(2);
}

/* A --seed=N option's value: a decimal number (any uint64 but 0, which
** src/tag would replace by its own constant); anything else is refused. */
static inline uint64_t vd_parse_seed(const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (!*s || *s == '-' || *end || errno || v == 0) vd_die("--seed needs a decimal number > 0, not", s);
  return (uint64_t)v;
}

static inline void *vd_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) vd_die("out of memory", NULL);
  return q;
}

/* The 17 Universal POS tags, in a fixed order: vd_upos_name(i) for
** i < VD_NUPOS; vd_upos_index gives a tag's index, VD_NUPOS if unknown. */
#define VD_NUPOS 17
static inline const char *vd_upos_name(size_t i) {
  static const char *const upos[VD_NUPOS] = {"ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET",
                                             "INTJ", "NOUN", "NUM",   "PART",  "PRON",  "PROPN",
                                             "PUNCT", "SCONJ", "SYM", "VERB",  "X"};
  return i < VD_NUPOS ? upos[i] : NULL;
}
static inline size_t vd_upos_index(const char *t) {
  size_t i = 0;
  while (i < VD_NUPOS && strcmp(vd_upos_name(i), t)) i++;
  return i;
}

/* A word hash (never 0) -> its count per UPOS tag; open addressing,
** lookups only. Zero-initialise; free with vd_tagcount_free. */
typedef struct vd_tagcount {
  uint64_t *key;
  uint32_t (*cnt)[VD_NUPOS];
  size_t cap, n;
} vd_tagcount;

/* The counts of h; with add, made (all zero) when missing, else NULL. */
static inline uint32_t *vd_tagcount_get(vd_tagcount *m, uint64_t h, int add) {
  if (add && m->n * 2 >= m->cap) {
    vd_tagcount nm = {0};
    nm.cap = m->cap ? m->cap * 2 : 1 << 12;
    nm.key = calloc(nm.cap, sizeof(uint64_t));
    nm.cnt = calloc(nm.cap, sizeof(*nm.cnt));
    if (!nm.key || !nm.cnt) vd_die("out of memory", NULL);
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->key[i]) continue;
      size_t j = (size_t)m->key[i] & (nm.cap - 1);
      while (nm.key[j]) j = (j + 1) & (nm.cap - 1);
      nm.key[j] = m->key[i];
      memcpy(nm.cnt[j], m->cnt[i], sizeof(*nm.cnt));
    }
    nm.n = m->n;
    free(m->key);
    free(m->cnt);
    *m = nm;
  }
  if (!m->cap) return NULL;
  size_t j = (size_t)h & (m->cap - 1);
  while (m->key[j]) {
    if (m->key[j] == h) return m->cnt[j];
    j = (j + 1) & (m->cap - 1);
  }
  if (!add) return NULL;
  m->key[j] = h;
  m->n++;
  return m->cnt[j];
}

static inline void vd_tagcount_free(vd_tagcount *m) {
  free(m->key);
  free(m->cnt);
  memset(m, 0, sizeof(*m));
}

static inline char *vd_xstrndup(const char *s, size_t n) {
  char *p = vd_xrealloc(NULL, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

/* Add a sentence of nw words (w[i] has len wl[i]; "_" inside becomes a
** space when under is set) with optional tags. */
static inline void vd_add(vcorpus *c, const char *const *w, const size_t *wl,
                   const char *const *tags, size_t nw, int under) {
  if (nw == 0) return;
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 1024;
    c->s = vd_xrealloc(c->s, c->cap * sizeof(vsent));
  }
  vsent *s = &c->s[c->n++];
  size_t tot = 0;
  for (size_t i = 0; i < nw; i++) tot += wl[i] + 1;
  s->text = vd_xrealloc(NULL, tot + 1);
  s->ws = vd_xrealloc(NULL, nw * sizeof(size_t));
  s->we = vd_xrealloc(NULL, nw * sizeof(size_t));
  s->tag = tags ? vd_xrealloc(NULL, nw * sizeof(char *)) : NULL;
  size_t o = 0;
  for (size_t i = 0; i < nw; i++) {
    if (i) s->text[o++] = ' ';
    s->ws[i] = o;
    for (size_t j = 0; j < wl[i]; j++) {
      char ch = w[i][j];
      /* "_" joins syllables, except a word that is only "_" */
      if (under && ch == '_' && wl[i] > 1 && j > 0 && j + 1 < wl[i]) ch = ' ';
      s->text[o++] = ch;
    }
    s->we[i] = o;
    if (tags) s->tag[i] = vd_xstrndup(tags[i], strlen(tags[i]));
  }
  s->text[o] = 0;
  s->n = o;
  s->nw = nw;
}

static inline void vd_sent_free(vsent *s) {
  if (s->tag)
    for (size_t j = 0; j < s->nw; j++) free(s->tag[j]);
  free(s->tag);
  free(s->text);
  free(s->ws);
  free(s->we);
}

static inline void vd_free(vcorpus *c) {
  for (size_t i = 0; i < c->n; i++) vd_sent_free(&c->s[i]);
  free(c->s);
  memset(c, 0, sizeof(*c));
}

static inline char *vd_read(const char *path, size_t *n) {
  char *p;
  hoso_error e;
  if (hoso__read_file(path, (size_t)1 << 31, &p, n, &e)) vd_die("cannot read", path);
  return p;
}

#define VD_MAXW 4096

/* Split a line into whitespace-separated tokens (in place). */
static inline size_t vd_split(char *line, char **tok, size_t *tl, size_t max) {
  size_t k = 0;
  char *p = line;
  while (*p && k < max) {
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) break;
    char *q = p;
    while (*q && *q != ' ' && *q != '\t') q++;
    tok[k] = p;
    tl[k] = (size_t)(q - p);
    k++;
    if (*q) *q++ = 0;
    p = q;
  }
  return k;
}

/* Call fn on each line (CR stripped, NUL-terminated, writable). */
static inline void vd_lines(char *buf, size_t n, void (*fn)(char *line, void *arg), void *arg) {
  size_t i = 0;
  while (i < n) {
    size_t e = i;
    while (e < n && buf[e] != '\n') e++;
    size_t le = e;
    if (le > i && buf[le - 1] == '\r') le--;
    buf[le] = 0;
    fn(buf + i, arg);
    i = e + 1;
  }
}

/* Per-file parsing state (the token arrays live here, not in statics). */
typedef struct {
  vcorpus *c;
  int in_date;
  char *tok[VD_MAXW];
  size_t tl[VD_MAXW];
  const char *tags[VD_MAXW];
  int raw; /* POS files: keep the VLSP tags (no mapping to UPOS) */
} vd_ws_state;

static inline void vd_ws_line(char *line, void *arg) {
  vd_ws_state *st = arg;
  while (*line == ' ' || *line == '\t') line++;
  if (*line == '<') {
    if (!strncmp(line, "<Date>", 6)) st->in_date = 1;
    if (!strncmp(line, "</Date>", 7)) st->in_date = 0;
    return;
  }
  if (st->in_date || !*line) return;
  size_t k = vd_split(line, st->tok, st->tl, VD_MAXW);
  vd_add(st->c, (const char *const *)st->tok, st->tl, NULL, k, 1);
}

static inline int vd_cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted list of regular files under dir (one level of subdirectories). */
static inline size_t vd_list(const char *dir, char ***out) {
  char **names = NULL;
  size_t n = 0, cap = 0;
  DIR *d = opendir(dir);
  if (!d) vd_die("cannot open directory", dir);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    DIR *sub = opendir(path);
    if (sub) {
      closedir(sub);
      char **more;
      size_t m = vd_list(path, &more);
      for (size_t i = 0; i < m; i++) {
        if (n == cap) names = vd_xrealloc(names, (cap = cap ? cap * 2 : 256) * sizeof(char *));
        names[n++] = more[i];
      }
      free(more);
      continue;
    }
    if (n == cap) names = vd_xrealloc(names, (cap = cap ? cap * 2 : 256) * sizeof(char *));
    names[n++] = vd_xstrndup(path, strlen(path));
  }
  closedir(d);
  qsort(names, n, sizeof(char *), vd_cmpstr);
  *out = names;
  return n;
}

/* Called after each file is read, with the sentences [from, c->n) it
** added (the held-out filter below drops sentences through it). */
typedef struct vd_hook {
  void (*fn)(void *arg, vcorpus *c, size_t from, const char *file);
  void *arg;
} vd_hook;

static inline void vd_hook_call(const vd_hook *h, vcorpus *c, size_t from, const char *file) {
  if (h && h->fn) h->fn(h->arg, c, from, file);
}

static inline void vd_load_ws_dir_hook(vcorpus *c, const char *dir, const vd_hook *h) {
  char **f;
  size_t nf = vd_list(dir, &f);
  if (!nf) vd_die("no files in", dir);
  for (size_t i = 0; i < nf; i++) {
    size_t n, from = c->n;
    char *buf = vd_read(f[i], &n);
    vd_ws_state *st = calloc(1, sizeof(*st));
    if (!st) vd_die("out of memory", NULL);
    st->c = c;
    vd_lines(buf, n, vd_ws_line, st);
    vd_hook_call(h, c, from, f[i]);
    free(st);
    free(buf);
    free(f[i]);
  }
  free(f);
}

static inline void vd_load_ws_dir(vcorpus *c, const char *dir) { vd_load_ws_dir_hook(c, dir, NULL); }

/* VLSP 2013 tags -> Universal POS (as UD VTB uses them). */
static inline const char *vd_vlsp_upos(const char *t) {
  static const char *const map[][2] = {
      {"N", "NOUN"}, {"Np", "PROPN"}, {"Nc", "NOUN"}, {"Nu", "NOUN"}, {"Ny", "NOUN"},
      {"Nb", "NOUN"}, {"Ni", "NOUN"}, {"V", "VERB"}, {"Vb", "VERB"}, {"Vy", "VERB"},
      {"A", "ADJ"}, {"Ab", "ADJ"}, {"P", "PRON"}, {"R", "ADV"}, {"L", "DET"},
      {"M", "NUM"}, {"Mb", "NUM"}, {"E", "ADP"}, {"Eb", "ADP"}, {"C", "SCONJ"},
      {"Cc", "CCONJ"}, {"Cb", "CCONJ"}, {"CH", "PUNCT"}, {"T", "PART"}, {"I", "INTJ"},
      {"X", "X"}, {"Xy", "X"}, {"Y", "NOUN"}, {"Z", "X"}, {"B", "X"}};
  for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
    if (!strcmp(map[i][0], t)) return map[i][1];
  return NULL;
}

static inline void vd_pos_line(char *line, void *arg) {
  vd_ws_state *st = arg;
  vcorpus *c = st->c;
  char **tok = st->tok;
  size_t *tl = st->tl;
  const char **tags = st->tags;
  size_t k = vd_split(line, tok, tl, VD_MAXW);
  if (!k) return;
  for (size_t i = 0; i < k; i++) {
    char *sl = NULL;
    for (size_t j = tl[i]; j-- > 1;)
      if (tok[i][j] == '/') {
        sl = tok[i] + j;
        break;
      }
    const char *u = sl ? vd_vlsp_upos(sl + 1) : NULL;
    if (!u) return; /* malformed or unknown tag: skip the sentence */
    tl[i] = (size_t)(sl - tok[i]);
    tags[i] = st->raw ? sl + 1 : u;
  }
  vd_add(c, (const char *const *)tok, tl, tags, k, 1);
}

/* raw = 1 keeps the VLSP tags as they are (vd_vlsp_upos maps them). */
static inline void vd_load_pos_dir_hook(vcorpus *c, const char *dir, int raw, const vd_hook *h) {
  char **f;
  size_t nf = vd_list(dir, &f);
  if (!nf) vd_die("no files in", dir);
  for (size_t i = 0; i < nf; i++) {
    size_t n, from = c->n;
    char *buf = vd_read(f[i], &n);
    vd_ws_state *st = calloc(1, sizeof(*st));
    if (!st) vd_die("out of memory", NULL);
    st->c = c;
    st->raw = raw;
    vd_lines(buf, n, vd_pos_line, st);
    vd_hook_call(h, c, from, f[i]);
    free(st);
    free(buf);
    free(f[i]);
  }
  free(f);
}

static inline void vd_load_pos_dir_tags(vcorpus *c, const char *dir, int raw) {
  vd_load_pos_dir_hook(c, dir, raw, NULL);
}
static inline void vd_load_pos_dir(vcorpus *c, const char *dir) { vd_load_pos_dir_hook(c, dir, 0, NULL); }

typedef struct {
  vcorpus *c;
  char *w[VD_MAXW];
  size_t wl[VD_MAXW];
  char *t[VD_MAXW];
  size_t k;
} vd_conllu_state;

static inline void vd_conllu_flush(vd_conllu_state *st) {
  vd_add(st->c, (const char *const *)st->w, st->wl, (const char *const *)st->t, st->k, 0);
  for (size_t i = 0; i < st->k; i++) {
    free(st->w[i]);
    free(st->t[i]);
  }
  st->k = 0;
}

static inline void vd_conllu_line(char *line, void *arg) {
  vd_conllu_state *st = arg;
  if (!*line) {
    vd_conllu_flush(st);
    return;
  }
  if (*line == '#') return;
  char *col[10];
  size_t nc = 0;
  char *p = line;
  while (nc < 10) {
    col[nc++] = p;
    char *tab = strchr(p, '\t');
    if (!tab) break;
    *tab = 0;
    p = tab + 1;
  }
  if (nc < 4) return;
  if (strchr(col[0], '-') || strchr(col[0], '.')) return;
  if (st->k >= VD_MAXW) return;
  /* UD VTB dev writes brackets as the escape tokens LBKT/RBKT (train and
  ** test write "(" and ")"): read them as the brackets they stand for */
  const char *form = col[1];
  if (!strcmp(form, "LBKT")) form = "(";
  else if (!strcmp(form, "RBKT")) form = ")";
  st->w[st->k] = vd_xstrndup(form, strlen(form));
  st->wl[st->k] = strlen(form);
  st->t[st->k] = vd_xstrndup(col[3], strlen(col[3]));
  st->k++;
}

static inline void vd_load_conllu_hook(vcorpus *c, const char *path, const vd_hook *h) {
  size_t n, from = c->n;
  char *buf = vd_read(path, &n);
  vd_conllu_state *st = calloc(1, sizeof(*st));
  if (!st) vd_die("out of memory", NULL);
  st->c = c;
  vd_lines(buf, n, vd_conllu_line, st);
  vd_conllu_flush(st);
  vd_hook_call(h, c, from, path);
  free(st);
  free(buf);
}

static inline void vd_load_conllu(vcorpus *c, const char *path) { vd_load_conllu_hook(c, path, NULL); }


/* ---- gold words as tagger input --------------------------------------- */
#ifdef HOSO_VI_H
/* Tokens and word list of a gold-segmented sentence. Tokens never cross
** gold word edges: each word is tokenised on its own. */
static inline void vd_words_of(vi_keycache *kc, const vsent *s, vi_tokens *ts, vi_word **w, size_t *capw) {
  ts->n = 0;
  if (s->nw > *capw) *w = vd_xrealloc(*w, (*capw = s->nw * 2) * sizeof(vi_word));
  for (size_t i = 0; i < s->nw; i++) {
    size_t before = ts->n;
    if (vi__tokenize(kc, NULL, s->text + s->ws[i], s->we[i] - s->ws[i], ts)) vd_die("out of memory", NULL);
    for (size_t j = before; j < ts->n; j++) ts->t[j].off += s->ws[i];
    if (ts->n == before) { /* nothing the tokenizer keeps (e.g. a lone
                              zero-width character): one opaque token */
      if (ts->n == ts->cap) ts->t = vd_xrealloc(ts->t, (ts->cap = ts->cap * 2 + 16) * sizeof(vi_tok));
      vi_tok *x = &ts->t[ts->n++];
      x->off = s->ws[i];
      x->len = s->we[i] - s->ws[i];
      x->key = hoso__tag_hash(s->text + x->off, x->len);
      x->type = VI_PUNCT;
      x->shape = VI_SH_PUNCT;
      x->id = 0;
    }
    (*w)[i].first = before;
    (*w)[i].nsyl = ts->n - before;
  }
}

/* Calls fn(ctx, s, ts, w) for every sentence s of c, with ts/w its gold
** words as vd_words_of gives them (valid only during the call). */
typedef void (*vd_sentence_fn)(void *ctx, const vsent *s, const vi_tokens *ts, const vi_word *w);
static inline void vd_each_sentence(vi_keycache *kc, const vcorpus *c, vd_sentence_fn fn, void *ctx) {
  vi_tokens ts = {0};
  vi_word *w = NULL;
  size_t capw = 0;
  for (size_t si = 0; si < c->n; si++) {
    vd_words_of(kc, &c->s[si], &ts, &w, &capw);
    fn(ctx, &c->s[si], &ts, w);
  }
  free(w);
  vi__tokens_free(&ts);
}

#endif

/* ---- which sentences were seen in training -------------------------------
** UD VTB and VLSP 2013 both come from the Viet Treebank: most UD dev and
** test sentences occur verbatim in the VLSP 2013 training files. A
** sentence's fingerprint is the hash of its tokens' matching keys (case,
** tone placement, NFD and the "_" joints do not matter); eval and tuning
** also report the sentences whose fingerprint is not in the training set. */
#ifdef HOSO_VI_H
typedef struct vd_seen {
  uint64_t *k;
  size_t cap, n;
} vd_seen;

/* Hash of tokens [a, b) of ts from seed h; never 0. */
static inline uint64_t vd_hash_tokens(const vi_tokens *ts, size_t a, size_t b, uint64_t h) {
  for (size_t i = a; i < b; i++) h = hoso__tag_hash_mix(h, ts->t[i].key);
  return h ? h : 1;
}

/* Fingerprint of s's tokens (left in ts). */
static inline uint64_t vd_fingerprint(vi_keycache *kc, const vsent *s, vi_tokens *ts) {
  ts->n = 0;
  if (vi__tokenize(kc, NULL, s->text, s->n, ts)) vd_die("out of memory", NULL);
  return vd_hash_tokens(ts, 0, ts->n, 0x2545f4914f6cdd1dULL);
}

static inline void vd_seen_add(vd_seen *z, uint64_t h) {
  if (z->n * 2 >= z->cap) {
    size_t nc = z->cap ? z->cap * 2 : 1 << 16;
    uint64_t *nk = calloc(nc, sizeof(uint64_t));
    if (!nk) vd_die("out of memory", NULL);
    for (size_t i = 0; i < z->cap; i++) {
      if (!z->k[i]) continue;
      size_t j = (size_t)z->k[i] & (nc - 1);
      while (nk[j]) j = (j + 1) & (nc - 1);
      nk[j] = z->k[i];
    }
    free(z->k);
    z->k = nk;
    z->cap = nc;
  }
  size_t j = (size_t)h & (z->cap - 1);
  while (z->k[j]) {
    if (z->k[j] == h) return;
    j = (j + 1) & (z->cap - 1);
  }
  z->k[j] = h;
  z->n++;
}

static inline int vd_seen_has(const vd_seen *z, uint64_t h) {
  if (!z->cap) return 0;
  size_t j = (size_t)h & (z->cap - 1);
  while (z->k[j]) {
    if (z->k[j] == h) return 1;
    j = (j + 1) & (z->cap - 1);
  }
  return 0;
}

static inline void vd_seen_corpus(vd_seen *z, vi_keycache *kc, const vcorpus *c) {
  vi_tokens ts = {0};
  for (size_t i = 0; i < c->n; i++) vd_seen_add(z, vd_fingerprint(kc, &c->s[i], &ts));
  vi__tokens_free(&ts);
}
#endif

/* ---- held-out sentences never train --------------------------------------
** UD VTB dev and test are scored; no training corpus may contain them. Every
** training file is read through vd_heldout_hook, which drops each sentence
** that matches a dev or test sentence:
**   exact  same token keys (vd_fingerprint: NFC, case folded, canonical tone
**          placement, punctuation kept; the word segmentation, "_" joints
**          and white space do not matter);
**   near   the same once leading and trailing punctuation tokens are taken
**          off both (the same sentence with or without its final full stop,
**          closing quote, opening dash); sentences that are only
**          punctuation are matched exactly only.
** It counts what it drops per source (a directory or file, vd_heldout_source)
** and, when tsv is set, writes one line per file that lost sentences:
** file, sentences read, dropped exact, dropped near. VI_HELDOUT_NEAR in
** the environment prints each near match on stderr.
** Ownership: the caller owns h and the kc it lends; vd_heldout_free. */
#ifdef HOSO_VI_H
typedef struct vd_heldout {
  vi_keycache *kc; /* borrowed */
  vi_tokens ts;
  vd_seen full, core;
  size_t nheld;
  const char *tool, *source; /* for the report */
  size_t read, exact, near, files, files_hit;
  size_t all_read, all_dropped;
  FILE *tsv; /* may be NULL */
} vd_heldout;

/* Fingerprint of the tokens vd_fingerprint left in ts, without leading
** and trailing punctuation; 0 if nothing is left. */
static inline uint64_t vd_core_fingerprint(const vi_tokens *ts) {
  size_t a = 0, b = ts->n;
  while (a < b && ts->t[a].type == VI_PUNCT) a++;
  while (b > a && ts->t[b - 1].type == VI_PUNCT) b--;
  if (a == b) return 0;
  return vd_hash_tokens(ts, a, b, 0x9e3779b97f4a7c15ULL);
}

/* Held-out set = UD VTB dev and test under shared (the data directory). */
static inline void vd_heldout_init(vd_heldout *h, vi_keycache *kc, const char *shared,
                                   const char *tool) {
  memset(h, 0, sizeof(*h));
  h->kc = kc;
  h->tool = tool;
  const char *split[2] = {"dev", "test"};
  for (int k = 0; k < 2; k++) {
    char p[4096];
    vcorpus c = {0};
    snprintf(p, sizeof(p), "%s/vi-ud-vtb/vi_vtb-ud-%s.conllu", shared, split[k]);
    vd_load_conllu(&c, p);
    for (size_t i = 0; i < c.n; i++) {
      vd_seen_add(&h->full, vd_fingerprint(kc, &c.s[i], &h->ts));
      uint64_t core = vd_core_fingerprint(&h->ts); /* the same tokens */
      if (core) vd_seen_add(&h->core, core);
    }
    h->nheld += c.n;
    vd_free(&c);
  }
}

/* 0 keep, 1 exact match, 2 near match. */
static inline int vd_heldout_match(vd_heldout *h, const vsent *s) {
  if (vd_seen_has(&h->full, vd_fingerprint(h->kc, s, &h->ts))) return 1;
  uint64_t core = vd_core_fingerprint(&h->ts); /* tokenized once, above */
  return core && vd_seen_has(&h->core, core) ? 2 : 0;
}

/* Print the current source's counts (if any) and add them to the totals. */
static inline void vd_heldout_end(vd_heldout *h) {
  if (!h->source) return;
  fprintf(stderr, "%s: held-out filter: %s: dropped %zu of %zu sentences (%zu exact, %zu near) "
          "from %zu of %zu files\n", h->tool, h->source, h->exact + h->near, h->read, h->exact,
          h->near, h->files_hit, h->files);
  h->all_read += h->read;
  h->all_dropped += h->exact + h->near;
  h->source = NULL;
  h->read = h->exact = h->near = h->files = h->files_hit = 0;
}

/* Count what follows as source's (the previous source is reported first). */
static inline void vd_heldout_source(vd_heldout *h, const char *source) {
  vd_heldout_end(h);
  h->source = source;
}

/* vd_hook function: drop c->s[from..n)'s held-out sentences (in order). */
static inline void vd_heldout_hook(void *arg, vcorpus *c, size_t from, const char *file) {
  vd_heldout *h = arg;
  size_t o = from, ex = 0, nr = 0;
  int show = getenv("VI_HELDOUT_NEAR") != NULL;
  for (size_t i = from; i < c->n; i++) {
    int m = vd_heldout_match(h, &c->s[i]);
    if (m == 2 && show) fprintf(stderr, "near\t%s\t%s\n", file, c->s[i].text);
    if (m) {
      ex += m == 1;
      nr += m == 2;
      vd_sent_free(&c->s[i]);
    } else {
      c->s[o++] = c->s[i];
    }
  }
  h->read += c->n - from;
  h->exact += ex;
  h->near += nr;
  h->files++;
  if (ex + nr) {
    h->files_hit++;
    if (h->tsv) fprintf(h->tsv, "%s\t%zu\t%zu\t%zu\n", file, c->n - from, ex, nr);
  }
  c->n = o;
}

static inline vd_hook vd_heldout_as_hook(vd_heldout *h) {
  vd_hook k = {vd_heldout_hook, h};
  return k;
}

static inline void vd_heldout_free(vd_heldout *h) {
  vd_heldout_end(h);
  vi__tokens_free(&h->ts);
  free(h->full.k);
  free(h->core.k);
}
#endif

/* ---- scoring (used by train_seg --dev and vi_eval) ----------------------- */
#ifdef HOSO_VI_DATA_SCORE
#include "hoso.h"

typedef struct vd_score {
  size_t tp, npred, ngold;     /* words with exactly matching byte spans */
  size_t tag_ok, tag_n;        /* POS on gold words */
} vd_score;

/* Words of s as hoso segments them vs the gold words: exact span matches. */
static inline void vd_score_seg(const hoso_vi *vi, hoso_vi_ctx *ctx, const vsent *s,
                         vd_score *sc) {
  const hoso_vi_word *w;
  size_t nw;
  hoso_error e;
  if (hoso_vi_segment(vi, ctx, s->text, s->n, 0, &w, &nw, &e)) vd_die(e.message, NULL);
  size_t g = 0;
  for (size_t i = 0; i < nw; i++) {
    size_t a = w[i].off, b = w[i].off + w[i].len;
    while (g < s->nw && s->ws[g] < a) g++;
    if (g < s->nw && s->ws[g] == a && s->we[g] == b) sc->tp++;
  }
  sc->npred += nw;
  sc->ngold += s->nw;
}

static inline double vd_p(const vd_score *s) { return s->npred ? 100.0 * (double)s->tp / (double)s->npred : 0; }
static inline double vd_r(const vd_score *s) { return s->ngold ? 100.0 * (double)s->tp / (double)s->ngold : 0; }
static inline double vd_f(const vd_score *s) {
  double p = vd_p(s), r = vd_r(s);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
#endif
#endif /* HOSO_VI_DATA_H (scoring) */
