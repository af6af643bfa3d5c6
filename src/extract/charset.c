/* charset.c -- bytes to UTF-8.
**
** Valid UTF-8 is never touched (spans stay exact). Otherwise the charset
** comes from, in order: the caller's hint (HTTP header), a <meta charset>
** or <meta http-equiv content="...charset="> in the first 4 KiB of HTML,
** then detection among the legacy Vietnamese encodings still found in old
** archives: windows-1258, TCVN3 (ABC; glibc's TCVN5712-1 table), VISCII
** and VNI-Windows, against windows-1252 as the Western fallback (a
** declared windows-1252/iso-8859-1 is detected too: VNI and TCVN3 pages
** were commonly served so, with the fonts doing the rest).
**
** Detection converts the first 32 KiB with each candidate and scores the
** output by its words: a word with a non-ASCII letter that is a valid
** Vietnamese syllable (hoso__vi_is_syllable: onset, vowel cluster, coda,
** one tone) scores +4, any other such word -3; replacement characters
** and C1 controls -5, other unlikely symbols -2. Reading VNI bytes as
** TCVN3 or windows-1252 gives letters but no valid syllables ("Vieät"),
** and reading windows-1258 as VNI likewise, so the right reading wins by
** a wide margin. A Vietnamese reading must beat windows-1252 and show
** real evidence (enough valid syllables for the sample's size).
**
** Conversion uses glibc iconv (a maintained, well-tested table set) for
** all but VNI-Windows, which iconv lacks: vni.c, with tables generated
** from the documented data file vni_windows.txt. The converted text is
** NFC-composed (windows-1258 and TCVN produce combining tone marks) with
** utf8proc.
*/
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "detect.h"
#include "text/text.h"

typedef struct cs_name {
  const char *label; /* lower-case label as written on pages */
  const char *iconv; /* iconv name */
  const char *name;  /* our static name */
} cs_name;

static const cs_name names[] = {
    {"utf-8", "UTF-8", "utf-8"},
    {"utf8", "UTF-8", "utf-8"},
    {"windows-1258", "CP1258", "windows-1258"},
    {"cp1258", "CP1258", "windows-1258"},
    {"tcvn", "TCVN5712-1", "tcvn3"},
    {"tcvn3", "TCVN5712-1", "tcvn3"},
    {"tcvn-5712", "TCVN5712-1", "tcvn3"},
    {"tcvn5712-1", "TCVN5712-1", "tcvn3"},
    {"abc", "TCVN5712-1", "tcvn3"},
    {"viscii", "VISCII", "viscii"},
    {"vni", "VNI", "vni-windows"},
    {"vni-windows", "VNI", "vni-windows"},
    {"x-vni", "VNI", "vni-windows"},
    {"windows-1252", "CP1252", "windows-1252"},
    {"cp1252", "CP1252", "windows-1252"},
    {"iso-8859-1", "CP1252", "windows-1252"},
    {"latin1", "CP1252", "windows-1252"},
    {"us-ascii", "CP1252", "windows-1252"},
    {"windows-1251", "CP1251", "windows-1251"},
    {"cp1251", "CP1251", "windows-1251"},
    {"koi8-r", "KOI8-R", "koi8-r"},
    {"iso-8859-5", "ISO-8859-5", "iso-8859-5"},
    {"iso-8859-2", "ISO-8859-2", "iso-8859-2"},
    {"windows-1250", "CP1250", "windows-1250"},
    {"iso-8859-15", "ISO-8859-15", "iso-8859-15"},
    {"gb2312", "GB18030", "gb18030"},
    {"gbk", "GB18030", "gb18030"},
    {"gb18030", "GB18030", "gb18030"},
    {"shift_jis", "SHIFT_JIS", "shift_jis"},
    {"euc-jp", "EUC-JP", "euc-jp"},
    {"euc-kr", "EUC-KR", "euc-kr"},
    {"big5", "BIG5", "big5"},
    {"utf-16le", "UTF-16LE", "utf-16le"},
    {"utf-16be", "UTF-16BE", "utf-16be"},
    {"utf-16", "UTF-16", "utf-16"},
};

static const cs_name *lookup(const char *label, size_t n) {
  while (n > 0 && (label[n - 1] == ' ' || label[n - 1] == '"' || label[n - 1] == '\''))
    n--;
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (strlen(names[i].label) == n && strncasecmp(names[i].label, label, n) == 0)
      return &names[i];
  return NULL;
}

/* Find charset= in the first 4 KiB of markup. */
static const cs_name *meta_charset(const char *s, size_t n) {
  size_t m = n < 4096 ? n : 4096;
  for (size_t i = 0; i + 8 < m; i++) {
    if (strncasecmp(s + i, "charset", 7) != 0) continue;
    size_t j = i + 7;
    while (j < m && (s[j] == ' ' || s[j] == '=' || s[j] == '"' || s[j] == '\'')) j++;
    size_t k = j;
    while (k < m && s[k] != '"' && s[k] != '\'' && s[k] != ' ' && s[k] != ';' &&
           s[k] != '>' && s[k] != '/')
      k++;
    if (k > j) {
      const cs_name *c = lookup(s + j, k - j);
      if (c) return c;
    }
  }
  return NULL;
}

/* Bytes one code unit of an iconv charset takes: 2 for UTF-16, else 1. */
static size_t unit_of(const char *from) {
  return strncmp(from, "UTF-16", 6) == 0 ? 2 : 1;
}

/* Convert with iconv, an invalid code unit (a byte; two bytes in UTF-16, a
** lone surrogate) -> U+FFFD; NFC the result. */
static int convert(const char *s, size_t n, const char *from, char **out,
                   size_t *out_n, hoso_error *err) {
  if (strcmp(from, "VNI") == 0) {
    hoso_buf v;
    hoso__buf_init(&v, 0);
    int rc = hoso__vni_decode(s, n, &v);
    if (!rc) rc = hoso__buf_reserve(&v, 1);
    if (rc) {
      hoso__buf_free(&v);
      return hoso__err(err, rc, "out of memory converting from VNI-Windows");
    }
    v.p[v.n] = '\0';
    *out_n = v.n;
    *out = hoso__buf_take(&v); /* already NFC: letters are precomposed */
    return HOSO_OK;
  }
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1)
    return hoso__err(err, HOSO_EFORMAT, "charset %s is not supported by iconv", from);
  size_t unit = unit_of(from);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  int rc = hoso__buf_reserve(&b, n * 2 + 16);
  char *in = (char *)(uintptr_t)s;
  size_t in_left = n;
  while (!rc && in_left > 0) {
    if ((rc = hoso__buf_reserve(&b, 4096))) break;
    char *o = b.p + b.n;
    size_t o_left = b.cap - b.n - 1;
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    b.n = (size_t)(o - b.p);
    if (r == (size_t)-1) {
      if (errno == E2BIG) {
        rc = hoso__buf_reserve(&b, b.cap);
      } else { /* EILSEQ: one bad code unit; EINVAL: a cut one at the end */
        size_t skip = errno == EINVAL || in_left < unit ? in_left : unit;
        rc = hoso__buf_add(&b, "\xEF\xBF\xBD", 3);
        in += skip;
        in_left -= skip;
      }
    }
  }
  iconv_close(cd);
  if (rc) {
    hoso__buf_free(&b);
    return hoso__err(err, rc, "out of memory converting from %s", from);
  }
  if (!b.p && (rc = hoso__buf_reserve(&b, 1))) return rc;
  b.p[b.n] = '\0';
  /* compose: windows-1258 and TCVN output combining marks */
  utf8proc_uint8_t *nfc = NULL;
  utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)b.p, (utf8proc_ssize_t)b.n,
                                    &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (m >= 0 && nfc) {
    hoso__buf_free(&b);
    *out = (char *)nfc;
    *out_n = (size_t)m;
    return HOSO_OK;
  }
  free(nfc);
  *out_n = b.n;
  *out = hoso__buf_take(&b);
  return HOSO_OK;
}

/* Letters of the Latin scripts a legacy reading can produce. */
static int latin_letter(int32_t c) {
  return (c < 0x80 && ((c | 32) >= 'a' && (c | 32) <= 'z')) ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x1EA0 && c <= 0x1EF9) || (c >= 0x300 && c <= 0x36F);
}

/* How Vietnamese does UTF-8 text look (see the header). */
typedef struct vi_eval { long score; size_t vi_words, chars; } vi_eval;

static void vi_score(const char *s, size_t n, vi_eval *ev) {
  ev->score = 0;
  ev->vi_words = ev->chars = 0;
  size_t i = 0, ws = 0;
  int in_word = 0, non_ascii = 0;
  while (i <= n) {
    size_t len = 1;
    int32_t c = 0;
    if (i < n) {
      c = (unsigned char)s[i];
      if (c >= 0x80) c = hoso__utf8_decode(s + i, n - i, &len);
      ev->chars++;
    }
    int letter = i < n && latin_letter(c);
    if (letter) {
      if (!in_word) ws = i, in_word = 1, non_ascii = 0;
      non_ascii |= c >= 0x80;
    } else if (in_word) {
      in_word = 0;
      if (non_ascii) {
        if (hoso__vi_is_syllable(s + ws, i - ws)) {
          ev->score += 4;
          ev->vi_words++;
        } else {
          ev->score -= 3;
        }
      }
    }
    if (!letter && c >= 0x80) {
      if (c == 0xFFFD || c < 0xA0) ev->score -= 5;
      else if (!(c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xB0 || c == 0xA9 ||
                 (c >= 0x2010 && c <= 0x2026)))
        ev->score -= 2;
    }
    i += len;
  }
}

/* Invalid UTF-8 sequences in the first 64 KiB (counted up to 8). */
static size_t utf8_bad_count(const char *s, size_t n) {
  size_t lim = n < 65536 ? n : 65536, bad = 0, i = 0;
  while (i < lim && bad < 8) {
    size_t at = hoso__utf8_invalid_at(s + i, lim - i);
    if (i + at >= lim) break;
    bad++;
    i += at + 1;
  }
  return bad;
}

int hoso__to_utf8(const char *s, size_t n, const char *hint, int html,
                  const char **name, char **out, size_t *out_n,
                  hoso_error *err) {
  *out = NULL;
  *out_n = 0;
  *name = "utf-8";
  if (hoso__utf8_invalid_at(s, n) == n) return HOSO_OK;
  const cs_name *c = hint ? lookup(hint, strlen(hint)) : NULL;
  if (!c && html) c = meta_charset(s, n);
  /* UTF-16 is read by hoso__utf16_to_utf8 or not at all: a page that got
  ** here is not UTF-16, whatever it declares (a saved page keeps the
  ** charset of the page it was converted from) */
  if (c && unit_of(c->iconv) == 2) c = NULL;
  size_t bad = utf8_bad_count(s, n);
  if (c && strcmp(c->name, "utf-8") == 0) {
    /* declared UTF-8 but invalid: leave it, decoding substitutes U+FFFD
    ** -- unless most of it is not UTF-8 at all */
    if (bad < 8) return HOSO_OK;
    c = NULL;
  }
  if (c && strcmp(c->name, "windows-1252") != 0) {
    *name = c->name;
    return convert(s, n, c->iconv, out, out_n, err);
  }
  /* detect among the Vietnamese legacy encodings and windows-1252 */
  static const char *const cand_iconv[] = {"CP1258", "TCVN5712-1", "VISCII", "VNI",
                                           "CP1252"};
  static const char *const cand_name[] = {"windows-1258", "tcvn3", "viscii", "vni-windows",
                                          "windows-1252"};
  enum { NCAND = 5, WESTERN = 4 };
  size_t sample = n < 32768 ? n : 32768;
  vi_eval ev[NCAND];
  for (int k = 0; k < NCAND; k++) {
    char *o = NULL;
    size_t on = 0;
    hoso_error e2;
    ev[k].score = LONG_MIN;
    ev[k].vi_words = ev[k].chars = 0;
    if (convert(s, sample, cand_iconv[k], &o, &on, &e2)) continue;
    vi_score(o, on, &ev[k]);
    free(o);
  }
  int bi = WESTERN;
  for (int k = 0; k < WESTERN; k++)
    if (ev[k].score > ev[bi].score) bi = k;
  /* UTF-8 with a few stray bytes (a cut copy, one bad character) is still
  ** UTF-8 when it reads better than every legacy reading: left as it is,
  ** decoding substitutes U+FFFD for the stray bytes */
  if (bad < 8) {
    vi_eval u;
    vi_score(s, sample, &u);
    u.score -= 5 * (long)bad; /* the U+FFFD each stray byte becomes */
    int best = ev[bi].score > ev[WESTERN].score ? bi : WESTERN;
    if (u.score > ev[best].score) return HOSO_OK;
  }
  /* Vietnamese only with real evidence: enough valid syllables with
  ** Vietnamese letters (prose has one every few words) */
  if (bi != WESTERN && (ev[bi].score <= 0 || ev[bi].vi_words < 4 ||
                        ev[bi].vi_words * 200 < ev[bi].chars))
    bi = WESTERN;
  *name = cand_name[bi];
  return convert(s, n, cand_iconv[bi], out, out_n, err);
}

/* UTF-16 without a BOM: markup and prose in Latin or Cyrillic script put a
** zero byte in the high half of most code units (ASCII letters, spaces,
** '<'), and almost never in the low half. One parity of the first 8 KiB
** with a quarter or more zero bytes and the other with under 2% is read as
** UTF-16 of that byte order; anything else (text with no such pattern,
** binary junk with zeros everywhere) is not. */
static const char *utf16_sniff(const char *s, size_t n) {
  size_t m = (n < 8192 ? n : 8192) & ~(size_t)1;
  size_t pairs = m / 2, z_even = 0, z_odd = 0;
  if (pairs < 2) return NULL;
  for (size_t i = 0; i < m; i += 2) {
    z_even += s[i] == 0;
    z_odd += s[i + 1] == 0;
  }
  if (z_odd * 4 >= pairs && z_even * 50 < pairs) return "UTF-16LE";
  if (z_even * 4 >= pairs && z_odd * 50 < pairs) return "UTF-16BE";
  return NULL;
}

int hoso__utf16_to_utf8(const char *s, size_t n, const char *hint,
                        const char **name, char **out, size_t *out_n,
                        hoso_error *err) {
  *out = NULL;
  *out_n = 0;
  *name = NULL;
  const cs_name *c = hint ? lookup(hint, strlen(hint)) : NULL;
  const char *from = NULL;
  size_t skip = 0;
  if (n >= 2 && (unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE &&
      !(n >= 4 && s[2] == 0 && s[3] == 0)) { /* FF FE 00 00 is UTF-32 */
    from = "UTF-16LE";
    skip = 2;
  } else if (n >= 2 && (unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF) {
    from = "UTF-16BE";
    skip = 2;
  } else if (c && strncmp(c->iconv, "UTF-16", 6) == 0) {
    /* declared; plain "utf-16" without a BOM is big-endian unless the
    ** bytes say otherwise */
    from = strcmp(c->iconv, "UTF-16") ? c->iconv : utf16_sniff(s, n);
    if (!from) from = "UTF-16BE";
  } else if (!c) {
    from = utf16_sniff(s, n);
  }
  if (!from) return HOSO_OK;
  *name = strcmp(from, "UTF-16LE") == 0 ? "utf-16le" : "utf-16be";
  return convert(s + skip, n - skip, from, out, out_n, err);
}
