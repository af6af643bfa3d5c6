/* hoso_pg.c -- module magic and helpers of the hoso_pg extension. */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "hoso.h"
#include "hoso_pg.h"
#include "search/words.h"
#include "text/text.h"

PG_MODULE_MAGIC;

void _PG_init(void);

/* Per backend process (PostgreSQL runs one process per connection, one
** thread each): the GUC's storage and the loaded models. */
static char *model_dir_setting = NULL;
static char model_dir_loaded[MAXPGPATH];
static hoso_vi *backend_vi = NULL;
static hoso_words *backend_words = NULL;

void _PG_init(void) {
  static char default_dir[MAXPGPATH];
  char share[MAXPGPATH];
  get_share_path(my_exec_path, share);
  snprintf(default_dir, sizeof default_dir, "%s/hoso_models", share);
  DefineCustomStringVariable(
      "hoso.model_dir", "Folder of hoso's word segmenter models.",
      "vi-seg.model and vi-dict.bin; make pg-install puts them in the "
      "default folder.",
      &model_dir_setting, default_dir, PGC_SUSET, 0, NULL, NULL, NULL);
}

struct hoso_words *hoso_pg_words(void) {
  const char *dir = model_dir_setting ? model_dir_setting : "";
  if (backend_words && strcmp(dir, model_dir_loaded) == 0)
    return backend_words;
  hoso_words *w = NULL;
  hoso_vi *vi = NULL;
  hoso_error err;
  int rc = hoso_vi_open(dir, 0, &vi, &err);
  if (rc)
    ereport(ERROR,
            (errcode(ERRCODE_CONFIG_FILE_ERROR),
             errmsg("hoso_pg: cannot load the word segmenter from \"%s\": %s",
                    dir, err.message),
             errhint("Run `make pg-install` on this server, or set "
                     "hoso.model_dir to a folder holding vi-seg.model and "
                     "vi-dict.bin.")));
  rc = hoso__words_new(&w);
  if (!rc) rc = hoso__words_use_segmenter(w, vi);
  if (rc) {
    hoso__words_free(w);
    hoso_vi_close(vi);
    hoso_pg_fail(rc, "word scanner");
  }
  /* the old pair (another folder) goes only once the new one works */
  hoso__words_free(backend_words);
  hoso_vi_close(backend_vi);
  backend_words = w;
  backend_vi = vi;
  snprintf(model_dir_loaded, sizeof model_dir_loaded, "%s", dir);
  return w;
}

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
