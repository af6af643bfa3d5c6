/*
** plural.c -- an event named as several encounters ("các cuộc tiếp xúc
** với A, B", "các buổi gặp A, B": sentence.c marks it plural) is one
** encounter per counterpart: the people named before the trigger with A,
** then with B.
**
** Ownership: works in place on the caller's list; each new event owns
** copies of the arrays it needs (record.c frees them).
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* A copy of ev with its first nleft participants and participant r. */
static int copy_with(const hoso__event *ev, size_t r, hoso__event *out) {
  *out = *ev;
  out->part = NULL;
  out->npart = out->cappart = 0;
  out->evid = NULL;
  out->nevid = out->capevid = 0;
  out->agreed = NULL;
  out->nagreed = out->capagreed = 0;
  memset(&out->feats, 0, sizeof out->feats);
  out->plural = 0;
  for (size_t p = 0; p < ev->nleft; p++)
    if (hoso__ev_add_part(out, ev->part[p].entity, ev->part[p].name, ev->part[p].side,
                          ev->part[p].role))
      return -1;
  if (hoso__ev_add_part(out, ev->part[r].entity, ev->part[r].name, ev->part[r].side,
                        ev->part[r].role))
    return -1;
  for (size_t k = 0; k < ev->nevid; k++)
    if (hoso__ev_add_sent(&out->evid, &out->nevid, &out->capevid, ev->evid[k])) return -1;
  return 0;
}

int hoso__ev_split_plural(hoso__events *out) {
  for (size_t k = 0; k < out->n; k++) {
    if (!out->ev[k].plural || out->ev[k].nleft == 0 || out->ev[k].npart < out->ev[k].nleft + 2)
      continue;
    /* the second counterpart on: a new event each, right after it */
    size_t nr = out->ev[k].npart - out->ev[k].nleft - 1;
    for (size_t j = 0; j < nr; j++) {
      if (hoso__ev_grow((void **)&out->ev, &out->cap, out->n, sizeof *out->ev)) return HOSO_ENOMEM;
      size_t at = k + 1 + j;
      memmove(&out->ev[at + 1], &out->ev[at], (out->n - at) * sizeof *out->ev);
      out->n++;
      if (copy_with(&out->ev[k], out->ev[k].nleft + 1 + j, &out->ev[at])) {
        hoso__ev_event_free(&out->ev[at]);
        memmove(&out->ev[at], &out->ev[at + 1], (out->n - at - 1) * sizeof *out->ev);
        out->n--;
        return HOSO_ENOMEM;
      }
    }
    /* the first keeps only the first counterpart */
    hoso__event *ev = &out->ev[k];
    for (size_t p = ev->nleft + 1; p < ev->npart; p++) free(ev->part[p].name);
    ev->npart = ev->nleft + 1;
    ev->plural = 0;
    k += nr;
  }
  return HOSO_OK;
}
