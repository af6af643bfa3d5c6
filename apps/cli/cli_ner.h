/*
** cli_ner.h -- what `hoso extract --entities --events` (cmd_extract.c)
** borrows from cmd_ner.c.
*/
#ifndef HOSO_CLI_NER_H
#define HOSO_CLI_NER_H

#include <stddef.h>

#include "hoso.h"

/* Open the analyser (models directory); NULL after reporting why. */
hoso_ner *cli_ner_open(void);
/* Replace *json (an article record's JSON, hoso_free'd) by the record
** with its "analysis" added; on failure report it, set *failed and leave
** *json as it was. */
void cli_ner_article(hoso_ner *ner, unsigned flags, const hoso_article_rec *a,
                     char **json, size_t *n, int *failed);

#endif
