/*
** internal.h -- what the files of src/events share, internal to the event
** module: the mentions of one sentence (slice), the heads of delegations
** (heads), and each file's helpers (prefix hoso__ev_), grouped by file.
** Not for use outside src/events; the module's interface is events.h.
**
** Ownership: nothing here allocates except record.c's helpers, which grow
** arrays owned by the event they are given.
*/
#ifndef HOSO_EVENTS_INTERNAL_H
#define HOSO_EVENTS_INTERNAL_H

#include "events/events.h"

/* The mentions of one sentence, in text order (an index into d->men),
** so that each trigger looks at its sentence only. */
typedef struct slice {
  const uint32_t *m;
  size_t n;
} slice;

/* The heads of the delegations the text names, in text order (at most
** MAX_HEADS): "đoàn ... do X dẫn đầu", "X dẫn đầu đoàn" (STATUS "lead-after"
** in models/events/words.tsv, right after X's name), "Trưởng đoàn X",
** "Đứng đầu đoàn đại biểu Nhật Bản là X" (STATUS "lead-before": the first
** person after it, before a comma). People joined to the one before
** "lead-after" ("do A và B dẫn đầu", "do A, Chủ tịch X, và B dẫn đầu")
** lead the same delegation: one group. */
#define MAX_HEADS 8

typedef struct heads {
  int ent[MAX_HEADS];
  int grp[MAX_HEADS]; /* delegation index, in text order */
  int n, ngrp;
} heads;

/* ---- record.c ---- */
int hoso__ev_grow(void **p, size_t *cap, size_t n, size_t sz);

int hoso__ev_add_sent(uint32_t **a, size_t *n, size_t *cap, uint32_t s);

int hoso__ev_add_part(hoso__event *ev, int entity, const char *name,
                      const char *side, const char *role);

void hoso__ev_event_free(hoso__event *ev);

int hoso__ev_same_part(const hoso__eparticipant *p, const hoso__eparticipant *q);

/* ---- cues.c ---- */
/* Mentions starting in [a, b) of the types in mask (bit per etype). */
int hoso__ev_mention_at(const hoso__ndoc *d, const slice *sl, uint32_t a,
                        uint32_t b, unsigned mask);

int hoso__ev_is_comma(const hoso__ndoc *d, uint32_t i);

/* The nearest document name ("hiệp định ...") that ends at or before x,
** looking back at most `back` tokens but not before lo (nor, with
** stop_comma, past a comma): its tokens in [*o0, *o1) and its static
** object; 1 when found. */
int hoso__ev_doc_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                        uint32_t x, uint32_t back, int stop_comma, uint32_t *o0,
                        uint32_t *o1, const char **obj);

/* "hạng Nhất", "hạng Ba" at token k: an honour's class (STATUS entries
** with the value "grade" in models/events/words.tsv). */
int hoso__ev_grade_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k);

/* Is a STATUS cue with this value in [a, b)? */
int hoso__ev_cue_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                         uint32_t b, const char *value);

/* A STATUS cue with this value starting at token k (its length in *len). */
int hoso__ev_cue_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k,
                    const char *value, uint32_t *len);

/* Is token k inside a post's name ("Tổng thư ký": not "ký")? */
int hoso__ev_in_title(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k);

/* Start of the next trigger (with an event type) in [a, b), else b. */
uint32_t hoso__ev_next_trigger(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a,
                               uint32_t b);

/* "hai bên", "hai Bộ trưởng" in [a, b), not as in "Bộ Quốc phòng 2 nước"
** (a body of both sides, handled apart). */
int hoso__ev_subject_before(const hoso__ndoc *d, const hoso__gaz *g,
                            const slice *sl, uint32_t a, uint32_t b);

/* The length of "và" or "cùng" (the words that join names and close a
** list) at token k, 0 if neither is there. */
uint32_t hoso__ev_and_word_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k);

/* Is the mention followed by a verb of saying ("X cho biết", "X nói")? Then
** X reports the event, unless the sentence is framed by it. */
int hoso__ev_says(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x);

int hoso__ev_says_apart(const hoso__ndoc *d, const hoso__gaz *g, const hoso__mention *x);

/* Is "và" or "cùng" (the words that close a list) in [a, b)? */
int hoso__ev_and_between(const hoso__ndoc *d, const hoso__gaz *g, uint32_t a, uint32_t b);

/* Is a STATUS cue with this value (among all the entries of its surface:
** "mời" is both "proposed" and "inviter") at token k? */
int hoso__ev_cue_any(const hoso__ndoc *d, const hoso__gaz *g, uint32_t k, const char *value,
                     uint32_t *len);

/* Does an invitation cue ("theo lời mời của") end right before token end? */
int hoso__ev_invite_ends_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t end);

/* Is "đoàn", "phái đoàn" (STATUS "delegation") the subject in [lo, hi), with no
** comma after it? 2 when it is "of both countries" ("đoàn hai nước", "hai
** đoàn"), else 1; 0 when not there. */
int hoso__ev_delegation_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo,
                               uint32_t hi);

/* Does a frame cue ("trong cuộc", "tại buổi": STATUS "frame") end right
** before the trigger at token i? */
int hoso__ev_frame_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                          uint32_t i);

/* "X được lãnh đạo TP.HCM tiếp thân mật": a passive cue (STATUS
** "passive") before the trigger at i in its clause, within 8 tokens, and
** a name between them (the agent; not "vui mừng được gặp lại"): the one
** the trigger needs after it is named before it. */
int hoso__ev_passive_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                            const slice *sl, uint32_t i);

/* A pronoun standing for a person ("ông", "bà", "ngài": STATUS "pronoun"
** in models/events/words.tsv) in [lo, hi), the nearest to hi with no
** comma after it and no name right after it ("ông Putin" is a name). */
int hoso__ev_pronoun_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t lo, uint32_t hi);

/* ---- parties.c ---- */
/* The two countries the article's people come from, most named first. */
void hoso__ev_sides(const hoso__ndoc *d, const char **s1, const char **s2,
                    int *e1, int *e2);

const char *hoso__ev_role_of(const char *spec, int right, int *all);

/* "Theo ông X, ...": X is where the news comes from, not a participant. */
int hoso__ev_is_source(const hoso__ndoc *d, const hoso__gaz *g,
                       const hoso__mention *x, const hoso__nsent *s);

/* Posts named without a name in [lo, hi) ("Chủ tịch nước đã trao",
** "Người đứng đầu nước Nga"): the holder the entity stage linked the post
** to (d->postrefs, src/ner/postref.c), else the article's person whose
** post is stated in the same words, takes the role. A post told of several
** ("hai Bộ trưởng") names nobody here. */
int hoso__ev_title_refs(const hoso__ndoc *d, const hoso__gaz *g, hoso__event *ev,
                        uint32_t lo, uint32_t hi, const char *role, int all);

/* The people (or bodies) of one side of a trigger, in [lo, hi):
**   dir < 0 (before the trigger): the one nearest the trigger and those
**     joined to it before it ("A và B đã ký"), never further subjects; a
**     person invited by ("Nhận lời mời của X, ... Y đã đến") is the host;
**   dir > 0 (after it): the first one and those joined to it after it
**     ("với A, B và C"), not one who reports the event ("..., X cho
**     biết"); "theo lời mời của X": X is the host.
** all == 0: one only. frame: everyone in the range (a sentence framed by
** the event, "Tại buổi tiếp, ..."). t1 is the token after the trigger. */
int hoso__ev_pick(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                  const slice *sl, hoso__event *ev, uint32_t lo, uint32_t hi, int type,
                  const char *role, int all, int dir, int frame, uint32_t t1, int nominal);

/* "đối thoại với Nga", "gặp gỡ Hội đồng điều hành Iraq": a mention of
** this type right after token t1 -- after a party link there ("với",
** STATUS "party-link"), or, unless need_link, right at t1 -- that ends
** before hi and qualifies no thing: the token it starts at, else 0. */
uint32_t hoso__ev_party_after_link(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                                   uint32_t t1, uint32_t hi, int type, int need_link);

/* The person named right after token t1, over their post and rank
** ("thăm Chủ tịch Cuba Fidel Castro"): the mention, or -1. Only words of
** a post (titles, ranks, countries, bodies, capitalised words) and "ông",
** "bà" may come between. */
int hoso__ev_person_after(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
                          uint32_t hi);

/* "chuyến thăm Mỹ sắp tới của Thủ tướng X", "của cố thủ tướng X": the
** person named right after "của" (STATUS "of") within 6 tokens after t1
** and before hi, over a post or rank and "cố" (STATUS "late") -- not the
** inviter ("theo lời mời của X": the host). Its mention, or -1. */
int hoso__ev_of_person(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, uint32_t t1,
                       uint32_t hi);

/* "chuyến thăm Việt Nam của ông": a pronoun (STATUS "pronoun", no name
** after it) right after "của" (STATUS "of") within 6 tokens after t1 and
** before hi, not an inviter's; 1 when there, else 0. */
int hoso__ev_of_pronoun(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t1, uint32_t hi);

/* "Hội kiến với A, B và C, Quốc vương X bày tỏ ...", "Sau khi hội đàm với
** A, X đã ...": a trigger that opens its sentence -- only punctuation, a
** date and its comma, or an opening cue (STATUS "opening") before it --
** has its subject after the comma that closes its clause, which ends at
** token end (after the trigger and the people it took): the person
** opening the next clause, over their post. The mention, or -1. */
int hoso__ev_subject_after_opening(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                                   const slice *sl, uint32_t i, uint32_t end);

void hoso__ev_find_heads(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                         const size_t *first, heads *h);

/* The person a sentence is about, for a pronoun or a post without a name
** in the sentences after it: the first participant of the sentence's first
** event when a person, else the person named first when named early (in
** the first 12 words, not as a source: "Theo ông X"), else the topic so far. */
int hoso__ev_sentence_topic(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                            const slice *sl, const hoso__events *out, size_t n_before,
                            int topic);

/* "cuộc hội đàm giữa A với lãnh đạo nước cộng hòa tự trị Adzharia B",
** "Tuyên bố được ký kết ngày hôm qua giữa A và B": a cue of the kind
** "between" after the trigger (token t1; within 6 words, no comma or
** person between); the first person after it, then "với" or "và" right
** after that name, and the first person after that within 12 words, no
** comma between: A and B take part, whatever describes B. */
int hoso__ev_between_second(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                            hoso__event *ev, uint32_t t1, uint32_t hi, const char *role);

/* ---- described.c ---- */
/* A party told by description in [lo, hi) ("đoàn luật sư Mỹ", "Quan chức
** Mỹ tại Iraq", "Đại sứ các nước X, Y và Z": a group's head, or a post's
** with a list of countries, then the countries, no name): its countries
** take the role. dir < 0: the description nearest hi; dir > 0: the first.
** 0, or -1 when out of memory. */
int hoso__ev_described(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl, hoso__event *ev,
                       uint32_t lo, uint32_t hi, const char *role, int dir);

/* "chuyến thăm … của đoàn hải quân New Zealand": a description right after
** "của" (STATUS "of") within 6 tokens after t1 and before hi takes the
** role; 1 when it added someone, 0 when none, -1 when out of memory. */
int hoso__ev_of_described(const hoso__ndoc *d, const hoso__gaz *g, const slice *sl,
                          hoso__event *ev, uint32_t t1, uint32_t hi, const char *role);

/* ---- dateplace.c ---- */
/* How much an event's date says: 0 none, 1 a relative word that cannot be
** resolved ("sáng nay" without a publication date), 2 a stated day or
** month. */
int hoso__ev_date_rank(const hoso__entity *ents, const hoso__event *ev);

/* The country of place entity ent: its own, else Việt Nam for a
** Vietnamese administrative unit (models/gazetteers/admin_vn.tsv lists
** them with codes "province-..." and "commune-..." instead of a
** country), else "". */
const char *hoso__ev_place_country(const hoso__ndoc *d, const hoso__gaz *g, int ent);

/* A cue of the kind "same-day" ("cùng ngày", "hôm đó", "dịp này":
** models/events/words.tsv) before the trigger at token i, in its clause:
** the event is on the day of the latest date with a day stated before the
** sentence that opens its sentence or a clause, else of the latest one
** (only its day: the part of day and time are the earlier event's). */
void hoso__ev_same_day(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s, uint32_t i,
                       hoso__event *ev);

/* Is place entity ent a Vietnamese province, city or commune? */
int hoso__ev_vn_unit(const hoso__ndoc *d, const hoso__gaz *g, int ent);

/* The first place after a visit's trigger (ending at t1), when it has none. */
void hoso__ev_visit_place(const hoso__ndoc *d, const hoso__nsent *s, const slice *sl,
                          uint32_t t1, hoso__event *ev);

/* ---- sentence.c ---- */
/* An encounter whose sides may be named in the sentences after it. */
int hoso__ev_is_main(const char *type);

int hoso__ev_find_in_sentence(const hoso__ndoc *d, const hoso__gaz *g,
                              const hoso__nsent *s, uint32_t si, const slice *sl,
                              hoso__events *out, int *topic, const heads *hd);

/* ---- followup.c ---- */
/* "Cùng đi với ông ... là X", "Tháp tùng Thủ tướng có X": a sentence
** opened by a cue of the kind "accompany" (models/events/words.tsv)
** names people who travel with the guest of the latest visit. */
int hoso__ev_accompany(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                       uint32_t si, const slice *sl, hoso__events *out);

/* "Đón ông tại sân bay là Thủ tướng lâm thời Iraq Iyad Allawi.": a sentence
** opened by a cue of the kind "welcome-by" (models/events/words.tsv) that
** is also a reception trigger, then "là" and a person (over their post):
** that person hosts a reception of the person named between the cue and
** "là", or, for a pronoun there ("ông", "bà"), of the person the text was
** about before the sentence (topic). */
int hoso__ev_welcomed_by(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                         uint32_t si, const slice *sl, hoso__events *out, int topic);

/* "Đứng đầu đoàn đại biểu Nhật Bản là X.", "Về phía Trung Quốc là Y.": a
** sentence opened by a cue of the kind "lead-before" or "side-of"
** (models/events/words.tsv) names a side of the latest talk, meeting,
** dialogue or call of the two sentences before it that has fewer than two
** participants: the first person after the cue joins it. */
int hoso__ev_sides_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                         uint32_t si, const slice *sl, hoso__events *out);

/* "Điển hình như A, SN 1987, ...; B, ...": a sentence opened by a cue of
** the kind "members" (models/events/words.tsv) names the people a count
** stood for in the sentence before it ("trao giải thưởng cho 10 gương mặt
** trẻ"): an award of that sentence with nobody receiving it yet gets
** everyone the sentence names as recipients. */
int hoso__ev_members_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                           uint32_t si, const slice *sl, hoso__events *out);

/* "Những nghị sĩ từ đất nước mặt trời mọc là A và B.": a sentence opened
** by words that name nobody, then "là" (STATUS "is") within its first 12
** words, names the people after it; the latest talk, meeting, dialogue or
** call of the sentence before, when it has one participant only, takes
** them ("ông X phát biểu trong cuộc gặp đại diện Nhật"). */
int hoso__ev_described_named(const hoso__ndoc *d, const hoso__gaz *g, const hoso__nsent *s,
                             uint32_t si, const slice *sl, hoso__events *out);

/* ---- plural.c ---- */
/* Each event marked plural ("các cuộc tiếp xúc với A, B") with people on
** both sides becomes one event per counterpart after the trigger, the new
** ones appended to out. HOSO_OK or HOSO_ENOMEM. */
int hoso__ev_split_plural(hoso__events *out);

/* ---- merge.c ---- */
int hoso__ev_merge(hoso__events *out, const hoso__ndoc *d, const hoso__gaz *g);

int hoso__ev_agreed(const hoso__ndoc *d, const hoso__gaz *g, const uint32_t *idx,
                    const size_t *first, hoso__events *out);

#endif
