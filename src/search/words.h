/*
** words.h -- text to search words (library-internal; no SQLite here).
**
** A word is a run of syllables src/vi's segmenter keeps together ("quốc
** phòng"); without a segmenter (hoso__words_use_segmenter) every syllable
** is a word. Each word has two forms:
**   exact  NFC, case-folded, syllables joined by '_'   "quốc_phòng"
**   fold   exact with diacritics removed (hoso__fold)   "quoc_phong";
**          Cyrillic words are first stemmed with the Snowball Russian
**          stemmer (libstemmer), then folded.
** This is the ONE definition of the indexed terms: the PostgreSQL
** backend (pg/) reproduces hoso__words_scan term for term.
** The search index holds ONE term per word (schema 4; hoso__words_term):
** "fold\x1F" when exact == fold, else "fold\x1Fexact". A search for any
** spelling is the FTS5 prefix query "fold\x1F"*, for one spelling the
** term itself; the single token per word halves the index's postings
** (it held the fold form and, colocated, the exact form until schema 3).
**
** The serialised stream (what workers hand to the FTS5 tokenizer so the
** single writer thread does not segment) is:
**   HOSO_WORDS_MAGIC, then words separated by ' ', each its index term,
**   "fold\x1F" or "fold\x1Fexact", so the tokenizer hands FTS5 the
**   stream's own bytes (hoso__words_unstream_terms). Streams made before
**   session 13 held "fold" for "fold\x1F"; the readers take both.
**
** Ownership: a hoso_words holds per-thread state (stemmer, buffers): one
** per thread, free with hoso__words_free.
*/
#ifndef HOSO_WORDS_H
#define HOSO_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

#define HOSO_WORDS_MAGIC "\x01hw1 "
#define HOSO_WORDS_MAGIC_N 5
#define HOSO_WORD_MAX 255 /* bytes; longer words are cut (not split) */

#define HOSO_TERM_SEP '\x1F'
#define HOSO_TERM_MAX (2 * HOSO_WORD_MAX + 1)

typedef struct hoso_words hoso_words;

/* The index term of a word (see above) into out[HOSO_TERM_MAX]: fold,
** HOSO_TERM_SEP, then exact unless it is NULL or equal to fold; each form
** cut at HOSO_WORD_MAX bytes. Returns the term's length (no NUL). */
size_t hoso__words_term(const char *fold, size_t fold_n, const char *exact,
                        size_t exact_n, char *out);

int hoso__words_new(hoso_words **out);
void hoso__words_free(hoso_words *w);
/* Use src/vi's segmenter (vi: loaded models, shared, read-only; not
** owned) so words are Vietnamese words ("quốc_phòng"), not syllables.
** NULL goes back to syllables. HOSO_ENOMEM only. */
int hoso__words_use_segmenter(hoso_words *w, const hoso_vi *vi);
/* The segmenter in use, or NULL. */
const hoso_vi *hoso__words_segmenter(const hoso_words *w);

/* Called for each word: fold/exact forms (exact is NULL when equal to
** fold), byte offsets [start, end) into the scanned text. Return non-zero
** to stop (that value is returned by the scan). */
typedef int (*hoso_word_fn)(void *ctx, const char *fold, size_t fold_n,
                            const char *exact, size_t exact_n, size_t start,
                            size_t end);

/* Words of text[0..n). */
int hoso__words_scan(hoso_words *w, const char *text, size_t n,
                     hoso_word_fn fn, void *ctx);
/* The syllables of text[0..n) as hoso__words_scan finds them without a
** segmenter, each as the 64-bit FNV-1a hash of its fold form (offset
** basis 1469598103934665603 -- not the usual 14695981039346656037; snippet.c
** hashes query words the same way -- prime 1099511628211) and its byte offsets.
** Through a small table from a syllable's bytes to that hash (L2-sized),
** so a long text costs a lookup per syllable (the snippet's first pass). */
typedef int (*hoso_syl_fn)(void *ctx, uint64_t fold_hash, size_t start, size_t end);
int hoso__words_syllable_hashes(hoso_words *w, const char *text, size_t n,
                                hoso_syl_fn fn, void *ctx);
/* The same syllables, each with the FNV-1a hashes (as above) of its fold
** form and of its exact form (NFC, case folded, tone mark on the canonical
** vowel; not stemmed; exact_hash == fold_hash when the forms are equal).
** Depends on no model: the archive's content hash and MinHash signature
** are made from it (store/minhash.h, hoso__text_keys). */
typedef int (*hoso_syl_forms_fn)(void *ctx, uint64_t fold_hash, uint64_t exact_hash,
                                 size_t start, size_t end);
int hoso__words_syllable_forms(hoso_words *w, const char *text, size_t n,
                               hoso_syl_forms_fn fn, void *ctx);
/* Append the serialised stream of text[0..n) to out. */
int hoso__words_stream(hoso_words *w, const char *text, size_t n,
                       hoso_buf *out);

/* Values a caller of hoso__words_stream_each keeps per distinct word (its
** hashes, say), so work done for a word once need not be redone for its
** next occurrences: zero (flags 0) when the word is new to the handle's
** table; the handle keeps them with the word until its table is cleared,
** which happens only between texts. A word the table cannot keep (very
** long, or the table full) comes with a zeroed memo each time. */
typedef struct hoso_word_memo {
  uint64_t h[2];
  uint32_t flags; /* the caller's; 0 = not filled */
} hoso_word_memo;

/* One word as appended to the stream: its record ("fold" or
** "fold\x1Fexact", without the separating space; valid during the call),
** the fold form's length (rec[0..fold_n)) and its memo. Non-zero stops. */
typedef int (*hoso_rec_fn)(void *ctx, const char *rec, size_t rec_n,
                           size_t fold_n, hoso_word_memo *memo);

/* hoso__words_stream, calling fn (unless NULL) for each word appended, in
** order. The same bytes as hoso__words_stream (which calls it). The
** handle keeps a table of the distinct words it has streamed (at most
** 9 MB, allocated on first use; cleared before a text when 3/4 full). */
int hoso__words_stream_each(hoso_words *w, const char *text, size_t n,
                            hoso_buf *out, hoso_rec_fn fn, void *ctx);
/* A syllable's two hashes, as hoso__words_syllable_forms gives them. */
typedef int (*hoso_syl_key_fn)(void *ctx, uint64_t fold_hash, uint64_t exact_hash);

/* hoso__words_stream_each, and in the same pass syl (unless NULL) for
** each syllable of text[0..n), in order, with the hashes
** hoso__words_syllable_forms would give (the same calls, without the
** offsets): the archive's content hash and MinHash come from these
** (store/minhash.h). The segmenter's words already hold the syllables,
** so the handle's word table keeps each distinct word's syllable hashes
** and a known word costs no syllable scan; where a word's edge falls
** inside a run of word characters (the segmenter split a run), the
** stretch between the nearest edges that split none is scanned as
** hoso__words_syllable_forms scans it, so the syllables are the same
** whatever the segmenter did. */
int hoso__words_stream_keys(hoso_words *w, const char *text, size_t n, hoso_buf *out,
                            hoso_rec_fn fn, void *ctx, hoso_syl_key_fn syl,
                            void *syl_ctx);
/* Walk a serialised stream (s must start with the magic): each word's
** forms (exact NULL when equal to fold), [start, end) its record's bytes. */
int hoso__words_unstream(const char *s, size_t n, hoso_word_fn fn, void *ctx);
/* The same walk, each word as its index term (hoso__words_term), pointing
** into s itself where the record is the term (all records this version
** writes), else made in a buffer valid during the call. Non-zero stops. */
typedef int (*hoso_term_fn)(void *ctx, const char *term, size_t term_n, size_t start,
                            size_t end);
int hoso__words_unstream_terms(const char *s, size_t n, hoso_term_fn fn, void *ctx);

/* The forms of one typed word (query side; may hold several syllables
** separated by spaces or '_', joined by '_'). Appends to the buffers
** (NUL-terminated); *has_marks = exact differs from fold. */
int hoso__words_forms(hoso_words *w, const char *s, size_t n, hoso_buf *exact,
                      hoso_buf *fold, int *has_marks);

#endif
