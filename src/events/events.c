/*
** events.c -- event patterns applied to a document with entities.
**
** (The driver: sentence.c reads each sentence, followup.c the sentences
** that add to an event before them, merge.c folds; output.c writes.)
**
** For every trigger (models/events/triggers.tsv) in a sentence:
**   1. check what must follow it (a body, a document, an honour, a country);
**      a phrase listed with type "-" ("tiếp tục") hides the trigger inside;
**   2. participants: the people before the trigger take the left role,
**      those after it the right role (the nearest one, or all with "*");
**      where the pattern allows it and no person is named, bodies; a body
**      "of both countries" ("Bộ Quốc phòng 2 nước") becomes that body of
**      each of the two countries the article's people come from;
**   3. status from the nearest cue before the trigger ("đã", "sẽ", "đề
**      nghị"); happened when none;
**   4. date: a date in the sentence; place: "tại" + a place, or the
**      country a visit goes to; object: the document or honour.
** Events of one type that share a participant are one event (evidence
** from every sentence). Sentences where the participants or "hai bên"
** agree ("thống nhất", "nhất trí") are the agreed items of the article's
** main event (call, talks, dialogue, meeting or reception).
*/
#include <stdlib.h>
#include <string.h>

#include "events/internal.h"

/* The learned decision (HOSO__EV_LEARNED: keep the candidates scored
** above 0) or the features of every candidate (HOSO__EV_FEATURES). The
** features of all candidates are computed before any is dropped: they
** look at the article's other candidates. */
static int decide(const hoso__ndoc *d, const hoso__gaz *g, const hoso__escorer *sc,
                  int mode, hoso__events *out) {
  for (size_t k = 0; k < out->n; k++) {
    if (hoso__event_features(d, g, out, k, &out->ev[k].feats)) return HOSO_ENOMEM;
    out->ev[k].score = hoso__escorer_score(sc, &out->ev[k].feats);
  }
  if (mode != HOSO__EV_LEARNED) return HOSO_OK;
  size_t w = 0;
  for (size_t k = 0; k < out->n; k++) {
    if (out->ev[k].score > 0) out->ev[w++] = out->ev[k];
    else hoso__ev_event_free(&out->ev[k]);
  }
  out->n = w;
  return HOSO_OK;
}

/* Is event k, which names no party, reported? Encounters whose sides no
** sentence named are not. A signing is (the annotation guide: an event
** with nobody named has an empty list; "Dự kiến, nhiều văn kiện hợp tác
** được ký kết dịp này", "lễ ký kết sẽ diễn ra tại Bắc Kinh"), once, and
** only when the article names no signing with parties: then the unnamed
** one is most likely that signing told again ("việc ký kết các hiệp định"). */
static int no_party(const hoso__events *out, size_t k) {
  const hoso__event *ev = &out->ev[k];
  if (strcmp(ev->type, "signing")) return 0;
  for (size_t j = 0; j < out->n; j++)
    if (j != k && !strcmp(out->ev[j].type, ev->type) && (out->ev[j].npart || j < k)) return 0;
  return 1;
}

int hoso__events_find(const hoso__ndoc *d, const hoso__gaz *g,
                      const hoso__escorer *sc, int mode,
                      hoso__events *out, hoso_error *err) {
  memset(out, 0, sizeof *out);
  /* mentions by sentence: counting sort on the sentence of the first token */
  uint32_t *idx = malloc((d->nmen + 1) * sizeof *idx);
  size_t *first = calloc(d->nsent + 2, sizeof *first);
  int rc = (!idx || !first) ? HOSO_ENOMEM : HOSO_OK;
  for (size_t m = 0; !rc && m < d->nmen; m++) first[d->tok[d->men[m].tok0].sent + 1]++;
  for (size_t s = 0; !rc && s < d->nsent; s++) first[s + 1] += first[s];
  if (!rc) {
    size_t *fill = malloc((d->nsent + 1) * sizeof *fill);
    if (!fill) rc = HOSO_ENOMEM;
    for (size_t s = 0; fill && s <= d->nsent; s++) fill[s] = first[s];
    for (size_t m = 0; fill && m < d->nmen; m++)
      idx[fill[d->tok[d->men[m].tok0].sent]++] = (uint32_t)m;
    free(fill);
  }
  /* within a sentence, text order */
  for (size_t s = 0; !rc && s < d->nsent; s++)
    for (size_t a = first[s] + 1; a < first[s + 1]; a++) {
      uint32_t v = idx[a];
      size_t b = a;
      while (b > first[s] && d->men[idx[b - 1]].tok0 > d->men[v].tok0) {
        idx[b] = idx[b - 1];
        b--;
      }
      idx[b] = v;
    }
  int topic = -1; /* the person the text is about, for "ông", "Thủ tướng" */
  heads hd;
  if (!rc) hoso__ev_find_heads(d, g, idx, first, &hd);
  for (size_t s = 0; s < d->nsent && !rc; s++) {
    slice sl = {idx + first[s], first[s + 1] - first[s]};
    int topic_before = topic;
    rc = hoso__ev_find_in_sentence(d, g, &d->sent[s], (uint32_t)s, &sl, out, &topic, &hd);
    if (!rc) rc = hoso__ev_welcomed_by(d, g, &d->sent[s], (uint32_t)s, &sl, out, topic_before);
    if (!rc) rc = hoso__ev_accompany(d, g, &d->sent[s], (uint32_t)s, &sl, out);
    if (!rc) rc = hoso__ev_sides_named(d, g, &d->sent[s], (uint32_t)s, &sl, out);
    if (!rc) rc = hoso__ev_members_named(d, g, &d->sent[s], (uint32_t)s, &sl, out);
    if (!rc) rc = hoso__ev_described_named(d, g, &d->sent[s], (uint32_t)s, &sl, out);
  }
  if (!rc) rc = hoso__ev_split_plural(out);
  /* events still without a party: the rules drop them; the scorer is
  ** given them as candidates */
  for (size_t k = 0; !rc && k < out->n; k++)
    out->ev[k].rule_drop = out->ev[k].npart == 0 && !no_party(out, k);
  for (size_t k = 0, w = 0; !rc && k <= out->n; k++) {
    if (k == out->n) {
      out->n = w;
      break;
    }
    if (out->ev[k].rule_drop && mode == HOSO__EV_RULES) hoso__ev_event_free(&out->ev[k]);
    else out->ev[w++] = out->ev[k];
  }
  if (!rc) rc = hoso__ev_merge(out, d, g);
  if (!rc) rc = hoso__ev_agreed(d, g, idx, first, out);
  if (!rc && mode != HOSO__EV_RULES) rc = decide(d, g, sc, mode, out);
  free(idx);
  free(first);
  if (rc) {
    hoso__events_free(out);
    return hoso__err(err, rc, "out of memory (events)");
  }
  return HOSO_OK;
}
