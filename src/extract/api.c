/* api.c -- hoso_extract(): detect the input type and charset, run the
** HTML or plain-text path, then the shared block rules (clean.c). */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "detect.h"
#include "html.h"

#define DEFAULT_MAX_INPUT ((size_t)64 << 20)

/* Drop the body (kept under removed[] with explain). */
static void move_body_to_removed(hoso_article_rec *a, const hoso_extract_opts *opts) {
  for (size_t i = 0; i < a->n_body; i++) {
    if (opts->explain) {
      hoso_block *b = NULL;
      if (hoso__art_add_block(&a->removed, &a->n_removed, a->body[i].text, a->body[i].len,
                              a->body[i].start, a->body[i].end, a->body[i].has_span,
                              a->body[i].kind, &b) == HOSO_OK && b)
        b->reason = "not an article";
    }
    free(a->body[i].text);
    free(a->body[i].credit);
  }
  a->n_body = 0;
  free(a->lead);
  a->lead = NULL;
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
  if (!rc && html && hoso__is_home_url(a->url) && !a->empty_reason) {
    /* the site's home page lists articles; it is not one */
    a->empty_reason = "home page (no article)";
    move_body_to_removed(a, opts);
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
