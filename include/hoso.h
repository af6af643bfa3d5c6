/*
** hoso.h -- the public API of libhoso.
**
** hoso turns Vietnamese, Russian and English news pages into a cited,
** searchable archive of who met whom, when, and what was agreed.
**
** Conventions (they hold for every call in this header):
**   - Every object is an opaque handle made by hoso_X_open()/hoso_X_new()
**     and released by hoso_X_close()/hoso_X_free(); passing NULL to a
**     close/free function is a no-op.
**   - Functions return an int status: HOSO_OK (0) or a negative HOSO_E*
**     code. Where a call takes a `hoso_error *err`, it may be NULL; on
**     failure it is filled with the code, a message, and where known the
**     byte offset into the input the failure refers to.
**   - Text is UTF-8 with an explicit length; nothing assumes a NUL byte
**     inside input buffers. All offsets are byte offsets into the ORIGINAL
**     input as given by the caller.
**   - Memory returned to the caller says who owns it in the comment of the
**     call that returns it. Strings the caller must free are freed with
**     hoso_free().
**   - No global mutable state: handles may be used from many threads only
**     where the comment says so.
**
** Sections below follow the pipeline: base, text, vi (words), extract,
** ner, events, store, search. Each section is owned by one module in src/.
*/
#ifndef HOSO_H
#define HOSO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HOSO_VERSION "0.1.0"
#define HOSO_VERSION_NUMBER 1000 /* MAJOR*1000000 + MINOR*1000 + PATCH */

/* ------------------------------------------------------------------ */
/* Base: status codes, errors, memory                                   */
/* ------------------------------------------------------------------ */

enum hoso_status {
  HOSO_OK = 0,
  HOSO_ENOMEM = -1,    /* out of memory */
  HOSO_EIO = -2,       /* read/write failed (errno in message) */
  HOSO_EUTF8 = -3,     /* invalid UTF-8 (strict mode) */
  HOSO_EFORMAT = -4,   /* input is not in the expected format */
  HOSO_EARG = -5,      /* bad argument from the caller */
  HOSO_EMODEL = -6,    /* model file missing, truncated or corrupt */
  HOSO_ETOOBIG = -7,   /* an explicit limit was exceeded */
  HOSO_ENOTFOUND = -8, /* no such thing */
  HOSO_EDB = -9,       /* storage layer failed */
  HOSO_EQUERY = -10,   /* search query could not be parsed */
  HOSO_EINTERNAL = -11 /* a bug: please report */
};

#define HOSO_ERROR_MSG_MAX 256
#define HOSO_ERROR_FILE_MAX 256

typedef struct hoso_error {
  int code;                       /* one of enum hoso_status */
  size_t offset;                  /* byte offset into the input, if has_offset */
  int has_offset;                 /* 1 when offset is meaningful */
  char file[HOSO_ERROR_FILE_MAX]; /* input file name, "" if not known */
  char message[HOSO_ERROR_MSG_MAX];
} hoso_error;

/* A short English name for a status code ("out of memory", ...). Static. */
const char *hoso_status_name(int code);

/* Reset err to HOSO_OK with empty message. err may be NULL. */
void hoso_error_clear(hoso_error *err);

/* Format "FILE:OFFSET: message" (parts omitted when unknown) into out,
** which has room for n bytes. Returns out. */
char *hoso_error_format(const hoso_error *err, char *out, size_t n);

/* Free memory that a hoso call handed to the caller. NULL is a no-op. */
void hoso_free(void *p);

/* Library version string, same as HOSO_VERSION. */
const char *hoso_version(void);

/* ------------------------------------------------------------------ */
/* Text core (src/text): UTF-8, normalisation, folding, tokens,         */
/* sentences, language identification.                                 */
/* ------------------------------------------------------------------ */
/* @@SECTION text@@ */

/* The diacritic-folded search key of s[0..n): NFC, case folded, tone and
** vowel marks removed, "đ"/"Đ" -> "d" ("Quốc phòng" -> "quoc phong"). NFD
** input gives the same key. Invalid UTF-8 becomes U+FFFD. On HOSO_OK *out
** is a NUL-terminated string the caller frees with hoso_free(); *out_n
** (may be NULL) gets its length. */
int hoso_fold(const char *s, size_t n, char **out, size_t *out_n);

/* ------------------------------------------------------------------ */
/* Vietnamese words (src/vi): segmentation and part-of-speech tagging.  */
/* ------------------------------------------------------------------ */
/* @@SECTION vi@@ */

/* ------------------------------------------------------------------ */
/* Article extraction (src/extract).                                    */
/* ------------------------------------------------------------------ */
/* @@SECTION extract@@ */

/* ------------------------------------------------------------------ */
/* Named entities (src/ner).                                            */
/* ------------------------------------------------------------------ */
/* @@SECTION ner@@ */

/* ------------------------------------------------------------------ */
/* Events (src/events).                                                 */
/* ------------------------------------------------------------------ */
/* @@SECTION events@@ */

/* ------------------------------------------------------------------ */
/* The archive (src/store) and search (src/search).                     */
/* ------------------------------------------------------------------ */
/* @@SECTION store@@ */

#ifdef __cplusplus
}
#endif
#endif /* HOSO_H */
