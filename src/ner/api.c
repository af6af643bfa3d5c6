/* api.c -- public entry points of the entity and event stages
** (include/hoso.h, section ner). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/events.h"
#include "ner/model.h"
#include "ner/namecheck.h"
#include "ner/ner.h"
#include "ner/ner_api.h"

struct hoso_ner {
  hoso__gaz *gaz;
  hoso__nermodel *model; /* NULL: rules only */
  hoso__escorer *escorer; /* the learned event scorer, NULL: none */
  hoso__ntable *heads;    /* gazetteers/nameheads.tsv, NULL: none */
  hoso__ntable *namesyl;  /* gazetteers/namesyl.txt, NULL: none */
  hoso__ntable *nonper;   /* gazetteers/nonper.tsv, NULL: none */
  hoso__ntable *tails;    /* gazetteers/nametails.tsv, NULL: none */
};

/* An optional table of the person check: none if the file is missing, an
** error if it is there but unreadable. */
static int open_table(const char *path, hoso__ntable **out, hoso_error *err) {
  FILE *f = fopen(path, "rb");
  *out = NULL;
  if (!f) return HOSO_OK;
  fclose(f);
  return hoso__ntable_open(path, out, err);
}

int hoso_ner_open(const char *dir, hoso_ner **out, hoso_error *err) {
  *out = NULL;
  char base[2048], path[4200];
  if (dir) snprintf(base, sizeof base, "%s", dir);
  else hoso__model_path("", base, sizeof base);
  size_t bl = strlen(base);
  if (bl && base[bl - 1] == '/') base[bl - 1] = 0;
  hoso_ner *n = calloc(1, sizeof *n);
  if (!n) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  snprintf(path, sizeof path, "%s/gazetteers", base);
  int rc = hoso__gaz_load(path, &n->gaz, err);
  if (!rc) {
    snprintf(path, sizeof path, "%s/events/triggers.tsv", base);
    rc = hoso__gaz_add_file(n->gaz, path, err);
  }
  if (!rc) {
    snprintf(path, sizeof path, "%s/events/words.tsv", base);
    rc = hoso__gaz_add_file(n->gaz, path, err);
  }
  /* the person check's tables, each optional */
  const struct { const char *file; hoso__ntable **slot; } tables[] = {
      {"nameheads.tsv", &n->heads}, {"namesyl.txt", &n->namesyl},
      {"nonper.tsv", &n->nonper}, {"nametails.tsv", &n->tails}};
  for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
    snprintf(path, sizeof path, "%s/gazetteers/%s", base, tables[i].file);
    rc = open_table(path, tables[i].slot, err);
  }
  if (rc) {
    hoso_ner_close(n);
    return rc;
  }
  /* No ner.model: rules only. One that is there but cannot be used (corrupt,
  ** built for other features, its word classes missing) is an error: it
  ** used to be dropped silently, and the tagger's names with it. */
  snprintf(path, sizeof path, "%s/ner.model", base);
  FILE *f = fopen(path, "rb");
  if (f) {
    fclose(f);
    rc = hoso__nermodel_open(path, &n->model, err);
    if (rc) {
      hoso_ner_close(n);
      return rc;
    }
  }
  /* the learned event scorer: optional, but not corrupt */
  snprintf(path, sizeof path, "%s/events.model", base);
  f = fopen(path, "rb");
  if (f) {
    fclose(f);
    rc = hoso__escorer_open(path, &n->escorer, err);
    if (rc) {
      hoso_ner_close(n);
      return rc;
    }
  }
  *out = n;
  return HOSO_OK;
}

int hoso_ner_load_event_model(hoso_ner *n, const char *path, hoso_error *err) {
  if (!n || !path) return hoso__err(err, HOSO_EARG, "no analyser or events model path");
  hoso__escorer *s;
  int rc = hoso__escorer_open(path, &s, err);
  if (rc) return rc;
  hoso__escorer_close(n->escorer);
  n->escorer = s;
  return HOSO_OK;
}

int hoso_ner_has_event_model(const hoso_ner *n) { return n && n->escorer; }

void hoso_ner_close(hoso_ner *n) {
  if (!n) return;
  hoso__gaz_free(n->gaz);
  hoso__nermodel_close(n->model);
  hoso__escorer_close(n->escorer);
  hoso__ntable_free(n->heads);
  hoso__ntable_free(n->namesyl);
  hoso__ntable_free(n->nonper);
  hoso__ntable_free(n->tails);
  free(n);
}

int hoso_ner_has_model(const hoso_ner *n) { return n && n->model; }

typedef struct hoso__ndoc_map_hook {
  const struct hoso__omap *map;
  size_t n;
} hoso__ndoc_map_hook;

static int ner_members(const hoso_ner *n, hoso_json *w, const char *text,
                       size_t len, const char *published, unsigned flags,
                       const hoso__ndoc_map_hook *hook, hoso_error *err) {
  hoso__ndoc d;
  int rc = hoso__ndoc_scan(&d, text, len, err);
  if (hook) {
    d.omap = hook->map;
    d.nomap = hook->n;
  }
  if (!rc) {
    if (!published || hoso__date_from_iso(published, strlen(published), &d.pub))
      d.pub.determinable = 0;
    rc = hoso__ner_run(&d, n->gaz, (flags & HOSO_NER_RULES_ONLY) ? NULL : n->model,
                       0, err);
  }
  if (!rc && !(flags & HOSO_NER_NO_PERSON_CHECK)) {
    hoso__namecheck nc = {n->heads, n->namesyl, n->nonper, n->tails, 0};
    hoso__ner_check_persons(&d, n->gaz, &nc);
  }
  /* posts told without a name, linked to their holders (the person check
  ** has settled who is a person) */
  if (!rc && hoso__ner_link_posts(&d, n->gaz))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory (posts told without a name)");
  if (!rc && (flags & HOSO_NER_ENTITIES)) {
    hoso__json_key(w, "entities");
    hoso__ner_write_json(&d, n->gaz, w);
    if (hoso__ner_nposts_told(&d)) {
      hoso__json_key(w, "posts");
      hoso__ner_write_posts_json(&d, n->gaz, w);
    }
  }
  if (!rc && (flags & HOSO_NER_EVENTS)) {
    hoso__events ev;
    int mode = (flags & HOSO_NER_EVENT_FEATURES) ? HOSO__EV_FEATURES
               : (flags & HOSO_NER_EVENT_MODEL)  ? HOSO__EV_LEARNED
                                                 : HOSO__EV_RULES;
    if (mode == HOSO__EV_LEARNED && !n->escorer)
      rc = hoso__err(err, HOSO_EMODEL, "no events model (models/events.model) to decide events");
    else
      rc = hoso__events_find(&d, n->gaz, n->escorer, mode, &ev, err);
    if (!rc) {
      hoso__json_key(w, "events");
      hoso__events_write_json(&ev, &d, w);
      hoso__events_free(&ev);
    }
  }
  hoso__ndoc_free(&d);
  return rc;
}

int hoso__ner_json_members(const hoso_ner *n, hoso_json *w, const char *text,
                           size_t len, const char *published, unsigned flags,
                           hoso_error *err) {
  return ner_members(n, w, text, len, published, flags, NULL, err);
}

int hoso_ner_analyze(const hoso_ner *n, const char *text, size_t len,
                     const char *published, unsigned flags, char **json,
                     size_t *json_n, hoso_error *err) {
  *json = NULL;
  if (!n || (!text && len)) return hoso__err(err, HOSO_EARG, "no analyser or text");
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  hoso__json_obj_begin(&w);
  int rc = hoso__ner_json_members(n, &w, text ? text : "", len, published, flags, err);
  hoso__json_obj_end(&w);
  if (!rc && w.rc) rc = hoso__err(err, w.rc, "out of memory (JSON)");
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  if (json_n) *json_n = b.n;
  *json = hoso__buf_take(&b);
  return *json ? HOSO_OK : hoso__err(err, HOSO_ENOMEM, "out of memory");
}

/* For conll.c: scan and run the entity passes on text (d owned by the
** caller: hoso__ndoc_free); words (NULL: not segmented) as for
** hoso__ndoc_mark_words. */
int hoso__ner_doc(const hoso_ner *n, hoso__ndoc *d, const char *text,
                  size_t len, const size_t *words, size_t nwords,
                  hoso_error *err) {
  int rc = hoso__ndoc_scan_opts(d, text, len, HOSO__SCAN_LINES, err);
  d->pub.determinable = 0;
  if (!rc && words) hoso__ndoc_mark_words(d, words, nwords);
  if (!rc) rc = hoso__ner_run(d, n->gaz, n->model, HOSO__NER_MODEL_ONLY, err);
  /* The person check here too, but a name it says is no person is left
  ** untagged: the NER sets' MISC is narrower than the check's, and their
  ** clubs and streets are not always ORG and LOC (VLSP 2016 dev 89.62 ->
  ** 89.90, 2018 dev 86.43 -> 86.77; keeping the check's types: 89.89,
  ** 86.68). */
  if (!rc) {
    hoso__namecheck nc = {n->heads, n->namesyl, n->nonper, n->tails, 1};
    hoso__ner_check_persons(d, n->gaz, &nc);
  }
  return rc;
}

const hoso__gaz *hoso__ner_gaz(const hoso_ner *n) { return n->gaz; }

/* ---- articles ------------------------------------------------------- */

static int add_piece(hoso_buf *t, struct hoso__omap *map, size_t *nmap,
                     int *exact, const hoso_article_rec *a, const char *s,
                     size_t n, const hoso_block *b) {
  if (!s || !n) return HOSO_OK;
  if (t->n) {
    int rc = hoso__buf_adds(t, "\n\n");
    if (rc) return rc;
  }
  if (b && a->spans_exact && b->has_span && b->end - b->start == n) {
    map[*nmap].at = t->n;
    map[*nmap].len = n;
    map[*nmap].doc = b->start;
    (*nmap)++;
  } else {
    *exact = 0;
  }
  return hoso__buf_add(t, s, n);
}

int hoso_ner_article_json(const hoso_ner *n, const hoso_article_rec *a,
                          const char *article_json, size_t article_n,
                          unsigned flags, char **json, size_t *json_n,
                          hoso_error *err) {
  *json = NULL;
  if (!n || !a || !article_json || article_n < 2 ||
      article_json[article_n - 1] != '}')
    return hoso__err(err, HOSO_EARG, "no analyser, article or article JSON");
  size_t nblocks = 2 + a->n_body + a->n_captions;
  struct hoso__omap *map = calloc(nblocks, sizeof *map);
  if (!map) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  hoso_buf t;
  hoso__buf_init(&t, HOSO_NER_MAX_TEXT);
  size_t nmap = 0;
  int exact = 1, rc = HOSO_OK;
  /* title and lead carry no spans of their own: the body and captions do */
  int title_exact = 1;
  if (a->title) rc = add_piece(&t, map, &nmap, &title_exact, a, a->title, strlen(a->title), NULL);
  if (!rc && a->lead) rc = add_piece(&t, map, &nmap, &title_exact, a, a->lead, strlen(a->lead), NULL);
  (void)title_exact;
  for (size_t i = 0; !rc && i < a->n_body; i++)
    rc = add_piece(&t, map, &nmap, &exact, a, a->body[i].text, a->body[i].len, &a->body[i]);
  for (size_t i = 0; !rc && i < a->n_captions; i++)
    rc = add_piece(&t, map, &nmap, &exact, a, a->captions[i].text, a->captions[i].len,
                   &a->captions[i]);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  if (!rc) {
    rc = hoso__buf_add(&b, article_json, article_n - 1);
    if (!rc) rc = hoso__buf_adds(&b, ",\"analysis\":");
  }
  if (!rc) {
    hoso_json w;
    hoso__json_init(&w, &b);
    hoso__json_obj_begin(&w);
    /* offsets: into the page when the analysed text is body and captions
    ** only and every block maps to the page exactly; else into "text"
    ** (title, lead, body and captions joined by blank lines), written out */
    int doc = exact && a->spans_exact && !a->title && !a->lead;
    hoso__json_key(&w, "offsets");
    hoso__json_str(&w, doc ? "document" : "text");
    if (!doc) {
      hoso__json_key(&w, "text");
      hoso__json_strn(&w, t.p ? t.p : "", t.n);
    }
    hoso__ndoc_map_hook hook = {doc ? map : NULL, doc ? nmap : 0};
    rc = ner_members(n, &w, t.p ? t.p : "", t.n, a->published, flags, &hook, err);
    hoso__json_obj_end(&w);
    if (!rc && w.rc) rc = hoso__err(err, w.rc, "out of memory (JSON)");
    if (!rc) rc = hoso__buf_addc(&b, '}');
  }
  hoso__buf_free(&t);
  free(map);
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  if (json_n) *json_n = b.n;
  *json = hoso__buf_take(&b);
  return *json ? HOSO_OK : hoso__err(err, HOSO_ENOMEM, "out of memory");
}
