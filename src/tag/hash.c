/*
** hash.c -- the feature hash of src/tag. Models store these values, so
** the function is frozen: changing it invalidates every model file.
** Bytes are read explicitly little-endian, so results do not depend on
** the machine. The finaliser is MurmurHash3's fmix64 (hoso__fmix64 in base.h;
** hoso__tag_hash_mix, inline in tag.h, uses the same).
*/
#include "tag/tag.h"

static uint64_t rd_le(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
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
