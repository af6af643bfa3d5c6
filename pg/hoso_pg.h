/*
** hoso_pg.h -- shared by the files of the PostgreSQL extension hoso_pg.
** The extension is a thin adapter: every decision about what a token or
** a term is lives in the library (src/search/words.h, src/text/text.h);
** these files only move bytes between PostgreSQL and those calls.
** Memory: results handed to PostgreSQL are palloc'd; library buffers are
** malloc'd and freed before any ereport(ERROR), so no longjmp leaks them.
*/
#ifndef HOSO_PG_H
#define HOSO_PG_H

/* ereport(ERROR) unless the current database encoding is UTF8. */
void hoso_pg_require_utf8(void);

/* ereport(ERROR) for a library status code, naming what failed. */
void hoso_pg_fail(int rc, const char *what) pg_attribute_noreturn();

/* The backend's word scanner: hoso__words_new() with src/vi's segmenter
** loaded from the directory in the setting hoso.model_dir (default: the
** hoso_models folder `make pg-install` fills in PostgreSQL's share
** directory), so words are the SQLite index's ("quốc_phòng"). Made on
** first use, kept for the life of the backend process (malloc'd, models
** read-only); ereport(ERROR) naming the folder when the models cannot be
** loaded -- indexing syllables instead would silently disagree with
** SQLite. */
struct hoso_words *hoso_pg_words(void);

/* 1 when s[0..n) starts with a Cyrillic letter (U+0400..U+04FF). */
int hoso_pg_is_cyrillic(const char *s, size_t n);

#endif
