/* sqlite_db.c -- the SQLite backend: connection, transactions, helpers,
** and the vtable. One file, WAL mode, foreign keys on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "search/fts.h"
#include "store/sqlite_int.h"

static const char *const stmt_sql[SQ_N] = {
    [SQ_HAS_HASH] = "SELECT id, story_id FROM article WHERE content_hash=?1",
    [SQ_HAS_URL] = "SELECT id, story_id FROM article WHERE canonical_url=?1",
    [SQ_LSH_LOAD] = "SELECT article_id, bands FROM lsh WHERE article_id>?1"
                    " ORDER BY article_id",
    [SQ_LSH_ADD] = "INSERT INTO lsh(article_id, bands) VALUES(?1, ?2)",
    [SQ_ART_SIG] = "SELECT minhash, story_id FROM article WHERE id=?1",
    [SQ_OUTLET_ADD] = "INSERT OR IGNORE INTO outlet(name) VALUES(?1)",
    [SQ_OUTLET_GET] = "SELECT id FROM outlet WHERE name=?1",
    /* a new story as it is with its first article (?1), so it costs one
    ** statement, not an insert then SQ_STORY_UPDATE */
    [SQ_STORY_ADD] = "INSERT INTO story(first_article, title, earliest, earliest_day,"
                     " credit, n_articles, n_outlets) VALUES(?1, ?2, ?3, ?4, ?5, 1, ?6)",
    [SQ_STORY_HAS_OUTLET] =
        "SELECT 1 FROM article WHERE story_id=?1 AND outlet_id IS ?2 LIMIT 1",
    [SQ_STORY_UPDATE] =
        "UPDATE story SET n_articles=n_articles+1, n_outlets=n_outlets+?2,"
        " earliest_day=CASE WHEN ?3 IS NOT NULL AND (earliest_day IS NULL OR"
        " ?3<earliest_day) THEN ?3 ELSE earliest_day END,"
        " earliest=CASE WHEN ?3 IS NOT NULL AND (earliest_day IS NULL OR"
        " ?3<earliest_day) THEN ?4 ELSE earliest END,"
        " first_article=CASE WHEN first_article IS NULL OR (?3 IS NOT NULL AND"
        " (earliest_day IS NULL OR ?3<earliest_day)) THEN ?5 ELSE first_article"
        " END, credit=COALESCE(credit, ?6), title=COALESCE(title, ?7)"
        " WHERE id=?1",
    [SQ_ART_ADD] =
        "INSERT INTO article(id, story_id, content_hash, url, canonical_url,"
        " outlet_id, lang, title, author, credit, published, published_day,"
        " origin, added, text, record, minhash) VALUES(?16,?1,?2,?3,?4,?5,?6,?7,"
        "?8,?9,?10,?11,?12,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?13,?14,?15)",
    [SQ_ORIG_ADD] = "INSERT INTO original(article_id, encoding, bytes, size)"
                    " VALUES(?1, ?2, ?3, ?4)",
    [SQ_FTS_ADD] = "INSERT INTO fts(rowid, title, body) VALUES(?1, ?2, ?3)",
    /* one statement per mention: count it and get the id (RETURNING) */
    [SQ_ENT_ADD] = "INSERT INTO entity(kind, key, name, mentions) VALUES(?1,"
                   " ?2, ?3, 1) ON CONFLICT(kind, key) DO UPDATE SET"
                   " mentions=mentions+1 RETURNING id",
    [SQ_MENTION_ADD] = "INSERT INTO mention(article_id, entity_id, title,"
                       " start, end) VALUES(?1, ?2, ?3, ?4, ?5)",
    [SQ_EVENT_FIND] = "SELECT id FROM event WHERE story_id=?1 AND key=?2",
    [SQ_EVENT_ADD] = "INSERT INTO event(story_id, type, date, day, place,"
                     " summary, key) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_EVSRC_ADD] = "INSERT OR IGNORE INTO event_source(event_id,"
                     " article_id, start, end) VALUES(?1, ?2, ?3, ?4)",
    [SQ_PART_ADD] = "INSERT OR IGNORE INTO participant(event_id, entity_id,"
                    " title) VALUES(?1, ?2, ?3)",
    [SQ_ERROR_ADD] = "INSERT INTO ingest_error(at, origin, offset, code,"
                     " message) VALUES(strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                     " ?1, ?2, ?3, ?4)",
    /* is ?1 (a quoted index term) in the index: one row is enough, and
    ** unlike fts5vocab (which walks the term's whole doclist to count it)
    ** this stops at the first entry */
    [SQ_VOCAB] = "SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT 1",
    [SQ_FORM_ADD] = "INSERT INTO form(fold, exact, n) VALUES(?1, ?2, ?3)"
                    " ON CONFLICT(fold, exact) DO UPDATE SET n=n+excluded.n",
    [SQ_FORM_PREFIX] = "SELECT fold, exact FROM form WHERE fold>=?1 AND"
                       " fold<=?1||char(1114111) AND substr(exact,1,length(?2))=?2"
                       " ORDER BY n DESC, fold, exact LIMIT ?3",
    [SQ_FORM_TOP] = "SELECT exact, n, (SELECT sum(n) FROM form WHERE fold=?1)"
                    " FROM form WHERE fold=?1 ORDER BY n DESC LIMIT 1",
    [SQ_ART_BRIEF] = "SELECT a.id, a.title, o.name, a.url, a.published, a.lang,"
                     " a.credit, a.text FROM article a LEFT JOIN outlet o ON"
                     " o.id=a.outlet_id WHERE a.id=?1",
    [SQ_STORY_HEAD] = "SELECT title, earliest, credit, n_articles, n_outlets,"
                      " first_article FROM story WHERE id=?1",
    [SQ_STORY_SOURCES] =
        "SELECT a.id, o.name, a.url, a.published, a.title, a.credit FROM article a"
        " LEFT JOIN outlet o ON o.id=a.outlet_id WHERE a.story_id=?1"
        " ORDER BY a.published_day IS NULL, a.published_day, a.id",
    [SQ_OUTLET_NAME] = "SELECT name FROM outlet WHERE id=?1",
    [SQ_INPUT_ADD] = "INSERT OR IGNORE INTO input(key, article_id) VALUES(?1, ?2)",
    [SQ_ART_NEXT] = "SELECT coalesce(max(id), 0) + 1 FROM article",
};

sqlite3_stmt *hoso__sq_stmt(sq_store *s, int id, hoso_error *err) {
  sqlite3_stmt *st = s->stmt[id];
  if (st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
  }
  int rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                              &st, NULL);
  if (rc != SQLITE_OK) {
    hoso__sq_err(s, err, rc, "cannot prepare a statement");
    return NULL;
  }
  s->stmt[id] = st;
  return st;
}

int hoso__sq_err(sq_store *s, hoso_error *err, int rc, const char *what) {
  int base = rc & 0xff;
  const char *cause = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
  if (base == SQLITE_FULL)
    cause = "the disk is full (nothing of this batch was stored; the archive"
            " is intact)";
  else if (base == SQLITE_READONLY)
    cause = "the archive is read-only (check the file and folder permissions)";
  else if (base == SQLITE_CORRUPT || base == SQLITE_NOTADB)
    cause = "the file is not a hoso archive or is damaged";
  else if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
    cause = "the archive is busy (another process is writing)";
  else if (base == SQLITE_IOERR)
    cause = "an I/O error (disk full or removed?)";
  if (s && s->path) hoso__err_file(err, s->path);
  return hoso__err(err, HOSO_EDB, "%s: %s", what, cause);
}

int hoso__sq_exec(sq_store *s, const char *sql, hoso_error *err) {
  int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "database statement failed");
  return HOSO_OK;
}

void hoso__sq_bind_text(sqlite3_stmt *st, int i, const char *s) {
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

const char *hoso__sq_col(sqlite3_stmt *st, int i) {
  const unsigned char *p = sqlite3_column_text(st, i);
  return p ? (const char *)p : "";
}

void hoso__sq_json_col(hoso_json *w, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_NULL: hoso__json_null(w); break;
  case SQLITE_INTEGER: hoso__json_int(w, sqlite3_column_int64(st, i)); break;
  default:
    hoso__json_strn(w, (const char *)sqlite3_column_text(st, i),
                    (size_t)sqlite3_column_bytes(st, i));
  }
}

int hoso__sq_parse_day(const char *s, int is_end, int32_t *day) {
  int64_t d;
  if (hoso__store_parse_day(s, is_end, &d)) return -1;
  *day = (int32_t)d;
  return 0;
}

uint8_t hoso__sq_lang_code(const char *lang) {
  if (!lang) return 0;
  if (!strcmp(lang, "vi")) return 1;
  if (!strcmp(lang, "ru")) return 2;
  if (!strcmp(lang, "en")) return 3;
  return 0;
}

static int sq_accepts(const char *path) {
  return strncmp(path, "postgres://", 11) && strncmp(path, "postgresql://", 13);
}

static void sq_close(hoso_store *st) {
  sq_store *s = (sq_store *)st;
  if (!s) return;
  hoso__sq_ckpt_stop(s); /* before the close, which checkpoints the rest */
  for (int i = 0; i < SQ_N; i++) sqlite3_finalize(s->stmt[i]);
  hoso__sq_terms_free(s->terms);
  hoso__snipcache_free(s->snips);
  hoso__sq_fcache_free(s->fcache);
  if (s->db) sqlite3_close_v2(s->db);
  hoso__words_free(s->words);
  hoso_vi_close(s->vi);
  free(s->cache.fact);
  free(s->cache.lang);
  free(s->cache.dsz);
  free(s->scratch.slot);
  free(s->scratch.ecnt);
  free(s->scratch.bits);
  free(s->scratch.grp);
  hoso__sq_ment_free(&s->ment);
  hoso__sq_forms_free(&s->forms);
  hoso__sq_lsh_free(&s->lsh);
  free(s->path);
  free(s);
}

/* shared: the segmentation model the caller shares between archives (not
** owned), or NULL: the archive loads its own (s->vi). */
static int sq_open_shared(const char *path, int flags, const hoso_vi *shared,
                          hoso_store **out, hoso_error *err) {
  *out = NULL;
  sq_store *s = calloc(1, sizeof(*s));
  if (!s) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  s->base.vt = &hoso__store_sqlite;
  hoso__buf_init(&s->forms.keys, 0);
  s->readonly = (flags & HOSO_ARCHIVE_READONLY) != 0;
  s->path = strdup(path);
  if (!shared && hoso_vi_open(NULL, 0, &s->vi, NULL) != HOSO_OK) s->vi = NULL;
  if (!s->path || hoso__words_new(&s->words) ||
      hoso__words_use_segmenter(s->words, shared ? shared : s->vi)) {
    sq_close(&s->base);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  struct stat sb;
  if (stat(path, &sb) != 0 && !(flags & HOSO_ARCHIVE_CREATE)) {
    hoso__err_file(err, path);
    sq_close(&s->base);
    return hoso__err(err, HOSO_ENOTFOUND,
                     "no archive here (run 'hoso ingest --db %s ...' first)",
                     path);
  }
  int oflags = s->readonly ? SQLITE_OPEN_READONLY
                           : SQLITE_OPEN_READWRITE |
                                 ((flags & HOSO_ARCHIVE_CREATE) ? SQLITE_OPEN_CREATE : 0);
  oflags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
  if (rc != SQLITE_OK) {
    hoso__sq_err(s, err, rc, "cannot open the archive");
    sq_close(&s->base);
    return HOSO_EDB;
  }
  sqlite3_extended_result_codes(s->db, 1);
  sqlite3_busy_timeout(s->db, 10000);
  rc = hoso__fts_register(s->db);
  if (rc == SQLITE_OK) rc = hoso__sq_rank_register(s);
  if (rc != SQLITE_OK) {
    hoso__sq_err(s, err, rc, "cannot register the search tokenizer");
    sq_close(&s->base);
    return HOSO_EDB;
  }
  int r = hoso__sq_exec(s, "PRAGMA foreign_keys=ON", err);
  /* A new archive gets 16 KiB pages (SQLite's default is 4 KiB): an
  ** article's text (3 KB on average) and an FTS5 leaf (4 KB) fit in a page
  ** instead of spilling into overflow pages, which cut the writer's CPU
  ** by ~15% (10,000 VNTC articles: 3.8 -> 3.2 s) at the same file size.
  ** On an existing file this does nothing. Must precede WAL mode. */
  if (!r && !s->readonly) r = hoso__sq_exec(s, "PRAGMA page_size=16384", err);
  if (!r && !s->readonly)
    r = hoso__sq_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
                      err);
  if (!r) r = hoso__sq_exec(s, "PRAGMA cache_size=-32000", err);
  /* Checkpoint when the WAL holds 8,192 pages (128 MiB) instead of 1,000:
  ** pages an ingest writes again and again (the spellings, FTS5's structure
  ** record, the indexes' upper levels) are copied into the file once per
  ** checkpoint, and each checkpoint syncs both files. An ingest's system
  ** CPU fell ~20% (20,000 VNTC articles). Closing the last connection
  ** still checkpoints everything. */
  if (!r && !s->readonly) r = hoso__sq_exec(s, "PRAGMA wal_autocheckpoint=8192", err);
  if (!r) r = hoso__sq_migrate(s, err);
  if (r) {
    sq_close(&s->base);
    return r;
  }
  *out = &s->base;
  return HOSO_OK;
}

static int sq_begin(hoso_store *st, hoso_error *err) {
  sq_store *s = (sq_store *)st;
  if (s->readonly || sqlite3_db_readonly(s->db, "main") == 1)
    return hoso__sq_err(s, err, SQLITE_READONLY, "cannot write");
  hoso__sq_forms_clear(&s->forms);
  hoso__sq_lsh_batch(s);
  s->next_article = 0;
  hoso__sq_ckpt_start(s, 0); /* once: a handle that writes batches */
  return hoso__sq_exec(s, "BEGIN IMMEDIATE", err);
}

static int sq_commit(hoso_store *st, hoso_error *err) {
  sq_store *s = (sq_store *)st;
  s->next_article = 0; /* another writer may add articles before our next batch */
  if (hoso__sq_forms_flush(s, err)) {
    if (!sqlite3_get_autocommit(s->db))
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    hoso__sq_lsh_drop(s);
    return HOSO_EDB;
  }
  int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    hoso__sq_err(s, err, rc, "cannot commit the batch");
    if (!sqlite3_get_autocommit(s->db))
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    hoso__sq_lsh_drop(s);
    return HOSO_EDB;
  }
  return HOSO_OK;
}

static int sq_check(hoso_store *st, hoso_error *err) {
  sq_store *s = (sq_store *)st;
  sqlite3_stmt *q;
  int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &q, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot check the archive");
  rc = sqlite3_step(q);
  int ok = rc == SQLITE_ROW && !strcmp(hoso__sq_col(q, 0), "ok");
  char what[200];
  snprintf(what, sizeof(what), "%s", rc == SQLITE_ROW ? hoso__sq_col(q, 0) : "no answer");
  sqlite3_finalize(q);
  if (!ok) {
    hoso__err_file(err, s->path);
    return hoso__err(err, HOSO_EDB, "archive damaged: %s", what);
  }
  if (!s->readonly) {
    rc = sqlite3_exec(s->db, "INSERT INTO fts(fts) VALUES('integrity-check')", NULL,
                      NULL, NULL);
    if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "search index check failed");
  }
  /* every article is in the index and every indexed row is an article */
  rc = sqlite3_prepare_v2(s->db,
                          "SELECT (SELECT count(*) FROM article),"
                          " (SELECT count(*) FROM fts_vocab WHERE 0),"
                          " (SELECT count(*) FROM article a WHERE NOT EXISTS"
                          " (SELECT 1 FROM story WHERE id=a.story_id))",
                          -1, &q, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot check the archive");
  int orphans = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 2) : -1;
  sqlite3_finalize(q);
  if (orphans != 0) {
    hoso__err_file(err, s->path);
    return hoso__err(err, HOSO_EDB, "%d articles without a story", orphans);
  }
  return HOSO_OK;
}

static void sq_rollback(hoso_store *st) {
  sq_store *s = (sq_store *)st;
  s->next_article = 0;
  hoso__sq_forms_clear(&s->forms);
  hoso__sq_lsh_drop(s);
  if (!sqlite3_get_autocommit(s->db))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int sq_open(const char *path, int flags, hoso_store **out, hoso_error *err) {
  return sq_open_shared(path, flags, NULL, out, err);
}

const hoso_store_vt hoso__store_sqlite = {
    .name = "sqlite",
    .accepts = sq_accepts,
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .put_article = hoso__sq_put_article,
    .has_article = hoso__sq_has_article,
    .input_keys = hoso__sq_input_keys,
    .put_error = hoso__sq_put_error,
    .search = hoso__sq_search,
    .story = hoso__sq_story,
    .article = hoso__sq_article,
    .timeline = hoso__sq_timeline,
    .dossier = hoso__sq_dossier,
    .suggest = hoso__sq_suggest,
    .errors = hoso__sq_errors,
    .stats = hoso__sq_stats,
    .export_ = hoso__sq_export,
    .check = sq_check,
    .batch = 4096,
    .packs_original = 1,
    .open_shared = sq_open_shared,
};
