/* meta.c -- article metadata from markup: JSON-LD (schema.org
** NewsArticle and friends), OpenGraph / article:* / twitter:* and other
** <meta>, <link rel=canonical>, <title>, <html lang>. Priority: JSON-LD,
** then OpenGraph, then other <meta>, then <title>; the visible page
** (bylines, date lines) is read later by clean.c for what is missing. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authors.h"
#include "html.h"
#include "text/text.h"

#include "meta_words.inc"

const char *hoso__attr(const GumboNode *node, const char *name) {
  if (node->type != GUMBO_NODE_ELEMENT) return NULL;
  GumboAttribute *at = gumbo_get_attribute(&node->v.element.attributes, name);
  return at ? at->value : NULL;
}

int hoso__node_text(const GumboNode *node, hoso_buf *out, size_t max) {
  const GumboNode *stack[256];
  size_t idx[256];
  int sp = 0;
  stack[0] = node;
  idx[0] = 0;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    return hoso__buf_adds(out, node->v.text.text);
  }
  if (node->type != GUMBO_NODE_ELEMENT) return HOSO_OK;
  while (sp >= 0) {
    const GumboNode *n = stack[sp];
    const GumboVector *ch = &n->v.element.children;
    if (idx[sp] >= ch->length) {
      sp--;
      continue;
    }
    const GumboNode *c = ch->data[idx[sp]++];
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
        c->type == GUMBO_NODE_CDATA) {
      int rc = hoso__buf_adds(out, c->v.text.text);
      if (rc) return rc;
      if (max && out->n > max) return HOSO_OK;
    } else if (c->type == GUMBO_NODE_ELEMENT && sp + 1 < 256) {
      GumboTag t = c->v.element.tag;
      if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT ||
          t == GUMBO_TAG_TEMPLATE)
        continue;
      if (t == GUMBO_TAG_BR || t == GUMBO_TAG_P || t == GUMBO_TAG_DIV ||
          t == GUMBO_TAG_LI) {
        int rc = hoso__buf_addc(out, ' ');
        if (rc) return rc;
      }
      stack[++sp] = c;
      idx[sp] = 0;
    }
  }
  return HOSO_OK;
}

int hoso__is_home_url(const char *url) {
  if (!url) return 0;
  const char *p = strstr(url, "://");
  if (!p) return 0;
  p = strchr(p + 3, '/');
  if (!p) return 1;
  p++;
  /* "/", "/index.html", "/index.php", "/?ref=x", "/#top", "/en/" */
  if (*p == '\0' || *p == '?' || *p == '#') return 1;
  if (strncmp(p, "index.", 6) == 0 && !strchr(p, '/')) return 1;
  size_t l = strlen(p);
  if ((l == 2 || (l == 3 && p[2] == '/')) && (p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z' &&
      (p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z')
    return 1; /* "/en", "/vi/" */
  return 0;
}

int hoso__site_from_url(hoso_article_rec *a, const char *url) {
  if (a->site || !url) return HOSO_OK;
  const char *p;
  size_t l = hoso__url_host(url, &p);
  if (!l || !strstr(url, "://")) return HOSO_OK;
  char host[256];
  if (l > sizeof(host) - 1) l = sizeof(host) - 1;
  for (size_t i = 0; i < l; i++) host[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] | 0x20 : p[i]);
  host[l] = '\0';
  return hoso__art_set(&a->site, host, l);
}

/* ---- JSON-LD ------------------------------------------------------- */

static int is_article_type(json_t *t) {
  static const char *const types[] = {"NewsArticle", "Article", "BlogPosting",
                                      "ReportageNewsArticle", "AnalysisNewsArticle",
                                      "OpinionNewsArticle", "BackgroundNewsArticle",
                                      "ReviewNewsArticle", "LiveBlogPosting",
                                      "TechArticle", "ScholarlyArticle", "Report",
                                      "WebPage", "SocialMediaPosting"};
  if (json_is_array(t)) {
    size_t i;
    json_t *v;
    int best = 0;
    json_array_foreach(t, i, v) {
      int r = is_article_type(v);
      if (r > best) best = r;
    }
    return best;
  }
  if (!json_is_string(t)) return 0;
  const char *s = json_string_value(t);
  for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++)
    if (strcmp(s, types[k]) == 0) return strcmp(s, "WebPage") == 0 ? 1 : 2;
  return 0;
}

/* The best article object in a JSON-LD value (depth-bounded). */
static json_t *find_article(json_t *v, int depth, int *rank) {
  if (depth > 6 || !v) return NULL;
  json_t *best = NULL;
  *rank = 0;
  if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
      int r;
      json_t *f = find_article(x, depth + 1, &r);
      if (f && r > *rank) {
        best = f;
        *rank = r;
      }
    }
    return best;
  }
  if (!json_is_object(v)) return NULL;
  int r = is_article_type(json_object_get(v, "@type"));
  if (r) {
    best = v;
    *rank = r;
  }
  json_t *g = json_object_get(v, "@graph");
  if (g) {
    int r2;
    json_t *f = find_article(g, depth + 1, &r2);
    if (f && r2 > *rank) {
      best = f;
      *rank = r2;
    }
  }
  json_t *m = json_object_get(v, "mainEntity");
  if (m) {
    int r2;
    json_t *f = find_article(m, depth + 1, &r2);
    if (f && r2 > *rank) {
      best = f;
      *rank = r2;
    }
  }
  return best;
}

static const char *jstr(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_object(v)) {
    json_t *n = json_object_get(v, "name");
    if (json_is_string(n)) return json_string_value(n);
  }
  if (json_is_array(v) && json_array_size(v) > 0) {
    json_t *f = json_array_get(v, 0);
    if (json_is_string(f)) return json_string_value(f);
    if (json_is_object(f)) {
      json_t *n = json_object_get(f, "name");
      if (json_is_string(n)) return json_string_value(n);
    }
  }
  return NULL;
}

static int set_date(char **field, const char *s) {
  if (*field || !s) return HOSO_OK;
  char iso[HOSO_DATE_MAX];
  if (!hoso__date_parse(s, strlen(s), iso, NULL, NULL)) return HOSO_OK;
  return hoso__art_set(field, iso, strlen(iso));
}

/* Metadata values are sometimes escaped twice ("&amp;quot;" in the page
** gives "&quot;" after parsing): decode the common entities once more. */
static int unescape(hoso_buf *b, const char *s) {
  static const struct { const char *e; const char *u; } named[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"},
      {"&gt;", ">"}, {"&nbsp;", " "}, {"&auml;", "\xC3\xA4"}, {"&ouml;", "\xC3\xB6"},
      {"&uuml;", "\xC3\xBC"}, {"&Auml;", "\xC3\x84"}, {"&Ouml;", "\xC3\x96"},
      {"&Uuml;", "\xC3\x9C"}, {"&szlig;", "\xC3\x9F"}, {"&eacute;", "\xC3\xA9"},
      {"&egrave;", "\xC3\xA8"}, {"&agrave;", "\xC3\xA0"}, {"&ccedil;", "\xC3\xA7"},
      {"&ndash;", "\xE2\x80\x93"}, {"&mdash;", "\xE2\x80\x94"},
      {"&hellip;", "\xE2\x80\xA6"}, {"&laquo;", "\xC2\xAB"}, {"&raquo;", "\xC2\xBB"},
      {"&rsquo;", "\xE2\x80\x99"}, {"&lsquo;", "\xE2\x80\x98"},
      {"&ldquo;", "\xE2\x80\x9C"}, {"&rdquo;", "\xE2\x80\x9D"}};
  int rc = HOSO_OK;
  while (*s && !rc) {
    if (*s == '&') {
      size_t k;
      for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
        size_t l = strlen(named[k].e);
        if (strncmp(s, named[k].e, l) == 0) {
          rc = hoso__buf_adds(b, named[k].u);
          s += l;
          break;
        }
      }
      if (k < sizeof(named) / sizeof(named[0])) continue;
      if (s[1] == '#') {
        const char *p = s + 2;
        int hex = *p == 'x' || *p == 'X';
        if (hex) p++;
        char *end;
        long cp = strtol(p, &end, hex ? 16 : 10);
        char u[4];
        size_t ul;
        if (end > p && *end == ';' && cp > 0 && cp < 0x110000 &&
            (ul = hoso__utf8_encode((int32_t)cp, u)) > 0) {
          rc = hoso__buf_add(b, u, ul);
          s = end + 1;
          continue;
        }
      }
    }
    rc = hoso__buf_addc(b, *s++);
  }
  return rc;
}

static int set_if(char **field, const char *s) {
  if (*field || !s || !*s) return HOSO_OK;
  if (!strchr(s, '&')) return hoso__art_set(field, s, strlen(s));
  hoso_buf b;
  hoso__buf_init(&b, 0);
  int rc = unescape(&b, s);
  if (!rc && b.p) rc = hoso__art_set(field, b.p, b.n);
  hoso__buf_free(&b);
  return rc;
}

/* Does URL u point to a site account's page rather than a person's: its
** last path segment is a CMS's default account (account_names) right
** after an author folder (account_folders): ".../author/admin/". */
static int account_url(const char *u) {
  if (!u) return 0;
  size_t n = strcspn(u, "?#");
  while (n > 0 && u[n - 1] == '/') n--;
  size_t b = n;
  while (b > 0 && u[b - 1] != '/') b--;
  if (b < 2) return 0;
  size_t fb = b - 1;
  while (fb > 0 && u[fb - 1] != '/') fb--;
  int named = 0, folder = 0;
  for (size_t k = 0; k < sizeof(account_names) / sizeof(account_names[0]); k++)
    named |= strlen(account_names[k]) == n - b && strncasecmp(u + b, account_names[k], n - b) == 0;
  for (size_t k = 0; k < sizeof(account_folders) / sizeof(account_folders[0]); k++)
    folder |= strlen(account_folders[k]) == b - 1 - fb &&
              strncasecmp(u + fb, account_folders[k], b - 1 - fb) == 0;
  return named && folder;
}

/* The authors of a JSON-LD "author" value. An author object whose page
** is a site account (account_url) names no person: its name goes to
** account (cap bytes; the first only) instead, and clean.c gives it
** back only when the page names no one else. */
static int add_json_authors(hoso_article_rec *a, json_t *v, char *account, size_t cap) {
  if (!v) return HOSO_OK;
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    return hoso__authors_add(a, s, strlen(s));
  }
  if (json_is_object(v)) {
    json_t *name = json_object_get(v, "name");
    if (json_is_string(name) && (account_url(jstr(v, "@id")) || account_url(jstr(v, "url")))) {
      const char *s = json_string_value(name);
      if (!account[0] && strlen(s) < cap) memcpy(account, s, strlen(s) + 1);
      return HOSO_OK;
    }
    return add_json_authors(a, name, account, cap);
  }
  if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
      if (json_is_array(x)) continue; /* no deeper than one level */
      int rc = add_json_authors(a, x, account, cap);
      if (rc) return rc;
    }
  }
  return HOSO_OK;
}

/* "key": "value" in text that is not valid JSON; 1 when found. */
static int raw_field(const char *text, const char *key, char *out, size_t cap) {
  const char *p = strstr(text, key);
  if (!p) return 0;
  p += strlen(key);
  while (*p == ' ' || *p == ':' || *p == '\t' || *p == '\n') p++;
  if (*p != '"') return 0;
  p++;
  size_t k = 0;
  while (*p && *p != '"' && k + 1 < cap) out[k++] = *p++;
  out[k] = '\0';
  return k > 0;
}

/* Share (0..1) of the words of x that also occur in t, both folded
** (case and diacritics); a word is a run of letters and digits. *nx gets
** x's word count. */
static double words_share(const char *x, const char *t, size_t *nx) {
  hoso_buf fx, ft;
  hoso__buf_init(&fx, 0);
  hoso__buf_init(&ft, 0);
  double r = 0;
  *nx = 0;
  if (hoso__fold_append(&fx, x, strlen(x)) == HOSO_OK &&
      hoso__fold_append(&ft, t, strlen(t)) == HOSO_OK && fx.p && ft.p) {
    size_t hit = 0, i = 0;
#define WCH(c) ((unsigned char)(c) >= 0x80 || ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9'))
    while (i < fx.n) {
      while (i < fx.n && !WCH(fx.p[i])) i++;
      size_t st = i;
      while (i < fx.n && WCH(fx.p[i])) i++;
      if (i == st) break;
      (*nx)++;
      for (size_t j = 0; j + (i - st) <= ft.n; j++)
        if (memcmp(ft.p + j, fx.p + st, i - st) == 0 && (j == 0 || !WCH(ft.p[j - 1])) &&
            (j + (i - st) == ft.n || !WCH(ft.p[j + (i - st)]))) {
          hit++;
          break;
        }
    }
#undef WCH
    if (*nx) r = (double)hit / (double)*nx;
  }
  hoso__buf_free(&fx);
  hoso__buf_free(&ft);
  return r;
}

/* JSON-LD "headline" and "name" should agree; some publishers put the
** site's or the subject's name in one of them. The headline is the
** default; "name" wins when it is the page's <title> (nearly all its
** words there, and not a short part such as the site name) while the
** headline is not. */
static const char *jsonld_title(json_t *art, const char *page_title) {
  const char *h = jstr(art, "headline"), *nm = jstr(art, "name");
  if (!h) return nm;
  if (!nm || !page_title || strcmp(h, nm) == 0) return h;
  size_t nn, nh;
  double sn = words_share(nm, page_title, &nn), sh = words_share(h, page_title, &nh);
  if (nn >= 1 && sn >= 0.9 && sh < 0.5 && strlen(nm) * 5 >= strlen(page_title) * 2) return nm;
  return h;
}

/* Pages wrap JSON-LD in "<![CDATA[ ... ]]>" (for XHTML parsers): the
** JSON inside text[0..*n) without it. */
static const char *strip_cdata(const char *text, size_t *n) {
  const char *p = text, *e = text + *n;
  while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  if ((size_t)(e - p) >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
    p += 9;
    while (e > p && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r' || e[-1] == '\t')) e--;
    if (e - p >= 3 && memcmp(e - 3, "]]>", 3) == 0) e -= 3;
  }
  *n = (size_t)(e - p);
  return p;
}

static int read_jsonld(const char *text, size_t n, const char *page_title,
                       hoso_article_rec *a, hoso_buf *body, char *account, size_t cap) {
  json_error_t je;
  text = strip_cdata(text, &n);
  json_t *root = json_loadb(text, n, JSON_DECODE_ANY, &je);
  if (!root) { /* broken JSON-LD is common: take the plain date fields */
    char v[64];
    int rc = HOSO_OK;
    if (raw_field(text, "\"datePublished\"", v, sizeof(v))) rc = set_date(&a->published, v);
    if (!rc && raw_field(text, "\"dateModified\"", v, sizeof(v))) rc = set_date(&a->modified, v);
    return rc;
  }
  int rank, rc = HOSO_OK;
  json_t *art = find_article(root, 0, &rank);
  if (art && rank == 2) {
    if (!rc) rc = set_if(&a->title, jsonld_title(art, page_title));
    if (!rc) rc = set_date(&a->published, jstr(art, "datePublished"));
    if (!rc) rc = set_date(&a->modified, jstr(art, "dateModified"));
    if (!rc && a->n_authors == 0) rc = add_json_authors(a, json_object_get(art, "author"), account, cap);
    if (!rc) rc = set_if(&a->category, jstr(art, "articleSection"));
    if (!rc) rc = set_if(&a->url, jstr(art, "url"));
    json_t *ab = json_object_get(art, "articleBody");
    if (!rc && body && body->n == 0 && json_is_string(ab))
      rc = hoso__buf_add(body, json_string_value(ab), json_string_length(ab));
  } else if (art) {
    if (!rc) rc = set_date(&a->published, jstr(art, "datePublished"));
  }
  json_decref(root);
  return rc;
}

/* ---- <meta> -------------------------------------------------------- */

typedef struct metas {
  const GumboNode *title;
  const GumboNode *ld[16];
  int n_ld;
  const GumboNode *meta[256];
  int n_meta;
  const char *canonical;
  const char *lang;
  const char *item_pub; /* itemprop=datePublished (content / datetime) */
  const char *time_pub; /* <time class="...publish..." datetime> / pubdate */
  const char *item_mod;
} metas;

static void collect(const GumboNode *root, metas *m) {
  const GumboNode *stack[128];
  size_t idx[128];
  int sp = 0;
  stack[0] = root;
  idx[0] = 0;
  if (root->type != GUMBO_NODE_ELEMENT) return;
  if (root->v.element.tag == GUMBO_TAG_HTML) m->lang = hoso__attr(root, "lang");
  while (sp >= 0) {
    const GumboNode *n = stack[sp];
    const GumboVector *ch = &n->v.element.children;
    if (idx[sp] >= ch->length) {
      sp--;
      continue;
    }
    const GumboNode *c = ch->data[idx[sp]++];
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag t = c->v.element.tag;
    if (t == GUMBO_TAG_HTML && !m->lang) m->lang = hoso__attr(c, "lang");
    const char *ip = hoso__attr(c, "itemprop");
    if (ip && t != GUMBO_TAG_META) {
      const char *v = hoso__attr(c, "datetime");
      if (!v) v = hoso__attr(c, "content");
      if (v && !m->item_pub && strcmp(ip, "datePublished") == 0) m->item_pub = v;
      if (v && !m->item_mod && strcmp(ip, "dateModified") == 0) m->item_mod = v;
    }
    if (t == GUMBO_TAG_TIME && !m->time_pub) {
      const char *cl = hoso__attr(c, "class");
      const char *v = hoso__attr(c, "datetime");
      if (v && ((cl && (strstr(cl, "publish") || strstr(cl, "pubdate"))) ||
                hoso__attr(c, "pubdate")))
        m->time_pub = v;
    }
    if (t == GUMBO_TAG_TITLE && !m->title) m->title = c;
    else if (t == GUMBO_TAG_META && m->n_meta < 256) m->meta[m->n_meta++] = c;
    else if (t == GUMBO_TAG_LINK) {
      const char *rel = hoso__attr(c, "rel");
      if (rel && strcasecmp(rel, "canonical") == 0 && !m->canonical)
        m->canonical = hoso__attr(c, "href");
    } else if (t == GUMBO_TAG_SCRIPT) {
      const char *ty = hoso__attr(c, "type");
      if (ty && strcasecmp(ty, "application/ld+json") == 0 && m->n_ld < 16)
        m->ld[m->n_ld++] = c;
      continue;
    } else if (t == GUMBO_TAG_STYLE || t == GUMBO_TAG_SVG) {
      continue;
    }
    if (sp + 1 < 128) {
      stack[++sp] = c;
      idx[sp] = 0;
    }
  }
}

/* Does one key of attr (a property list is space separated: "og:title
** twitter:title") equal key? Case-insensitive; "." and ":" are the same
** separator ("DC.title" is "dc:title"). */
static int key_in(const char *attr, const char *key) {
  size_t kl = strlen(key);
  const char *p = attr;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
    if ((size_t)(e - p) == kl) {
      size_t i;
      for (i = 0; i < kl; i++) {
        char a = p[i], b = key[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a | 0x20);
        if (b >= 'A' && b <= 'Z') b = (char)(b | 0x20);
        if (a == '.') a = ':';
        if (b == '.') b = ':';
        if (a != b) break;
      }
      if (i == kl) return 1;
    }
    p = e;
  }
  return 0;
}

/* The content of the first <meta> naming key: by property (RDFa,
** OpenGraph) first, then name, then itemprop. */
static const char *meta_value(const metas *m, const char *key) {
  static const char *const attrs[] = {"property", "name", "itemprop"};
  for (size_t a = 0; a < 3; a++)
    for (int i = 0; i < m->n_meta; i++) {
      const char *k = hoso__attr(m->meta[i], attrs[a]);
      if (k && key_in(k, key)) {
        const char *v = hoso__attr(m->meta[i], "content");
        if (v && *v) return v;
      }
    }
  return NULL;
}

static int looks_like_url(const char *s) {
  return strncmp(s, "http", 4) == 0 || s[0] == '/';
}

/* Dublin Core creators: the element repeats, one <meta> per creator,
** each written family name first ("Kooman, F."). All of them, in
** document order, the same name once; those of <meta property> when
** there are any (as meta_value prefers them), else of <meta name>. */
static int dc_creators(const metas *m, hoso_article_rec *a) {
  static const char *const keys[] = {"dc:creator", "dcterm:creator"};
  static const char *const attrs[] = {"property", "name"};
  int rc = HOSO_OK;
  for (size_t k = 0; k < 2 && !rc && a->n_authors == 0; k++)
    for (size_t t = 0; t < 2 && !rc && a->n_authors == 0; t++)
      for (int i = 0; i < m->n_meta && !rc; i++) {
        const char *at = hoso__attr(m->meta[i], attrs[t]);
        const char *v = hoso__attr(m->meta[i], "content");
        if (!at || !key_in(at, keys[k]) || !v || !*v || looks_like_url(v)) continue;
        size_t before = a->n_authors;
        if ((rc = hoso__authors_add_inverted(a, v, strlen(v)))) break;
        if (a->n_authors == before + 1)
          for (size_t j = 0; j < before; j++)
            if (strcmp(a->authors[j], a->authors[before]) == 0) {
              free(a->authors[--a->n_authors]); /* named twice */
              break;
            }
      }
  return rc;
}

/* "Title | Site", "Title - Site": keep the longest part when separated. */
/* Lower-case ASCII letters and digits of s[0..n) into out (cap bytes). */
static size_t alnum_key(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c | 0x20);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out[k++] = c;
  }
  out[k] = '\0';
  return k;
}

/* Folded (case and diacritics) p[0..n) equals, or holds with little
** else, name -- any script ("毎日新聞", "Börsen-Zeitung"). */
static int same_name(const char *p, size_t n, const char *name) {
  if (!name || !*name || n == 0) return 0;
  hoso_buf fp, fn;
  hoso__buf_init(&fp, 0);
  hoso__buf_init(&fn, 0);
  int hit = 0;
  if (hoso__fold_append(&fp, p, n) == HOSO_OK && hoso__fold_append(&fn, name, strlen(name)) == HOSO_OK &&
      fp.p && fn.p && fn.n >= 2) {
    hit = (fp.n == fn.n && memcmp(fp.p, fn.p, fn.n) == 0) ||
          (fp.n <= fn.n + 12 && memmem(fp.p, fp.n, fn.p, fn.n) != NULL);
  }
  hoso__buf_free(&fp);
  hoso__buf_free(&fn);
  return hit;
}

/* Does part name the site (its host or site name) or the section? */
static int is_site_part(const hoso_article_rec *a, const char *p, size_t n,
                        const char *site_name, int section) {
  char pk[128], sk[128];
  if (same_name(p, n, site_name) || (section && same_name(p, n, a->category))) return 1;
  size_t pl = alnum_key(p, n, pk, sizeof(pk));
  if (pl < 2) return 0;
  if (memchr(p, '.', n) && !memchr(p, ' ', n)) return 1; /* "Golem.de" */
  if (!a->site) return 0;
  const char *site = a->site;
  size_t sn = strlen(site);
  const char *dot = strrchr(site, '.');
  if (dot && !strchr(site, ' ')) sn = (size_t)(dot - site); /* host without TLD */
  size_t sl = alnum_key(site, sn, sk, sizeof(sk));
  if (sl < 2) return 0;
  return strstr(pk, sk) != NULL || strstr(sk, pk) != NULL;
}

/* How many of the authors from index `from` on name the site itself
** (its host or its site_name)? */
static size_t site_authors(const hoso_article_rec *a, size_t from, const char *site_name) {
  size_t k = 0;
  for (size_t i = from; i < a->n_authors; i++)
    k += is_site_part(a, a->authors[i], strlen(a->authors[i]), site_name, 0);
  return k;
}

/* Drop the authors at [from, to). */
static void drop_authors(hoso_article_rec *a, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) free(a->authors[i]);
  memmove(&a->authors[from], &a->authors[to], (a->n_authors - to) * sizeof(char *));
  a->n_authors -= to - from;
}

/* The authors of the <meta> keys (author_keys, in order; each key's
** every <meta>, in the order meta_value reads them), when JSON-LD and
** Dublin Core gave none or only the site's own name ("毎日新聞" as the
** JSON-LD author, <meta name=author content=한국일보>): the first value
** that gives names, none of them the site's, wins and replaces those.
** A value with the site's name in it is the site's signature, not a
** byline ("hessenschau.de, Frankfurt, Germany": the rest is its
** address); the first such is kept when nothing better comes and no
** author came before (clean.c then prefers a byline on the page). */
static int meta_authors(const metas *m, hoso_article_rec *a, const char *site_name) {
  static const char *const attrs[] = {"property", "name", "itemprop"};
  if (site_authors(a, 0, site_name) < a->n_authors) return HOSO_OK;
  size_t site_names = a->n_authors; /* a->authors[0..site_names) name the site */
  for (size_t k = 0; k < sizeof(author_keys) / sizeof(author_keys[0]); k++)
    for (size_t t = 0; t < 3; t++)
      for (int i = 0; i < m->n_meta; i++) {
        const char *at = hoso__attr(m->meta[i], attrs[t]);
        const char *v = hoso__attr(m->meta[i], "content");
        if (!at || !key_in(at, author_keys[k]) || !v || !*v || looks_like_url(v)) continue;
        size_t before = a->n_authors;
        int rc = hoso__authors_add(a, v, strlen(v));
        if (rc) return rc;
        if (a->n_authors == before) continue;
        if (site_authors(a, before, site_name) == 0) {
          drop_authors(a, 0, site_names);
          return HOSO_OK;
        }
        if (site_names == 0) site_names = a->n_authors;
        else drop_authors(a, before, a->n_authors);
      }
  return HOSO_OK;
}

int hoso__title_strip_site(hoso_article_rec *a, const char *t, int pipe_rule,
                           const char *site_name) {
  size_t n = strlen(t);
  static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                     " :: ", " \xC2\xB7 ", " \xE2\x80\xA2 "};
  size_t s0 = 0, e0 = n;
  for (int round = 0; round < 2; round++) {
    for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
      size_t sl = strlen(seps[k]);
      /* a site part at the end ("Title | Site") */
      const char *p = NULL, *q = t + s0;
      while ((q = memmem(q, e0 - (size_t)(q - t), seps[k], sl)) != NULL) {
        p = q;
        q += sl;
      }
      if (p) {
        size_t cut = (size_t)(p - t), after = e0 - cut - sl;
        /* pipe_rule (a <title>): the last " | " or " – " part goes
        ** when the rest is longer -- once: "Title | Section | Site" keeps
        ** its section. A hyphen or em dash joins words inside titles
        ** ("Việt - Nga") as often as it separates a site name, and an
        ** en-dash part of one word ("Việt – Nga") is no site name. */
        int spaced = memchr(p + sl, ' ', after) != NULL;
        if ((pipe_rule && round == 0 && (k == 0 || (k == 2 && spaced)) && cut - s0 >= after &&
             cut - s0 >= 10) ||
            is_site_part(a, p + sl, after, site_name, 1)) {
          e0 = cut;
          break;
        }
      }
      /* or at the start ("Site | Title") */
      p = memmem(t + s0, e0 - s0, seps[k], sl);
      if (p && is_site_part(a, t + s0, (size_t)(p - t) - s0, site_name, 0)) {
        s0 = (size_t)(p - t) + sl;
        break;
      }
    }
  }
  return hoso__art_set(&a->title, t + s0, e0 - s0);
}

int hoso__meta_read(const GumboNode *root, hoso_article_rec *a, int *title_src,
                    const char **site_name, hoso_buf *article_body, hx_sites *sites,
                    char *account, size_t account_cap) {
  metas m;
  memset(&m, 0, sizeof(m));
  collect(root, &m);
  int rc = HOSO_OK;
  hoso_buf b, pt;
  hoso__buf_init(&b, 1 << 20);
  hoso__buf_init(&pt, 0);
  if (m.title && (rc = hoso__node_text(m.title, &b, 4096)) == HOSO_OK && b.p)
    rc = hoso__ex_collapse(&pt, b.p, b.n);
  for (int i = 0; i < m.n_ld && !rc; i++) {
    hoso__buf_reset(&b);
    if (hoso__node_text(m.ld[i], &b, 1 << 20) == HOSO_OK && b.p)
      rc = read_jsonld(b.p, b.n, pt.p, a, article_body, account, account_cap);
  }
  *title_src = a->title ? 1 : 0;
  /* the keys, in the order tried, are in meta_words.txt */
  for (size_t k = 0; k < sizeof(title_keys) / sizeof(title_keys[0]) && !rc; k++)
    rc = set_if(&a->title, meta_value(&m, title_keys[k]));
  for (size_t k = 0; k < sizeof(published_keys) / sizeof(published_keys[0]) && !rc; k++)
    rc = set_date(&a->published, meta_value(&m, published_keys[k]));
  if (!rc) rc = set_date(&a->published, m.item_pub);
  if (!rc) rc = set_date(&a->published, m.time_pub);
  for (size_t k = 0; k < sizeof(modified_keys) / sizeof(modified_keys[0]) && !rc; k++)
    rc = set_date(&a->modified, meta_value(&m, modified_keys[k]));
  if (!rc) rc = set_date(&a->modified, m.item_mod);
  if (!rc && a->n_authors == 0) rc = dc_creators(&m, a);
  if (!*title_src && a->title) *title_src = 2;
  if (!rc) rc = set_if(&a->category, meta_value(&m, "article:section"));
  hoso__sites_add(sites, m.canonical);
  hoso__sites_add(sites, meta_value(&m, "og:url"));
  if (!rc) rc = set_if(&a->url, m.canonical && m.canonical[0] == 'h' ? m.canonical : NULL);
  if (!rc) rc = set_if(&a->url, meta_value(&m, "og:url"));
  if (!rc) rc = hoso__site_from_url(a, a->url);
  if (!rc) rc = set_if(&a->site, meta_value(&m, "og:site_name"));
  *site_name = meta_value(&m, "og:site_name");
  if (!*site_name) *site_name = meta_value(&m, "application-name");
  if (!rc) rc = meta_authors(&m, a, *site_name);
  if (!rc && !a->title && pt.p) {
    rc = hoso__title_strip_site(a, pt.p, 1, *site_name);
    if (a->title) *title_src = 3;
  }
  hoso__buf_free(&b);
  hoso__buf_free(&pt);
  return rc;
}

int hoso__is_site_name(const hoso_article_rec *a, const char *s, size_t n) {
  return is_site_part(a, s, n, NULL, 0);
}
