/* prepare.c -- one input document to a storable article, on a worker
** thread: text and title, language, date and credit when the input does
** not give them, the search word streams, the content hash and the
** MinHash signature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/ingest_int.h"
#include "store/minhash.h"
#include "store/sqlite_int.h" /* hoso__sq_parse_day */
#include "text/text.h"

int hoso__prep_ctx_init(hoso_prep_ctx *c, const hoso_ner *ner, const hoso_vi *vi) {
  memset(c, 0, sizeof(*c));
  c->ner = ner;
  if (hoso__words_new(&c->words)) return HOSO_ENOMEM;
  if (hoso__words_use_segmenter(c->words, vi)) return HOSO_ENOMEM;
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
  free(p->packed);
  free(p->title);
  free(p->url);
  free(p->canonical);
  free(p->outlet);
  free(p->lang);
  free(p->published);
  free(p->credit);
  free(p->author);
  free(p->record);
  json_decref(p->ner_json);
  for (size_t i = 0; i < p->n_extra; i++) free(p->extra[i]);
  free(p->extra);
  free(p->ents);
  free(p->events);
  free(p->parts);
  hoso__buf_free(&p->title_tokens);
  hoso__buf_free(&p->text_tokens);
  hoso__buf_free(&p->forms);
  hoso__buf_free(&p->forms_hash);
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

/* Fewer words than this always go to the language model. */
#define VI_SURE_WORDS 20

typedef struct sig_ctx {
  size_t cyr, latin_marked, words;
  size_t vi_only; /* words with a letter only Vietnamese uses */
  /* distinct spelled words (fold != exact): open addressing over their
  ** records' offsets (+1) into forms, where each is kept followed by '\n' */
  size_t *seen;
  size_t cap, used;
  hoso_buf *forms;
  hoso_buf *forms_hash; /* (uint32_t)h of each forms line */
  uint64_t text_no;     /* this text's number (hoso_prep_ctx.texts) */
  int rc;
} sig_ctx;

static int seen_grow(sig_ctx *c) {
  size_t nc = c->cap ? c->cap * 2 : 4096;
  size_t *ns = calloc(nc, sizeof(*ns));
  if (!ns) return HOSO_ENOMEM;
  for (size_t k = 0; k < c->cap; k++) {
    if (!c->seen[k]) continue;
    const char *r = c->forms->p + c->seen[k] - 1;
    const char *nl = memchr(r, '\n', c->forms->n - (c->seen[k] - 1));
    size_t i = (size_t)hoso__hash64(r, (size_t)(nl - r), 7) & (nc - 1);
    while (ns[i]) i = (i + 1) & (nc - 1);
    ns[i] = c->seen[k];
  }
  free(c->seen);
  c->seen = ns;
  c->cap = nc;
  return HOSO_OK;
}

/* A spelled word's record ("fold\x1Fexact"), once per article; h is
** hoso__hash64(rec, rec_n, 7). */
static void note_form(sig_ctx *c, const char *rec, size_t rec_n, uint64_t h) {
  if (c->rc) return;
  if ((c->used + 1) * 2 > c->cap && (c->rc = seen_grow(c))) return;
  size_t i = (size_t)h & (c->cap - 1);
  while (c->seen[i]) {
    const char *r = c->forms->p + c->seen[i] - 1;
    if ((size_t)(c->forms->p + c->forms->n - r) > rec_n && r[rec_n] == '\n' &&
        !memcmp(r, rec, rec_n))
      return;
    i = (i + 1) & (c->cap - 1);
  }
  c->seen[i] = c->forms->n + 1;
  c->used++;
  c->rc = hoso__buf_add(c->forms, rec, rec_n);
  if (!c->rc) c->rc = hoso__buf_addc(c->forms, '\n');
  uint32_t h32 = (uint32_t)h;
  if (!c->rc) c->rc = hoso__buf_add(c->forms_hash, (const char *)&h32, sizeof(h32));
}

/* Does a word hold a letter of Vietnamese and of no other language hoso
** identifies: ă đ ơ ư, or a vowel with the marks of U+1EA0..U+1EF9 (ạ ả
** ấ ... ỹ)? */
static int vi_only_letter(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t len;
    int32_t cp = hoso__utf8_dec(s + i, n - i, &len);
    if (cp == 0x103 || cp == 0x111 || cp == 0x1A1 || cp == 0x1B0 ||
        (cp >= 0x1EA0 && cp <= 0x1EF9))
      return 1;
    i += len ? len : 1;
  }
  return 0;
}

/* What a word tells of the article, kept in its memo (the same for every
** occurrence): flags, the spelling's hash (h[1]), and the number of the
** last text whose spellings have it (h[0]), so a word's later occurrences
** in a text skip note_form's table. (The MinHash signature is of
** syllables, not of these words: hoso__text_keys.) */
#define W_FILLED 1u
#define W_CYR 2u      /* a Cyrillic word */
#define W_MARKED 4u   /* a Latin word spelled with marks (fold != exact) */
#define W_VI_ONLY 8u  /* ... with a letter only Vietnamese has */

static int on_word(void *ctx, const char *rec, size_t rec_n, size_t fold_n,
                   hoso_word_memo *m) {
  sig_ctx *c = ctx;
  if (!m->flags) {
    const char *exact = rec_n > fold_n ? rec + fold_n + 1 : NULL;
    size_t exact_n = exact ? rec_n - fold_n - 1 : 0;
    m->flags = W_FILLED;
    if (fold_n >= 2 && (unsigned char)rec[0] == 0xD0) m->flags |= W_CYR;
    else if (exact && exact_n && (unsigned char)exact[0] < 0xD0) {
      m->flags |= W_MARKED;
      if (vi_only_letter(exact, exact_n)) m->flags |= W_VI_ONLY;
    }
    if (exact) m->h[1] = hoso__hash64(rec, rec_n, 7);
  }
  c->words++;
  c->cyr += !!(m->flags & W_CYR);
  c->latin_marked += !!(m->flags & W_MARKED);
  c->vi_only += !!(m->flags & W_VI_ONLY);
  if (rec_n > fold_n && m->h[0] != c->text_no) {
    note_form(c, rec, rec_n, m->h[1]);
    m->h[0] = c->text_no;
  }
  return c->rc;
}

/* ---- extraction (src/extract) -------------------------------------- */

static int add_block(hoso_buf *b, const char *t, size_t n) {
  if (!n) return HOSO_OK;
  int rc = b->n ? hoso__buf_adds(b, "\n\n") : HOSO_OK;
  if (!rc) rc = hoso__buf_add(b, t, n);
  return rc;
}

/* A page (HTML or text) through hoso_extract: the stored text is the
** title, then the body paragraphs, then the captions, separated by blank
** lines; every offset the archive gives refers to it. */
static int from_page(hoso_prep_ctx *c, const hoso_document *doc,
                     hoso_prepared *p) {
  hoso_extract_opts o;
  memset(&o, 0, sizeof(o));
  o.url = doc->url;
  o.format = HOSO_FORMAT_AUTO;
  o.langid = c->langid;
  o.max_input = HOSO_INGEST_DOC_MAX;
  hoso_article_rec *r = NULL;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso_extract(doc->data, doc->n, &o, &r, &e);
  if (rc == HOSO_ENOMEM) return rc;
  if (rc) {
    fail(p, rc, e.has_offset ? (int64_t)e.offset : -1, e.message);
    return HOSO_OK;
  }
  if (r->n_body == 0) {
    char m[200];
    snprintf(m, sizeof(m), "no article on this page (%s)",
             r->empty_reason ? r->empty_reason : "no main text");
    fail(p, HOSO_EFORMAT, -1, m);
    hoso_article_free(r);
    return HOSO_OK;
  }
  hoso_buf b;
  hoso__buf_init(&b, 0);
  rc = r->title ? add_block(&b, r->title, strlen(r->title)) : HOSO_OK;
  for (size_t i = 0; i < r->n_body && !rc; i++)
    rc = add_block(&b, r->body[i].text, r->body[i].len);
  for (size_t i = 0; i < r->n_captions && !rc; i++)
    rc = add_block(&b, r->captions[i].text, r->captions[i].len);
  char *json = NULL;
  if (!rc) rc = hoso_article_to_json(r, 0, &json, NULL);
  if (rc) {
    hoso__buf_free(&b);
    hoso_article_free(r);
    return HOSO_ENOMEM;
  }
  p->text = hoso__buf_take(&b);
  p->record = json;
  p->title = r->title ? dup0(r->title) : first_line(r->body[0].text, r->body[0].len);
  p->url = dup0(r->url);
  p->outlet = dup0(r->site);
  p->lang = dup0(r->language);
  p->published = dup0(r->published);
  p->credit = r->n_credit ? dup0(r->credit[0]) : NULL;
  p->author = r->n_authors ? dup0(r->authors[0]) : NULL;
  hoso_article_free(r);
  if (!p->text) return HOSO_ENOMEM;
  if (!p->credit) p->credit = credit_line(p->text, strlen(p->text));
  return HOSO_OK;
}

/* ---- entities and events (src/ner) ---------------------------------- */

static int kind_of(const char *type) {
  if (!strcmp(type, "PER")) return HOSO_ENTITY_PERSON;
  if (!strcmp(type, "ORG")) return HOSO_ENTITY_ORG;
  if (!strcmp(type, "LOC") || !strcmp(type, "GPE")) return HOSO_ENTITY_PLACE;
  return 0;
}

static char *keep(hoso_prepared *p, char *s) {
  if (!s) return NULL;
  char **x = realloc(p->extra, (p->n_extra + 1) * sizeof(*x));
  if (!x) {
    free(s);
    return NULL;
  }
  p->extra = x;
  p->extra[p->n_extra++] = s;
  return s;
}

/* The rank and posts of a person as one title ("Đại tướng, Chủ nhiệm ..."). */
static const char *title_of(hoso_prepared *p, const json_t *e) {
  hoso_buf b;
  hoso__buf_init(&b, 4096);
  int rc = HOSO_OK;
  const char *rank = hoso__json_get_str(e, "rank");
  if (*rank) rc = hoso__buf_adds(&b, rank);
  const json_t *posts = json_object_get(e, "posts");
  for (size_t i = 0; i < json_array_size(posts) && !rc; i++) {
    const char *post = json_string_value(json_array_get(posts, i));
    if (!post) continue;
    if (b.n) rc = hoso__buf_adds(&b, ", ");
    if (!rc) rc = hoso__buf_adds(&b, post);
  }
  if (rc || !b.n) {
    hoso__buf_free(&b);
    return NULL;
  }
  return keep(p, hoso__buf_take(&b));
}

/* An offset pair [start, end] within a text of n bytes: 1 if valid. */
static int span_of(const json_t *pair, size_t n, size_t *start, size_t *end) {
  if (json_array_size(pair) != 2) return 0;
  double a = json_number_value(json_array_get(pair, 0));
  double b = json_number_value(json_array_get(pair, 1));
  if (a < 0 || b < a || b > (double)n) return 0;
  *start = (size_t)a;
  *end = (size_t)b;
  return 1;
}

static int analyse(hoso_prep_ctx *c, hoso_prepared *p) {
  char *json = NULL;
  size_t jn = 0;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso_ner_analyze(c->ner, p->text, p->a.text_n, p->published,
                            HOSO_NER_ENTITIES | HOSO_NER_EVENTS, &json, &jn, &e);
  if (rc == HOSO_ENOMEM) return rc;
  if (rc) return HOSO_OK; /* the article is still stored, without entities */
  p->ner_json = hoso__json_parse(json, jn, &e);
  hoso_free(json);
  if (!p->ner_json) return e.code == HOSO_ENOMEM ? HOSO_ENOMEM : HOSO_OK;
  const json_t *ents = json_object_get(p->ner_json, "entities");
  const json_t *evs = json_object_get(p->ner_json, "events");
  size_t n_ent = 0, n_ev = json_array_size(evs), n_part = 0;
  for (size_t i = 0; i < json_array_size(ents); i++) {
    const json_t *en = json_array_get(ents, i);
    if (kind_of(hoso__json_get_str(en, "type")))
      n_ent += json_array_size(json_object_get(en, "mentions"));
  }
  for (size_t i = 0; i < n_ev; i++)
    n_part += json_array_size(json_object_get(json_array_get(evs, i), "participants"));
  p->ents = calloc(n_ent ? n_ent : 1, sizeof(*p->ents));
  p->events = calloc(n_ev ? n_ev : 1, sizeof(*p->events));
  p->parts = calloc(n_part ? n_part : 1, sizeof(*p->parts));
  if (!p->ents || !p->events || !p->parts) return HOSO_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < json_array_size(ents); i++) {
    const json_t *en = json_array_get(ents, i);
    int kind = kind_of(hoso__json_get_str(en, "type"));
    const json_t *m = json_object_get(en, "mentions");
    if (!kind || !json_is_array(m) || !*hoso__json_get_str(en, "name")) continue;
    const char *title = kind == HOSO_ENTITY_PERSON ? title_of(p, en) : NULL;
    for (size_t j = 0; j < json_array_size(m); j++) {
      size_t a, b;
      if (!span_of(json_array_get(m, j), p->a.text_n, &a, &b)) continue;
      hoso_store_entity *se = &p->ents[k++];
      se->kind = kind;
      se->name = hoso__json_get_str(en, "name");
      se->title = j == 0 ? title : NULL; /* the title once per article */
      se->start = a;
      se->end = b;
    }
  }
  p->a.entities = p->ents;
  p->a.n_entities = k;
  size_t kp = 0, ke = 0;
  for (size_t i = 0; i < n_ev; i++) {
    const json_t *ev = json_array_get(evs, i);
    hoso_store_event *se = &p->events[ke++];
    se->type = hoso__json_get_str(ev, "type");
    se->date = *hoso__json_get_str(ev, "date") ? hoso__json_get_str(ev, "date") : NULL;
    se->place = *hoso__json_get_str(ev, "place") ? hoso__json_get_str(ev, "place") : NULL;
    const char *obj = json_string_value(json_object_get(ev, "object"));
    const json_t *agreed = json_object_get(ev, "agreed");
    if (obj)
      se->summary = obj;
    else if (json_array_size(agreed) && json_is_string(json_array_get(agreed, 0)))
      se->summary = json_string_value(json_array_get(agreed, 0));
    const json_t *evd = json_object_get(ev, "evidence");
    size_t a, b;
    if (json_array_size(evd) && span_of(json_array_get(evd, 0), p->a.text_n, &a, &b)) {
      se->start = a;
      se->end = b;
    }
    const json_t *pp = json_object_get(ev, "participants");
    se->parts = p->parts + kp;
    for (size_t j = 0; j < json_array_size(pp); j++) {
      const json_t *pa = json_array_get(pp, j);
      if (!*hoso__json_get_str(pa, "name")) continue;
      hoso_store_participant *sp = &p->parts[kp++];
      sp->name = hoso__json_get_str(pa, "name");
      sp->kind = HOSO_ENTITY_PERSON;
      const json_t *eid = json_object_get(pa, "entity");
      if (json_is_number(eid))
        for (size_t q = 0; q < json_array_size(ents); q++) {
          const json_t *en = json_array_get(ents, q);
          if (hoso__json_get_num(en, "id") != json_number_value(eid)) continue;
          int kd = kind_of(hoso__json_get_str(en, "type"));
          if (kd) sp->kind = kd;
          if (kd == HOSO_ENTITY_PERSON) sp->title = title_of(p, en);
          sp->name = hoso__json_get_str(en, "name");
          break;
        }
      se->n_parts++;
    }
  }
  p->a.events = p->events;
  p->a.n_events = ke;
  return HOSO_OK;
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
  /* a text must be UTF-8; a page may be in a legacy charset (windows-1258,
  ** TCVN3, VNI...) or carry stray bytes: extraction converts it. A text
  ** its reader checked (c->text_checked: a JSON Lines value) is not
  ** scanned again for either. */
  int checked = doc->is_text && c->text_checked;
  size_t bad = doc->is_text && !checked ? hoso__utf8_invalid_at(doc->data, doc->n) : doc->n;
  if (bad < doc->n) {
    fail(p, HOSO_EUTF8, (int64_t)bad,
         "malformed UTF-8 (is the page in another encoding?)");
    return HOSO_OK;
  }
  if (!checked && memchr(doc->data, 0, doc->n)) {
    fail(p, HOSO_EFORMAT, (int64_t)((const char *)memchr(doc->data, 0, doc->n) - doc->data),
         "binary data (NUL byte), not a page or text");
    return HOSO_OK;
  }
  size_t tn;
  if (!doc->is_text) {
    int rc = from_page(c, doc, p);
    if (rc || p->failed) return rc;
    tn = strlen(p->text);
  } else {
    p->text = dupn(doc->data, doc->n);
    p->title = first_line(doc->data, doc->n);
    if (!p->text) return HOSO_ENOMEM;
    tn = doc->n;
    p->credit = credit_line(p->text, tn);
  }
  p->original = dupn(doc->data, doc->n);
  if (!p->original) return HOSO_ENOMEM;
  if (!p->url) p->url = dup0(doc->url);
  p->canonical = hoso__canonical_url(p->url);
  if (doc->outlet && *doc->outlet) {
    free(p->outlet);
    p->outlet = dup0(doc->outlet);
  }
  if (doc->published && *doc->published) {
    free(p->published);
    p->published = dup0(doc->published);
  }
  if (!p->published) p->published = dateline(p->text, tn);

  /* words: search streams, and as the text's words come, the signature,
  ** spellings and language evidence */
  sig_ctx sc;
  memset(&sc, 0, sizeof(sc));
  hoso__buf_init(&p->forms, 0);
  hoso__buf_init(&p->forms_hash, 0);
  sc.forms = &p->forms;
  sc.forms_hash = &p->forms_hash;
  sc.text_no = ++c->texts;
  /* and in the same pass the content hash and the MinHash signature: of
  ** the text's syllables, not of its segmented words, so a new
  ** segmentation model changes neither (schema 6); the syllables come
  ** with the words (hoso__words_stream_keys: the same as
  ** hoso__text_keys's own scan, one scan fewer) */
  uint32_t sig[HOSO_MINHASH_N];
  hoso_keys_acc keys;
  hoso__keys_init(&keys);
  double t0 = hoso__thread_cpu();
  int rc = hoso__words_stream_keys(c->words, p->text, tn, &p->text_tokens, on_word, &sc,
                                   hoso__keys_syl, &keys);
  if (!rc && p->title)
    rc = hoso__words_stream(c->words, p->title, strlen(p->title), &p->title_tokens);
  if (!rc && !sc.rc) hoso__keys_done(&keys, p->hash, sig, NULL);
  p->words_cpu = hoso__thread_cpu() - t0;
  free(sc.seen);
  if (rc || sc.rc) return HOSO_ENOMEM;
  if (sc.words == 0) {
    fail(p, HOSO_EFORMAT, -1, "no words in the document");
    return HOSO_OK;
  }
  if (doc->lang && *doc->lang) {
    free(p->lang);
    p->lang = dup0(doc->lang);
  } else if (p->lang) {
    /* from extraction */
  } else if (sc.words >= VI_SURE_WORDS && sc.vi_only * 2 >= sc.words) {
    /* half the words spelled with letters only Vietnamese has: Vietnamese,
    ** without asking the language model (which cost ~30% of the workers'
    ** CPU). On the 84,099 VNTC articles the model said "vi" for every
    ** article this rule takes (76,986, 91.5%); the highest share of such
    ** words in an article the model called something else was 38%. */
    p->lang = dup0("vi");
  } else if (c->langid) {
    size_t probe = tn < 4000 ? tn : 4000;
    while (probe < tn && ((unsigned char)p->text[probe] & 0xC0) == 0x80) probe++;
    p->lang = dup0(lang_code(hoso_langid_detect(c->langid, p->text, probe, NULL)));
  } else {
    p->lang = dup0(sc.cyr * 3 > sc.words ? "ru"
                   : sc.latin_marked * 10 > sc.words ? "vi" : "en");
  }

  hoso_store_article *a = &p->a;
  memset(a, 0, sizeof(*a));
  a->content_hash = p->hash;
  a->url = p->url;
  a->canonical_url = p->canonical;
  a->outlet = p->outlet;
  a->lang = p->lang;
  a->title = p->title;
  a->credit = p->credit;
  a->author = p->author;
  a->record_json = p->record;
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
  a->forms = p->forms.p;
  a->forms_n = p->forms.n;
  a->forms_hash = (const uint32_t *)(void *)p->forms_hash.p;
  memcpy(a->minhash, sig, sizeof(a->minhash));
  if (c->pack_original) { /* here, so the store's one writer does not compress */
    size_t zn;
    const char *enc;
    rc = hoso__original_pack(p->original, doc->n, p->text, tn, &p->packed, &zn, &enc);
    if (rc == HOSO_ENOMEM) return rc;
    if (!rc) { /* else (zlib failing) the store packs it and says why it cannot */
      a->original_encoding = enc;
      a->original_packed = p->packed;
      a->original_packed_n = zn;
    }
  }
  if (!c->ner) return HOSO_OK;
  t0 = hoso__thread_cpu();
  rc = analyse(c, p);
  p->analysis_cpu = hoso__thread_cpu() - t0;
  return rc;
}
