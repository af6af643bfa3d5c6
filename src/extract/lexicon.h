/* lexicon.h -- word lists for the block rules (lexicon.c). Matching is
** on the diacritic-folded, lower-case text (hoso__fold_append) unless
** said otherwise, so "Bình luận" and "binh luan" are the same entry. */
#ifndef HOSO_EXTRACT_LEXICON_H
#define HOSO_EXTRACT_LEXICON_H
#include <stddef.h>

/* Whole-block chrome labels ("chuyen muc", "binh luan cua ban"):
** returns the static removal reason or NULL. */
const char *hoso__lex_chrome(const char *f, size_t n);
/* "28 ban doc", "1.234 luot xem", "15 comments", a gallery's "3 of 12":
** 1 if a counter. */
int hoso__lex_counter(const char *f, size_t n);
/* A photo gallery's position alone ("3 of 12", "3/12"): 1, with *k = 3
** and *of = 12 (either may be NULL); else 0. */
int hoso__lex_gallery_position(const char *f, size_t n, unsigned *k, unsigned *of);
/* Words in s[0..n): runs of bytes other than a space (the block rules
** read text with its white space already folded to single spaces). */
size_t hoso__lex_words(const char *s, size_t n);
/* Length of a credit prefix ("nguon:", "theo ", "source:") or 0. */
size_t hoso__lex_credit_prefix(const char *f, size_t n);
/* Length of a byline prefix ("tac gia:", "by ", "автор:") or 0. */
size_t hoso__lex_byline_prefix(const char *f, size_t n);
/* ORIGINAL text: offset of the first mark that parts a byline from its
** date on one line ("|", "·", "•"), with its length in *len; n when
** there is none. */
size_t hoso__lex_byline_separator(const char *s, size_t n, size_t *len);
/* 1 when the block reads like a legal/copyright footer. */
int hoso__lex_footer(const char *f, size_t n);
/* ORIGINAL text: length of a photo-credit marker at s ("Ảnh:",
** "Photo:", "Фото:") including its colon, or 0. */
size_t hoso__lex_caption_marker(const char *s, size_t n);
/* ORIGINAL text: 1 when s[0..n) is, whole, an unmarked photo credit
** closing a caption ("Supplied", "연합뉴스"). */
int hoso__lex_caption_tail_credit(const char *s, size_t n);
/* ORIGINAL text: 1 when the word s[0..n) is a job written after a
** credited name ("기자"). */
int hoso__lex_caption_tail_job(const char *s, size_t n);
/* Class/id hint of an HTML element from its folded class+id string:
** > 0 likely content, < 0 likely boilerplate; *reason gets a static
** reason for negative hints; *bits (may be NULL) the HX_HINT_* bits
** (caption, byline, date, lead) the words suggest. */
int hoso__lex_class_hint(const char *f, size_t n, const char **reason, int *bits);
/* Folded block f[0..n): the reason when it is one of the chrome lines of
** chrome_lines.txt ("5 min read", "Last updated: ...", a breadcrumb
** trail: those only when head, i.e. before the article's first real
** paragraph), else NULL. */
const char *hoso__lex_chrome_line(const char *f, size_t n, int head);

#endif
