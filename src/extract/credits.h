/* credits.h -- a photo credit inside a caption's text (credits.c).
**
** Both functions only read the caller's text and write offsets into it:
** nothing is allocated, nothing is owned. */
#ifndef HOSO_EXTRACT_CREDITS_H
#define HOSO_EXTRACT_CREDITS_H
#include <stddef.h>

/* The end of a credit's text without what closes it: trailing spaces,
** ')' and ']' and a full stop ("Getty Images).", "연합뉴스]"). Returns the
** new length of s[0..n). */
size_t hoso__credit_end(const char *s, size_t n);

/* A credit element's text without the marker or brackets around it
** ("( Image: Getty Images)", "Quelle: dpa", "© AP"): what names someone.
** *s and *n are moved inside the caller's text. */
void hoso__credit_trim(const char **s, size_t *n);

/* A credit in brackets closing a caption (s[0..n), its text without a
** credit already split off):
**   marked   "... (Photo: Frank van Beek / UN Photo)", "... [사진 출처 =
**            연합뉴스]" -- a caption marker (lexicon_words.txt) right after
**            the opening bracket, up to CLOSING_MAX_WORDS words after it;
**   unmarked "... Epstein. (AP)", "... 2023. (AP Photo/Carolyn Kaster)",
**            "... for sale. (Bespoke Real Estate)" -- after the end of a
**            sentence (. ! ? or a closing quote), opening with a capital
**            letter, up to CLOSING_MAX_WORDS words, with no end of a
**            sentence, colon or further bracket inside.
** Returns 1 with the caption's own text s[0..*own) (spaces and the bracket
** before the credit left out) and the credit s[*cs..*cs+*cn); else 0. */
int hoso__caption_closing_credit(const char *s, size_t n, size_t *own, size_t *cs, size_t *cn);

/* An unmarked credit closing a caption after its last sentence: a word of
** the caption_tail_credits list ("... upon arrival. Supplied", "... 있다.
** 연합뉴스"), a name and a job word after it ("... 있다. 고영권 기자"), or
** a source and a name parted by a slash ("... Jónsdóttir. mbl.is/Atli
** Steinn Guðmundsson", "... kommen.Unsplash/Kelly Sikkema"), with no
** end of a sentence, colon or bracket in it. Returns 1 with the caption's
** own text s[0..*own) and the credit s[*cs..*cs+*cn); else 0. */
int hoso__caption_tail_credit(const char *s, size_t n, size_t *own, size_t *cs, size_t *cn);
#endif
