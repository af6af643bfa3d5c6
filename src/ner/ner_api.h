/*
** ner_api.h -- for front ends that build a JSON record with hoso_json
** (e.g. `hoso extract --entities --events`): write the "entities" and
** "events" members into the object w has open.
*/
#ifndef HOSO_NER_API_H
#define HOSO_NER_API_H

#include "base/base.h"

/* text[0..len) is analysed; published is an ISO date "YYYY-MM-DD..." or
** NULL; flags as for hoso_ner_analyze. Offsets are into text. */
int hoso__ner_json_members(const hoso_ner *n, hoso_json *w, const char *text,
                           size_t len, const char *published, unsigned flags,
                           hoso_error *err);

#endif
