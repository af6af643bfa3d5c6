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

/* Abbreviations a body's name defines: "Lực lượng Thanh niên Xung phong
** (TNXP) TPHCM" or "Cục Phòng cháy chữa cháy (PCCC)", one word in
** capitals in brackets inside the body's mention or right after it, whose
** letters are the initials of the words just before the bracket
** (hoso__ner_initials). A later body written with the abbreviation
** ("Lực lượng TNXP TPHCM") is keyed as if written in full, so it joins
** the body when head and tail are the same; one abbreviation defined as
** two different runs of words is left alone. */
#define BODY_ABBREV_MAX 16

/* The table (brackets.c): tok the abbreviation, [w0, w1) the words it
** stands for, owner the defining mention (-1 once ambiguous). */
static void find_body_abbrevs(const hoso__ndoc *d, const hoso__gaz *g, hoso__bdefs *out) {
  hoso__bdefs_init(out, BODY_ABBREV_MAX);
  for (size_t mi = 0; mi < d->nmen; mi++) {
    const hoso__mention *m = &d->men[mi];
    if (m->type != ET_ORG || m->gz >= 0 || m->alias_of >= 0) continue;
    for (uint32_t t = m->tok0 + 1; t <= m->tok1 && t + 2 < d->ntok; t++) {
      if (!is_punct(d, t, "(") || !is_punct(d, t + 2, ")")) continue;
      uint32_t x = t + 1;
      if (!hoso__ner_bracketed_word(d, x)) break;
      uint32_t k = 2;
      while (k <= t - m->tok0 && !hoso__ner_initials(d, x, t - k, t)) k++;
      if (k > t - m->tok0 || hoso__ner_bracket_names_other(d, g, x, t - k, t)) break;
      /* defined before after other words: ambiguous (brackets.c) */
      hoso__bdefs_define(out, d, x, t - k, t, (int)mi, -1, HOSO__BDEF_SAME_WORDS);
      break;
    }
  }
}

/* The defined abbreviation token t is spelt as, or NULL. */
static const hoso__bdef *abbrev_of(const hoso__ndoc *d, const hoso__bdefs *ab, uint32_t t) {
  if (!(d->tok[t].flags & NT_ALLCAPS)) return NULL;
  return hoso__bdefs_find(ab, d, t);
}

/* Append the text of body mention m to out: an abbreviation in brackets
** inside it left out ("A (X) B" is "A B"); with ab, the abbreviations
** ab defines written in full. */
static int body_text(const hoso__ndoc *d, const hoso__mention *m, const hoso__bdefs *ab,
                     hoso_buf *out) {
  int rc = HOSO_OK;
  uint32_t from = m->tok0; /* start of the run not yet written */
  for (uint32_t t = m->tok0; t < m->tok1 && !rc; t++) {
    const hoso__bdef *a = NULL;
    uint32_t skip = 0;
    if (t > m->tok0 && t + 3 < m->tok1 && is_punct(d, t, "(") && is_punct(d, t + 2, ")"))
      skip = 3;
    else if (ab && (a = abbrev_of(d, ab, t)) != NULL)
      skip = 1;
    if (!skip) continue;
    const char *s;
    size_t n;
    if (t > from) {
      hoso__span_text(d, from, t, &s, &n);
      rc = hoso__buf_add(out, s, n);
      if (!rc) rc = hoso__buf_addc(out, ' ');
    }
    if (a && !rc) {
      hoso__span_text(d, a->w0, a->w1, &s, &n);
      rc = hoso__buf_add(out, s, n);
      if (!rc) rc = hoso__buf_addc(out, ' ');
    }
    t += skip - 1;
    from = t + 1;
  }
  if (from < m->tok1 && !rc) {
    const char *s;
    size_t n;
    hoso__span_text(d, from, m->tok1, &s, &n);
    rc = hoso__buf_add(out, s, n);
  }
  return rc;
}

/* The grouping key of mention m into k: "TYPE:" and the listed entry's
** canonical name or the name key of the words (a body's as body_text
** writes them). */
static int mention_key(const hoso__ndoc *d, const hoso__gaz *g, const hoso__bdefs *ab,
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
  if (m->type != ET_ORG) return hoso__name_key_append(k, s, n);
  hoso_buf tmp;
  hoso__buf_init(&tmp, 1u << 16);
  rc = body_text(d, m, ab, &tmp);
  if (!rc) rc = hoso__name_key_append(k, tmp.p, tmp.n);
  hoso__buf_free(&tmp);
  return rc;
}

/* A body that defines an abbreviation is named by the mention that
** defines it, the bracket left out ("Lực lượng Thanh niên Xung phong
** TPHCM"), over its most frequent spelling ("Lực lượng TNXP TPHCM"). */
static int name_defining_bodies(hoso__ndoc *d, const hoso__bdefs *ab) {
  for (size_t j = 0; j < ab->n; j++) {
    const hoso__mention *m = ab->a[j].owner >= 0 ? &d->men[ab->a[j].owner] : NULL;
    if (!m || m->entity < 0 || m->type != ET_ORG) continue;
    hoso__entity *e = &d->ents[m->entity];
    if (e->name_static || e->name_owned) continue;
    e->first_mention = ab->a[j].owner;
    if (ab->a[j].tok >= m->tok1) continue; /* "Cục ... (PCCC)": the mention as it is */
    hoso_buf tmp;
    hoso__buf_init(&tmp, 1u << 16);
    int rc = body_text(d, m, NULL, &tmp);
    if (!rc) rc = hoso__buf_addc(&tmp, 0);
    if (!rc) {
      e->name_owned = strdup(tmp.p);
      if (!e->name_owned) rc = HOSO_ENOMEM;
    }
    hoso__buf_free(&tmp);
    if (rc) return rc;
  }
  return HOSO_OK;
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

int hoso__ner_entity_add_post(hoso__ndoc *d, hoso__entity *e, hoso__post p) {
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

/* Abbreviations a text defines for a body in brackets right after it,
** whatever language their letters come from: "Ngân hàng Thế giới (WB)",
** "Quỹ Tiền tệ Quốc tế (IMF)". The bracket itself is the evidence (the
** letters need not be the initials of the words before it: the name
** they abbreviate is often the English one; where they are the initials
** of the words just before, "Ủy ban Thường vụ Quốc hội (QH)", the
** abbreviation is those words', find_body_abbrevs above). A bracket
** followed by a dash or ending its sentence, or holding a source's name
** (chrome.tsv, "credit"), is a source's credit, "(NLĐ)-", not a
** definition. The bracketed word, one
** word in capitals that no gazetteer lists, joins the body, and so does
** every other mention of a body written as that word alone ("Theo WB,
** ..."); the entity is named by the defining mention. A word defined in
** brackets after two different bodies joins neither. */
#define DEFINED_MAX 32

/* The table (brackets.c): tok the bracketed word, [w0, w1) and owner the
** body mention (-1 once ambiguous), by the bracketed word's mention. */
static void join_defined_abbrevs(hoso__ndoc *d, const hoso__gaz *g, hoso__bdefs *out) {
  hoso__bdefs_init(out, DEFINED_MAX);
  for (size_t mi = 0; mi < d->nmen; mi++) {
    const hoso__mention *x = &d->men[mi];
    if (x->type != ET_ORG || x->tok1 != x->tok0 + 1 || x->gz >= 0 || x->tok0 < 2 ||
        !hoso__ner_bracketed_word(d, x->tok0))
      continue;
    uint32_t after = x->tok1 + 1, k = 1;
    if (after >= d->ntok || d->tok[after].sent != d->tok[x->tok0].sent || is_dash(d, after) ||
        hoso__gaz_value_len(g, d, x->tok0, GC_WORD, 2, "credit"))
      continue;
    while (k <= 8 && k + 1 < x->tok0 && !hoso__ner_initials(d, x->tok0, x->tok0 - 1 - k, x->tok0 - 1))
      k++;
    if (k <= 8 && k + 1 < x->tok0) continue;
    int body = x->alias_of;
    for (size_t bi = 0; body < 0 && bi < d->nmen; bi++)
      if (d->men[bi].type == ET_ORG && d->men[bi].tok1 == x->tok0 - 1) body = (int)bi;
    if (body < 0 || d->men[body].type != ET_ORG ||
        hoso__ner_bracket_names_other(d, g, x->tok0, d->men[body].tok0, d->men[body].tok1))
      continue;
    /* defined again after other words: ambiguous (brackets.c) */
    if (hoso__bdefs_define(out, d, x->tok0, d->men[body].tok0, d->men[body].tok1, body, (int)mi,
                           HOSO__BDEF_SAME_WORDS) == HOSO__BDEF_FULL)
      break;
  }
  for (size_t j = 0; j < out->n; j++) {
    if (out->a[j].owner < 0) continue;
    hoso__mention *a = &d->men[out->a[j].by];
    if (a->alias_of < 0) a->alias_of = out->a[j].owner;
    for (size_t mi = 0; mi < d->nmen; mi++) {
      hoso__mention *m = &d->men[mi];
      if ((int)mi == out->a[j].by || m->type != ET_ORG || m->tok1 != m->tok0 + 1 ||
          m->alias_of >= 0 || m->gz >= 0 || !hoso__tok_same_text(d, m->tok0, a->tok0, 1))
        continue;
      m->alias_of = out->a[j].by;
    }
  }
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
  hoso__bdefs ab, da;
  find_body_abbrevs(d, g, &ab);
  join_defined_abbrevs(d, g, &da);
  for (size_t i = 0; slot && i < nslot; i++) slot[i] = -1;
  for (size_t mi = 0; mi < d->nmen && !rc; mi++) {
    hoso__mention *m = &d->men[mi];
    if (m->type == ET_NONE) continue; /* given up to a longer name */
    if (m->alias_of >= 0) continue;    /* after the others, below */
    rc = mention_key(d, g, &ab, m, &k);
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
  /* a body that defines an abbreviation in brackets is named by the
  ** mention before the bracket ("Ngân hàng Thế giới", not "WB") */
  for (size_t j = 0; j < da.n && !rc; j++) {
    int b = da.a[j].owner, e = b >= 0 ? d->men[b].entity : -1;
    if (e >= 0 && !d->ents[e].name_static && d->men[da.a[j].by].entity == e)
      d->ents[e].first_mention = b;
  }
  if (!rc) rc = name_defining_bodies(d, &ab);
  if (!rc) {
    for (size_t p = 0; p < r->nposts && !rc; p++) {
      int ent = d->men[r->post_men[p]].entity;
      if (ent >= 0) rc = hoso__ner_entity_add_post(d, &d->ents[ent], r->posts[p]);
    }
  }
  if (keys)
    for (size_t i = 0; i <= d->nmen && i < d->nents; i++) free(keys[i]);
  free(keys);
  free(slot);
  hoso__buf_free(&k);
  return rc;
}
