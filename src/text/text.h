/*
** text.h -- interface to the text core (src/text/), library-internal.
** The text core is the ONLY place that decodes UTF-8; every other module
** calls these functions. Public entry points are in include/hoso.h.
*/
#ifndef HOSO_TEXT_H
#define HOSO_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

#define HOSO_REPLACEMENT_CHAR 0xFFFD

/* ---- Interface to code in utf8.c ---------------------------------- */

/* Decode one code point from s[0..n) (n >= 1). Returns the code point and
** sets *len to the bytes consumed (1..4). On an invalid or truncated
** sequence returns -1 and sets *len to the number of bytes to skip (>= 1),
** so a lenient caller substitutes U+FFFD and moves on: it never loops. */
int32_t hoso__utf8_decode(const char *s, size_t n, size_t *len);

/* The same, inline, for the hot loops of the text core. */
static inline int32_t hoso__utf8_dec(const char *s, size_t n, size_t *len) {
  const unsigned char *p = (const unsigned char *)s;
  unsigned c = p[0];
  if (c < 0x80) {
    *len = 1;
    return (int32_t)c;
  }
  size_t need;
  uint32_t cp;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *len = 1;
    return -1;
  }
  for (size_t i = 1; i < need; i++) {
    if (i >= n) {
      *len = i;
      return -1;
    }
    unsigned b = p[i];
    if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
      *len = i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = need;
  return (int32_t)cp;
}


/* Encode cp into out (room for 4 bytes). Returns bytes written (1..4),
** 0 for an invalid code point. */
size_t hoso__utf8_encode(int32_t cp, char *out);

/* Offset of the first invalid byte in s[0..n), or n if all valid. */
size_t hoso__utf8_invalid_at(const char *s, size_t n);

/* ---- Interface to code in fold.c ---------------------------------- */

/* Append the search key of s[0..n) to out: NFC, case folded, diacritics
** removed, đ/Đ -> d. Invalid bytes become U+FFFD. */
int hoso__fold_append(hoso_buf *out, const char *s, size_t n);

/* Strict check: HOSO_OK, or HOSO_EUTF8 on err (may be NULL) with the byte
** offset of the first invalid byte and a message naming the bytes. */
int hoso__utf8_check(const char *s, size_t n, hoso_error *err);

/* Lenient copy: append s[0..n) to out with every maximal invalid subpart
** replaced by U+FFFD. *n_bad (may be NULL) gets the number replaced and
** *first_bad (may be NULL) the offset of the first one (n if none). NOTE:
** replacing changes byte offsets; components that cite the input keep
** working on the original bytes (every text call below reads invalid bytes
** leniently by itself) and use this only to build text for display. */
int hoso__utf8_repair_append(hoso_buf *out, const char *s, size_t n,
                             size_t *n_bad, size_t *first_bad);

/* ---- Interface to code in nfc.c ----------------------------------- */

/* Append the NFC form of s[0..n) to out (invalid bytes -> U+FFFD). Text
** that is already NFC is copied with a fast check; only runs around
** combining marks and other unstable characters go through utf8proc. */
int hoso__nfc_append(hoso_buf *out, const char *s, size_t n);

/* ---- Interface to code in normalize.c ----------------------------- */

/* Append s[0..n) normalised per HOSO_NORM_* flags (include/hoso.h). */
int hoso__normalize_append(hoso_buf *out, const char *s, size_t n,
                           unsigned flags);

/* Append the Vietnamese matching key of s[0..n): NFC, case folded, tone
** marks moved to the canonical vowel (= HOSO_NORM_KEY). "Hoà", "HÒA",
** "hòa" and the NFD spellings all give "hòa". Diacritics other than the
** tone position are kept; hoso__fold_append is the diacritic-free key,
** and fold(key(x)) == fold(x) for every x. */
int hoso__key_append(hoso_buf *out, const char *s, size_t n);

/* ---- Interface to code in vietnamese.c ---------------------------- */

/* Vietnamese syllable structure of one word s[0..n) (NFC or NFD, any
** case, any tone placement). */
typedef struct hoso_vi_syllable {
  int valid;     /* 1 if onset + vowel cluster + coda is Vietnamese */
  int tone;      /* 0 none, 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot */
  int tone_at;   /* index among the letters where the tone mark sits, -1 */
  int canon_at;  /* index where the canonical rule puts it, -1 */
  int n_letters; /* letters in the word (marks not counted) */
} hoso_vi_syllable;

/* Parse s[0..n) as one Vietnamese syllable. Returns 1 if valid. */
int hoso__vi_parse(const char *s, size_t n, hoso_vi_syllable *out);

/* 1 if s[0..n) is a Vietnamese syllable (any tone placement). */
int hoso__vi_is_syllable(const char *s, size_t n);

/* Append s[0..n) (NFC input expected) with the tone mark of every
** Vietnamese syllable moved to its canonical vowel; case and everything
** else are kept. Words that are not Vietnamese syllables are copied. */
int hoso__vi_tone_append(hoso_buf *out, const char *s, size_t n);

/* ---- Interface to code in charclass.c ----------------------------- */

enum hoso_cclass {
  HOSO_CC_SPACE = 0, /* white space, controls, NUL, BOM */
  HOSO_CC_LETTER,
  HOSO_CC_MARK, /* combining mark */
  HOSO_CC_DIGIT, /* ASCII 0-9 only */
  HOSO_CC_PUNCT,
  HOSO_CC_SYMBOL
};

/* Class of code point cp (cp < 0 = invalid byte -> HOSO_CC_SPACE). */
int hoso__cclass(int32_t cp);
/* Script of a letter (hoso_script). */
int hoso__script(int32_t cp);
/* 1 if cp is an upper-case or title-case letter. */
int hoso__is_upper(int32_t cp);

/* ---- Interface to code in glue.c ---------------------------------- */

/* s[0..n) is a run of letters (and combining marks) the tokenizer read as
** one word: when it is two words glued without a space ("thămTrung",
** "Rumsfeldđến"), the byte length of the first; else 0. */
size_t hoso__glue_point(const char *s, size_t n);

/* ---- Interface to code in tokenize.c ------------------------------ */

/* The tokenizer (see hoso_tokenize in include/hoso.h). */
int hoso__tokenize(const char *s, size_t n, hoso_tok_cb cb, void *ctx);

/* ---- Interface to code in sentences.c ----------------------------- */

/* The sentence splitter (see hoso_sentences in include/hoso.h). */
int hoso__sentences(const char *s, size_t n, hoso_span_cb cb, void *ctx);

/* ---- Interface to code in langid.c -------------------------------- */

/* The language-id features of s[0..n): hashed character 1..3-grams of the
** lower-cased NFC letters, words padded with a space. cb gets each hash
** (already reduced to bits bits). Returns the number of letters. */
typedef void (*hoso_feature_cb)(void *ctx, uint32_t h);
size_t hoso__langid_features(const char *s, size_t n, unsigned bits,
                             hoso_feature_cb cb, void *ctx);

/* Model file layout (little-endian), written by tools/train_langid.c:
**   "HOSOLID1", u32 bits, u32 classes (= HOSO_LANG_COUNT, in hoso_lang
**   order), then int16 log-probabilities x1000 [classes][1 << bits],
**   then u32 FNV-1a checksum of everything before it. */
#define HOSO_LANGID_MAGIC "HOSOLID1"

/* Per-language scores of s[0..n) (log-probabilities, HOSO_LANG_COUNT of
** them, index = hoso_lang; OTHER gets the background score). Returns the
** number of n-grams seen (0 = nothing to judge). */
size_t hoso__langid_scores(const hoso_langid *m, const char *s, size_t n,
                           double *scores);

/* ---- Interface to code in reader.c ------------------------------- */

/* A streaming reader of a text file in bounded memory: it hands out lines
** (with their line end), and cuts a line longer than max_unit bytes at the
** last white space (else at a character boundary) before the limit, so a
** 200 MB single line never sits in memory whole. A UTF-16 file (byte
** order mark at byte 0) is refused with a clear error; a UTF-8 byte order
** mark is passed through (the tokenizer reads it as white space). */
typedef struct hoso_reader hoso_reader;

/* Open path ("-" = stdin). max_unit 0 = 1 MiB. On HOSO_OK *out is owned by
** the caller (hoso__reader_close). Errors (missing file, a directory) name
** the file on err. */
int hoso__reader_open(const char *path, size_t max_unit, hoso_reader **out,
                      hoso_error *err);
/* The next unit: 1 with *p, *n, *off (byte offset of *p in the file; *p is
** valid until the next call), 0 at end of input, or a negative status with
** err filled (file and offset). */
int hoso__reader_next(hoso_reader *r, const char **p, size_t *n, size_t *off,
                      hoso_error *err);
void hoso__reader_close(hoso_reader *r);

#endif
