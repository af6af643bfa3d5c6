/*
** fts.h -- hoso's FTS5 tokenizer "hoso" (library-internal).
**
** This file is on the SQLite side of the fence: it includes sqlite3.h
** (the FTS5 tokenizer API lives there), like src/store. Nothing else in
** src/search does.
**
** Document side: text that starts with HOSO_WORDS_MAGIC is a stream made
** by hoso__words_stream on an ingest worker (words.h): each word becomes
** one token position holding its fold form, with the exact form
** colocated (FTS5_TOKEN_COLOCATED) when it differs. Any other text is
** scanned with hoso__words_scan on the spot (same result, slower).
** Query side: the store builds FTS5 expressions whose strings hold
** already-normalised forms separated by spaces; they are emitted as is,
** so user text never reaches FTS5's own syntax.
*/
#ifndef HOSO_SEARCH_FTS_H
#define HOSO_SEARCH_FTS_H

#include <sqlite3.h>

/* Register the "hoso" tokenizer on db. Returns an SQLite result code. */
int hoso__fts_register(sqlite3 *db);

#endif
