/* json_read.c -- reading JSON through Debian's jansson (see base.h):
** parsing with an error that names the byte offset, and the typed member
** shortcuts the store and the front ends use for their walks. */
#include <jansson.h>

#include "base.h"

json_t *hoso__json_parse(const char *s, size_t n, hoso_error *err) {
  json_error_t je;
  json_t *v = json_loadb(s, n, 0, &je);
  if (v) return v;
  if (json_error_code(&je) == json_error_out_of_memory)
    hoso__err(err, HOSO_ENOMEM, "out of memory");
  else if (json_error_code(&je) == json_error_invalid_utf8)
    hoso__err_at(err, HOSO_EUTF8, (size_t)je.position,
                 "malformed UTF-8 in JSON (is the file in another encoding?)");
  else
    hoso__err_at(err, HOSO_EFORMAT, (size_t)je.position, "bad JSON: %s", je.text);
  return NULL;
}

const char *hoso__json_get_str(const json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : "";
}

double hoso__json_get_num(const json_t *o, const char *key) {
  return json_number_value(json_object_get(o, key));
}

int64_t hoso__json_get_int(const json_t *o, const char *key) {
  const json_t *v = json_object_get(o, key);
  if (json_is_integer(v)) return (int64_t)json_integer_value(v);
  double d = json_real_value(v);
  /* a real out of int64 range is clamped: the cast would be undefined */
  if (!(d > -9.2e18)) return d < 0 ? INT64_MIN : 0;
  if (d > 9.2e18) return INT64_MAX;
  return (int64_t)d;
}
