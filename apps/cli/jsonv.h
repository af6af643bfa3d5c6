/*
** jsonv.h -- a small JSON tree for the CLI's human-readable output of the
** archive's JSON results (apps/cli only). Parses what hoso_search & co.
** return; any input is handled (errors give NULL), nothing is trusted.
** Ownership: jv_parse returns a tree freed with jv_free; strings inside
** are owned by the tree.
*/
#ifndef HOSO_CLI_JSONV_H
#define HOSO_CLI_JSONV_H

#include <stddef.h>
#include <stdint.h>

enum { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

typedef struct jv {
  int type;
  double num;
  char *str; /* JV_STR (NUL-terminated; may contain no NUL) */
  size_t len;
  struct jv **items; /* JV_ARR values; JV_OBJ values */
  char **keys;       /* JV_OBJ keys */
  size_t n;
} jv;

jv *jv_parse(const char *s, size_t n);
void jv_free(jv *v);
/* Member of an object, or NULL. */
const jv *jv_get(const jv *o, const char *key);
/* Shortcuts: string ("" when missing or not a string), number (0). */
const char *jv_str(const jv *o, const char *key);
int64_t jv_int(const jv *o, const char *key);
double jv_num(const jv *o, const char *key);

#endif
