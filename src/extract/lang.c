/* lang.c -- language of a block of text.
**
** With a model (hoso_extract_opts.langid) the text core decides
** (hoso_langid_detect). Without one, a MINIMAL FALLBACK looks at the
** script only: Cyrillic ->
** "ru"; Latin with Vietnamese letters (ă â đ ê ô ơ ư, U+1EA0..U+1EF9,
** combining tone marks) -> "vi"; other Latin -> "en". It decodes through
** hoso__utf8_decode (src/text), never by itself. */
#include "extract.h"
#include "text/text.h"

static int is_vi_letter(int32_t c) {
  switch (c) {
  case 0x0103: case 0x0102: case 0x00E2: case 0x00C2: case 0x0111:
  case 0x0110: case 0x00EA: case 0x00CA: case 0x00F4: case 0x00D4:
  case 0x01A1: case 0x01A0: case 0x01B0: case 0x01AF:
    return 1;
  default:
    return (c >= 0x1EA0 && c <= 0x1EF9) || c == 0x0300 || c == 0x0301 ||
           c == 0x0303 || c == 0x0309 || c == 0x0323;
  }
}

const char *hoso__ex_language(const hoso_langid *m, const char *s, size_t n) {
  if (m) {
    int l = hoso_langid_detect(m, s, n, NULL);
    return l == HOSO_LANG_OTHER ? NULL : hoso_lang_name(l);
  }
  size_t latin = 0, cyr = 0, vi = 0, i = 0;
  while (i < n) {
    size_t len = 1;
    int32_t c = (unsigned char)s[i];
    if (c >= 0x80) c = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) latin++;
    else if (c >= 0x400 && c <= 0x4FF) cyr++;
    else if (c >= 0xC0 && c < 0x250) latin++;
    if (c > 0x7F && is_vi_letter(c)) {
      vi++;
      latin++;
    }
  }
  if (latin + cyr < 3) return NULL;
  if (cyr > latin) return "ru";
  if (vi * 40 >= latin && vi >= 1) return "vi";
  return "en";
}

const char *hoso__hx_lang(const hx_doc *d, hx_block *b) {
  if (!b->lang_done) {
    b->lang = hoso__ex_language(d->langid, hx_text(d, b), b->len);
    b->lang_done = 1;
  }
  return b->lang;
}
