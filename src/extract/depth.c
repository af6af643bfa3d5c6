/* depth.c -- bound the nesting depth of markup before gumbo sees it.
**
** gumbo builds the tree iteratively but frees it recursively, and deep
** trees (100,000 nested <div>s) cost stack and time everywhere. A light
** tag scan counts open elements (elements that close themselves
** implicitly -- p, li, td, ... -- and void elements do not count); when
** the count passes the limit, a copy is made with the start and end tags
** beyond the limit overwritten by spaces, so byte offsets do not move.
** Text is never dropped; only structure below the limit is flattened.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

static int name_in(const char *s, size_t n, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == n && strncasecmp(s, list[i], n) == 0) return 1;
  return 0;
}

static const char *const voids[] = {"area", "base", "br", "col", "embed", "hr",
                                    "img", "input", "link", "meta", "param",
                                    "source", "track", "wbr", "keygen", "p",
                                    "li", "td", "th", "tr", "dt", "dd",
                                    "option", "html", "head", "body", NULL};
static const char *const raw[] = {"script", "style", "textarea", "title",
                                  "xmp", "plaintext", "noscript", NULL};

/* Scan; when blank != NULL, overwrite tags past max with spaces.
** Returns the deepest nesting seen. */
static long scan(const char *s, size_t n, long max, char *blank) {
  long depth = 0, deepest = 0;
  size_t i = 0;
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    if (!lt) break;
    i = (size_t)(lt - s);
    if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
      const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
      i = e ? (size_t)(e - s) + 3 : n;
      continue;
    }
    int end = i + 1 < n && s[i + 1] == '/';
    size_t ns = i + 1 + (size_t)end, ne = ns;
    while (ne < n && ((s[ne] | 0x20) >= 'a' && (s[ne] | 0x20) <= 'z')) ne++;
    while (ne < n && ((s[ne] >= '0' && s[ne] <= '9') || s[ne] == '-' || s[ne] == ':' ||
                      ((s[ne] | 0x20) >= 'a' && (s[ne] | 0x20) <= 'z')))
      ne++;
    if (ne == ns) {
      i++;
      continue;
    }
    /* find the tag end, skipping quoted attribute values */
    size_t j = ne;
    char q = 0;
    while (j < n) {
      char c = s[j];
      if (q) {
        if (c == q) q = 0;
      } else if (c == '"' || c == '\'') {
        q = c;
      } else if (c == '>') {
        break;
      }
      j++;
    }
    size_t tag_end = j < n ? j + 1 : n;
    int self_closing = j > 0 && j < n && s[j - 1] == '/';
    if (!end && name_in(s + ns, ne - ns, raw)) {
      /* skip to the matching end tag */
      size_t k = tag_end;
      size_t nl = ne - ns;
      while (k < n) {
        const char *p = memmem(s + k, n - k, "</", 2);
        if (!p) {
          k = n;
          break;
        }
        k = (size_t)(p - s);
        if (k + 2 + nl <= n && strncasecmp(s + k + 2, s + ns, nl) == 0) break;
        k += 2;
      }
      i = k;
      continue;
    }
    if (name_in(s + ns, ne - ns, voids) || self_closing) {
      i = tag_end;
      continue;
    }
    if (end) {
      if (depth > max && blank) memset(blank + i, ' ', tag_end - i);
      if (depth > 0) depth--;
    } else {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > max && blank) memset(blank + i, ' ', tag_end - i);
    }
    i = tag_end;
  }
  return deepest;
}

int hoso__depth_guard(const char *s, size_t n, int max_depth, char **out) {
  *out = NULL;
  if (scan(s, n, max_depth, NULL) <= max_depth) return 0;
  char *c = malloc(n + 1);
  if (!c) return HOSO_ENOMEM;
  memcpy(c, s, n);
  c[n] = '\0';
  scan(s, n, max_depth, c);
  *out = c;
  return 1;
}
