/* statebody.c -- an article body that is only in the page's script state.
**
** A page rendered by script can ship its article as an HTML string in the
** state its scripts start from, and nothing of it in the markup (a
** Next.js page's "contentHtml"). The keys are data (state_words.txt); a
** value is found in the raw input, as plain JSON ("key":"<p>..") or inside
** a string of a script's JSON ("\"key\":\"<p>..\""), and it may be a
** reference ("$24") to a text row of a React Server Components stream
** (the strings pushed by the script calls listed in state_words.txt),
** which is then read from the stream: "24:T1b7b," and 0x1b7b bytes.
**
** The text found is HTML; its block elements (paragraphs, headings, list
** items, quotes) become lines, without the elements that say they are a
** caption or boilerplate (their class words, lexicon.c) and without
** figures. The lines point nowhere into the input: the HTML is escaped
** inside a script, so the blocks made from them carry no spans.
**
** Ownership: the caller owns out; everything else here is freed before
** returning. No global mutable state.
*/
#include <gumbo.h>
#include <jansson.h>
#include <string.h>

#include "extract.h"
#include "html.h"
#include "lexicon.h"
#include "statebody.h"

#include "state_words.inc"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* End of a JSON string body starting at s[i]: the offset of its closing
** quote (not escaped), or n when it does not close. */
static size_t string_end(const char *s, size_t n, size_t i) {
  while (i < n && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
  return i < n ? i : n;
}

/* Decode the JSON string body s[0..n) (without its quotes) into out
** (replacing its content). 1 when it decodes, 0 when not, or a negative
** HOSO_E*. */
static int decode_string(const char *s, size_t n, hoso_buf *out) {
  hoso_buf q;
  hoso__buf_init(&q, 0);
  int rc = hoso__buf_addc(&q, '"');
  if (!rc) rc = hoso__buf_add(&q, s, n);
  if (!rc) rc = hoso__buf_addc(&q, '"');
  if (rc) {
    hoso__buf_free(&q);
    return rc;
  }
  json_t *j = json_loadb(q.p, q.n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
  hoso__buf_free(&q);
  if (!j) return 0; /* not valid JSON (or out of memory: then no body either) */
  int ok = json_is_string(j);
  hoso__buf_reset(out);
  if (ok) rc = hoso__buf_add(out, json_string_value(j), json_string_length(j));
  json_decref(j);
  return rc ? rc : ok;
}

/* Where the string value after the key that ends at src[i] starts: past
** spaces, a colon, spaces and an opening quote (escaped: a backslash
** before it); n when what follows is not that. */
static size_t value_start(const char *src, size_t n, size_t i, int escaped) {
  while (i < n && src[i] == ' ') i++;
  if (i >= n || src[i++] != ':') return n;
  while (i < n && src[i] == ' ') i++;
  if (escaped && (i >= n || src[i++] != '\\')) return n;
  return i < n && src[i] == '"' ? i + 1 : n;
}

/* The value of key in src: plain ("key": "v") or escaped once inside a
** script's string ("\"key\":\"v\""). 1 with the decoded value in out, 0
** when there is none (or it is empty), or a negative HOSO_E*. */
static int find_value(const char *src, size_t n, const char *key, hoso_buf *out) {
  hoso_buf pat, outer;
  hoso__buf_init(&pat, 0);
  hoso__buf_init(&outer, 0);
  int found = 0;
  for (int escaped = 0; escaped < 2 && !found; escaped++) {
    hoso__buf_reset(&pat);
    int rc = hoso__buf_printf(&pat, escaped ? "\\\"%s\\\"" : "\"%s\"", key);
    if (rc) {
      found = rc;
      break;
    }
    size_t from = 0, v = n;
    const char *at;
    while (v >= n && from < n && (at = memmem(src + from, n - from, pat.p, pat.n))) {
      from = (size_t)(at - src) + pat.n;
      v = value_start(src, n, from, escaped);
    }
    if (v >= n) continue;
    size_t e = string_end(src, n, v);
    if (e >= n) continue;
    if (!escaped) {
      found = decode_string(src + v, e - v, out);
      continue;
    }
    /* the script's string from the value on, decoded once, holds the
    ** value and its closing quote */
    found = decode_string(src + v, e - v, &outer);
    if (found == 1) {
      size_t ie = string_end(outer.p, outer.n, 0);
      found = ie < outer.n ? decode_string(outer.p, ie, out) : 0;
    }
  }
  hoso__buf_free(&pat);
  hoso__buf_free(&outer);
  return found == 1 && out->n == 0 ? 0 : found;
}

/* The stream of the page's RSC rows: every string pushed by the calls
** listed in stream_prefixes, decoded, in page order, into out. */
static int read_stream(const char *src, size_t n, hoso_buf *out) {
  hoso_buf one;
  hoso__buf_init(&one, 0);
  int rc = HOSO_OK;
  for (size_t k = 0; k < COUNT_OF(stream_prefixes) && !rc; k++) {
    size_t pl = strlen(stream_prefixes[k]), i = 0;
    const char *at;
    while (!rc && i < n && (at = memmem(src + i, n - i, stream_prefixes[k], pl))) {
      size_t v = (size_t)(at - src) + pl;
      while (v < n && src[v] == ' ') v++;
      if (v >= n || src[v] != '"') {
        i = v;
        continue;
      }
      size_t e = string_end(src, n, ++v);
      if (e >= n) break;
      int ok = decode_string(src + v, e - v, &one);
      if (ok < 0) rc = ok;
      else if (ok) rc = hoso__buf_add(out, one.p, one.n);
      i = e + 1;
    }
  }
  hoso__buf_free(&one);
  return rc;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The text row id ("24:T1b7b,<bytes>") of stream s[0..n) into out: 1, 0
** when there is none, or a negative HOSO_E*. */
static int stream_text_row(const char *s, size_t n, const char *id, size_t idn,
                           hoso_buf *out) {
  for (size_t i = 0; i + idn + 2 < n; i++) {
    if ((i > 0 && s[i - 1] != '\n') || memcmp(s + i, id, idn) != 0 || s[i + idn] != ':' ||
        s[i + idn + 1] != 'T')
      continue;
    size_t j = i + idn + 2, len = 0;
    int h;
    while (j < n && (h = hexval(s[j])) >= 0 && len < ((size_t)1 << 40)) {
      len = len * 16 + (size_t)h;
      j++;
    }
    if (j >= n || s[j] != ',' || len > n - j - 1) return 0;
    hoso__buf_reset(out);
    int rc = hoso__buf_add(out, s + j + 1, len);
    return rc ? rc : 1;
  }
  return 0;
}

/* Is element n a caption, a figure or boilerplate by its tag or class? */
static int skip_element(const GumboNode *n) {
  GumboTag t = n->v.element.tag;
  if (t == GUMBO_TAG_FIGURE || t == GUMBO_TAG_FIGCAPTION || t == GUMBO_TAG_SCRIPT ||
      t == GUMBO_TAG_STYLE)
    return 1;
  const char *cls = hoso__attr(n, "class");
  if (!cls) return 0;
  char low[256];
  size_t l = 0;
  for (; cls[l] && l < sizeof(low); l++)
    low[l] = (cls[l] >= 'A' && cls[l] <= 'Z') ? (char)(cls[l] - 'A' + 'a') : cls[l];
  int bits = 0;
  int w = hoso__lex_class_hint(low, l, NULL, &bits);
  return w < 0 || (bits & HX_HINT_CAPTION);
}

static int is_text_block(GumboTag t) {
  return t == GUMBO_TAG_P || t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 ||
         t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6 || t == GUMBO_TAG_LI ||
         t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_PRE;
}

/* The lines of the HTML fragment html[0..n): each text block's text, one
** a line, appended to out. */
static int fragment_lines(const char *html, size_t n, hoso_buf *out) {
  GumboOptions go = kGumboDefaultOptions;
  go.max_errors = 0;
  GumboOutput *g = gumbo_parse_with_options(&go, html, n);
  if (!g) return HOSO_ENOMEM;
  hoso_hwalk w;
  hoso__hwalk_init(&w, g->root, HOSO_HWALK_MAX);
  hoso_buf t;
  hoso__buf_init(&t, 0);
  int rc = HOSO_OK;
  const GumboNode *c;
  while (!rc && (c = hoso__hwalk_next(&w))) {
    if (c->type != GUMBO_NODE_ELEMENT || skip_element(c)) continue;
    if (!is_text_block(c->v.element.tag)) {
      hoso__hwalk_enter(&w, c);
      continue;
    }
    hoso__buf_reset(&t);
    if ((rc = hoso__node_text(c, &t, 0))) break;
    size_t before = out->n;
    if ((rc = hoso__ex_collapse(out, t.p, t.n))) break;
    if (out->n > before) rc = hoso__buf_addc(out, '\n');
  }
  hoso__buf_free(&t);
  gumbo_destroy_output(&go, g);
  return rc;
}

int hoso__state_body(const char *src, size_t n, hoso_buf *out) {
  hoso_buf val, stream, row;
  hoso__buf_init(&val, 0);
  hoso__buf_init(&stream, 0);
  hoso__buf_init(&row, 0);
  int rc = 0;
  for (size_t k = 0; k < COUNT_OF(body_keys) && rc == 0; k++) {
    rc = find_value(src, n, body_keys[k], &val);
    if (rc != 1) continue;
    const hoso_buf *html = &val;
    /* "$24": the text row 24 of the stream */
    size_t idn = val.n - 1;
    int ref = val.n >= 2 && val.n <= 17 && val.p[0] == '$';
    for (size_t i = 1; ref && i < val.n; i++) ref = hexval(val.p[i]) >= 0;
    if (ref) {
      if (stream.n == 0 && (rc = read_stream(src, n, &stream))) break;
      rc = stream_text_row(stream.p, stream.n, val.p + 1, idn, &row);
      if (rc != 1) continue;
      html = &row;
    }
    size_t before = out->n;
    rc = fragment_lines(html->p, html->n, out);
    if (!rc) rc = out->n > before;
  }
  hoso__buf_free(&val);
  hoso__buf_free(&stream);
  hoso__buf_free(&row);
  return rc;
}
