/*
** gazetteer.c -- phrase lists as data: load TSV files, index them by the
** hash of their token match keys, find every match in a document.
**
** File format (models/gazetteers/NAME.tsv, models/events/NAME.tsv): UTF-8, one
** entry a line, '#' starts a comment line, columns separated by TAB:
**   surface  CLASS  canonical  attr  [extra ...]   (at most 8 columns)
** CLASS is one of RANK TITLE GPE ORG ORGHEAD LOC AWARD AWARDHEAD DOC
** SURNAME STOP DAYPART TRIGGER STATUS AGREE DATEW WORD. The surface is tokenised
** like running text, so matching ignores case and tone-mark placement.
** <dir>/index.txt lists the files to load, one name a line.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"

typedef struct gfile {
  char *data;
  struct gfile *next;
} gfile;

struct hoso__gaz {
  hoso__gentry *e;
  uint64_t *eh; /* hash per entry */
  char **ekey;  /* owned token-key sequence per entry, 0x1F separated */
  size_t n, cap;
  int32_t *slot; /* open addressing: entry id or -1 */
  size_t nslot;
  uint64_t *pre; /* hashes of every proper prefix of an entry (0 = empty) */
  size_t npre, cappre;
  size_t npslot;
  uint64_t *pslot; /* open addressing set over pre */
  gfile *files;
  int maxtok;
};

static const char *const class_names[GC_COUNT] = {
    "", "RANK", "TITLE", "GPE", "ORG", "ORGHEAD", "LOC", "AWARD",
    "AWARDHEAD", "DOC", "SURNAME", "STOP", "DAYPART", "TRIGGER", "STATUS",
    "AGREE", "DATEW", "WORD"};

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}
#define FNV0 0xcbf29ce484222325ULL

static int prefix_rehash(hoso__gaz *g) {
  size_t n = 16;
  while (n < g->npre * 2) n *= 2;
  uint64_t *s = calloc(n, sizeof *s);
  if (!s) return HOSO_ENOMEM;
  for (size_t i = 0; i < g->npre; i++) {
    uint64_t h = g->pre[i] ? g->pre[i] : 1;
    size_t j = (size_t)(h & (n - 1));
    while (s[j] && s[j] != h) j = (j + 1) & (n - 1);
    s[j] = h;
  }
  free(g->pslot);
  g->pslot = s;
  g->npslot = n;
  return HOSO_OK;
}

static int is_prefix(const hoso__gaz *g, uint64_t h) {
  if (!g->npslot) return 0;
  if (!h) h = 1;
  size_t j = (size_t)(h & (g->npslot - 1));
  while (g->pslot[j]) {
    if (g->pslot[j] == h) return 1;
    j = (j + 1) & (g->npslot - 1);
  }
  return 0;
}

static int rehash(hoso__gaz *g, size_t nslot) {
  int32_t *s = malloc(nslot * sizeof *s);
  if (!s) return HOSO_ENOMEM;
  for (size_t i = 0; i < nslot; i++) s[i] = -1;
  for (size_t i = 0; i < g->n; i++) {
    size_t j = (size_t)(g->eh[i] & (nslot - 1));
    while (s[j] >= 0) j = (j + 1) & (nslot - 1);
    s[j] = (int32_t)i;
  }
  free(g->slot);
  g->slot = s;
  g->nslot = nslot;
  return HOSO_OK;
}

static int add_entry(hoso__gaz *g, char **f, int nf, int cls, int rules_only,
                     const char *file, size_t line, hoso_error *err) {
  hoso__ndoc d;
  int rc = hoso__ndoc_scan(&d, f[0], strlen(f[0]), err);
  if (rc) {
    hoso__ndoc_free(&d);
    return rc;
  }
  if (d.ntok == 0 || d.ntok > HOSO_NER_MAX_GAZ_TOKENS) {
    hoso__ndoc_free(&d);
    hoso__err_file(err, file);
    return hoso__err(err, HOSO_EFORMAT, "line %zu: surface '%s' has %zu tokens (1..%d)",
                     line, f[0], d.ntok, HOSO_NER_MAX_GAZ_TOKENS);
  }
  hoso_buf k;
  hoso__buf_init(&k, 0);
  uint64_t h = FNV0;
  for (uint32_t t = 0; t < d.ntok && !rc; t++) {
    size_t kn;
    const char *kp = hoso__tok_key(&d, t, &kn);
    if (t) {
      /* h is the hash of the proper prefix [0, t): remember it */
      if (g->npre == g->cappre) {
        size_t nc = g->cappre ? g->cappre * 2 : 1024;
        uint64_t *np = realloc(g->pre, nc * sizeof *np);
        if (!np) rc = HOSO_ENOMEM;
        else {
          g->pre = np;
          g->cappre = nc;
        }
      }
      if (!rc) g->pre[g->npre++] = h;
      h = fnv(h, "\x1f", 1);
      if (!rc) rc = hoso__buf_addc(&k, 0x1f);
    }
    h = fnv(h, kp, kn);
    if (!rc) rc = hoso__buf_add(&k, kp, kn);
  }
  if (!rc && !k.p) rc = hoso__buf_adds(&k, "");
  if (!rc && g->n == g->cap) {
    size_t nc = g->cap ? g->cap * 2 : 1024;
    hoso__gentry *e = realloc(g->e, nc * sizeof *e);
    if (e) g->e = e;
    uint64_t *eh = realloc(g->eh, nc * sizeof *eh);
    if (eh) g->eh = eh;
    char **ek = realloc(g->ekey, nc * sizeof *ek);
    if (ek) g->ekey = ek;
    if (!e || !eh || !ek) rc = HOSO_ENOMEM;
    else g->cap = nc;
  }
  if (rc) {
    hoso__buf_free(&k);
    hoso__ndoc_free(&d);
    return hoso__err(err, rc, "out of memory (gazetteer)");
  }
  hoso__gentry *e = &g->e[g->n];
  memset(e, 0, sizeof *e);
  e->cls = cls;
  e->ntok = (int)d.ntok;
  e->nf = nf;
  e->rules_only = rules_only;
  for (int i = 0; i < nf && i < 8; i++) e->f[i] = f[i];
  g->eh[g->n] = h;
  g->ekey[g->n] = hoso__buf_take(&k);
  if ((int)d.ntok > g->maxtok) g->maxtok = (int)d.ntok;
  g->n++;
  hoso__ndoc_free(&d);
  return HOSO_OK;
}

static int add_file(hoso__gaz *g, const char *path, int rules_only, hoso_error *err) {
  char *data;
  size_t n;
  int rc = hoso__read_file(path, 64u << 20, &data, &n, err);
  if (rc) return rc;
  gfile *gf = malloc(sizeof *gf);
  if (!gf) {
    hoso_free(data);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  gf->data = data;
  gf->next = g->files;
  g->files = gf;
  size_t line = 0;
  char *p = data, *end = data + n;
  while (p < end) {
    line++;
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    if (le > p && le[-1] == '\r') le[-1] = '\0';
    *le = '\0';
    if (*p && *p != '#') {
      char *f[8];
      int nf = 0;
      char *q = p;
      while (nf < 8) {
        f[nf++] = q;
        char *tab = strchr(q, '\t');
        if (!tab) break;
        *tab = '\0';
        q = tab + 1;
      }
      if (nf < 3) {
        hoso__err_file(err, path);
        return hoso__err(err, HOSO_EFORMAT,
                         "line %zu: expected surface<TAB>CLASS<TAB>canonical",
                         line);
      }
      int cls = 0;
      for (int c = 1; c < GC_COUNT; c++)
        if (strcmp(f[1], class_names[c]) == 0) cls = c;
      if (!cls) {
        hoso__err_file(err, path);
        return hoso__err(err, HOSO_EFORMAT, "line %zu: unknown class '%s'",
                         line, f[1]);
      }
      rc = add_entry(g, f, nf, cls, rules_only, path, line, err);
      if (rc) return rc;
    }
    p = nl ? nl + 1 : end;
  }
  size_t want = 16;
  while (want < g->n * 2) want *= 2;
  if (rehash(g, want) || prefix_rehash(g))
    return hoso__err(err, HOSO_ENOMEM, "out of memory (gazetteer index)");
  return HOSO_OK;
}

int hoso__gaz_add_file(hoso__gaz *g, const char *path, hoso_error *err) {
  return add_file(g, path, 0, err);
}

int hoso__gaz_load(const char *dir, hoso__gaz **out, hoso_error *err) {
  *out = NULL;
  hoso__gaz *g = calloc(1, sizeof *g);
  if (!g) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  char path[4096];
  snprintf(path, sizeof path, "%s/index.txt", dir);
  char *idx;
  size_t n;
  int rc = hoso__read_file(path, 1u << 20, &idx, &n, err);
  if (rc) {
    hoso__gaz_free(g);
    return rc == HOSO_EIO ? hoso__err(err, HOSO_EMODEL, "%s", err ? err->message : "cannot read") : rc;
  }
  char *p = idx, *end = idx + n;
  while (p < end && !rc) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    *le = '\0';
    while (le > p && (le[-1] == '\r' || le[-1] == ' ')) *--le = '\0';
    if (*p && *p != '#') {
      /* "name" or "name<TAB>rules" */
      int rules_only = 0;
      char *tab = strchr(p, '\t');
      if (tab) {
        *tab = '\0';
        if (strcmp(tab + 1, "rules") != 0) {
          rc = hoso__err(err, HOSO_EFORMAT, "%s: '%s': expected a file name, then \"rules\" or nothing",
                         path, p);
          break;
        }
        rules_only = 1;
      }
      char fp[8300];
      snprintf(fp, sizeof fp, "%s/%s", dir, p);
      rc = add_file(g, fp, rules_only, err);
    }
    p = nl ? nl + 1 : end;
  }
  hoso_free(idx);
  if (rc) {
    hoso__gaz_free(g);
    return rc;
  }
  *out = g;
  return HOSO_OK;
}

void hoso__gaz_free(hoso__gaz *g) {
  if (!g) return;
  for (size_t i = 0; i < g->n; i++) hoso_free(g->ekey[i]);
  free(g->ekey);
  free(g->e);
  free(g->eh);
  free(g->slot);
  free(g->pre);
  free(g->pslot);
  gfile *f = g->files;
  while (f) {
    gfile *nx = f->next;
    hoso_free(f->data);
    free(f);
    f = nx;
  }
  free(g);
}

size_t hoso__gaz_size(const hoso__gaz *g) { return g ? g->n : 0; }

const hoso__gentry *hoso__gaz_entry(const hoso__gaz *g, int id) {
  if (!g || id < 0 || (size_t)id >= g->n) return NULL;
  return &g->e[id];
}

/* Does entry id's key sequence equal tokens [i, i+len)? */
static int verify(const hoso__gaz *g, const hoso__ndoc *d, int id, uint32_t i,
                  uint32_t len) {
  const char *k = g->ekey[id];
  for (uint32_t t = 0; t < len; t++) {
    size_t kn;
    const char *kp = hoso__tok_key(d, i + t, &kn);
    if (strncmp(k, kp, kn) != 0) return 0;
    k += kn;
    if (t + 1 < len) {
      if (*k != 0x1f) return 0;
      k++;
    }
  }
  return *k == '\0';
}

static int push_match(hoso__ndoc *d, uint32_t tok, int cls, uint32_t len,
                      int id) {
  if (d->ngm == d->capgm) {
    size_t nc = d->capgm ? d->capgm * 2 : 256;
    struct hoso__gmatch *m = realloc(d->gm, nc * sizeof *m);
    if (!m) return HOSO_ENOMEM;
    d->gm = m;
    d->capgm = nc;
  }
  d->gm[d->ngm].tok = tok;
  d->gm[d->ngm].cls = (uint16_t)cls;
  d->gm[d->ngm].len = (uint16_t)len;
  d->gm[d->ngm].id = id;
  d->ngm++;
  return HOSO_OK;
}

int hoso__gaz_scan(const hoso__gaz *g, hoso__ndoc *d, hoso_error *err) {
  free(d->gm_first);
  d->gm_first = malloc((d->ntok + 1) * sizeof *d->gm_first);
  if (!d->gm_first) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  d->ngm = 0;
  for (uint32_t i = 0; i < d->ntok; i++) {
    d->gm_first[i] = (uint32_t)d->ngm;
    if (!g || !g->nslot) continue;
    uint64_t h = FNV0;
    for (uint32_t len = 1; len <= (uint32_t)g->maxtok && i + len <= d->ntok;
         len++) {
      size_t kn;
      const char *kp = hoso__tok_key(d, i + len - 1, &kn);
      if (len > 1) {
        if (d->tok[i + len - 1].sent != d->tok[i].sent) break;
        h = fnv(h, "\x1f", 1);
      }
      h = fnv(h, kp, kn);
      size_t j = (size_t)(h & (g->nslot - 1));
      while (g->slot[j] >= 0) {
        int id = g->slot[j];
        if (g->eh[id] == h && (uint32_t)g->e[id].ntok == len &&
            verify(g, d, id, i, len)) {
          if (push_match(d, i, g->e[id].cls, len, id))
            return hoso__err(err, HOSO_ENOMEM, "out of memory (matches)");
        }
        j = (j + 1) & (g->nslot - 1);
      }
      /* no entry goes on from here: stop extending */
      if (!is_prefix(g, h)) break;
    }
  }
  d->gm_first[d->ntok] = (uint32_t)d->ngm;
  return HOSO_OK;
}

int hoso__gaz_match(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i,
                    unsigned mask, uint32_t *len) {
  (void)g;
  if (!d->gm_first || i >= d->ntok) return -1;
  int best = -1;
  uint32_t bl = 0;
  for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
    const struct hoso__gmatch *m = &d->gm[k];
    if (!(mask & GCM(m->cls))) continue;
    if (m->len > bl) {
      bl = m->len;
      best = m->id;
    }
  }
  if (len) *len = bl;
  return best;
}

uint32_t hoso__gaz_value_len(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i, int cls,
                             int col, const char *value) {
  uint32_t best = 0;
  if (!d->gm_first || i >= d->ntok) return 0;
  for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
    const struct hoso__gmatch *m = &d->gm[k];
    if (m->cls != cls || m->len <= best) continue;
    const hoso__gentry *e = hoso__gaz_entry(g, m->id);
    if (e && e->nf > col && !strcmp(e->f[col], value)) best = m->len;
  }
  return best;
}
