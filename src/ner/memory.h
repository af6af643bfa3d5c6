/*
** memory.h -- the entity tagger's memory of names (memory.c): the token
** sequences labelled as entities in the tagger's training data, each with
** its majority type and how reliably those tokens were an entity there
** (the share of their occurrences in the training text that were labelled
** as one). The tagger sees, as features, the longest remembered sequence
** starting at each token ("Ngân hàng Chính sách xã hội": ORG, always).
** Built by tools/ner_train with cross-validation: the training text's
** features come from a memory of the other folds, so the model learns how
** far to trust a name it has seen elsewhere, not the answer itself.
** Shipped as models/ner-memory.tsv (`make models`).
**
** Sequences are stored as 64-bit hashes of their tokens' match keys (no
** text of the training data is kept). Every proper prefix of a stored
** sequence is stored too (type '-'), so a lookup stops at the first
** token that no remembered sequence continues with.
**
** File: '#' lines are comments, then one "HASH<TAB>T<TAB>R" a line: HASH
** 16 lower-case hex digits, T one of P O L M (PER ORG LOC MISC) or '-' (a
** prefix only), R a reliability bucket digit 0-2 ('-' lines: 0). Errors
** name the file, line and byte offset.
**
** Ownership: hoso__nmem_open/_load/_new return a table owned by the
** caller (hoso__nmem_free); read-only after loading (or after
** hoso__nmem_finish), shareable by threads.
*/
#ifndef HOSO_NER_MEMORY_H
#define HOSO_NER_MEMORY_H

#include "ner/ner.h"

#define HOSO_NMEM_MAXLEN 12       /* tokens of a remembered sequence, at most */
#define HOSO_NMEM_MAX_ITEMS 4000000

typedef struct hoso__nmem hoso__nmem;

int hoso__nmem_open(const char *path, hoso__nmem **out, hoso_error *err);
int hoso__nmem_load(const char *data, size_t n, const char *name,
                    hoso__nmem **out, hoso_error *err);
void hoso__nmem_free(hoso__nmem *m);

/* Hash of the sequence h (0 = empty) continued by token i of d. */
uint64_t hoso__nmem_step(uint64_t h, const hoso__ndoc *d, uint32_t i);

/* Look up the sequence hash h: returns 0 if unknown, -1 if it is only a
** prefix of remembered sequences, else the type (1 PER, 2 ORG, 3 LOC,
** 4 MISC) with its bucket in *rel. */
int hoso__nmem_get(const hoso__nmem *m, uint64_t h, unsigned *rel);

/* Longest remembered sequence starting at token i of d, not past t1:
** returns its length in tokens (0: none) and its type and bucket. */
unsigned hoso__nmem_match(const hoso__nmem *m, const hoso__ndoc *d, uint32_t i,
                          uint32_t t1, int *type, unsigned *rel);

/* ---- building (tools/ner_train.c) ----------------------------------- */
hoso__nmem *hoso__nmem_new(void);
/* Count tokens [a, b) of d as an entity of type (1-4). */
int hoso__nmem_add_entity(hoso__nmem *m, const hoso__ndoc *d, uint32_t a, uint32_t b,
                          int type);
/* After every entity is added: count every occurrence, entity or not, of
** the remembered sequences in tokens [t0, t1) of d (one sentence). */
void hoso__nmem_count_text(hoso__nmem *m, const hoso__ndoc *d, uint32_t t0, uint32_t t1);
/* After every text is counted: fix each sequence's type and bucket. */
void hoso__nmem_finish(hoso__nmem *m);
/* Write the table (sorted by hash: the same memory, the same bytes). */
int hoso__nmem_save(const hoso__nmem *m, const char *path, hoso_error *err);

#endif
