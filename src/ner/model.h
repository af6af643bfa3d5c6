/*
** model.h -- the statistical entity tagger (model.c): BIO labels over
** syllable tokens with the averaged perceptron of src/tag. Used where no
** rule spoke, and alone by `hoso ner --conll`.
** Ownership: open/close; read-only after open, shareable by threads; each
** caller brings its own hoso__nerwork.
*/
#ifndef HOSO_NER_MODEL_H
#define HOSO_NER_MODEL_H

#include "ner/ner.h"

typedef struct hoso__nermodel hoso__nermodel;
typedef struct hoso__nerwork hoso__nerwork;

/* Labels: 0 = O, 2*type-1 = B-type, 2*type = I-type (type: hoso__etype). */
#define NER_LABEL_B(t) ((uint8_t)(2 * (t) - 1))
#define NER_LABEL_I(t) ((uint8_t)(2 * (t)))
/* l continues a span (an I- label), opens one (B-), or is O. */
#define NER_LABEL_IS_I(l) ((l) != 0 && ((l) & 1) == 0)
#define NER_LABEL_IS_B(l) (((l) & 1) != 0)

/* Opens path and the word classes and name memory beside it
** (ner-clusters.tsv, ner-memory.tsv in the same directory); any of them
** missing or corrupt fails with HOSO_EMODEL. */
int hoso__nermodel_open(const char *path, hoso__nermodel **out,
                        hoso_error *err);
void hoso__nermodel_close(hoso__nermodel *m);
hoso__nerwork *hoso__nerwork_new(void);
void hoso__nerwork_free(hoso__nerwork *w);

/* Label tokens [tok0, tok1) of d (one sentence); out gets tok1-tok0
** labels. Gazetteer matches must have been scanned (hoso__gaz_scan). */
int hoso__nermodel_tag(const hoso__nermodel *m, hoso__nerwork *w,
                       const hoso__ndoc *d, const hoso__gaz *g,
                       uint32_t tok0, uint32_t tok1, uint8_t *out);

/* Label every sentence of d that has a capital (others are all O)
** into out (d->ntok labels). With a second stage
** (ner-doc.model beside ner.model) the first stage's labels of the whole
** document become features of a second pass: each sentence is tagged
** again knowing the first-stage labels of its neighbours and how the same
** word is labelled and written (lower case, capitalised) in the
** sentences around it (25 either side). lab1 (NULL: not wanted) gets the
** first stage's labels. */
int hoso__nermodel_tag_doc(const hoso__nermodel *m, hoso__nerwork *w,
                           const hoso__ndoc *d, const hoso__gaz *g, uint8_t *out,
                           uint8_t *lab1);

/* The company pass (orgpass.c): within 25 sentences of a capitalised name
** right after a company head word (gazetteer WORD entries valued
** "companyhead"), its other mentions standing alone are labelled ORG in
** lab (the labels of tag_doc, changed in place). HOSO_ENOMEM or HOSO_OK. */
int hoso__ner_org_pass(const hoso__ndoc *d, const hoso__gaz *g, uint8_t *lab);

/* The unit pass (unitpass.c): a lower-case military unit head word and a
** number ("sư 23", "tiểu đoàn 202"), all labelled O in lab, become ORG.
** HOSO_OK. */
int hoso__ner_unit_pass(const hoso__ndoc *d, const hoso__gaz *g, uint8_t *lab);

/* For the trainer (tools/ner_train.c): the features of tokens [t0, t1)
** into b, and the feature-set name a model must carry. */
struct hoso_tag_seqbuf;
struct hoso__nclust;
struct hoso__nmem;
int hoso__nermodel_features(const hoso__ndoc *d, const hoso__gaz *g,
                            const struct hoso__nclust *cl, const struct hoso__nmem *mem,
                            uint32_t t0, uint32_t t1, struct hoso_tag_seqbuf *b);
const char *hoso__nermodel_featset(void);
/* Stage 2: the document features of every token from the first stage's
** labels lab1 (ds: d->ntok entries), and the stage-2 feature sequence. */
int hoso__nermodel_docstats(const hoso__ndoc *d, const uint8_t *lab1, uint16_t *ds);
int hoso__nermodel_features2(const hoso__ndoc *d, const hoso__gaz *g,
                             const struct hoso__nclust *cl, const struct hoso__nmem *mem,
                             uint32_t t0, uint32_t t1,
                             const uint8_t *lab1, const uint16_t *ds,
                             struct hoso_tag_seqbuf *b);
const char *hoso__nermodel_featset2(void);
/* A model over an in-memory stage-1 tagger (the trainer's cross-validation
** folds): tm is not closed by hoso__nermodel_close, cl and mem are
** borrowed. */
struct hoso_tag_model;
int hoso__nermodel_wrap(struct hoso_tag_model *tm, const struct hoso__nclust *cl,
                        const struct hoso__nmem *mem, hoso__nermodel **out);
/* Give m a second stage (m owns it from now on). */
void hoso__nermodel_set_stage2(hoso__nermodel *m, struct hoso_tag_model *tm2);
int hoso__nermodel_has_stage2(const hoso__nermodel *m);

#endif
