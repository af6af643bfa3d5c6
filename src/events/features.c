/* features.c -- what the learned event scorer (scorer.h) sees of a
** candidate event (events.h): its type, trigger and the words around it,
** status and its cue, its participants (entity types, roles, posts,
** sides, how far from the trigger, in its sentence or not), date, place,
** object, where in the article it is and how many other candidates the
** article has. Feature names are short prefixes ("t=" type, "tr="
** trigger key) joined with values; they are written to the model file
** as text. */
#include <stdio.h>
#include <string.h>

#include "events/events.h"

static int add(hoso__efeats *f, const char *prefix, const char *s) {
  return hoso__efeats_add(f, prefix, s, strlen(s));
}

static int addn(hoso__efeats *f, const char *prefix, long v) {
  char b[24];
  int n = snprintf(b, sizeof b, "%ld", v);
  return hoso__efeats_add(f, prefix, b, (size_t)n);
}

static long bucket(long v, long max) { return v > max ? max : v; }

/* The key of token at into b (size n), "<s>" / "</s>" outside [lo, hi). */
static void tok_key(const hoso__ndoc *d, int64_t at, uint32_t lo, uint32_t hi,
                    char *b, size_t n) {
  if (at < (int64_t)lo) {
    snprintf(b, n, "<s>");
    return;
  }
  if (at >= (int64_t)hi) {
    snprintf(b, n, "</s>");
    return;
  }
  size_t kl;
  const char *k = hoso__tok_key(d, (uint32_t)at, &kl);
  if (d->tok[at].flags & NT_NUM) snprintf(b, n, "<num>");
  else snprintf(b, n, "%.*s", (int)(kl < 60 ? kl : 60), k);
}

int hoso__event_features(const hoso__ndoc *d, const hoso__gaz *g,
                         const hoso__events *all, size_t k, hoso__efeats *f) {
  (void)g;
  hoso__efeats_reset(f);
  const hoso__event *ev = &all->ev[k];
  const char *t = ev->type;
  char trig[160] = "-", b[320], w[80];
  int has_trig = ev->trig1 > ev->trig0 && ev->trig1 <= d->ntok;
  uint32_t si = has_trig ? d->tok[ev->trig0].sent : (ev->nevid ? ev->evid[0] : 0);
  const hoso__nsent *s = si < d->nsent ? &d->sent[si] : NULL;
  if (has_trig) {
    size_t at = 0;
    for (uint32_t i = ev->trig0; i < ev->trig1 && at + 1 < sizeof trig; i++) {
      size_t kl;
      const char *kk = hoso__tok_key(d, i, &kl);
      int m = snprintf(trig + at, sizeof trig - at, "%s%.*s", at ? "_" : "", (int)kl, kk);
      if (m < 0) break;
      at += (size_t)m;
      if (at >= sizeof trig) at = sizeof trig - 1;
    }
  }
  int rc = add(f, "", "bias");
  rc = rc || add(f, "t=", t);
  rc = rc || add(f, "tr=", trig);
  snprintf(b, sizeof b, "%s|%s", t, trig);
  rc = rc || add(f, "t|tr=", b);
  rc = rc || add(f, "st=", ev->status);
  snprintf(b, sizeof b, "%s|%d", ev->status, ev->status_cue);
  rc = rc || add(f, "stc=", b);
  rc = rc || addn(f, "np=", bucket((long)ev->npart, 4));
  snprintf(b, sizeof b, "%s|%ld", t, bucket((long)ev->npart, 4));
  rc = rc || add(f, "t|np=", b);
  rc = rc || addn(f, "rd=", ev->rule_drop);
  rc = rc || addn(f, "fr=", ev->framed);
  rc = rc || addn(f, "sq=", ev->sequel);
  rc = rc || addn(f, "ev=", bucket((long)ev->nevid, 3));
  rc = rc || addn(f, "ag=", ev->nagreed > 0);
  rc = rc || addn(f, "pl=", ev->place_entity >= 0);
  rc = rc || addn(f, "ob=", ev->obj_tok1 > 0);
  int dt = ev->date_entity < 0 ? 0 : d->ents[ev->date_entity].date.day ? 2 : 1;
  rc = rc || addn(f, "dt=", dt);
  snprintf(b, sizeof b, "%s|%d", t, dt);
  rc = rc || add(f, "t|dt=", b);
  rc = rc || addn(f, "s0=", bucket((long)si, 6));
  /* the words around the trigger, in its sentence */
  if (has_trig && s) {
    static const int at[] = {-3, -2, -1, 1, 2};
    for (size_t q = 0; !rc && q < sizeof at / sizeof at[0]; q++) {
      int64_t x = at[q] < 0 ? (int64_t)ev->trig0 + at[q] : (int64_t)ev->trig1 + at[q] - 1;
      tok_key(d, x, s->tok0, s->tok1, w, sizeof w);
      snprintf(b, sizeof b, "w%+d=", at[q]);
      rc = add(f, b, w);
    }
    char w1[80], w2[80];
    tok_key(d, (int64_t)ev->trig0 - 1, s->tok0, s->tok1, w1, sizeof w1);
    tok_key(d, (int64_t)ev->trig1, s->tok0, s->tok1, w2, sizeof w2);
    snprintf(b, sizeof b, "%s|%s", w1, trig);
    rc = rc || add(f, "w-1|tr=", b);
    snprintf(b, sizeof b, "%s|%s", trig, w2);
    rc = rc || add(f, "tr|w+1=", b);
    rc = rc || addn(f, "tpos=", bucket((long)(ev->trig0 - s->tok0), 8));
  }
  /* participants */
  int nper = 0, nposted = 0, nrank = 0, ncomposed = 0, nsame = 0, nleft = 0, nright = 0;
  char sides[8][4];
  int nsides = 0;
  long near = -1;
  for (size_t p = 0; !rc && p < ev->npart; p++) {
    const hoso__eparticipant *pp = &ev->part[p];
    const hoso__entity *e = pp->entity >= 0 ? &d->ents[pp->entity] : NULL;
    rc = add(f, "pt=", e ? hoso__etype_name(e->type) : "composed");
    snprintf(b, sizeof b, "%s|%s|%s", t, pp->role ? pp->role : "-",
             e ? hoso__etype_name(e->type) : "composed");
    rc = rc || add(f, "t|pr|pt=", b);
    if (!e) {
      ncomposed++;
    } else {
      nper += e->type == ET_PER;
      nposted += e->type == ET_PER && e->nposts > 0;
      nrank += e->type == ET_PER && e->rank_gz >= 0;
      rc = rc || addn(f, "pm=", bucket(e->nmentions, 3));
    }
    int known = 0;
    for (int q = 0; q < nsides && !known; q++) known = !strcmp(sides[q], pp->side);
    if (pp->side[0] && !known && nsides < 8) memcpy(sides[nsides++], pp->side, 4);
    /* its mention nearest to the trigger in the trigger's sentence */
    long best = -1;
    int side = 0;
    for (size_t m = 0; e && has_trig && m < d->nmen; m++) {
      const hoso__mention *x = &d->men[m];
      if (x->entity != pp->entity || d->tok[x->tok0].sent != si) continue;
      long dist = x->tok1 <= ev->trig0 ? (long)(ev->trig0 - x->tok1)
                  : x->tok0 >= ev->trig1 ? (long)(x->tok0 - ev->trig1) : 0;
      if (best < 0 || dist < best) {
        best = dist;
        side = x->tok0 < ev->trig0 ? -1 : 1;
      }
    }
    if (best >= 0) {
      nsame++;
      nleft += side < 0;
      nright += side > 0;
      if (near < 0 || best < near) near = best;
    }
  }
  rc = rc || addn(f, "nper=", bucket(nper, 3));
  rc = rc || addn(f, "nposted=", bucket(nposted, 2));
  rc = rc || addn(f, "nrank=", bucket(nrank, 2));
  rc = rc || addn(f, "ncomp=", bucket(ncomposed, 1));
  rc = rc || addn(f, "nsides=", bucket(nsides, 2));
  rc = rc || addn(f, "nsame=", bucket(nsame, 3));
  rc = rc || addn(f, "nout=", bucket((long)ev->npart - nsame, 2));
  snprintf(b, sizeof b, "%d|%d", nleft > 0, nright > 0);
  rc = rc || add(f, "lr=", b);
  rc = rc || addn(f, "near=", near < 0 ? -1 : near < 2 ? near : near < 5 ? 4 : near < 10 ? 9 : 10);
  /* the article's other candidates */
  int same_type = 0, shared = 0, kept = 0;
  for (size_t q = 0; q < all->n; q++) {
    if (q == k) continue;
    const hoso__event *o = &all->ev[q];
    kept += !o->rule_drop;
    if (strcmp(o->type, t)) continue;
    same_type++;
    for (size_t a = 0; a < ev->npart && !shared; a++)
      for (size_t c = 0; c < o->npart && !shared; c++)
        shared = ev->part[a].entity >= 0 && ev->part[a].entity == o->part[c].entity;
  }
  rc = rc || addn(f, "nev=", bucket(kept, 4));
  rc = rc || addn(f, "nsame_t=", bucket(same_type, 2));
  rc = rc || addn(f, "shared=", shared);
  rc = rc || addn(f, "pub=", d->pub.determinable != 0);
  return rc ? HOSO_ENOMEM : HOSO_OK;
}
