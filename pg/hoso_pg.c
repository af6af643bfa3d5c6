/* hoso_pg.c -- module magic and helpers of the hoso_pg extension. */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"

#include "hoso.h"
#include "hoso_pg.h"
#include "text/text.h"

PG_MODULE_MAGIC;

void hoso_pg_require_utf8(void) {
  if (GetDatabaseEncoding() != PG_UTF8)
    ereport(ERROR,
            (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
             errmsg("hoso_pg needs a UTF8 database (this one is %s)",
                    GetDatabaseEncodingName()),
             errhint("Create the database with ENCODING 'UTF8'.")));
}

void hoso_pg_fail(int rc, const char *what) {
  ereport(ERROR, (errcode(rc == HOSO_ENOMEM ? ERRCODE_OUT_OF_MEMORY
                                            : ERRCODE_INTERNAL_ERROR),
                  errmsg("hoso_pg: %s failed: %s", what,
                         hoso_status_name(rc))));
}

int hoso_pg_is_cyrillic(const char *s, size_t n) {
  size_t len;
  int32_t cp = n ? hoso__utf8_decode(s, n, &len) : -1;
  return cp >= 0x400 && cp <= 0x4FF;
}
