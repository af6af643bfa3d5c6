/* lru.h -- the recency list of a bounded cache: an intrusive doubly linked
** list, most recent first. An entry embeds a hoso_lru_link as its FIRST
** member, so a link from the list (head, tail) is the entry itself. The
** list owns nothing; the cache frees its entries. Used by the server's
** answer cache, the store's term cache and the snippet-table cache. */
#ifndef HOSO_BASE_LRU_H
#define HOSO_BASE_LRU_H

#include <stddef.h>

typedef struct hoso_lru_link {
  struct hoso_lru_link *prev, *next;
} hoso_lru_link;

typedef struct hoso_lru {
  hoso_lru_link *head, *tail; /* most and least recent; NULL when empty */
} hoso_lru;

/* Take e out of l (e must be in it). */
static inline void hoso__lru_unlink(hoso_lru *l, hoso_lru_link *e) {
  if (e->prev) e->prev->next = e->next;
  else l->head = e->next;
  if (e->next) e->next->prev = e->prev;
  else l->tail = e->prev;
  e->prev = e->next = NULL;
}

/* Put e (not in l) at the front of l, as the most recent. */
static inline void hoso__lru_push_front(hoso_lru *l, hoso_lru_link *e) {
  e->prev = NULL;
  e->next = l->head;
  if (l->head) l->head->prev = e;
  l->head = e;
  if (!l->tail) l->tail = e;
}

/* Move e (in l) to the front. */
static inline void hoso__lru_touch(hoso_lru *l, hoso_lru_link *e) {
  hoso__lru_unlink(l, e);
  hoso__lru_push_front(l, e);
}

#endif
