/* langid.c -- language identification of a paragraph: vi, ru, en, other.
**
** A multinomial naive Bayes over hashed character 1..3-grams of the
** lower-cased NFC letters (words padded with a space, digits and
** punctuation ignored), four classes in hoso_lang order. The model is
** trained by tools/train_langid.c (`make models`) and committed as
** models/langid.bin; models/README.md names the data. The loaded model is
** read-only, so one handle serves many threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

#define LANGID_MAX_BITS 22
/* Log-likelihood lead (natural log) a short paragraph needs over the
** previous paragraph's language to break away from it. */
#define HOSO_LANGID_SHORT_MARGIN 6.0

struct hoso_langid {
  unsigned bits;
  int16_t *table; /* [HOSO_LANG_COUNT][1 << bits] */
};

const char *hoso_lang_name(int lang) {
  switch (lang) {
    case HOSO_LANG_VI: return "vi";
    case HOSO_LANG_RU: return "ru";
    case HOSO_LANG_EN: return "en";
    default: return "other";
  }
}

static uint32_t fnv(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

int hoso_langid_open(const char *path, hoso_langid **out, hoso_error *err) {
  char def[1024];
  *out = NULL;
  if (!path) path = hoso__model_path("langid.bin", def, sizeof(def));
  char *data;
  size_t n;
  int rc = hoso__read_file(path, 64u << 20, &data, &n, err);
  if (rc) {
    if (err) err->code = HOSO_EMODEL;
    return HOSO_EMODEL;
  }
  const unsigned char *p = (const unsigned char *)data;
  size_t head = 8 + 4 + 4;
  uint32_t bits = n >= head ? rd32(p + 8) : 0;
  uint32_t classes = n >= head ? rd32(p + 12) : 0;
  size_t cells = bits && bits <= LANGID_MAX_BITS ? (size_t)HOSO_LANG_COUNT << bits : 0;
  if (n < head || memcmp(p, HOSO_LANGID_MAGIC, 8) || !cells ||
      classes != HOSO_LANG_COUNT || n != head + cells * 2 + 4 ||
      rd32(p + n - 4) != fnv(2166136261u, p, n - 4)) {
    hoso_free(data);
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EMODEL,
                     "not a hoso language-id model, or truncated/corrupt "
                     "(retrain with make models)");
  }
  hoso_langid *m = calloc(1, sizeof(*m));
  int16_t *t = malloc(cells * sizeof(int16_t));
  if (!m || !t) {
    free(m);
    free(t);
    hoso_free(data);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < cells; i++)
    t[i] = (int16_t)(uint16_t)(p[head + 2 * i] | p[head + 2 * i + 1] << 8);
  hoso_free(data);
  m->bits = bits;
  m->table = t;
  *out = m;
  return HOSO_OK;
}

void hoso_langid_close(hoso_langid *m) {
  if (!m) return;
  free(m->table);
  free(m);
}

/* Lower-case letter or 0 (a boundary) for cp. */
static int32_t feature_char(int32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    return cp >= 'a' && cp <= 'z' ? cp : 0;
  }
  int cc = hoso__cclass(cp);
  if (cc == HOSO_CC_MARK) return -1; /* stays with its letter */
  if (cc != HOSO_CC_LETTER) return 0;
  return utf8proc_tolower(cp);
}

/* Emit the n-grams (min_len..k) that end at the last of w[0..k). */
static void emit(const int32_t *w, int k, int min_len, unsigned bits,
                 hoso_feature_cb cb, void *ctx) {
  for (int len = min_len; len <= k; len++) {
    const int32_t *g = w + k - len;
    if (len == 1 && g[0] == ' ') continue;
    uint32_t h = 2166136261u ^ (uint32_t)len;
    for (int j = 0; j < len; j++) {
      unsigned char b4[4] = {(unsigned char)g[j], (unsigned char)(g[j] >> 8),
                             (unsigned char)(g[j] >> 16), 0};
      h = fnv(h, b4, 3);
    }
    cb(ctx, (h ^ (h >> 16)) & ((1u << bits) - 1));
  }
}

static int push(int32_t *w, int k, int32_t c) {
  if (k == 3) {
    w[0] = w[1];
    w[1] = w[2];
    k = 2;
  }
  w[k++] = c;
  return k;
}

size_t hoso__langid_features(const char *s, size_t n, unsigned bits,
                             hoso_feature_cb cb, void *ctx) {
  /* NFC first so decomposed text gives the same n-grams; if that fails
  ** (out of memory) the raw text still gives an answer. */
  hoso_buf b;
  hoso__buf_init(&b, 0);
  if (hoso__nfc_append(&b, s, n) == HOSO_OK && b.p) {
    s = b.p;
    n = b.n;
  }
  int32_t w[3];
  int k = 0;
  size_t letters = 0, i = 0;
  w[k++] = ' ';
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    int32_t c = feature_char(cp);
    if (c < 0) continue;
    if (c == 0) {
      if (w[k - 1] == ' ') continue;
      c = ' ';
    } else {
      letters++;
    }
    k = push(w, k, c);
    emit(w, k, 1, bits, cb, ctx);
  }
  if (w[k - 1] != ' ') { /* close the last word */
    k = push(w, k, ' ');
    emit(w, k, 2, bits, cb, ctx);
  }
  hoso__buf_free(&b);
  return letters;
}

typedef struct score_ctx {
  const hoso_langid *m;
  double *scores;
  size_t count;
} score_ctx;

static void add_feature(void *ctx, uint32_t h) {
  score_ctx *c = ctx;
  size_t cells = (size_t)1 << c->m->bits;
  for (int l = 0; l < HOSO_LANG_COUNT; l++)
    c->scores[l] += c->m->table[(size_t)l * cells + h] / 1000.0;
  c->count++;
}

size_t hoso__langid_scores(const hoso_langid *m, const char *s, size_t n,
                           double *scores) {
  for (int l = 0; l < HOSO_LANG_COUNT; l++) scores[l] = 0;
  score_ctx c = {m, scores, 0};
  size_t letters = hoso__langid_features(s, n, m->bits, add_feature, &c);
  return letters ? c.count : 0;
}

static size_t count_letters(const char *s, size_t n) {
  size_t i = 0, k = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (hoso__cclass(cp) == HOSO_CC_LETTER) k++;
  }
  return k;
}

int hoso_langid_detect(const hoso_langid *m, const char *s, size_t n,
                       double *confidence) {
  double sc[HOSO_LANG_COUNT];
  if (confidence) *confidence = 0;
  if (!m || !hoso__langid_scores(m, s, n, sc)) return HOSO_LANG_OTHER;
  int best = 0;
  for (int l = 1; l < HOSO_LANG_COUNT; l++)
    if (sc[l] > sc[best]) best = l;
  if (confidence) {
    double z = 0;
    for (int l = 0; l < HOSO_LANG_COUNT; l++) z += exp(sc[l] - sc[best]);
    *confidence = 1.0 / z;
  }
  return best;
}

int hoso_langid_paragraph(const hoso_langid *m, const char *s, size_t n,
                          int prev, double *confidence) {
  int best = hoso_langid_detect(m, s, n, confidence);
  if (prev < 0 || prev >= HOSO_LANG_COUNT || best == prev || !m ||
      count_letters(s, n) >= HOSO_LANGID_MIN_LETTERS)
    return best;
  /* Too short to judge alone: keep the language of the paragraph before
  ** unless the text clearly says otherwise (another script: "Москва"
  ** after Vietnamese). */
  double sc[HOSO_LANG_COUNT];
  if (hoso__langid_scores(m, s, n, sc) &&
      sc[best] - sc[prev] > HOSO_LANGID_SHORT_MARGIN)
    return best;
  if (confidence) *confidence = 0;
  return prev;
}
