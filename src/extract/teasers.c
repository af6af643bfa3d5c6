/* teasers.c -- a page that lists teasers of other pages is no article.
**
** A site's home page or a section page is recognised by api.c when its
** own URL is known (given, canonical, og:url). Without one, it is still
** recognisable by its content: what content scoring picked as the
** article is one teaser among many. That is, the text read is at most
** TEASER_MAX_BLOCKS blocks of at most TEASER_MAX_BYTES in all, right
** under a heading that is all link (the teaser's headline, pointing to
** the story: at most two blocks before its first block), on a page that
** holds at least TEASER_MIN_PAIRS headlines that are all link, each
** followed by a short block of plain text (a teaser's summary).
**
** Measured before choosing (session 12): on the 388 eval pages the
** text read is right under an all-link heading on 9 pages, none with
** fewer than 5 blocks; and headline + summary pairs are common on
** article pages too (up to 48, yahoo-2: related-story boxes), so the
** pairs alone say nothing. A 2019 home page of dantri.com.vn without its
** canonical and og:url gives 1 block of 375 bytes under an all-link
** heading among 27 pairs.
**
** Reads the blocks only; owns and changes nothing. */
#include "extract.h"

enum {
  TEASER_MAX_BLOCKS = 2,  /* the text read: one teaser's summary */
  TEASER_MAX_BYTES = 1000,
  TEASER_SUMMARY_MAX = 600, /* a summary block, bytes */
  TEASER_MIN_PAIRS = 6,   /* headline + summary pairs on the page */
};
#define TEASER_ALL_LINK 0.9 /* link density of a headline */
#define TEASER_NO_LINK 0.5  /* ... and at most this of its summary */

static int is_heading(const hx_block *b) {
  return (b->hints & HX_HINT_HEADING) || b->kind == HOSO_BLOCK_HEADING;
}

static int is_headline_link(const hx_block *b) {
  return is_heading(b) && b->link_density >= TEASER_ALL_LINK;
}

/* Is block i a teaser's headline followed by its summary? */
static int teaser_pair_at(const hx_doc *d, size_t i) {
  if (i + 1 >= d->n || !is_headline_link(&d->b[i])) return 0;
  const hx_block *s = &d->b[i + 1];
  return !is_heading(s) && s->link_density < TEASER_NO_LINK && s->len < TEASER_SUMMARY_MAX;
}

int hoso__teaser_page(const hx_doc *d) {
  size_t first = d->n, blocks = 0, bytes = 0, pairs = 0;
  for (size_t i = 0; i < d->n; i++) {
    const hx_block *b = &d->b[i];
    if (b->main && !b->removed && !is_heading(b)) {
      if (first == d->n) first = i;
      blocks++;
      bytes += b->len;
    }
    pairs += (size_t)teaser_pair_at(d, i);
  }
  if (first == d->n || blocks > TEASER_MAX_BLOCKS || bytes > TEASER_MAX_BYTES ||
      pairs < TEASER_MIN_PAIRS)
    return 0;
  /* the nearest heading at most two blocks before the text read */
  for (size_t j = first; j > 0 && first - j < 2; j--)
    if (is_heading(&d->b[j - 1])) return is_headline_link(&d->b[j - 1]);
  return 0;
}
