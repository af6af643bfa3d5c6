/* prepare.c -- one input document to a storable article, on a worker
** thread: text and title, language, date and credit when the input does
** not give them, the search word streams, the content hash and the
** MinHash signature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/ingest_int.h"
#include "store/minhash.h"
#include "store/sqlite_int.h" /* hoso__sq_days_from_civil, hoso__sq_parse_day */
#include "text/text.h"

int hoso__prep_ctx_init(hoso_prep_ctx *c) {
  memset(c, 0, sizeof(*c));
  if (hoso__words_new(&c->words)) return HOSO_ENOMEM;
  if (hoso_langid_open(NULL, &c->langid, NULL) != HOSO_OK) c->langid = NULL;
  return HOSO_OK;
}

void hoso__prep_ctx_free(hoso_prep_ctx *c) {
  hoso__words_free(c->words);
  if (c->langid) hoso_langid_close(c->langid);
  memset(c, 0, sizeof(*c));
}

void hoso__prepared_free(hoso_prepared *p) {
  free(p->origin);
  free(p->text);
  free(p->original);
  free(p->title);
  free(p->url);
  free(p->canonical);
  free(p->outlet);
  free(p->lang);
  free(p->published);
  free(p->credit);
  hoso__buf_free(&p->title_tokens);
  hoso__buf_free(&p->text_tokens);
  memset(p, 0, sizeof(*p));
}

static char *dupn(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

static char *dup0(const char *s) { return s ? dupn(s, strlen(s)) : NULL; }

char *hoso__canonical_url(const char *url) {
  if (!url || !*url) return NULL;
  size_t n = strlen(url);
  while (n && (url[n - 1] == ' ' || url[n - 1] == '\n' || url[n - 1] == '\r')) n--;
  while (n && *url == ' ') url++, n--;
  hoso_buf b;
  hoso__buf_init(&b, 8192);
  const char *p = url, *end = url + n;
  const char *sch = strstr(url, "://");
  int rc = HOSO_OK;
  if (sch && sch < end) {
    rc = hoso__buf_adds(&b, "https://"); /* http and https are one page */
    p = sch + 3;
    if (end - p > 4 && !strncasecmp(p, "www.", 4)) p += 4;
    while (p < end && *p != '/' && *p != '?' && *p != '#' && !rc) {
      char c = *p++;
      if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
      rc = hoso__buf_addc(&b, c);
    }
  }
  /* path, then the query without tracking parameters, no fragment */
  const char *q = p;
  while (q < end && *q != '?' && *q != '#') q++;
  size_t pl = (size_t)(q - p);
  while (pl > 1 && p[pl - 1] == '/') pl--;
  if (pl == 1 && p[0] == '/') pl = 0;
  if (!rc) rc = hoso__buf_add(&b, p, pl);
  if (q < end && *q == '?') {
    q++;
    int first = 1;
    while (q < end && *q != '#' && !rc) {
      const char *a = q;
      while (q < end && *q != '&' && *q != '#') q++;
      size_t l = (size_t)(q - a);
      int drop = l == 0 || (l >= 4 && !strncmp(a, "utm_", 4)) ||
                 (l >= 6 && !strncmp(a, "fbclid", 6)) ||
                 (l >= 5 && !strncmp(a, "gclid", 5));
      if (!drop) {
        rc = hoso__buf_addc(&b, first ? '?' : '&');
        if (!rc) rc = hoso__buf_add(&b, a, l);
        first = 0;
      }
      if (q < end && *q == '&') q++;
    }
  }
  if (rc || !b.n) {
    hoso__buf_free(&b);
    return NULL;
  }
  return hoso__buf_take(&b);
}

static void fail(hoso_prepared *p, int code, int64_t off, const char *msg) {
  p->failed = 1;
  p->code = code;
  p->offset = off;
  snprintf(p->message, sizeof(p->message), "%s", msg);
}

static int looks_html(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
  if (i + 3 <= n && (unsigned char)s[i] == 0xEF) i += 3; /* BOM */
  if (i >= n || s[i] != '<') return 0;
  size_t lim = n < i + 2048 ? n : i + 2048;
  for (size_t k = i; k + 5 < lim; k++)
    if (!strncasecmp(s + k, "<html", 5) || !strncasecmp(s + k, "<!doctype", 9) ||
        !strncasecmp(s + k, "<head", 5) || !strncasecmp(s + k, "<body", 5) ||
        !strncasecmp(s + k, "<div", 4) || !strncasecmp(s + k, "<p>", 3))
      return 1;
  return 0;
}

/* The first non-empty line, trimmed, at most 500 bytes at a UTF-8
** boundary. Skips a leading "Chuyên mục"-like one-word line? No: the
** first line is the title by the input's convention. */
static char *first_line(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t e = i;
    while (e < n && s[e] != '\n') e++;
    size_t a = i, b = e;
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
    if (b > a) {
      if (b - a > 500) {
        b = a + 500;
        while (b > a && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
      }
      return dupn(s + a, b - a);
    }
    i = e + 1;
  }
  return NULL;
}

/* A dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy) date near the top of the
** text: the usual dateline of a Vietnamese or Russian news page. Used only
** when neither the input nor extraction gives a date. */
static char *dateline(const char *s, size_t n) {
  size_t lim = n < 3000 ? n : 3000;
  for (size_t i = 0; i + 8 <= lim; i++) {
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    int d = 0, m = 0, y = 0;
    size_t k = i, nd = 0;
    while (k < lim && s[k] >= '0' && s[k] <= '9' && nd < 2) d = d * 10 + (s[k++] - '0'), nd++;
    if (!nd || k >= lim || (s[k] != '/' && s[k] != '-' && s[k] != '.')) continue;
    char sep = s[k++];
    nd = 0;
    while (k < lim && s[k] >= '0' && s[k] <= '9' && nd < 2) m = m * 10 + (s[k++] - '0'), nd++;
    if (!nd || k >= lim || s[k] != sep) continue;
    k++;
    nd = 0;
    while (k < lim && s[k] >= '0' && s[k] <= '9' && nd < 5) y = y * 10 + (s[k++] - '0'), nd++;
    if (nd != 4 || d < 1 || d > 31 || m < 1 || m > 12 || y < 1990 || y > 2100) continue;
    char buf[48];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    return dup0(buf);
  }
  return NULL;
}

/* "Theo TTXVN" / "(Theo Reuters)" / "Nguồn: VOV" on a short line. */
static char *credit_line(const char *s, size_t n) {
  size_t i = 0;
  char *found = NULL;
  while (i < n) {
    size_t e = i;
    while (e < n && s[e] != '\n') e++;
    size_t a = i, b = e;
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '(' || s[a] == '\r')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r' || s[b - 1] == ')' ||
                     s[b - 1] == '.' || s[b - 1] == '\t'))
      b--;
    size_t skip = 0;
    if (b - a > 5 && b - a < 80 && !strncmp(s + a, "Theo ", 5)) skip = 5;
    static const char nguon[] = "Nguồn: ";
    if (b - a > sizeof(nguon) - 1 && b - a < 80 && !strncmp(s + a, nguon, sizeof(nguon) - 1))
      skip = sizeof(nguon) - 1;
    if (skip) {
      free(found);
      found = dupn(s + a + skip, b - a - skip);
    }
    i = e + 1;
  }
  return found;
}

static const char *lang_code(int l) {
  switch (l) {
  case HOSO_LANG_VI: return "vi";
  case HOSO_LANG_RU: return "ru";
  case HOSO_LANG_EN: return "en";
  default: return "und";
  }
}

typedef struct sig_ctx {
  hoso_minhash mh;
  size_t cyr, latin_marked, words;
} sig_ctx;

static int on_word(void *ctx, const char *fold, size_t fold_n,
                   const char *exact, size_t exact_n, size_t start,
                   size_t end) {
  sig_ctx *c = ctx;
  (void)start;
  (void)end;
  hoso__minhash_word(&c->mh, fold, fold_n);
  c->words++;
  if (fold_n >= 2 && (unsigned char)fold[0] == 0xD0) c->cyr++;
  else if (exact && exact_n && (unsigned char)exact[0] < 0xD0) c->latin_marked++;
  return 0;
}

int hoso__prepare(hoso_prep_ctx *c, const hoso_document *doc, hoso_prepared *p) {
  hoso__buf_init(&p->title_tokens, 0);
  hoso__buf_init(&p->text_tokens, 0);
  p->offset = -1;
  p->origin = dup0(doc->origin ? doc->origin : "(document)");
  if (!p->origin) return HOSO_ENOMEM;
  if (!doc->data || doc->n == 0) {
    fail(p, HOSO_EFORMAT, -1, "empty document");
    return HOSO_OK;
  }
  if (doc->n > HOSO_INGEST_DOC_MAX) {
    char m[128];
    snprintf(m, sizeof(m), "document of %zu bytes is over the %u byte limit",
             doc->n, HOSO_INGEST_DOC_MAX);
    fail(p, HOSO_ETOOBIG, -1, m);
    return HOSO_OK;
  }
  size_t bad = hoso__utf8_invalid_at(doc->data, doc->n);
  if (bad < doc->n) {
    fail(p, HOSO_EUTF8, (int64_t)bad,
         "malformed UTF-8 (is the page in another encoding?)");
    return HOSO_OK;
  }
  if (memchr(doc->data, 0, doc->n)) {
    fail(p, HOSO_EFORMAT, (int64_t)((const char *)memchr(doc->data, 0, doc->n) - doc->data),
         "binary data (NUL byte), not a page or text");
    return HOSO_OK;
  }
  if (!doc->is_text && looks_html(doc->data, doc->n)) {
    fail(p, HOSO_EFORMAT, 0,
         "HTML page: article extraction is not available in this build yet");
    return HOSO_OK;
  }
  p->original = dupn(doc->data, doc->n);
  p->text = dupn(doc->data, doc->n);
  p->title = first_line(doc->data, doc->n);
  if (!p->original || !p->text) return HOSO_ENOMEM;
  size_t tn = doc->n;
  p->url = dup0(doc->url);
  p->canonical = hoso__canonical_url(doc->url);
  p->outlet = dup0(doc->outlet);
  p->published = doc->published && *doc->published ? dup0(doc->published)
                                                   : dateline(p->text, tn);
  p->credit = credit_line(p->text, tn);

  /* words: search streams, signature, language evidence */
  int rc = hoso__words_stream(c->words, p->text, tn, &p->text_tokens);
  if (!rc && p->title)
    rc = hoso__words_stream(c->words, p->title, strlen(p->title), &p->title_tokens);
  if (rc) return HOSO_ENOMEM;
  sig_ctx sc;
  memset(&sc, 0, sizeof(sc));
  hoso__minhash_init(&sc.mh);
  rc = hoso__words_unstream(p->text_tokens.p, p->text_tokens.n, on_word, &sc);
  if (rc) return HOSO_ENOMEM;
  hoso__minhash_done(&sc.mh);
  if (sc.words == 0) {
    fail(p, HOSO_EFORMAT, -1, "no words in the document");
    return HOSO_OK;
  }
  if (doc->lang && *doc->lang) {
    p->lang = dup0(doc->lang);
  } else if (c->langid) {
    size_t probe = tn < 4000 ? tn : 4000;
    while (probe < tn && ((unsigned char)p->text[probe] & 0xC0) == 0x80) probe++;
    p->lang = dup0(lang_code(hoso_langid_detect(c->langid, p->text, probe, NULL)));
  } else {
    p->lang = dup0(sc.cyr * 3 > sc.words ? "ru"
                   : sc.latin_marked * 10 > sc.words ? "vi" : "en");
  }
  uint64_t h1 = hoso__hash64(p->text_tokens.p, p->text_tokens.n, 1);
  uint64_t h2 = hoso__hash64(p->text_tokens.p, p->text_tokens.n, 2);
  snprintf(p->hash, sizeof(p->hash), "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);

  hoso_store_article *a = &p->a;
  memset(a, 0, sizeof(*a));
  a->content_hash = p->hash;
  a->url = p->url;
  a->canonical_url = p->canonical;
  a->outlet = p->outlet;
  a->lang = p->lang;
  a->title = p->title;
  a->credit = p->credit;
  a->published = p->published;
  a->published_day = INT64_MIN;
  int32_t day;
  if (p->published && hoso__sq_parse_day(p->published, 0, &day) == 0)
    a->published_day = day;
  a->origin = p->origin;
  a->text = p->text;
  a->text_n = tn;
  a->original = p->original;
  a->original_n = doc->n;
  a->title_tokens = p->title_tokens.p;
  a->title_tokens_n = p->title_tokens.n;
  a->text_tokens = p->text_tokens.p;
  a->text_tokens_n = p->text_tokens.n;
  memcpy(a->minhash, sc.mh.sig, sizeof(a->minhash));
  return HOSO_OK;
}
