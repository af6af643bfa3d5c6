/*
** record.c -- an event record: growing its arrays, adding a participant
** or an evidence sentence (both bounded), freeing it.
**
** Ownership: an event owns its participants' composed names and its
** arrays; hoso__events_free frees a list and every event in it.
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

int hoso__ev_grow(void **p, size_t *cap, size_t n, size_t sz) {
  if (n < *cap) return 0;
  size_t nc = *cap ? *cap * 2 : 4;
  void *q = realloc(*p, nc * sz);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

/* Explicit limits: an event keeps at most this many evidence sentences,
** agreed items and participants (a page that repeats one meeting
** thousands of times stays bounded). */
#define EVENT_MAX_SENTS 256

#define EVENT_MAX_PARTS 64

int hoso__ev_add_sent(uint32_t **a, size_t *n, size_t *cap, uint32_t s) {
  if (*n >= EVENT_MAX_SENTS) return 0;
  for (size_t i = 0; i < *n; i++)
    if ((*a)[i] == s) return 0;
  if (hoso__ev_grow((void **)a, cap, *n, sizeof **a)) return -1;
  size_t i = *n;
  while (i > 0 && (*a)[i - 1] > s) {
    (*a)[i] = (*a)[i - 1];
    i--;
  }
  (*a)[i] = s;
  (*n)++;
  return 0;
}

int hoso__ev_add_part(hoso__event *ev, int entity, const char *name,
                      const char *side, const char *role) {
  for (size_t i = 0; i < ev->npart; i++) {
    if (entity >= 0 && ev->part[i].entity == entity) {
      if (!strcmp(ev->part[i].role, "participant") && strcmp(role, "participant"))
        ev->part[i].role = role;
      return 0;
    }
    if (entity < 0 && ev->part[i].name && name && !strcmp(ev->part[i].name, name))
      return 0;
  }
  if (ev->npart >= EVENT_MAX_PARTS) return 0;
  if (hoso__ev_grow((void **)&ev->part, &ev->cappart, ev->npart, sizeof *ev->part)) return -1;
  hoso__eparticipant *p = &ev->part[ev->npart];
  memset(p, 0, sizeof *p);
  p->entity = entity;
  if (name) {
    p->name = strdup(name);
    if (!p->name) return -1;
  }
  if (side) {
    strncpy(p->side, side, 3);
    p->side[3] = 0;
  }
  p->role = role;
  ev->npart++;
  return 0;
}

void hoso__ev_event_free(hoso__event *ev) {
  for (size_t i = 0; i < ev->npart; i++) free(ev->part[i].name);
  free(ev->part);
  free(ev->evid);
  free(ev->agreed);
  hoso__efeats_free(&ev->feats);
}

void hoso__events_free(hoso__events *e) {
  if (!e) return;
  for (size_t i = 0; i < e->n; i++) hoso__ev_event_free(&e->ev[i]);
  free(e->ev);
  memset(e, 0, sizeof *e);
}

int hoso__ev_same_part(const hoso__eparticipant *p, const hoso__eparticipant *q) {
  if (p->entity >= 0 || q->entity >= 0) return p->entity == q->entity;
  return p->name && q->name && !strcmp(p->name, q->name);
}
