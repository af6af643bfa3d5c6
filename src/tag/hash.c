/*
** hash.c -- the feature hash of src/tag. Models store these values, so
** the function is frozen: changing it invalidates every model file.
** Bytes are read explicitly little-endian, so results do not depend on
** the machine. The finaliser is MurmurHash3's fmix64 (hoso__fmix64 in base.h;
** hoso__tag_hash_mix, inline in tag.h, uses the same).
*/
#include <string.h>

#include "tag/tag.h"

/* The n <= 8 bytes at p as a little-endian number. On a little-endian host
** whole loads (one of 8 bytes; two overlapping ones of 4 for 4..7 bytes;
** first, middle and last byte for 1..3) give the value of the byte loop
** without a loop: the feature extractors hash every token's strings, and
** the loop was most of the hash's time (perf annotate, NER pipeline). */
static uint64_t rd_le(const unsigned char *p, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n == 8) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
  }
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + n - 4, 4);
    return (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
  }
  if (n == 0) return 0;
  return (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) |
         (uint64_t)p[n - 1] << (8 * (n - 1));
#else
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
#endif
}

uint64_t hoso__tag_hash(const void *s, size_t n) {
  const unsigned char *p = s;
  uint64_t h = 0x6a09e667f3bcc908ULL ^ ((uint64_t)n * 0x9e3779b97f4a7c15ULL);
  while (n >= 8) {
    h = hoso__fmix64(h ^ rd_le(p, 8)) + 0x3c6ef372fe94f82bULL;
    p += 8;
    n -= 8;
  }
  if (n) h = hoso__fmix64(h ^ rd_le(p, n) ^ ((uint64_t)n << 59));
  return hoso__fmix64(h);
}
