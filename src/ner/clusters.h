/*
** clusters.h -- word classes for the entity tagger (clusters.c): each
** frequent token of Vietnamese news belongs to one class of tokens that
** occur in similar contexts (learned without labels by tools/ner_clusters.c
** from ../shared/data/news with `make models`, shipped as
** models/ner-clusters.tsv). The tagger uses a token's class as a feature,
** so a name or word it never saw in the labelled data still looks like
** the ones it did.
**
** File: UTF-8 text, '#' lines are comments, then one "ITEM<TAB>CLASS" a
** line (CLASS a decimal number < 65535; ITEM as hoso__nclust_item writes
** it, no TAB or newline). Errors name the file, line and byte offset.
**
** Ownership: hoso__nclust_open returns a table owned by the caller
** (hoso__nclust_free); read-only afterwards, shareable by threads.
*/
#ifndef HOSO_NER_CLUSTERS_H
#define HOSO_NER_CLUSTERS_H

#include "ner/ner.h"

#define HOSO_NCLUST_MAX_ITEM 64    /* bytes of one item (longer: no class) */
#define HOSO_NCLUST_MAX_ITEMS 1000000
#define HOSO_NCLUST_NONE 0xFFFF    /* "no class" */

typedef struct hoso__nclust hoso__nclust;

int hoso__nclust_open(const char *path, hoso__nclust **out, hoso_error *err);
/* The same from bytes (not kept; name is used in errors). */
int hoso__nclust_load(const char *data, size_t n, const char *name,
                      hoso__nclust **out, hoso_error *err);
void hoso__nclust_free(hoso__nclust *c);
/* Number of classes (largest class id + 1). */
unsigned hoso__nclust_nclasses(const hoso__nclust *c);

/* The item of token i of d, written to buf (cap >= HOSO_NCLUST_MAX_ITEM):
** its match key; "^" + key for a capitalised word that does not start a
** sentence; "0" for a number. Returns the length, 0 if the token has no
** item (too long). */
size_t hoso__nclust_item(const hoso__ndoc *d, uint32_t i, char *buf);
/* Class of an item (HOSO_NCLUST_NONE if unknown). */
unsigned hoso__nclust_get(const hoso__nclust *c, const char *item, size_t n);
/* Class of token i of d. */
unsigned hoso__nclust_tok(const hoso__nclust *c, const hoso__ndoc *d, uint32_t i);

#endif
