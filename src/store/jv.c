/* jv.c -- a small JSON tree reader (see jv.h). Why our own: ~200 lines;
** Debian's JSON libraries would add a dependency for reading two of our
** own formats. */
#include <stdlib.h>
#include <string.h>

#include "store/jv.h"

typedef struct P {
  const char *s;
  size_t n, i;
  int depth;
} P;

static void ws(P *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\n' ||
                         p->s[p->i] == '\r' || p->s[p->i] == '\t'))
    p->i++;
}

void hoso__jv_free(hoso_jv *v) {
  if (!v) return;
  for (size_t i = 0; i < v->n; i++) {
    hoso__jv_free(v->items[i]);
    if (v->keys) free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->str);
  free(v);
}

static int put_utf8(char *o, size_t *k, unsigned cp) {
  if (cp < 0x80) o[(*k)++] = (char)cp;
  else if (cp < 0x800) {
    o[(*k)++] = (char)(0xC0 | (cp >> 6));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    o[(*k)++] = (char)(0xE0 | (cp >> 12));
    o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    o[(*k)++] = (char)(0xF0 | (cp >> 18));
    o[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  }
  return 0;
}

static char *pstr(P *p, size_t *len) {
  if (p->i >= p->n || p->s[p->i] != '"') return NULL;
  p->i++;
  size_t start = p->i, k = 0;
  while (p->i < p->n && p->s[p->i] != '"') p->i += p->s[p->i] == '\\' ? 2 : 1;
  if (p->i >= p->n) return NULL;
  char *o = malloc(p->i - start + 1);
  if (!o) return NULL;
  for (size_t j = start; j < p->i; j++) {
    char c = p->s[j];
    if (c != '\\') {
      o[k++] = c;
      continue;
    }
    c = p->s[++j];
    switch (c) {
    case 'n': o[k++] = '\n'; break;
    case 't': o[k++] = '\t'; break;
    case 'r': o[k++] = '\r'; break;
    case 'b': o[k++] = '\b'; break;
    case 'f': o[k++] = '\f'; break;
    case 'u': {
      unsigned cp = 0;
      for (int h = 0; h < 4 && j + 1 < p->i; h++) {
        char d = p->s[++j];
        cp = cp * 16 + (unsigned)(d >= 'a' ? d - 'a' + 10 : d >= 'A' ? d - 'A' + 10 : d - '0');
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
      put_utf8(o, &k, cp ? cp : 0xFFFD);
      break;
    }
    default: o[k++] = c;
    }
  }
  o[k] = 0;
  p->i++;
  *len = k;
  return o;
}

static hoso_jv *pval(P *p) {
  ws(p);
  if (p->i >= p->n || ++p->depth > 100) return NULL;
  hoso_jv *v = calloc(1, sizeof(*v));
  if (!v) return NULL;
  char c = p->s[p->i];
  if (c == '"') {
    v->type = HOSO_JV_STR;
    v->str = pstr(p, &v->len);
    if (!v->str) goto bad;
  } else if (c == '{' || c == '[') {
    v->type = c == '{' ? HOSO_JV_OBJ : HOSO_JV_ARR;
    char close = c == '{' ? '}' : ']';
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
      p->i++;
    } else {
      for (;;) {
        char *key = NULL;
        size_t kl;
        ws(p);
        if (v->type == HOSO_JV_OBJ) {
          key = pstr(p, &kl);
          ws(p);
          if (!key || p->i >= p->n || p->s[p->i] != ':') {
            free(key);
            goto bad;
          }
          p->i++;
        }
        hoso_jv *item = pval(p);
        if (!item) {
          free(key);
          goto bad;
        }
        hoso_jv **it = realloc(v->items, (v->n + 1) * sizeof(*it));
        char **ks = v->type == HOSO_JV_OBJ ? realloc(v->keys, (v->n + 1) * sizeof(*ks)) : NULL;
        if (it) v->items = it;
        if (ks) v->keys = ks;
        if (!it || (v->type == HOSO_JV_OBJ && !ks)) {
          free(key);
          hoso__jv_free(item);
          goto bad;
        }
        v->items[v->n] = item;
        if (ks) v->keys[v->n] = key;
        v->n++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
          p->i++;
          continue;
        }
        if (p->i < p->n && p->s[p->i] == close) {
          p->i++;
          break;
        }
        goto bad;
      }
    }
  } else if (c == 't' || c == 'f') {
    v->type = HOSO_JV_BOOL;
    v->num = c == 't';
    p->i += c == 't' ? 4 : 5;
  } else if (c == 'n') {
    v->type = HOSO_JV_NULL;
    p->i += 4;
  } else {
    v->type = HOSO_JV_NUM;
    char *end;
    char tmp[64];
    size_t l = 0;
    while (p->i + l < p->n && l < 63 && strchr("+-.0123456789eE", p->s[p->i + l])) l++;
    memcpy(tmp, p->s + p->i, l);
    tmp[l] = 0;
    v->num = strtod(tmp, &end);
    if (l == 0) goto bad;
    p->i += l;
  }
  p->depth--;
  return v;
bad:
  hoso__jv_free(v);
  return NULL;
}

hoso_jv *hoso__jv_parse(const char *s, size_t n) {
  P p = {s, n, 0, 0};
  return pval(&p);
}

const hoso_jv *hoso__jv_get(const hoso_jv *o, const char *key) {
  if (!o || o->type != HOSO_JV_OBJ) return NULL;
  for (size_t i = 0; i < o->n; i++)
    if (!strcmp(o->keys[i], key)) return o->items[i];
  return NULL;
}

const char *hoso__jv_str(const hoso_jv *o, const char *key) {
  const hoso_jv *v = hoso__jv_get(o, key);
  return v && v->type == HOSO_JV_STR ? v->str : "";
}

double hoso__jv_num(const hoso_jv *o, const char *key) {
  const hoso_jv *v = hoso__jv_get(o, key);
  return v && v->type == HOSO_JV_NUM ? v->num : 0;
}

int64_t hoso__jv_int(const hoso_jv *o, const char *key) { return (int64_t)hoso__jv_num(o, key); }
