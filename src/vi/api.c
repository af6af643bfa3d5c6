/*
** api.c -- hoso_vi_*: Vietnamese word segmentation and POS tagging
** (include/hoso.h, section vi). Text -> syllable tokens (syl.c) ->
** B/I labels from the segmentation model (segfeat.c, src/tag) -> words ->
** optional UPOS labels from the tagging model (posfeat.c).
**
** Long inputs are decoded in chunks: a chunk ends before a token that must
** start a word anyway (punctuation, line break) once it has 32 tokens, or
** at 512 tokens at the latest (a forced word start there: a 10 MB line
** without punctuation still costs memory proportional to its length, in
** one token array, plus a bounded decoder state). Features always see the
** neighbours across chunk edges.
*/
#include <stdlib.h>
#include <string.h>

#include "vi/vi.h"

#define CHUNK_MIN 32
#define CHUNK_MAX 512
#define POS_CHUNK_MAX 256

struct hoso_vi {
  vi_segmodel *seg;
  hoso_tag_model *pos;
  vi_dict *dict;
  int seg_b; /* label id of "B" */
};

struct hoso_vi_ctx {
  vi_keycache *kc;
  vi_tokens toks;
  hoso_tag_seqbuf sb;
  hoso_tag_work *work;
  vi_segwork sw;
  uint16_t *lab;
  uint8_t *dmask;
  uint8_t *forced; /* token i must start a word (is_forced) */
  size_t caplab;
  hoso_vi_word *w;
  vi_word *vw;
  size_t capw;
};

static int open_one(const char *dir, const char *name, char *path, size_t cap) {
  if (dir) {
    int k = snprintf(path, cap, "%s/%s", dir, name);
    return k < 0 || (size_t)k >= cap ? HOSO_EARG : HOSO_OK;
  }
  hoso__model_path(name, path, cap);
  return HOSO_OK;
}

int hoso_vi_open(const char *dir, int flags, hoso_vi **out, hoso_error *err) {
  *out = NULL;
  hoso_vi *vi = calloc(1, sizeof(*vi));
  if (!vi) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  char path[4096];
  int rc;
  if ((rc = open_one(dir, "vi-seg.model", path, sizeof(path))) ||
      (rc = vi__segmodel_open(path, &vi->seg, err)))
    goto fail;
  if (strcmp(vi__segmodel_info(vi->seg), VI_SEG_INFO) != 0) {
    rc = hoso__err(err, HOSO_EMODEL, "not a segmentation model for this version (info \"%s\")",
                   vi__segmodel_info(vi->seg));
    hoso__err_file(err, path);
    goto fail;
  }
  vi->seg_b = vi__segmodel_label_b(vi->seg);
  if ((rc = open_one(dir, "vi-dict.bin", path, sizeof(path))) ||
      (rc = vi__dict_open(path, &vi->dict, err)))
    goto fail;
  if (flags & HOSO_VI_TAG) {
    if ((rc = open_one(dir, "vi-pos.model", path, sizeof(path))) ||
        (rc = hoso__tag_model_open(path, &vi->pos, err)))
      goto fail;
    if (strcmp(hoso__tag_info(vi->pos), VI_POS_INFO) != 0) {
      rc = hoso__err(err, HOSO_EMODEL, "not a POS model for this version (info \"%s\")",
                     hoso__tag_info(vi->pos));
      hoso__err_file(err, path);
      goto fail;
    }
  }
  *out = vi;
  return HOSO_OK;
fail:
  if (rc == HOSO_EARG) hoso__err(err, rc, "model directory path too long");
  hoso_vi_close(vi);
  return rc;
}

void hoso_vi_close(hoso_vi *vi) {
  if (!vi) return;
  vi__segmodel_close(vi->seg);
  hoso__tag_model_close(vi->pos);
  vi__dict_close(vi->dict);
  free(vi);
}

hoso_vi_ctx *hoso_vi_ctx_new(void) {
  hoso_vi_ctx *c = calloc(1, sizeof(*c));
  if (!c) return NULL;
  hoso__tag_seqbuf_init(&c->sb);
  c->work = hoso__tag_work_new();
  c->kc = vi__keycache_new();
  if (!c->work || !c->kc) {
    hoso_vi_ctx_free(c);
    return NULL;
  }
  return c;
}

void hoso_vi_ctx_free(hoso_vi_ctx *c) {
  if (!c) return;
  vi__tokens_free(&c->toks);
  vi__keycache_free(c->kc);
  hoso__tag_seqbuf_free(&c->sb);
  hoso__tag_work_free(c->work);
  vi__segwork_free(&c->sw);
  free(c->lab);
  free(c->dmask);
  free(c->forced);
  free(c->w);
  free(c->vw);
  free(c);
}

/* A line break between tokens i-1 and i? */
static int newline_gap(const char *s, const vi_tok *t, size_t i) {
  size_t a = t[i - 1].off + t[i - 1].len, b = t[i].off;
  if (b == a || (b == a + 1 && s[a] == ' ')) return 0;
  return b > a && memchr(s + a, '\n', b - a) != NULL;
}

static int reserve(hoso_vi_ctx *c, size_t n) {
  if (n > c->caplab) {
    size_t nc = c->caplab ? c->caplab : 1024;
    while (nc < n) nc *= 2;
    uint16_t *l = realloc(c->lab, nc * sizeof(uint16_t));
    if (!l) return HOSO_ENOMEM;
    c->lab = l;
    uint8_t *m = realloc(c->dmask, nc);
    if (!m) return HOSO_ENOMEM;
    c->dmask = m;
    m = realloc(c->forced, nc);
    if (!m) return HOSO_ENOMEM;
    c->forced = m;
    c->caplab = nc;
  }
  if (n > c->capw) {
    size_t nc = c->capw ? c->capw : 1024;
    while (nc < n) nc *= 2;
    hoso_vi_word *w = realloc(c->w, nc * sizeof(hoso_vi_word));
    if (!w) return HOSO_ENOMEM;
    c->w = w;
    vi_word *v = realloc(c->vw, nc * sizeof(vi_word));
    if (!v) return HOSO_ENOMEM;
    c->vw = v;
    c->capw = nc;
  }
  return HOSO_OK;
}

static int is_forced(const char *s, const vi_tok *t, size_t n, size_t i) {
  return vi__seg_forced_begin(t, n, i) || newline_gap(s, t, i);
}

/* Label tokens; c->lab[i] = 1 when token i starts a word. */
static int seg_tokens(const hoso_vi *vi, hoso_vi_ctx *c, const char *s) {
  const vi_tok *t = c->toks.t;
  size_t n = c->toks.n, start = 0;
  uint16_t lab[CHUNK_MAX];
  for (size_t i = 0; i < n; i++) c->forced[i] = (uint8_t)is_forced(s, t, n, i);
  vi__seg_dict_masks(t, n, vi->dict, c->dmask);
  int rc = vi__seg_emissions(vi->seg, &c->sw, t, n, c->dmask);
  if (rc) return rc;
  while (start < n) {
    size_t end = start + 1;
    while (end < n && end - start < CHUNK_MAX &&
           !(end - start >= CHUNK_MIN && c->forced[end]))
      end++;
    vi__seg_viterbi(vi->seg, c->sw.em, start, end, lab);
    for (size_t i = start; i < end; i++)
      c->lab[i] = (uint16_t)(i == start || c->forced[i] ||
                             lab[i - start] == (uint16_t)vi->seg_b);
    start = end;
  }
  return HOSO_OK;
}

static int is_sentence_end(const char *s, const vi_tok *t) {
  if (t->type != VI_PUNCT) return 0;
  char ch = s[t->off];
  return ch == '.' || ch == '!' || ch == '?' || ch == ';';
}

static int pos_words(const hoso_vi *vi, hoso_vi_ctx *c, const char *s, size_t nw) {
  const vi_tok *t = c->toks.t;
  size_t start = 0;
  uint16_t lab[POS_CHUNK_MAX];
  while (start < nw) {
    size_t end = start + 1;
    while (end < nw && end - start < POS_CHUNK_MAX &&
           !is_sentence_end(s, &t[c->vw[end - 1].first]))
      end++;
    hoso__tag_seqbuf_reset(&c->sb);
    for (size_t i = start; i < end; i++) vi__pos_features(t, c->vw, nw, i, vi->dict, &c->sb);
    hoso_tag_seq seq;
    int rc = hoso__tag_seqbuf_seq(&c->sb, &seq);
    if (rc) return rc;
    if ((rc = hoso__tag_decode(vi->pos, c->work, &seq, lab))) return rc;
    for (size_t i = start; i < end; i++) c->w[i].pos = hoso__tag_label(vi->pos, lab[i - start]);
    start = end;
  }
  return HOSO_OK;
}

int hoso_vi_segment(const hoso_vi *vi, hoso_vi_ctx *c, const char *s, size_t n,
                    int flags, const hoso_vi_word **words, size_t *nwords,
                    hoso_error *err) {
  *words = NULL;
  *nwords = 0;
  if ((flags & HOSO_VI_TAG) && !vi->pos)
    return hoso__err(err, HOSO_EARG, "tagging asked of a hoso_vi opened without HOSO_VI_TAG");
  c->toks.n = 0;
  if (vi__tokenize(c->kc, vi->seg, s, n, &c->toks) || reserve(c, c->toks.n + 1))
    return hoso__err(err, HOSO_ENOMEM, "out of memory segmenting %zu bytes", n);
  int rc = seg_tokens(vi, c, s);
  if (rc) return hoso__err(err, rc, "out of memory segmenting %zu bytes", n);
  const vi_tok *t = c->toks.t;
  size_t nw = 0;
  for (size_t i = 0; i < c->toks.n; i++) {
    if (c->lab[i] || nw == 0) {
      c->vw[nw].first = i;
      c->vw[nw].nsyl = 0;
      c->w[nw].off = t[i].off;
      c->w[nw].pos = NULL;
      nw++;
    }
    c->vw[nw - 1].nsyl++;
    c->w[nw - 1].len = t[i].off + t[i].len - c->w[nw - 1].off;
    c->w[nw - 1].nsyl = c->vw[nw - 1].nsyl;
  }
  if (flags & HOSO_VI_TAG) {
    rc = pos_words(vi, c, s, nw);
    if (rc) return hoso__err(err, rc, "out of memory tagging %zu bytes", n);
  }
  *words = c->w;
  *nwords = nw;
  return HOSO_OK;
}
