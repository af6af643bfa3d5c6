/* api.c -- hoso_extract(): detect the input type and charset, run the
** HTML or plain-text path, then the shared block rules (clean.c). */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "detect.h"
#include "html.h"

#define DEFAULT_MAX_INPUT ((size_t)64 << 20)

/* Move blocks[0..*n) under removed[] (with explain) and free them. */
static void move_to_removed(hoso_article_rec *a, hoso_block *blocks, size_t *n,
                            const hoso_extract_opts *opts) {
  for (size_t i = 0; i < *n; i++) {
    if (opts->explain) {
      hoso_block *b = NULL;
      if (hoso__art_add_block(&a->removed, &a->n_removed, blocks[i].text, blocks[i].len,
                              blocks[i].start, blocks[i].end, blocks[i].has_span,
                              blocks[i].kind, &b) == HOSO_OK && b)
        b->reason = "not an article";
    }
    free(blocks[i].text);
    free(blocks[i].credit);
  }
  *n = 0;
}

/* Not an article: its body and captions go (kept under removed[] with
** explain), and so do its lead and the bylines read from the teasers. */
static void drop_article(hoso_article_rec *a, const hoso_extract_opts *opts) {
  move_to_removed(a, a->body, &a->n_body, opts);
  move_to_removed(a, a->captions, &a->n_captions, opts);
  hoso_block *b = NULL;
  if (a->lead && opts->explain &&
      hoso__art_add_block(&a->removed, &a->n_removed, a->lead, strlen(a->lead), 0, 0, 0,
                          HOSO_BLOCK_PARAGRAPH, &b) == HOSO_OK && b)
    b->reason = "not an article";
  free(a->lead);
  a->lead = NULL;
  for (size_t i = 0; i < a->n_authors; i++) free(a->authors[i]);
  a->n_authors = 0;
}

int hoso_extract(const char *data, size_t n, const hoso_extract_opts *opts,
                 hoso_article_rec **out, hoso_error *err) {
  hoso_extract_opts dflt;
  memset(&dflt, 0, sizeof(dflt));
  if (!opts) opts = &dflt;
  if (!out || (!data && n)) return hoso__err(err, HOSO_EARG, "extract: bad argument");
  *out = NULL;
  size_t max = opts->max_input ? opts->max_input : DEFAULT_MAX_INPUT;
  if (n > max)
    return hoso__err(err, HOSO_ETOOBIG, "input of %zu bytes is over the limit of %zu", n, max);

  hoso_article_rec *a = hoso__article_new();
  if (!a) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int rc = HOSO_OK;
  char *gun = NULL, *conv = NULL;
  size_t gun_n = 0, conv_n = 0;
  const char *doc = data;
  size_t doc_n = n;

  if (opts->url && (rc = hoso__art_set(&a->url, opts->url, strlen(opts->url))))
    goto fail;
  if (hoso__is_gzip(doc, doc_n)) {
    if ((rc = hoso__gunzip(doc, doc_n, max, &gun, &gun_n, err))) goto fail;
    doc = gun;
    doc_n = gun_n;
    a->spans_exact = 0;
  }
  /* UTF-16 (BOM, declared, or its zero-byte pattern) is converted before
  ** anything looks at the bytes: its zero bytes would read as binary */
  const char *cs16 = NULL;
  if ((rc = hoso__utf16_to_utf8(doc, doc_n, opts->charset, &cs16, &conv, &conv_n, err)))
    goto fail;
  if (conv) {
    doc = conv;
    doc_n = conv_n;
    a->spans_exact = 0;
  }
  if (hoso__is_binary(doc, doc_n)) {
    a->empty_reason = "binary input";
    a->format = "binary";
    *out = a;
    free(gun);
    free(conv);
    return HOSO_OK;
  }
  int html = opts->format == HOSO_FORMAT_HTML ||
             (opts->format != HOSO_FORMAT_TEXT && hoso__looks_like_html(doc, doc_n));
  /* charset: UTF-8 stays as is; anything else is converted */
  const char *cs = cs16;
  if (!cs16) {
    if ((rc = hoso__to_utf8(doc, doc_n, opts->charset, html, &cs, &conv, &conv_n, err)))
      goto fail;
    if (conv) {
      doc = conv;
      doc_n = conv_n;
      a->spans_exact = 0;
    }
  }
  a->charset = cs;

  hx_doc d;
  hoso__hx_init(&d, doc, doc_n);
  d.is_html = html;
  d.langid = opts->langid;
  a->format = html ? "html" : "text";
  if (html) rc = hoso__html_extract(&d, a, opts, err);
  else rc = hoso__text_blocks(&d);
  if (!rc) rc = hoso__ex_finish(&d, a, opts);
  if (!rc) rc = hoso__site_from_url(a, a->url);
  if (!rc && html && (hoso__is_home_url(a->url) || d.home_page)) {
    /* the site's home page lists articles; it is not one (its URL given
    ** with it, or the URL its markup gives as its own: canonical, og:url),
    ** whatever was read as its text (a teaser, or nothing) */
    a->empty_reason = "home page (no article)";
    drop_article(a, opts);
  }
  if (!rc && html && !a->empty_reason && hoso__teaser_page(&d)) {
    /* the same page without its URL: what was read is one of its teasers */
    a->empty_reason = "list of teasers (no article)";
    drop_article(a, opts);
  }
  hoso__hx_free(&d);
  if (rc) goto fail;
  free(gun);
  free(conv);
  *out = a;
  return HOSO_OK;
fail:
  free(gun);
  free(conv);
  hoso_article_free(a);
  if (err && err->code == HOSO_OK) hoso__err(err, rc, "extract failed: %s", hoso_status_name(rc));
  return rc;
}
