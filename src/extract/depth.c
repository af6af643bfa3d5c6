/* depth.c -- prepare markup before gumbo sees it.
**
** 1. Bound the nesting depth. gumbo builds the tree iteratively but frees
**    it recursively, and deep trees (100,000 nested <div>s) cost stack and
**    time everywhere. A light tag scan counts open elements (elements that
**    close themselves implicitly -- p, li, td, ... -- and void elements do
**    not count); start and end tags beyond the limit are overwritten by
**    spaces. Text is never dropped; only structure below the limit is
**    flattened.
** 2. Drop the bodies of <script> and <style> (not JSON-LD scripts, which
**    meta.c reads): on today's pages they are half the bytes and gumbo
**    spends most of its time lexing them, for text nobody reads.
** Offsets: the prepared buffer differs from the input only by removed
** ranges, recorded in a map so that hoso__prep_offset() turns a position
** in the prepared buffer back into a position in the input.
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
static const char *const droppable[] = {"script", "style", NULL};

typedef struct prep_out {
  char *p;      /* output, or NULL on the measuring pass */
  size_t o;     /* bytes written */
  size_t from;  /* input position copied up to */
  hx_prep *map; /* where removed ranges are recorded */
  int oom;
} prep_out;

static void copy_to(prep_out *w, const char *s, size_t upto) {
  if (!w->p || upto <= w->from) return;
  memcpy(w->p + w->o, s + w->from, upto - w->from);
  w->o += upto - w->from;
  w->from = upto;
}

static void blank(prep_out *w, const char *s, size_t i, size_t end) {
  if (!w->p) return;
  copy_to(w, s, i);
  memset(w->p + w->o, ' ', end - i);
  w->o += end - i;
  w->from = end;
}

static void drop(prep_out *w, const char *s, size_t i, size_t end) {
  if (!w->p || end <= i) return;
  copy_to(w, s, i);
  hx_prep *m = w->map;
  if (m->n_map == m->cap_map) {
    size_t nc = m->cap_map ? m->cap_map * 2 : 64;
    size_t *a = realloc(m->out_pos, nc * sizeof(size_t));
    if (!a) {
      w->oom = 1;
      return;
    }
    m->out_pos = a;
    size_t *b = realloc(m->shift, nc * sizeof(size_t));
    if (!b) {
      w->oom = 1;
      return;
    }
    m->shift = b;
    m->cap_map = nc;
  }
  size_t before = m->n_map ? m->shift[m->n_map - 1] : 0;
  m->out_pos[m->n_map] = w->o;
  m->shift[m->n_map] = before + (end - i);
  m->n_map++;
  w->from = end;
}

/* One pass; returns the deepest nesting; *dropped gets the bytes of
** script/style bodies. */
static long scan(const char *s, size_t n, long max, prep_out *w, size_t *dropped) {
  long depth = 0, deepest = 0;
  size_t i = 0;
  *dropped = 0;
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
      if (k < n && name_in(s + ns, ne - ns, droppable) &&
          !memmem(s + ne, tag_end - ne, "ld+json", 7) && !memmem(s + ne, tag_end - ne, "LD+JSON", 7)) {
        *dropped += k - tag_end;
        drop(w, s, tag_end, k);
      }
      i = k;
      continue;
    }
    if (name_in(s + ns, ne - ns, voids) || self_closing) {
      i = tag_end;
      continue;
    }
    if (end) {
      if (depth > max) blank(w, s, i, tag_end);
      if (depth > 0) depth--;
    } else {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > max) blank(w, s, i, tag_end);
    }
    i = tag_end;
  }
  copy_to(w, s, n);
  return deepest;
}

int hoso__html_prepare(const char *s, size_t n, int max_depth, hx_prep *out) {
  memset(out, 0, sizeof(*out));
  prep_out w;
  memset(&w, 0, sizeof(w));
  w.map = out;
  size_t dropped;
  long deepest = scan(s, n, max_depth, &w, &dropped);
  if (deepest <= max_depth && dropped < n / 8) return 0;
  w.p = malloc(n + 1);
  if (!w.p) return HOSO_ENOMEM;
  scan(s, n, max_depth, &w, &dropped);
  if (w.oom) {
    free(w.p);
    hoso__prep_free(out);
    return HOSO_ENOMEM;
  }
  w.p[w.o] = '\0';
  out->p = w.p;
  out->n = w.o;
  return 1;
}

size_t hoso__prep_offset(const hx_prep *m, size_t pos) {
  if (!m->n_map || pos < m->out_pos[0]) return pos;
  size_t lo = 0, hi = m->n_map; /* last k with out_pos[k] <= pos */
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (m->out_pos[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return pos + m->shift[lo];
}

void hoso__prep_free(hx_prep *m) {
  free(m->p);
  free(m->out_pos);
  free(m->shift);
  memset(m, 0, sizeof(*m));
}
