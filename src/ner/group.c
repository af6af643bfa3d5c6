/*
** group.c -- mentions into entities: one entity per key (a gazetteer
** entry's canonical name, or the name key of the words; dates by value),
** references joining the entity of the mention they refer to, a body
** named by its most frequent spelling, the posts found attached.
**
** Ownership: the entities (their keys and posts) go into d, which owns
** them; the key table is freed before returning.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"
#include "ner/rules.h"

/* The grouping key of mention m into k: "TYPE:" and the listed entry's
** canonical name or the name key of the words. */
static int mention_key(const hoso__ndoc *d, const hoso__gaz *g,
                       const hoso__mention *m, hoso_buf *k) {
  hoso__buf_reset(k);
  int rc = hoso__buf_printf(k, "%s:", hoso__etype_name(m->type));
  if (rc) return rc;
  if (m->gz >= 0 && (m->type == ET_GPE || m->type == ET_LOC || m->type == ET_ORG)) {
    const hoso__gentry *e = hoso__gaz_entry(g, m->gz);
    return hoso__name_key_append(k, e->f[2], strlen(e->f[2]));
  }
  const char *s;
  size_t n;
  hoso__span_text(d, m->tok0, m->tok1, &s, &n);
  /* a body's name with its abbreviation inside, "A (X) B", is "A B" */
  for (uint32_t t = m->tok0 + 1; m->type == ET_ORG && t + 3 < m->tok1; t++) {
    if (!is_punct(d, t, "(") || !is_punct(d, t + 2, ")")) continue;
    hoso_buf tmp;
    hoso__buf_init(&tmp, 1u << 16);
    const char *s1, *s2;
    size_t n1, n2;
    hoso__span_text(d, m->tok0, t, &s1, &n1);
    hoso__span_text(d, t + 3, m->tok1, &s2, &n2);
    rc = hoso__buf_add(&tmp, s1, n1);
    if (!rc) rc = hoso__buf_addc(&tmp, ' ');
    if (!rc) rc = hoso__buf_add(&tmp, s2, n2);
    if (!rc) rc = hoso__name_key_append(k, tmp.p, tmp.n);
    hoso__buf_free(&tmp);
    return rc;
  }
  return hoso__name_key_append(k, s, n);
}

/* A new empty entity of the type in d: its index, -1 out of memory. */
static int new_entity(hoso__ndoc *d, int type) {
  if (d->nents == d->capents) {
    size_t nc = d->capents ? d->capents * 2 : 32;
    hoso__entity *e = realloc(d->ents, nc * sizeof *e);
    if (!e) return -1;
    d->ents = e;
    d->capents = nc;
  }
  hoso__entity *e = &d->ents[d->nents];
  memset(e, 0, sizeof *e);
  e->type = type;
  e->rank_gz = -1;
  e->first_mention = -1;
  return (int)d->nents++;
}

/* Post p of entity e, unless e has one spelt the same. */
static int entity_add_post(hoso__ndoc *d, hoso__entity *e, hoso__post p) {
  const char *s;
  size_t n;
  hoso__span_text(d, p.tok0, p.tok1, &s, &n);
  for (size_t i = 0; i < e->nposts; i++) {
    const char *s2;
    size_t n2;
    hoso__span_text(d, e->posts[i].tok0, e->posts[i].tok1, &s2, &n2);
    if (n == n2 && !memcmp(s, s2, n)) return HOSO_OK;
  }
  if (e->nposts == e->capposts) {
    size_t nc = e->capposts ? e->capposts * 2 : 4;
    hoso__post *np = realloc(e->posts, nc * sizeof *np);
    if (!np) return HOSO_ENOMEM;
    e->posts = np;
    e->capposts = nc;
  }
  e->posts[e->nposts++] = p;
  return HOSO_OK;
}

/* Entities keyed by string: a small open hash over mention keys. */
int hoso__nr_group(hoso__nrun *r) {
  hoso__ndoc *d = r->d;
  const hoso__gaz *g = r->g;
  size_t nslot = 64;
  while (nslot < d->nmen * 2) nslot *= 2;
  int *slot = malloc(nslot * sizeof *slot);
  char **keys = calloc(d->nmen + 1, sizeof *keys);
  hoso_buf k;
  hoso__buf_init(&k, 1u << 16);
  int rc = (!slot || !keys) ? HOSO_ENOMEM : HOSO_OK;
  for (size_t i = 0; slot && i < nslot; i++) slot[i] = -1;
  for (size_t mi = 0; mi < d->nmen && !rc; mi++) {
    hoso__mention *m = &d->men[mi];
    if (m->type == ET_NONE) continue; /* given up to a longer name */
    if (m->alias_of >= 0) continue;    /* after the others, below */
    rc = mention_key(d, g, m, &k);
    if (rc) break;
    if (m->type == ET_DATE) { /* dates: one entity per expression value */
      hoso__date dt;
      hoso__date_at(d, g, m->tok0, &d->pub, &dt);
      char v[32];
      hoso__date_format(&dt, v, sizeof v);
      hoso__buf_reset(&k);
      rc = hoso__buf_printf(&k, "DATE:%s:%s:%d", v, dt.daypart ? dt.daypart : "",
                            dt.determinable);
      if (rc) break;
      if (!v[0]) { /* not resolvable: one entity per wording ("hôm qua") */
        const char *ds;
        size_t dn;
        hoso__span_text(d, m->tok0, m->tok1, &ds, &dn);
        hoso__buf_reset(&k);
        rc = hoso__buf_adds(&k, "DATE:unresolved ");
        if (!rc) rc = hoso__name_key_append(&k, ds, dn);
        if (rc) break;
      }
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t x = 0; x < k.n; x++) {
      h ^= (unsigned char)k.p[x];
      h *= 0x100000001b3ULL;
    }
    size_t j = (size_t)(h & (nslot - 1));
    int ent = -1;
    while (slot[j] >= 0) {
      if (strcmp(keys[slot[j]], k.p) == 0) {
        ent = slot[j];
        break;
      }
      j = (j + 1) & (nslot - 1);
    }
    if (ent < 0) {
      ent = new_entity(d, m->type);
      if (ent < 0) {
        rc = HOSO_ENOMEM;
        break;
      }
      keys[ent] = strdup(k.p);
      if (!keys[ent]) {
        rc = HOSO_ENOMEM;
        break;
      }
      slot[j] = ent;
      hoso__entity *e = &d->ents[ent];
      const char *colon = strchr(k.p, ':');
      e->key = strdup(colon ? colon + 1 : k.p);
      if (!e->key) {
        rc = HOSO_ENOMEM;
        break;
      }
      e->first_mention = (int)mi;
      if (m->type == ET_DATE) hoso__date_at(d, g, m->tok0, &d->pub, &e->date);
      if (m->gz >= 0) {
        const hoso__gentry *ge = hoso__gaz_entry(g, m->gz);
        e->name_static = ge->f[2];
        if (ge->nf > 3 && strlen(ge->f[3]) == 2 && ge->f[3][0] >= 'A' &&
            ge->f[3][0] <= 'Z' && strcmp(ge->f[3], "XX") != 0) {
          memcpy(e->country, ge->f[3], 2);
          e->country[2] = 0;
          e->country_source = "gazetteer";
        }
      }
    }
    m->entity = ent;
    hoso__entity *e = &d->ents[ent];
    e->nmentions++;
    /* the longest mention names a person; the first any other entity */
    if (m->type == ET_PER) {
      const hoso__mention *f = &d->men[e->first_mention];
      if (hoso__nr_name_words(d, m) > hoso__nr_name_words(d, f)) e->first_mention = (int)mi;
    }
    if (r->rank_of_men[mi] >= 0 && e->rank_gz < 0) e->rank_gz = r->rank_of_men[mi];
  }
  /* references to another mention (aliases, short forms) join its entity;
  ** chains resolve in a few rounds */
  for (int round = 0; round < 4 && !rc; round++)
    for (size_t mi = 0; mi < d->nmen; mi++) {
      hoso__mention *m = &d->men[mi];
      if (m->type == ET_NONE || m->alias_of < 0 || m->entity >= 0) continue;
      int t = d->men[m->alias_of].entity;
      if (t < 0) continue;
      m->entity = t;
      d->ents[t].nmentions++;
      if (m->type == ET_PER) { /* a person is named by the longest mention */
        const hoso__mention *f = &d->men[d->ents[t].first_mention];
        if (hoso__nr_name_words(d, m) > hoso__nr_name_words(d, f)) d->ents[t].first_mention = (int)mi;
      }
      if (r->rank_of_men[mi] >= 0 && d->ents[t].rank_gz < 0) d->ents[t].rank_gz = r->rank_of_men[mi];
    }
  /* a body's name: its most frequent spelling ("Việt - Nga" over "Việt – Nga") */
  for (size_t ei = 0; !rc && ei < d->nents; ei++) {
    hoso__entity *e = &d->ents[ei];
    if (e->type == ET_PER || e->type == ET_DATE || e->name_static) continue;
    int best = e->first_mention, bestn = 0;
    for (size_t a = 0; a < d->nmen; a++) {
      if (d->men[a].entity != (int)ei) continue;
      const char *sa;
      size_t na;
      hoso__span_text(d, d->men[a].tok0, d->men[a].tok1, &sa, &na);
      int cnt = 0;
      for (size_t b = 0; b < d->nmen && cnt <= bestn + 8; b++) {
        if (d->men[b].entity != (int)ei) continue;
        const char *sb;
        size_t nb;
        hoso__span_text(d, d->men[b].tok0, d->men[b].tok1, &sb, &nb);
        if (na == nb && !memcmp(sa, sb, na)) cnt++;
      }
      if (cnt > bestn) {
        bestn = cnt;
        best = (int)a;
      }
      if (bestn > 8) break;
    }
    e->first_mention = best;
  }
  if (!rc) {
    for (size_t p = 0; p < r->nposts && !rc; p++) {
      int ent = d->men[r->post_men[p]].entity;
      if (ent >= 0) rc = entity_add_post(d, &d->ents[ent], r->posts[p]);
    }
  }
  if (keys)
    for (size_t i = 0; i <= d->nmen && i < d->nents; i++) free(keys[i]);
  free(keys);
  free(slot);
  hoso__buf_free(&k);
  return rc;
}
