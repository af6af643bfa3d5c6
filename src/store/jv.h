/*
** jv.h -- a small JSON tree reader (library-internal): reads the JSON
** that other stages hand over (hoso_ner_analyze) and, for the CLI's
** human-readable output, the archive's own results. Any input is handled
** (errors give NULL), nothing is trusted; nesting is capped at 100.
** Ownership: hoso__jv_parse returns a tree freed with hoso__jv_free; strings inside
** are owned by the tree.
*/
#ifndef HOSO_STORE_JV_H
#define HOSO_STORE_JV_H

#include <stddef.h>
#include <stdint.h>

enum { HOSO_JV_NULL, HOSO_JV_BOOL, HOSO_JV_NUM, HOSO_JV_STR, HOSO_JV_ARR, HOSO_JV_OBJ };

typedef struct hoso_jv {
  int type;
  double num;
  char *str; /* HOSO_JV_STR (NUL-terminated; may contain no NUL) */
  size_t len;
  struct hoso_jv **items; /* HOSO_JV_ARR values; HOSO_JV_OBJ values */
  char **keys;       /* HOSO_JV_OBJ keys */
  size_t n;
} hoso_jv;

hoso_jv *hoso__jv_parse(const char *s, size_t n);
void hoso__jv_free(hoso_jv *v);
/* Member of an object, or NULL. */
const hoso_jv *hoso__jv_get(const hoso_jv *o, const char *key);
/* Shortcuts: string ("" when missing or not a string), number (0). */
const char *hoso__jv_str(const hoso_jv *o, const char *key);
int64_t hoso__jv_int(const hoso_jv *o, const char *key);
double hoso__jv_num(const hoso_jv *o, const char *key);

#endif
