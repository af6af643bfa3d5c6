/* store_stub.c -- TEMPORARY: stand-ins for the archive calls while their
** declarations are in include/hoso.h but the implementation (src/store)
** is not in main yet. mk/server.mk defines SRV_STORE_STUBS only when no
** file under src/store defines hoso_archive_open, so these can never
** shadow the real calls. Every call fails with HOSO_EDB "archive not
** available", which the server answers with 503: no data is made up.
** Delete this file once the store is in main. */
#include "srv.h"

#ifdef SRV_STORE_STUBS
#define NA(err) hoso__err(err, HOSO_EDB, "archive not available (store not merged yet)")
int hoso_archive_open(const char *path, int flags, hoso_archive **out,
                      hoso_error *err) { *out = NULL; return NA(err); }
void hoso_archive_close(hoso_archive *ar) {}
int hoso_ingest_open(hoso_archive *ar, const hoso_ingest_options *opt,
                     hoso_ingest **out, hoso_error *err) { *out = NULL; return NA(err); }
int hoso_ingest_document(hoso_ingest *ing, const hoso_document *doc,
                         hoso_error *err) { return NA(err); }
int hoso_ingest_path(hoso_ingest *ing, const char *path, hoso_error *err) { return NA(err); }
int hoso_ingest_finish(hoso_ingest *ing, hoso_ingest_stats *st,
                       hoso_error *err) { return NA(err); }
void hoso_ingest_close(hoso_ingest *ing) {}
int hoso_search(hoso_archive *ar, const hoso_query *q, char **json,
                size_t *n, hoso_error *err) { *json = NULL; return NA(err); }
int hoso_story(hoso_archive *ar, int64_t id, char **json, size_t *n,
               hoso_error *err) { *json = NULL; return NA(err); }
int hoso_article(hoso_archive *ar, int64_t id, unsigned flags, char **json,
                 size_t *n, hoso_error *err) { *json = NULL; return NA(err); }
int hoso_timeline(hoso_archive *ar, const hoso_query *q, char **json,
                  size_t *n, hoso_error *err) { *json = NULL; return NA(err); }
int hoso_dossier(hoso_archive *ar, int kind, const char *name, size_t name_n,
                 const hoso_query *q, char **json, size_t *n,
                 hoso_error *err) { *json = NULL; return NA(err); }
int hoso_suggest(hoso_archive *ar, int kind, const char *prefix,
                 size_t prefix_n, int limit, char **json, size_t *n,
                 hoso_error *err) { *json = NULL; return NA(err); }
int hoso_archive_stats(hoso_archive *ar, char **json, size_t *n,
                       hoso_error *err) { *json = NULL; return NA(err); }
int hoso_export(hoso_archive *ar, const hoso_query *q, int format,
                hoso_write_fn write, void *ctx, hoso_error *err) { return NA(err); }
#endif
