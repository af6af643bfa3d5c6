/*
** syl.c -- pre-tokenisation for the segmenter: text -> syllable tokens.
**
** Whitespace separates syllables. Inside a run of non-space characters:
**   letters (with combining marks) and digits form one token; inner
**   "." "," ":" "/" between digits keep a number together (1.000,5 20/5/2021
**   17:42); "-" keeps a code together when one side has a digit or the
**   left part is upper case (COVID-19, F-16, ADMM-Plus); trailing "+"
**   after upper-case letters too (ADMM+, C++). Anything else is a one-
**   character punctuation token (a run of the same character is one:
**   "...", "!!!"). Invalid UTF-8 bytes become one-byte punctuation tokens.
**
** The canonical key of a token: NFC, lower case, the tone mark removed
** from its vowel and appended as a digit 1-5 at the end ("hoá", "hóa",
** NFD "hoá" -> "hoa1"). That is what features and the dictionary see, so
** old/new tone placement and decomposed input give the same words.
** Code points come from hoso__utf8_decode (src/text); letter tests and
** decomposition from utf8proc.
*/
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "vi/vi.h"

/* Vowel marks that stay part of the letter (circumflex, breve, horn) and
** the composition of a base vowel with one of them. */
static uint32_t compose_vowel(uint32_t base, uint32_t mark) {
  switch (mark) {
    case 0x0302: /* circumflex */
      return base == 'a' ? 0xE2 : base == 'e' ? 0xEA : base == 'o' ? 0xF4 : 0;
    case 0x0306: /* breve */
      return base == 'a' ? 0x103 : 0;
    case 0x031B: /* horn */
      return base == 'o' ? 0x1A1 : base == 'u' ? 0x1B0 : 0;
    default:
      return 0;
  }
}

static int tone_of_mark(uint32_t m) {
  switch (m) {
    case 0x0301: return 1;
    case 0x0300: return 2;
    case 0x0309: return 3;
    case 0x0303: return 4;
    case 0x0323: return 5;
    default: return 0;
  }
}

void vi__canon_init(vi_canon *c) {
  for (uint32_t cp = 0; cp < VI_CANON_N; cp++) {
    c->tone[cp] = 0;
    c->base[cp] = cp < 128 ? (uint32_t)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp)
                           : (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
    if (cp < 0xC0) continue;
    utf8proc_int32_t d[8];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 8,
                                                 UTF8PROC_DECOMPOSE, &bc);
    if (k < 2 || k > 3) continue;
    uint32_t base = (uint32_t)utf8proc_tolower(d[0]);
    int tone = 0;
    for (utf8proc_ssize_t j = 1; j < k; j++) {
      int t = tone_of_mark((uint32_t)d[j]);
      uint32_t v;
      if (t && !tone) tone = t;
      else if ((v = compose_vowel(base, (uint32_t)d[j])) != 0) base = v;
      else { base = 0; break; }
    }
    if (!base) continue; /* some other mark: keep the lower-cased letter */
    c->base[cp] = base;
    c->tone[cp] = (uint8_t)tone;
  }
}

static int is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
         cp == '\f' || cp == 0x85 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

enum { C_SPACE, C_LETTER, C_MARK, C_DIGIT, C_OTHER, C_BAD };

static int classify(int32_t cp) {
  if (cp < 0) return C_BAD;
  if (cp < 128) {
    if ((cp | 32) >= 'a' && (cp | 32) <= 'z') return C_LETTER;
    if (cp >= '0' && cp <= '9') return C_DIGIT;
    if (cp <= ' ') return C_SPACE;
    return C_OTHER;
  }
  if (is_space((uint32_t)cp)) return C_SPACE;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
      return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return C_MARK;
    case UTF8PROC_CATEGORY_ND:
      return C_DIGIT;
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return C_SPACE;
    default:
      return C_OTHER;
  }
}

static inline int32_t dec(const char *s, size_t n, size_t *len) {
  unsigned char b = (unsigned char)s[0];
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  return hoso__utf8_decode(s, n, len);
}

static int is_upper_cp(int32_t cp) {
  if (cp < 128) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Onsets and codas of Vietnamese syllables, for the "foreign" shape. */
static size_t match_onset(const char *k, size_t n) {
  static const char *const on[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu",
                                   "th", "tr", "b", "c", "d", "\xc4\x91", "g", "h", "k",
                                   "l", "m", "n", "p", "r", "s", "t", "v", "x"};
  for (size_t i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
    size_t l = strlen(on[i]);
    if (l <= n && memcmp(k, on[i], l) == 0) return l;
  }
  return 0;
}

static int is_vowel_at(const char *k, size_t n, size_t *len) {
  static const char *const v[] = {"a", "e", "i", "o", "u", "y", "\xc4\x83", "\xc3\xa2",
                                  "\xc3\xaa", "\xc3\xb4", "\xc6\xa1", "\xc6\xb0"};
  for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
    size_t l = strlen(v[i]);
    if (l <= n && memcmp(k, v[i], l) == 0) {
      *len = l;
      return 1;
    }
  }
  return 0;
}

/* key[0..n) is a toneless lower-case key: could it be a Vietnamese syllable? */
static int viet_syllable(const char *k, size_t n) {
  size_t i = match_onset(k, n), nv = 0, l;
  while (i < n && is_vowel_at(k + i, n - i, &l)) i += l, nv++;
  if (nv == 0 || nv > 3) return 0;
  if (i == n) return 1;
  static const char *const coda[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t"};
  for (size_t j = 0; j < sizeof(coda) / sizeof(coda[0]); j++)
    if (strlen(coda[j]) == n - i && memcmp(k + i, coda[j], n - i) == 0) return 1;
  return 0;
}

size_t vi__canon_key(const vi_canon *c, const char *s, size_t n, char *out,
                     size_t cap) {
  size_t o = 0, i = 0;
  int tone = 0;
  size_t last_at = (size_t)-1; /* where the last letter's encoding starts */
  uint32_t last = 0;
  while (i < n) {
    size_t len;
    int32_t cp = dec(s + i, n - i, &len);
    i += len;
    uint32_t u;
    if (cp < 0) {
      u = HOSO_REPLACEMENT_CHAR;
    } else if ((uint32_t)cp < VI_CANON_N) {
      u = c->base[cp];
      if (c->tone[cp] && !tone) tone = c->tone[cp];
    } else {
      int t = tone_of_mark((uint32_t)cp);
      if (t) { /* NFD tone mark: vowel keeps nothing */
        if (!tone) tone = t;
        continue;
      }
      u = (uint32_t)utf8proc_tolower(cp);
    }
    if (u >= 0x300 && u < 0x370) { /* combining mark (NFD) */
      int t = tone_of_mark(u);
      if (t) {
        if (!tone) tone = t;
        continue;
      }
      uint32_t v = last_at != (size_t)-1 ? compose_vowel(last, u) : 0;
      if (v) { /* rewrite the previous letter composed */
        char enc[4];
        size_t el = hoso__utf8_encode((int32_t)v, enc);
        if (last_at + el <= cap) {
          memcpy(out + last_at, enc, el);
          o = last_at + el;
        }
        last = v;
        continue;
      }
    }
    char enc[4];
    size_t el = hoso__utf8_encode((int32_t)u, enc);
    if (o + el > cap) break;
    last_at = o;
    last = u;
    memcpy(out + o, enc, el);
    o += el;
  }
  if (tone && o < cap) out[o++] = (char)('0' + tone);
  return o;
}

void vi__tokens_free(vi_tokens *ts) {
  free(ts->t);
  ts->t = NULL;
  ts->n = ts->cap = 0;
}

static int push(vi_tokens *ts, const vi_tok *t) {
  if (ts->n == ts->cap) {
    size_t nc = ts->cap ? ts->cap * 2 : 256;
    vi_tok *p = realloc(ts->t, nc * sizeof(vi_tok));
    if (!p) return HOSO_ENOMEM;
    ts->t = p;
    ts->cap = nc;
  }
  ts->t[ts->n++] = *t;
  return HOSO_OK;
}

#define KEY_MAX 64

/* Type, shape and key of the token s[0..n) that the scanner found. */
static void finish(const vi_canon *c, const char *s, size_t n, int has_letter,
                   int has_digit, int has_sep, vi_tok *t) {
  char key[KEY_MAX];
  size_t kl = vi__canon_key(c, s, n, key, sizeof(key));
  t->key = hoso__tag_hash(key, kl);
  if (has_letter && (has_digit || has_sep)) {
    t->type = VI_CODE;
    t->shape = VI_SH_CODE;
    return;
  }
  if (!has_letter) {
    t->type = VI_NUM;
    t->shape = VI_SH_NUM;
    return;
  }
  t->type = VI_WORD;
  /* case shape from the letters */
  size_t i = 0, nup = 0, nlet = 0;
  int first_up = -1;
  while (i < n) {
    size_t len;
    int32_t cp = dec(s + i, n - i, &len);
    i += len;
    if (classify(cp) != C_LETTER) continue;
    int up = is_upper_cp(cp);
    if (first_up < 0) first_up = up;
    nup += (size_t)up;
    nlet++;
  }
  if (nup == 0) t->shape = VI_SH_LOWER;
  else if (nup == nlet && nlet > 1) t->shape = VI_SH_UPPER;
  else if (nup == 1 && first_up == 1) t->shape = VI_SH_TITLE;
  else t->shape = VI_SH_MIXED;
  /* foreign-looking syllable (key without its tone digit) */
  if (kl && key[kl - 1] >= '1' && key[kl - 1] <= '5') kl--;
  if (!viet_syllable(key, kl) && (t->shape == VI_SH_LOWER || t->shape == VI_SH_TITLE))
    t->shape = VI_SH_FOREIGN;
}

int vi__tokenize(const vi_canon *c, const char *s, size_t n, vi_tokens *ts) {
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = dec(s + i, n - i, &len);
    int cl = classify(cp);
    if (cl == C_SPACE) {
      i += len;
      continue;
    }
    vi_tok t = {.off = i};
    if (cl == C_BAD) {
      t.len = len;
      t.key = hoso__tag_hash("\xef\xbf\xbd", 3);
      t.type = VI_PUNCT;
      t.shape = VI_SH_PUNCT;
      i += len;
      if (push(ts, &t)) return HOSO_ENOMEM;
      continue;
    }
    if (cl == C_OTHER) {
      size_t j = i + len, l2;
      while (j < n && dec(s + j, n - j, &l2) == cp) j += l2;
      t.len = j - i;
      char key[KEY_MAX];
      size_t kl = t.len < KEY_MAX ? t.len : KEY_MAX;
      memcpy(key, s + i, kl);
      t.key = hoso__tag_hash(key, kl);
      t.type = VI_PUNCT;
      t.shape = VI_SH_PUNCT;
      i = j;
      if (push(ts, &t)) return HOSO_ENOMEM;
      continue;
    }
    /* letters, marks and digits, with inner separators */
    int has_letter = 0, has_digit = 0, has_sep = 0, all_upper = 1;
    size_t j = i, seg_start = i;
    int32_t prev = -1;
    int prevcl = C_SPACE;
    for (;;) {
      if (j >= n) break;
      size_t l;
      int32_t ch = dec(s + j, n - j, &l);
      int k = classify(ch);
      if (k == C_LETTER || k == C_MARK) {
        has_letter = 1;
        if (k == C_LETTER && !is_upper_cp(ch)) all_upper = 0;
      } else if (k == C_DIGIT) {
        has_digit = 1;
      } else if (k == C_OTHER && (ch == '.' || ch == ',' || ch == ':' || ch == '/' ||
                                  ch == '-')) {
        /* look at the next character */
        if (j + l >= n) break;
        size_t l2;
        int32_t nx = dec(s + j + l, n - j - l, &l2);
        int nk = classify(nx);
        int ok = 0;
        if (ch == '-') {
          ok = (nk == C_LETTER || nk == C_DIGIT) &&
               (prevcl == C_DIGIT || nk == C_DIGIT || (has_letter && all_upper));
        } else {
          ok = prevcl == C_DIGIT && nk == C_DIGIT && !has_letter;
        }
        if (!ok) break;
        has_sep |= ch == '-';
        prev = ch;
        prevcl = k;
        j += l;
        continue;
      } else if (ch == '+' && has_letter && all_upper && !has_digit) {
        /* ADMM+, C++: only at the end of the run */
        size_t e = j;
        while (e < n && s[e] == '+') e++;
        size_t l3 = 0;
        int after = e < n ? classify(dec(s + e, n - e, &l3)) : C_SPACE;
        if (after == C_LETTER || after == C_DIGIT || after == C_MARK) break;
        has_sep = 1;
        j = e;
        break;
      } else {
        break;
      }
      prev = ch;
      prevcl = k;
      j += l;
    }
    (void)prev;
    (void)seg_start;
    t.len = j - i;
    finish(c, s + i, t.len, has_letter, has_digit, has_sep, &t);
    i = j;
    if (push(ts, &t)) return HOSO_ENOMEM;
  }
  return HOSO_OK;
}
