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

/* ---- UTF-8 policy ---------------------------------------------------
** Every text call below accepts any bytes: invalid UTF-8 is read
** leniently (each maximal invalid subpart counts as one U+FFFD) and never
** stops processing; offsets always refer to the ORIGINAL bytes. Callers
** that want strict input check it first with hoso_utf8_check(). */

/* HOSO_OK if s[0..n) is valid UTF-8; else HOSO_EUTF8 with *bad_at (may be
** NULL) set to the byte offset of the first invalid byte. */
int hoso_utf8_check(const char *s, size_t n, size_t *bad_at);

/* ---- normalisation --------------------------------------------------
** Flags for hoso_normalize(). Stored text is never rewritten by hoso;
** these build display or matching forms.
**   HOSO_NORM_NFC       Unicode NFC (always applied; utf8proc)
**   HOSO_NORM_CASEFOLD  Unicode case folding
**   HOSO_NORM_TONE      Vietnamese tone mark moved to its canonical vowel
**                       ("hoà" -> "hòa", "thuỷ" -> "thủy"; rule in README)
**   HOSO_NORM_FOLD      remove all diacritics, đ -> d (implies CASEFOLD)
**   HOSO_NORM_KEY       = CASEFOLD|TONE: the Vietnamese matching key     */
#define HOSO_NORM_NFC 0u
#define HOSO_NORM_CASEFOLD 1u
#define HOSO_NORM_TONE 2u
#define HOSO_NORM_FOLD 4u
#define HOSO_NORM_KEY (HOSO_NORM_CASEFOLD | HOSO_NORM_TONE)

/* Normalise s[0..n) per flags. On HOSO_OK *out is NUL-terminated, owned by
** the caller (hoso_free); *out_n (may be NULL) gets its length. */
int hoso_normalize(const char *s, size_t n, unsigned flags, char **out,
                   size_t *out_n);

/* ---- tokens -----------------------------------------------------------
** Token types. A token is never empty; white space is never a token. */
typedef enum hoso_token_type {
  HOSO_TOK_SYLLABLE = 1, /* Vietnamese syllable ("quốc", "Nga", "hòa")     */
  HOSO_TOK_WORD,         /* other letter word (script tells Latin/Cyrillic) */
  HOSO_TOK_NUMBER,       /* "80", "1.000", "3,5", "1.234,5"                 */
  HOSO_TOK_DATE,         /* "20/5", "20/05/2021", "2-9", "2021-05-20"       */
  HOSO_TOK_TIME,         /* "17:42", "8:05:10"                              */
  HOSO_TOK_ABBREV,       /* "UNCLOS", "ADMM+", "TP.HCM", "Th.S", "U.S."     */
  HOSO_TOK_CODE,         /* letters and digits mixed: "COVID-19", "Su-30MK2" */
  HOSO_TOK_URL,          /* "https://baonga.com", "www.x.vn", "baotintuc.vn" */
  HOSO_TOK_EMAIL,        /* "info@baonga.com"                               */
  HOSO_TOK_PHONE,        /* "+7(905) 238 89 99", "+84.979.137.386"          */
  HOSO_TOK_PUNCT,        /* one punctuation mark, or "..." / "--"           */
  HOSO_TOK_SYMBOL        /* any other visible character ("%", "$", emoji)   */
} hoso_token_type;
#define HOSO_TOK_TYPE_MAX HOSO_TOK_SYMBOL

typedef enum hoso_script {
  HOSO_SCRIPT_NONE = 0, /* digits, punctuation, symbols */
  HOSO_SCRIPT_LATIN,
  HOSO_SCRIPT_CYRILLIC,
  HOSO_SCRIPT_OTHER
} hoso_script;

/* Token flags. */
#define HOSO_TOKF_CAP 1u     /* first letter is upper case ("Nga")         */
#define HOSO_TOKF_ALLCAPS 2u /* every letter upper case, >= 2 letters      */

typedef struct hoso_token {
  int type;      /* hoso_token_type */
  int script;    /* hoso_script of the letters in the token */
  unsigned flags; /* HOSO_TOKF_* */
  size_t start;  /* byte offset of the first byte in the input */
  size_t end;    /* byte offset one past the last byte */
} hoso_token;

/* Called once per token in input order. Return 0 to go on; any other value
** stops the walk and is returned by the walker. t is valid during the call. */
typedef int (*hoso_tok_cb)(void *ctx, const hoso_token *t);

/* Tokenise s[0..n) (any bytes; see the UTF-8 policy). Returns HOSO_OK, or
** the first non-zero value a callback returned. No allocation; reentrant. */
int hoso_tokenize(const char *s, size_t n, hoso_tok_cb cb, void *ctx);

/* "syllable", "word", "number", ... for a hoso_token_type; "?" if unknown. */
const char *hoso_token_type_name(int type);
/* "latin", "cyrillic", "other", "none". */
const char *hoso_script_name(int script);

/* ---- sentences ------------------------------------------------------ */

typedef struct hoso_span {
  size_t start; /* byte offset of the first byte */
  size_t end;   /* one past the last byte */
} hoso_span;

/* Called once per sentence in order; return non-zero to stop. */
typedef int (*hoso_span_cb)(void *ctx, const hoso_span *sp);

/* Split s[0..n) into sentences. Spans are trimmed of white space, never
** empty, never overlap, and never cross a line break (one paragraph per
** line is assumed). Survives abbreviations ("TP.", "TS.", "Th.S", "A."),
** numbers ("1.000"), URLs, e-mails and quotes. Returns HOSO_OK or the
** callback's non-zero value. No allocation; reentrant. */
int hoso_sentences(const char *s, size_t n, hoso_span_cb cb, void *ctx);

/* ---- language identification --------------------------------------- */

typedef enum hoso_lang {
  HOSO_LANG_OTHER = 0,
  HOSO_LANG_VI,
  HOSO_LANG_RU,
  HOSO_LANG_EN
} hoso_lang;
#define HOSO_LANG_COUNT 4

/* "vi", "ru", "en", "other". */
const char *hoso_lang_name(int lang);

/* A loaded language-id model; read-only after open, so one handle may be
** shared by many threads. */
typedef struct hoso_langid hoso_langid;

/* Load the model at path, or models/langid.bin (see hoso__model_path) when
** path is NULL. On HOSO_OK *out is owned by the caller: hoso_langid_close.
** HOSO_EMODEL with a message when the file is missing or corrupt. */
int hoso_langid_open(const char *path, hoso_langid **out, hoso_error *err);
void hoso_langid_close(hoso_langid *m);

/* The language of s[0..n) (a paragraph works best). *confidence (may be
** NULL) gets the posterior probability of the answer, 0..1. Empty text or
** text without letters is HOSO_LANG_OTHER. */
int hoso_langid_detect(const hoso_langid *m, const char *s, size_t n,
                       double *confidence);

/* Paragraph by paragraph: like hoso_langid_detect, but a paragraph with
** fewer than HOSO_LANGID_MIN_LETTERS letters ("X", "Ảnh: TTXVN") is too
** short to judge on its own and takes prev, the language of the paragraph
** before it in the same document (pass -1 for the first paragraph),
** unless its own evidence is overwhelming (another script: "Москва"
** after a Vietnamese paragraph). */
#define HOSO_LANGID_MIN_LETTERS 12
int hoso_langid_paragraph(const hoso_langid *m, const char *s, size_t n,
                          int prev, double *confidence);

/* ------------------------------------------------------------------ */
/* Vietnamese words (src/vi): segmentation and part-of-speech tagging.  */
/* ------------------------------------------------------------------ */
/* @@SECTION vi@@ */

/* Word segmentation and part-of-speech tagging of Vietnamese text (and of
** the Russian/English/numbers/codes mixed into it). Models are files in
** the model directory: vi-seg.model (segmenter), vi-dict.bin (word list
** it consults), vi-pos.model (tagger); see models/README.md. */
typedef struct hoso_vi hoso_vi;         /* loaded models; read-only, share across threads */
typedef struct hoso_vi_ctx hoso_vi_ctx; /* per-thread scratch; one per thread */

typedef struct hoso_vi_word {
  size_t off, len; /* bytes of the original text, from the first syllable's
                      start to the last one's end (spaces inside a word are
                      the original ones) */
  size_t nsyl;     /* syllables (tokens) in the word */
  const char *pos; /* Universal POS tag ("NOUN", "PROPN", ...) when tagged,
                      else NULL; owned by the hoso_vi */
} hoso_vi_word;

#define HOSO_VI_TAG 1 /* open: also load the tagger; segment: also tag */

/* Load the models from dir (NULL: $HOSO_MODEL_DIR or the built-in model
** directory). A missing or corrupt file fails with HOSO_EMODEL and err
** names it. Load time is a few milliseconds. */
int hoso_vi_open(const char *dir, int flags, hoso_vi **out, hoso_error *err);
void hoso_vi_close(hoso_vi *vi);

hoso_vi_ctx *hoso_vi_ctx_new(void); /* NULL on out of memory */
void hoso_vi_ctx_free(hoso_vi_ctx *ctx);

/* Segment text[0..n) into words (and tag them with flags & HOSO_VI_TAG,
** which needs a hoso_vi opened with HOSO_VI_TAG). Any bytes are accepted:
** invalid UTF-8 becomes single-byte punctuation words. Words never span a
** line break. On HOSO_OK *words points to *nwords words owned by ctx,
** valid until the next call with ctx. Memory is proportional to n. */
int hoso_vi_segment(const hoso_vi *vi, hoso_vi_ctx *ctx, const char *text,
                    size_t n, int flags, const hoso_vi_word **words,
                    size_t *nwords, hoso_error *err);

/* ------------------------------------------------------------------ */
/* Article extraction (src/extract).                                    */
/* ------------------------------------------------------------------ */
/* @@SECTION extract@@ */

/* An article record (hoso_article_rec; the name hoso_article is the
** store's call that fetches a stored article): what `hoso extract`
** prints, one per page.
**
** Stability: this struct and hoso_block are part of the ABI. Fields are
** only ever APPENDED (never removed, reordered or retyped), so code that
** reads them keeps working. Everything is owned by the article and freed
** by hoso_article_free(); callers treat the record as read-only.
**
** Strings are NUL-terminated UTF-8 (NFC not guaranteed); a NULL string
** means "not found on the page" -- the extractor never guesses.
**
** Spans: start/end are byte offsets [start, end) into the DOCUMENT the
** text was extracted from. When the article's spans_exact is 1 that
** document is exactly the caller's input buffer (UTF-8, not compressed);
** when 0 the input was decompressed and/or transcoded to UTF-8 first and
** spans index that decoded document. For records inside a stream (WARC,
** JSON Lines) input_offset is the byte offset of the record in the
** stream and spans are relative to the record's payload. A block whose
** text does not come from one contiguous place (e.g. made from metadata)
** has has_span = 0. */

enum hoso_block_kind {
  HOSO_BLOCK_PARAGRAPH = 0,
  HOSO_BLOCK_HEADING = 1,   /* a sub-heading inside the body */
  HOSO_BLOCK_LIST_ITEM = 2,
  HOSO_BLOCK_QUOTE = 3,
  HOSO_BLOCK_CAPTION = 4,
  HOSO_BLOCK_OTHER = 5
};

typedef struct hoso_block {
  char *text;         /* the block's text, whitespace collapsed */
  size_t len;         /* strlen(text) */
  size_t start, end;  /* byte span in the document (see above) */
  int has_span;       /* 0: start/end are meaningless */
  int kind;           /* enum hoso_block_kind */
  char *credit;       /* captions: the photo credit ("ĐỖ TRUNG"), or NULL */
  const char *reason; /* removed blocks: why (static string: "navigation",
                         "rating", "counter", "comment box", "footer",
                         "related links", "repeated title", "byline",
                         "credit", "chrome", "other language", ...);
                         NULL for kept blocks */
  const char *language; /* static ISO 639-1 code of the block's text when
                           known ("vi", "ru", "en"), else NULL */
} hoso_block;

typedef struct hoso_article_rec {
  char *url;       /* page URL (from the caller, WARC header or metadata) */
  char *site;      /* publisher: host name ("baonga.com") or site name */
  char *language;  /* ISO 639-1 ("vi", "ru", "en") of the body, or NULL */
  char *title;
  char *published; /* ISO 8601 with the page's zone, e.g.
                      "2021-05-20T17:42:00+07:00"; a date alone is
                      "2021-05-20"; NULL when the page gives no date */
  char *modified;  /* same form, NULL when not given */
  char *category;  /* section / category label, or NULL */
  char *lead;      /* standfirst / summary paragraph, or NULL */
  char **authors;  /* clean names ("Minh Tuấn"): no "Theo", dates, e-mails */
  size_t n_authors;
  char **credit;   /* syndication / source credits ("baotintuc.vn", "TTXVN") */
  size_t n_credit;
  hoso_block *body; /* main text, in order, captions taken out */
  size_t n_body;
  hoso_block *captions; /* photo captions with their credits */
  size_t n_captions;
  hoso_block *removed;  /* dropped blocks with reasons (only with explain) */
  size_t n_removed;
  const char *format;   /* static: "html", "text", "warc", "jsonl" */
  const char *charset;  /* static: charset the document was decoded from
                           ("utf-8", "windows-1258", "tcvn3", "vni",
                           "viscii", "windows-1252", ...) */
  size_t input_offset;  /* offset of this record in a stream, else 0 */
  int spans_exact;      /* 1: spans index the caller's bytes directly */
  const char *empty_reason; /* static; non-NULL when no article text was
                               found ("no main text", "binary input", ...) */
} hoso_article_rec;

enum hoso_extract_format {
  HOSO_FORMAT_AUTO = 0, /* detect from content (and name, for files) */
  HOSO_FORMAT_HTML = 1,
  HOSO_FORMAT_TEXT = 2,
  HOSO_FORMAT_WARC = 3, /* streams only (hoso_extract_file) */
  HOSO_FORMAT_JSONL = 4 /* streams only: {"url", "html"|"text"} a line */
};

/* Options. Zero-initialise (`hoso_extract_opts o = {0};`) and set what you
** need: new fields are appended and 0 always means the default. */
typedef struct hoso_extract_opts {
  const char *url;     /* the page's URL if known, else NULL */
  const char *charset; /* charset from an HTTP header if known, else NULL */
  int format;          /* enum hoso_extract_format */
  int explain;         /* 1: fill removed[] with every dropped block */
  size_t max_input;    /* bytes per document; 0 = 64 MiB; larger inputs
                          fail with HOSO_ETOOBIG */
  int max_depth;       /* HTML nesting kept; 0 = 512; deeper markup is
                          flattened (its text is kept, structure is not) */
  const hoso_langid *langid; /* language model (hoso_langid_open) used for
                          "language" and other-language footers; NULL =
                          a script-based fallback */
} hoso_extract_opts;

/* Extract one article from one document data[0..n) (HTML or plain text,
** UTF-8 or a detected legacy charset, gzip allowed). opts may be NULL.
** On HOSO_OK *out is a new article the caller frees with
** hoso_article_free(); a page without an article is still HOSO_OK, with
** n_body == 0 and empty_reason set. Fails (with *out = NULL) only for
** bad arguments, out of memory, or a limit (HOSO_ETOOBIG). Thread-safe:
** no shared state. */
int hoso_extract(const char *data, size_t n, const hoso_extract_opts *opts,
                 hoso_article_rec **out, hoso_error *err);

void hoso_article_free(hoso_article_rec *a);

/* Called once per record by hoso_extract_file(). On success `a` is a new
** article that the callback now owns (free with hoso_article_free); for
** a record that failed, a is NULL and err says why, with the record's
** byte offset in the file. Return 0 to go on, non-zero to stop. */
typedef int (*hoso_article_fn)(void *ctx, hoso_article_rec *a,
                               const hoso_error *err);

/* Extract every article in the file at path ("-" = stdin): HTML, plain
** text, .gz of either, WARC / .warc.gz (bounded memory: one record at a
** time), or JSON Lines of {"url": ..., "html"|"text": ...}. The type is
** detected from the content. Bad records are passed to fn with an error
** and the rest go on. Returns HOSO_OK, the file-level error (cannot open,
** not readable), or the callback's non-zero value when it stopped. */
int hoso_extract_file(const char *path, const hoso_extract_opts *opts,
                      hoso_article_fn fn, void *ctx, hoso_error *err);

/* Flags for hoso_article_to_json(). */
#define HOSO_JSON_EXPLAIN 1u /* include "removed": [{"text","reason"}] */
#define HOSO_JSON_SPANS 2u   /* include byte spans ("start","end") */

/* Serialise a as one line of compact JSON (no newline):
**   {"url","site","language","title","published","modified","authors":[],
**    "credit":[],"category","lead","body":["..."],
**    "captions":[{"text","credit"}], "removed" (EXPLAIN), ...}
** With HOSO_JSON_SPANS, "body_spans":[[start,end],...] follows "body" and
** captions/removed carry "start"/"end". Members are only ever added.
** *json is NUL-terminated; the caller frees it with hoso_free(). n may be
** NULL. */
int hoso_article_to_json(const hoso_article_rec *a, unsigned flags, char **json,
                         size_t *n);

/* ------------------------------------------------------------------ */
/* Named entities (src/ner).                                            */
/* ------------------------------------------------------------------ */
/* @@SECTION ner@@ */

/* Entities (people with rank and posts, organisations, countries, places,
** dates) and events (calls, talks, meetings, receptions, dialogues,
** visits, signings, awards) of one text. The JSON fields are documented
** in README.md (section ner). A hoso_ner is read-only after open: one
** handle may be shared by many threads. */
typedef struct hoso_ner hoso_ner;

#define HOSO_NER_ENTITIES 1u   /* write "entities" */
#define HOSO_NER_EVENTS 2u     /* write "events" */
#define HOSO_NER_RULES_ONLY 4u /* do not use the statistical tagger */
#define HOSO_NER_EVENT_MODEL 8u /* events: the learned scorer (models/events.model)
                                ** decides which candidates are events */
#define HOSO_NER_EVENT_FEATURES 16u /* events: every candidate, with "rule" (1 when
                                    ** the rules alone report it), "score" and
                                    ** "features" (for training the scorer) */
#define HOSO_NER_NO_PERSON_CHECK 32u /* keep every person the rules and the tagger
                                     ** found: no check of the name's shape, its
                                     ** head words and the non-person names
                                     ** (src/ner/namecheck.h) */

/* Load gazetteers, event patterns and the tagger from dir (NULL: the
** models directory, see hoso__model_path). A missing tagger model is not
** an error (rules still run: hoso_ner_has_model says which); a tagger
** model that is there but unusable (corrupt, built for other features, its
** word classes missing) is HOSO_EMODEL naming the file, as are missing or
** malformed data files (HOSO_EMODEL/HOSO_EFORMAT, naming the file and
** line). On HOSO_OK *out is the caller's: hoso_ner_close(). */
int hoso_ner_open(const char *dir, hoso_ner **out, hoso_error *err);
void hoso_ner_close(hoso_ner *n);
int hoso_ner_has_model(const hoso_ner *n);
/* Replace the learned event scorer by the model file at path (before
** the handle is shared). HOSO_EMODEL naming the file and the byte offset
** when it is missing or corrupt (the handle keeps its scorer). The model
** in the models directory (events.model) is loaded by hoso_ner_open when
** it is there; one there that is corrupt is an error of hoso_ner_open.
** hoso_ner_has_event_model: 1 when a scorer is loaded. Analysing with
** HOSO_NER_EVENT_MODEL and no scorer is HOSO_EMODEL. */
int hoso_ner_load_event_model(hoso_ner *n, const char *path, hoso_error *err);
int hoso_ner_has_event_model(const hoso_ner *n);

/* Analyse text[0..len) (any bytes; invalid UTF-8 is read leniently).
** published: the publication date "YYYY-MM-DD[...]" that relative dates
** are resolved against, or NULL when unknown. On HOSO_OK *json is a JSON
** object {"entities":[...],"events":[...]} (members per flags), owned by
** the caller (hoso_free); mention and evidence offsets are byte offsets
** into text. Texts over 16 MiB fail with HOSO_ETOOBIG. */
int hoso_ner_analyze(const hoso_ner *n, const char *text, size_t len,
                     const char *published, unsigned flags, char **json,
                     size_t *json_n, hoso_error *err);

/* Entities and events of an extracted article (hoso_extract_*): the
** title, lead, body paragraphs and captions are analysed together, dates
** resolved against a->published. article_json is the record's JSON from
** hoso_article_to_json(); on HOSO_OK *json (caller's, hoso_free) is that
** object with one more member, "analysis": {"offsets":"document"|"text",
** "text" (when offsets are "text", or title/lead are present),
** "entities":[...], "events":[...]}. Offsets are into the page's bytes
** when every body/caption block maps to them exactly, else into "text". */
int hoso_ner_article_json(const hoso_ner *n, const hoso_article_rec *a,
                          const char *article_json, size_t article_n,
                          unsigned flags, char **json, size_t *json_n,
                          hoso_error *err);

/* CoNLL tagging: in[0..len) holds one word a line (a word may contain
** spaces or '_' between syllables), a blank line between sentences. On
** HOSO_OK *out (caller's, hoso_free) holds every input line with a TAB
** and a BIO tag (B-PER, I-ORG, O ...) appended; blank lines are kept. */
int hoso_ner_conll(const hoso_ner *n, const char *in, size_t len, char **out,
                   size_t *out_n, hoso_error *err);

/* ------------------------------------------------------------------ */
/* Events (src/events).                                                 */
/* ------------------------------------------------------------------ */
/* @@SECTION events@@ */

/* ------------------------------------------------------------------ */
/* The archive (src/store) and search (src/search).                     */
/* ------------------------------------------------------------------ */
/* @@SECTION store@@ */

/* An archive: one SQLite file (WAL mode) by default; the storage layer
** behind it is an interface (src/store/store.h) so a server database can
** serve the same calls. Thread-safety: a hoso_archive is used by one
** thread at a time; many processes/threads may open the same file, one
** of them writing (ingest) while the others read. */
typedef struct hoso_archive hoso_archive;

#define HOSO_ARCHIVE_READONLY 0x1 /* queries only; the file must exist */
#define HOSO_ARCHIVE_CREATE 0x2   /* create the archive if it is missing */

/* Open (and, with HOSO_ARCHIVE_CREATE, create or migrate) the archive at
** path. On HOSO_OK *out is a handle the caller closes with
** hoso_archive_close(). Fails with HOSO_EDB and a message naming the file
** when it is not an archive, is newer than this program, or cannot be
** opened. */
int hoso_archive_open(const char *path, int flags, hoso_archive **out,
                      hoso_error *err);
void hoso_archive_close(hoso_archive *ar);

/* hoso_archive_open, with a segmentation model the caller shares between
** its archives (a server's handles: ~10 MB each otherwise): vi (from
** hoso_vi_open; NULL: the archive loads its own, as hoso_archive_open) stays
** the caller's, read-only, and must stay open until every archive opened
** with it is closed. Same answers as hoso_archive_open with the same model. */
int hoso_archive_open_shared(const char *path, int flags, const hoso_vi *vi,
                             hoso_archive **out, hoso_error *err);

/* ---- ingest ------------------------------------------------------- */

typedef struct hoso_ingest_stats {
  uint64_t seen;       /* documents read from the inputs */
  uint64_t added;      /* new articles stored */
  uint64_t duplicates; /* already in the archive (same hash or URL) */
  uint64_t failed;     /* recorded in the error table (hoso errors) */
  uint64_t bytes;      /* input bytes of the documents seen */
  uint64_t total;      /* documents expected (0 while unknown) */
  uint64_t stories;    /* new stories started by this run */
  double seconds;      /* since hoso_ingest_open */
  /* Of duplicates: recognised as stored before extraction and analysis
  ** (same bytes or URL as a document stored by an earlier run), so a rerun
  ** of a finished ingest costs little more than reading the input. */
  uint64_t skipped;
  uint64_t prepared;  /* documents extracted, segmented (and analysed) */
  double workers_cpu; /* CPU seconds of the worker threads (at finish) */
  double writer_cpu;  /* CPU seconds of the writer thread (at finish) */
  /* Where those went (CPU seconds; parts of workers_cpu / writer_cpu):
  ** words_cpu: segmentation and word forms of the search streams;
  ** analysis_cpu: entities and events; index_cpu: the backend's search
  ** index inserts (SQLite: FTS5); commit_cpu: commits (spellings, FTS5
  ** segments, WAL). */
  double words_cpu, analysis_cpu, index_cpu, commit_cpu;
  uint64_t commits; /* transactions this run committed (batches) */
} hoso_ingest_stats;

typedef struct hoso_ingest_options {
  int threads; /* worker threads for extraction and segmentation; 0 = CPUs */
  int batch;   /* articles per transaction (crash loses at most one); 0 = the
                  backend's default: SQLite 4096, PostgreSQL 1024 */
  /* Called on the thread that calls hoso_ingest_*, at most ~5 times a
  ** second and once at the end; may be NULL. */
  void (*progress)(void *ctx, const hoso_ingest_stats *st);
  void *progress_ctx;
  unsigned flags; /* HOSO_INGEST_* */
  /* An open batch this old is committed when the writer has waited an
  ** eighth of this long for more documents, so a kill loses at most that
  ** batch: 0 = 2000 ms; < 0 = never (commits only at full batches and at
  ** the end). */
  int idle_commit_ms;
} hoso_ingest_options;

/* Skip entities and events (search and stories only; faster). */
#define HOSO_INGEST_NO_ANALYSIS 0x1

/* One input document handed over by the caller. Only data/n is needed;
** NULL fields are taken from the page by extraction. The strings are
** copied: the caller keeps ownership. */
typedef struct hoso_document {
  const char *data; /* original bytes: an HTML page, or text */
  size_t n;
  const char *url;       /* where it came from, or NULL */
  const char *outlet;    /* outlet name/code, or NULL */
  const char *published; /* ISO 8601 date(-time), or NULL */
  const char *lang;      /* "vi", "ru", "en", or NULL (identified) */
  const char *origin;    /* input name for errors ("file.jsonl:17"), or NULL */
  int is_text;           /* 1: data is plain article text (title first line) */
} hoso_document;

typedef struct hoso_ingest hoso_ingest;

/* Start an ingest run on ar (which must be opened writable). Workers
** start here; documents are committed in batches. */
int hoso_ingest_open(hoso_archive *ar, const hoso_ingest_options *opt,
                     hoso_ingest **out, hoso_error *err);
/* Queue one document. Per-document failures never fail this call: they
** are recorded in the archive (hoso_errors). Fails only when the archive
** itself cannot be written (disk full, read-only): HOSO_EDB/HOSO_EIO. */
int hoso_ingest_document(hoso_ingest *ing, const hoso_document *doc,
                         hoso_error *err);
/* Queue every document under path: a file (HTML/text page, WARC
** .warc[.gz], JSON Lines .jsonl[.gz] with text/html/url/source/date
** fields), a folder (recursively, sorted), or "-" for standard input
** (format sniffed). Unreadable entries are recorded, not fatal. */
int hoso_ingest_path(hoso_ingest *ing, const char *path, hoso_error *err);
/* Set the expected document count shown in progress (0 = unknown). */
void hoso_ingest_set_total(hoso_ingest *ing, uint64_t total);
/* Drain the workers, commit the last batch, fill *st (may be NULL). */
int hoso_ingest_finish(hoso_ingest *ing, hoso_ingest_stats *st,
                       hoso_error *err);
/* Free the run; without hoso_ingest_finish the open batch is rolled back.
** NULL is a no-op. */
void hoso_ingest_close(hoso_ingest *ing);

/* ---- queries -------------------------------------------------------
** Every query call writes its result as one JSON document (formats in
** README.md, section "The archive") into *json, a NUL-terminated string
** the caller frees with hoso_free(); *n (may be NULL) gets its length.
** The CLI's --json and the HTTP server print exactly these strings. */

#define HOSO_QUERY_MAX 4096 /* bytes of query text; longer is HOSO_ETOOBIG */

typedef struct hoso_query {
  const char *q; /* query language (README): words "phrase" OR -x pre* */
  size_t q_n;    /* may be 0 when only filters are given */
  const char *from, *to; /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive */
  const char *outlet;    /* outlet name or code */
  const char *lang;      /* "vi", "ru", "en" */
  const char *person;    /* a person's name, diacritics optional */
  const char *org;       /* an organisation's name, diacritics optional */
  const char *event_type; /* "call", "talks", "visit", "signing", ... */
  int64_t offset;        /* results to skip (paging) */
  int64_t limit;         /* results per page; 0 = 10; no cap (page it all) */
  unsigned flags;        /* HOSO_Q_* */
} hoso_query;

#define HOSO_Q_FRESHNESS 0x1   /* rank: boost recent stories (README) */
#define HOSO_Q_SOURCES 0x2     /* rank: boost stories with many outlets */
#define HOSO_Q_NO_FACETS 0x4   /* skip facet counts */
#define HOSO_Q_NO_SNIPPETS 0x8 /* skip snippets */
#define HOSO_Q_ARTICLES 0x10   /* one result per article, not per story */

/* Ranked stories matching q, with snippets (byte offsets into each
** article's text), facets and the exact total. HOSO_EQUERY with a
** message saying what is wrong for a query that cannot be parsed. */
int hoso_search(hoso_archive *ar, const hoso_query *q, char **json,
                size_t *n, hoso_error *err);
/* One story: its articles, outlets, URLs, earliest date, credited origin. */
int hoso_story(hoso_archive *ar, int64_t story_id, char **json, size_t *n,
               hoso_error *err);
#define HOSO_ARTICLE_ORIGINAL 0x1 /* include the original bytes as text */
/* One article: record, text, entities, events, story and sources. */
int hoso_article(hoso_archive *ar, int64_t article_id, unsigned flags,
                 char **json, size_t *n, hoso_error *err);
/* Events in date order with participants and citations; the filters of
** q apply (q->q restricts to events of matching articles). */
int hoso_timeline(hoso_archive *ar, const hoso_query *q, char **json,
                  size_t *n, hoso_error *err);

#define HOSO_ENTITY_ANY 0
#define HOSO_ENTITY_PERSON 1
#define HOSO_ENTITY_ORG 2
#define HOSO_ENTITY_PLACE 3
/* A dossier on a person or organisation: articles, titles/posts held
** and when, events, counterparts. name matches with or without
** diacritics. q (may be NULL) adds filters and paging of articles. */
int hoso_dossier(hoso_archive *ar, int kind, const char *name, size_t name_n,
                 const hoso_query *q, char **json, size_t *n,
                 hoso_error *err);
/* Entity names starting with prefix (diacritics optional), most
** mentioned first; limit 0 = 10. */
int hoso_suggest(hoso_archive *ar, int kind, const char *prefix,
                 size_t prefix_n, int limit, char **json, size_t *n,
                 hoso_error *err);
/* Per-document ingest failures, newest first, paged. */
int hoso_errors(hoso_archive *ar, int64_t offset, int64_t limit, char **json,
                size_t *n, hoso_error *err);
/* Counts: articles, stories, outlets, entities, events, errors, schema. */
int hoso_archive_stats(hoso_archive *ar, char **json, size_t *n,
                       hoso_error *err);

/* Check the archive file: SQLite integrity and the search index against
** the stored articles. HOSO_OK, or HOSO_EDB with what is wrong. */
int hoso_archive_check(hoso_archive *ar, hoso_error *err);

/* A number that changes whenever the archive's content may have changed
** (by this or any other process), the same on every handle of one
** archive: a cache of answers keyed by it never serves a stale one (it
** may change without a change of content). PostgreSQL: the server's
** write-ahead log insert position. HOSO_EARG when the backend has none
** (SQLite: watch the database file and its -wal instead). */
int hoso_archive_state(hoso_archive *ar, uint64_t *state, hoso_error *err);

/* Export every result of q (paging ignored, nothing capped), streamed:
** write() is called with consecutive chunks; a non-zero return from it
** stops the export with HOSO_EIO. */
typedef int (*hoso_write_fn)(void *ctx, const char *p, size_t n);
#define HOSO_EXPORT_JSONL 0    /* one article object per line */
#define HOSO_EXPORT_CSV 1      /* RFC 4180, header row */
#define HOSO_EXPORT_MARKDOWN 2 /* a readable dossier, cited */
int hoso_export(hoso_archive *ar, const hoso_query *q, int format,
                hoso_write_fn write, void *ctx, hoso_error *err);

#ifdef __cplusplus
}
#endif
#endif /* HOSO_H */
