/* vietnamese.c -- Vietnamese syllable structure and the tone-placement rule.
**
** A syllable is onset + vowel cluster (nucleus) + coda. The tone mark (one
** of grave, acute, hook above, tilde, dot below) belongs to the syllable;
** writers disagree only on WHICH vowel of the cluster carries it:
** "hòa"/"hoà", "khỏe"/"khoẻ", "thủy"/"thuỷ", "ủy"/"uỷ". For matching we
** move it to one canonical vowel, the traditional ("old style") place that
** Vietnamese news text uses most:
**   1. a cluster with a vowel bearing a quality mark (ă â ê ô ơ ư) takes
**      the tone on that vowel, on the last one if two (ươ -> ơ);
**   2. otherwise, a closed syllable (with a final consonant) takes it on
**      the last vowel (hoàn, toán, huỳnh);
**   3. otherwise one vowel takes it, three vowels on the middle one
**      (oài, khuỷu), two vowels on the FIRST one (hòa, khỏe, thủy, mía,
**      mùa, hài).
** "qu" and "gi" before another vowel are onsets, so "quý", "quả", "giữa"
** have one-vowel clusters. The only clusters where the styles differ are
** the open oa, oe, uy; the rule is total over every cluster in
** vi_nuclei (generated, with the onset and coda sets, by
** tools/gen_vi_tables.c), and tests/unit/test_tone.c checks every one of them with
** every tone, every placement, several onsets and codas, and both cases.
** The vowel letter tables come from tools/gen_vi_tables.c (vi_tables.inc). */
#include <string.h>

#include "text.h"
#include "vi_tables.inc"

#define VI_MAX_LETTERS 16

/* The vi_tables.inc entry of a vowel letter (vowel id + 1, tone << 4,
** upper-case << 7); 0 for anything else. */
static unsigned vi_entry(int32_t cp) {
  if (cp >= 0 && cp <= VI_LO_MAX) return vi_lo[cp];
  if (cp >= VI_HI_MIN && cp <= VI_HI_MAX) return vi_hi[cp - VI_HI_MIN];
  return 0;
}

/* Vowel ids in vi_tables.inc order, spelled as one ASCII letter each for
** the cluster list: a ă â e ê i o ô ơ u ư y. */
static const char VOWEL_CODE[12] = {'a', 'A', 'B', 'e', 'E', 'i',
                                    'o', 'O', 'P', 'u', 'U', 'y'};

typedef struct unit {
  size_t start, end; /* bytes of the letter and its marks */
  char cons;         /* consonant: lower-case ASCII, 'D' for đ; 0 = vowel */
  int vid;           /* vowel id 0..11 */
  int tone;          /* 0..5 */
  int upper;
} unit;

static int tone_of_mark(int32_t cp) {
  switch (cp) {
    case 0x0300: return 1;
    case 0x0301: return 2;
    case 0x0309: return 3;
    case 0x0303: return 4;
    case 0x0323: return 5;
    default: return 0;
  }
}

/* Apply a quality mark to a base vowel id; -1 if the pair is not a letter. */
static int with_quality(int vid, int32_t mark) {
  if (mark == 0x0306 && vid == 0) return 1;
  if (mark == 0x0302) return vid == 0 ? 2 : vid == 3 ? 4 : vid == 6 ? 7 : -1;
  if (mark == 0x031B) return vid == 6 ? 8 : vid == 9 ? 10 : -1;
  return -1;
}

static int ascii_vowel(int c) {
  switch (c) {
    case 'a': return 0;
    case 'e': return 3;
    case 'i': return 5;
    case 'o': return 6;
    case 'u': return 9;
    case 'y': return 11;
    default: return -1;
  }
}

/* Split s[0..n) into letter units. Returns the count, -1 if the word has
** anything that is not a Vietnamese letter or mark, or is too long. */
static int split_units(const char *s, size_t n, unit *u) {
  int k = 0;
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_dec(s + i, n - i, &len);
    if (cp < 0) return -1;
    int t = tone_of_mark(cp);
    if (t || cp == 0x0306 || cp == 0x0302 || cp == 0x031B) {
      if (!k || u[k - 1].cons) return -1;
      unit *p = &u[k - 1];
      if (t) {
        if (p->tone) return -1;
        p->tone = t;
      } else {
        int v = with_quality(p->vid, cp);
        if (v < 0) return -1;
        p->vid = v;
      }
      p->end = i + len;
      i += len;
      continue;
    }
    if (k == VI_MAX_LETTERS) return -1;
    unit *p = &u[k];
    memset(p, 0, sizeof(*p));
    p->start = i;
    p->end = i + len;
    if (cp < 0x80) {
      int c = cp | 32;
      if (c < 'a' || c > 'z') return -1;
      p->upper = cp < 'a';
      int v = ascii_vowel(c);
      if (v < 0) {
        if (c == 'f' || c == 'j' || c == 'w' || c == 'z') return -1;
        p->cons = (char)c;
      } else {
        p->vid = v;
      }
    } else if (cp == 0x0110 || cp == 0x0111) {
      p->cons = 'D';
      p->upper = cp == 0x0110;
    } else {
      unsigned e = vi_entry(cp);
      if (!e) return -1;
      p->vid = (int)(e & 15) - 1;
      p->tone = (int)((e >> 4) & 7);
      p->upper = (int)(e >> 7);
    }
    k++;
    i += len;
  }
  return k;
}

/* Set membership keys, as in tools/gen_vi_tables.c. */
static int in_vset(const char *s, int n) {
  unsigned k = 0, m = 1;
  if (n > 3) return 0;
  for (int i = 0; i < n; i++, m *= 13)
    k += m * (unsigned)(memchr(VOWEL_CODE, s[i], 12) ? (const char *)memchr(VOWEL_CODE, s[i], 12) - VOWEL_CODE + 1 : 0);
  return (vi_nucleus_set[k / 32] >> (k % 32)) & 1;
}
static int in_cset(const unsigned *set, unsigned max_len, const char *s, int n) {
  unsigned k = 0, m = 1;
  if ((unsigned)n > max_len) return 0;
  for (int i = 0; i < n; i++, m *= 28)
    k += m * (unsigned)(s[i] == 'D' ? 27 : s[i] - 'a' + 1);
  return (set[k / 32] >> (k % 32)) & 1;
}

/* Canonical index of the tone inside a nucleus (see the rule on top). */
static int canon_in_nucleus(const char *nuc, int len, int has_coda) {
  for (int i = len - 1; i >= 0; i--)
    if (nuc[i] == 'A' || nuc[i] == 'B' || nuc[i] == 'E' || nuc[i] == 'O' ||
        nuc[i] == 'P' || nuc[i] == 'U')
      return i;
  if (has_coda) return len - 1;
  if (len == 3) return 1;
  return 0;
}

static int parse_units(const unit *u, int k, hoso_vi_syllable *out) {
  memset(out, 0, sizeof(*out));
  out->tone_at = out->canon_at = -1;
  out->n_letters = k;
  if (k <= 0) return 0;
  char on[VI_MAX_LETTERS + 1], nuc[VI_MAX_LETTERS + 1],
      coda[VI_MAX_LETTERS + 1];
  int a = 0, nn = 0, nc = 0, i = 0, tones = 0;
  for (int j = 0; j < k; j++)
    if (u[j].tone) {
      tones++;
      out->tone = u[j].tone;
      out->tone_at = j;
    }
  if (tones > 1) return 0;
  while (i < k && u[i].cons) on[a++] = u[i++].cons;
  int nuc_at = i;
  while (i < k && !u[i].cons) nuc[nn++] = VOWEL_CODE[u[i++].vid];
  while (i < k && u[i].cons) coda[nc++] = u[i++].cons;
  if (i < k || nn == 0) return 0;
  /* "qu" and "gi" onsets take a vowel letter */
  if (a == 1 && on[0] == 'q') {
    if (nuc[0] != 'u' || nn < 2) return 0;
    memmove(nuc, nuc + 1, (size_t)--nn);
    nuc_at++;
  } else if (a == 1 && on[0] == 'g' && nuc[0] == 'i' && nn >= 2) {
    memmove(nuc, nuc + 1, (size_t)--nn);
    nuc_at++;
  }
  if (!in_cset(vi_onset_set, 3, on, a)) return 0;
  if (!in_vset(nuc, nn)) return 0;
  if (!in_cset(vi_coda_set, 2, coda, nc)) return 0;
  out->valid = 1;
  if (out->tone) out->canon_at = nuc_at + canon_in_nucleus(nuc, nn, nc > 0);
  return 1;
}

int hoso__vi_parse(const char *s, size_t n, hoso_vi_syllable *out) {
  unit u[VI_MAX_LETTERS];
  int k = split_units(s, n, u);
  if (k < 0) {
    memset(out, 0, sizeof(*out));
    out->tone_at = out->canon_at = -1;
    return 0;
  }
  return parse_units(u, k, out);
}

/* The tokenizer asks this for every Latin word, so it is one pass with
** no unit array: same answer as hoso__vi_parse (test_tone checks). */
int hoso__vi_is_syllable(const char *s, size_t n) {
  char on[3], coda[2];
  int nuc[4]; /* vowel ids */
  int a = 0, nn = 0, nc = 0, tones = 0, phase = 0, vid = -1, after_vowel = 0;
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_dec(s + i, n - i, &len);
    i += len;
    if (cp < 0) return 0;
    int c = 0; /* consonant */
    vid = -1;
    if (cp < 0x80) {
      c = cp | 32;
      if (c < 'a' || c > 'z') return 0;
      vid = ascii_vowel(c);
      if (vid < 0 && (c == 'f' || c == 'j' || c == 'w' || c == 'z')) return 0;
    } else if (cp == 0x0110 || cp == 0x0111) {
      c = 'D';
    } else if (cp >= 0x0300 && cp <= 0x0323) { /* NFD marks */
      if (!after_vowel) return 0;
      if (tone_of_mark(cp)) {
        tones++;
        continue;
      }
      int v = with_quality(nuc[nn - 1], cp);
      if (v < 0) return 0;
      nuc[nn - 1] = v;
      continue;
    } else {
      unsigned e = vi_entry(cp);
      if (!e) return 0;
      vid = (int)(e & 15) - 1;
      tones += ((e >> 4) & 7) != 0;
    }
    after_vowel = vid >= 0;
    if (vid >= 0) {
      if (phase == 2 || nn == 4) return 0;
      phase = 1;
      nuc[nn++] = vid;
    } else if (phase == 0) {
      if (a == 3) return 0;
      on[a++] = (char)c;
    } else {
      if (nc == 2) return 0;
      phase = 2;
      coda[nc++] = (char)c;
    }
  }
  if (tones > 1 || nn == 0) return 0;
  int skip = 0;
  if (a == 1 && on[0] == 'q') {
    if (nuc[0] != 9 || nn < 2) return 0; /* u */
    skip = 1;
  } else if (a == 1 && on[0] == 'g' && nuc[0] == 5 && nn >= 2) { /* i */
    skip = 1;
  }
  if (nn - skip > 3) return 0;
  unsigned k = 0, m = 1;
  for (int j = skip; j < nn; j++, m *= 13) k += m * (unsigned)(nuc[j] + 1);
  return ((vi_nucleus_set[k / 32] >> (k % 32)) & 1) &&
         in_cset(vi_onset_set, 3, on, a) && in_cset(vi_coda_set, 2, coda, nc);
}

/* Append one word with its tone moved (or copied unchanged). */
static int tone_word(hoso_buf *out, const char *s, size_t n) {
  unit u[VI_MAX_LETTERS];
  hoso_vi_syllable syl;
  int k = split_units(s, n, u);
  if (k < 0 || !parse_units(u, k, &syl) || syl.tone_at == syl.canon_at)
    return hoso__buf_add(out, s, n);
  size_t done = 0;
  for (int i = 0; i < k; i++) {
    if (i != syl.tone_at && i != syl.canon_at) continue;
    int t = i == syl.canon_at ? syl.tone : 0;
    char tmp[4];
    size_t m = hoso__utf8_encode(vi_compose[u[i].vid][t][u[i].upper], tmp);
    int rc = hoso__buf_add(out, s + done, u[i].start - done);
    if (!rc) rc = hoso__buf_add(out, tmp, m);
    if (rc) return rc;
    done = u[i].end;
  }
  return hoso__buf_add(out, s + done, n - done);
}

int hoso__vi_tone_append(hoso_buf *out, const char *s, size_t n) {
  size_t i = 0, done = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_dec(s + i, n - i, &len);
    if (hoso__cclass(cp) != HOSO_CC_LETTER) {
      i += len;
      continue;
    }
    size_t w = i;
    i += len;
    while (i < n) {
      cp = hoso__utf8_decode(s + i, n - i, &len);
      int c = hoso__cclass(cp);
      if (c != HOSO_CC_LETTER && c != HOSO_CC_MARK) break;
      i += len;
    }
    int rc = hoso__buf_add(out, s + done, w - done);
    if (!rc) rc = tone_word(out, s + w, i - w);
    if (rc) return rc;
    done = i;
  }
  return hoso__buf_add(out, s + done, n - done);
}
