/* langid.c -- language identification of a paragraph: vi, ru, en, other.
** (First version: a script and letter-inventory heuristic; the trained
** character n-gram model replaces it.) */
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct hoso_langid {
  int heuristic;
};

const char *hoso_lang_name(int lang) {
  switch (lang) {
    case HOSO_LANG_VI: return "vi";
    case HOSO_LANG_RU: return "ru";
    case HOSO_LANG_EN: return "en";
    default: return "other";
  }
}

int hoso_langid_open(const char *path, hoso_langid **out, hoso_error *err) {
  (void)path;
  *out = calloc(1, sizeof(**out));
  if (!*out) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  (*out)->heuristic = 1;
  return HOSO_OK;
}

void hoso_langid_close(hoso_langid *m) { free(m); }

size_t hoso__langid_scores(const hoso_langid *m, const char *s, size_t n,
                           double *scores) {
  (void)m;
  size_t latin = 0, cyr = 0, other = 0, vi = 0, i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (hoso__cclass(cp) != HOSO_CC_LETTER) continue;
    int sc = hoso__script(cp);
    if (sc == HOSO_SCRIPT_LATIN) {
      latin++;
      if (cp >= 0x80) vi++;
    } else if (sc == HOSO_SCRIPT_CYRILLIC) {
      cyr++;
    } else {
      other++;
    }
  }
  size_t total = latin + cyr + other;
  for (int l = 0; l < HOSO_LANG_COUNT; l++) scores[l] = -1e9;
  if (!total) return 0;
  scores[HOSO_LANG_RU] = (double)cyr;
  scores[HOSO_LANG_OTHER] = (double)other;
  scores[HOSO_LANG_VI] = vi * 10 > latin ? (double)latin : 0;
  scores[HOSO_LANG_EN] = vi * 10 > latin ? 0 : (double)latin;
  return total;
}

int hoso_langid_detect(const hoso_langid *m, const char *s, size_t n,
                       double *confidence) {
  double sc[HOSO_LANG_COUNT];
  size_t k = hoso__langid_scores(m, s, n, sc);
  int best = HOSO_LANG_OTHER;
  double sum = 0;
  if (k)
    for (int l = 0; l < HOSO_LANG_COUNT; l++) {
      if (sc[l] > sc[best]) best = l;
      if (sc[l] > 0) sum += sc[l];
    }
  if (confidence) *confidence = k && sum > 0 ? sc[best] / sum : 0;
  return best;
}
