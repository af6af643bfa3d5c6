/*
** seqhash.h -- the word-sequence hash tables of the entity stage: the
** tagger's memory of names (memory.c) and the person check's phrase tables
** (namecheck.c). A sequence's hash chains the words' match keys from the
** table's own seed and is never 0, since 0 marks an empty slot; slots are
** found by linear probing in a power-of-two array. Header only: no state.
*/
#ifndef HOSO_NER_SEQHASH_H
#define HOSO_NER_SEQHASH_H

#include <stddef.h>
#include <stdint.h>

#include "tag/tag.h"

/* The hash of a sequence hashed to h (0: empty so far) and then the key
** key[0..n). */
static inline uint64_t hoso__seqhash_step(uint64_t seed, uint64_t h, const char *key,
                                          size_t n) {
  uint64_t r = hoso__tag_hash_mix(h ? h : seed, hoso__tag_hash(key, n));
  return r ? r : 1;
}

/* The slot holding h in slots[0..mask], or the empty slot where it would go. */
static inline size_t hoso__seqhash_find(const uint64_t *slots, size_t mask, uint64_t h) {
  size_t s = h & mask;
  while (slots[s] && slots[s] != h) s = (s + 1) & mask;
  return s;
}

#endif
