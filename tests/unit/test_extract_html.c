/* test_extract_html.c -- main-content scoring and bad HTML
** (src/extract/score.c, html.c, depth.c). */
#include <zlib.h>

#include "testutil.h"
#include "extract/html.h"
#include "extract/lexicon.h"

static const char *const para =
    "<p>Sáng nay, đoàn đại biểu đã đến thăm và làm việc tại tỉnh, trao đổi về "
    "hợp tác kinh tế, giáo dục, y tế, cùng nhiều lĩnh vực khác mà hai bên quan tâm.</p>";

static hoso_article_rec *extract(const char *html, size_t n, const char *url) {
  hoso_extract_opts o;
  memset(&o, 0, sizeof(o));
  o.url = url;
  o.explain = 1;
  hoso_article_rec *a = NULL;
  hoso_error err;
  assert_int_equal(hoso_extract(html, n, &o, &a, &err), HOSO_OK);
  return a;
}

static int body_has(const hoso_article_rec *a, const char *needle) {
  for (size_t i = 0; i < a->n_body; i++)
    if (strstr(a->body[i].text, needle)) return 1;
  return 0;
}

static void scoring_picks_article_not_comments(void **state) {
  (void)state;
  char html[16384];
  int k = snprintf(html, sizeof(html),
                   "<html><body><nav><a href=/>Trang chủ</a> <a href=/a>Thời sự</a></nav>"
                   "<div class='widget-area'><div class='article-body'>");
  for (int i = 0; i < 5; i++) k += snprintf(html + k, sizeof(html) - (size_t)k, "%s", para);
  k += snprintf(html + k, sizeof(html) - (size_t)k,
                "</div></div><div id='comments' class='comment-list'>"
                "<p>Bình luận: tôi không đồng ý, vì nhiều lý do, đã nói nhiều lần, rồi.</p>"
                "</div><ul class='related'><li><a href=/x>Tin khác một</a></li>"
                "<li><a href=/y>Tin khác hai</a></li></ul></body></html>");
  hoso_article_rec *a = extract(html, (size_t)k, NULL);
  assert_int_equal(a->n_body, 5);
  assert_true(body_has(a, "đoàn đại biểu"));
  assert_false(body_has(a, "Bình luận"));
  assert_false(body_has(a, "Tin khác"));
  assert_false(body_has(a, "Trang chủ"));
  /* every body span points at the paragraph's bytes */
  for (size_t i = 0; i < a->n_body; i++) {
    assert_true(a->body[i].has_span);
    assert_memory_equal(html + a->body[i].start, "Sáng nay", strlen("Sáng nay"));
  }
  hoso_article_free(a);
}

static void deep_nesting_is_bounded(void **state) {
  (void)state;
  size_t depth = 100000, n = 0;
  char *html = malloc(depth * 11 + 1024);
  assert_non_null(html);
  n += (size_t)sprintf(html, "<html><body>");
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(html + n, "<div>");
  n += (size_t)sprintf(html + n, "%s", para);
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(html + n, "</div>");
  hoso_article_rec *a = extract(html, n, NULL);
  assert_true(body_has(a, "đoàn đại biểu"));
  hoso_article_free(a);
  free(html);
}

static void truncated_and_junk(void **state) {
  (void)state;
  const char *cut = "<html><head><title>Một tiêu đề bài báo dài</title></head><body><div><p>Sáng nay, đoàn đại biểu đã đến thăm, làm việc, trao đổi về hợp tác kinh tế và gi";
  hoso_article_rec *a = extract(cut, strlen(cut), NULL);
  assert_string_equal(a->title, "Một tiêu đề bài báo dài");
  assert_true(body_has(a, "đoàn đại biểu"));
  hoso_article_free(a);
  const char junk[] = {0x7f, 'E', 'L', 'F', 0, 1, 2, 3, (char)0xff, (char)0xfe, 0};
  a = extract(junk, sizeof(junk), NULL);
  assert_int_equal(a->n_body, 0);
  assert_non_null(a->empty_reason);
  hoso_article_free(a);
}

static void gzip_input(void **state) {
  (void)state;
  char html[2048];
  int k = snprintf(html, sizeof(html), "<html><body><article>%s%s</article></body></html>", para, para);
  unsigned char gz[4096];
  z_stream z;
  memset(&z, 0, sizeof(z));
  assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = (unsigned char *)html;
  z.avail_in = (unsigned)k;
  z.next_out = gz;
  z.avail_out = sizeof(gz);
  assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
  size_t gn = sizeof(gz) - z.avail_out;
  deflateEnd(&z);
  hoso_article_rec *a = extract((const char *)gz, gn, NULL);
  assert_int_equal(a->n_body, 2);
  assert_int_equal(a->spans_exact, 0);
  hoso_article_free(a);
  /* a cut gzip stream keeps what inflated, no crash */
  a = extract((const char *)gz, gn / 2, NULL);
  hoso_article_free(a);
}

static void home_page_is_not_an_article(void **state) {
  (void)state;
  char html[2048];
  int k = snprintf(html, sizeof(html), "<html><body><div>%s%s</div></body></html>", para, para);
  hoso_article_rec *a = extract(html, (size_t)k, "https://tintuc.example.vn/");
  assert_int_equal(a->n_body, 0);
  assert_non_null(a->empty_reason);
  hoso_article_free(a);
  a = extract(html, (size_t)k, "https://tintuc.example.vn/thoi-su/bai-viet-123.html");
  assert_int_equal(a->n_body, 2);
  hoso_article_free(a);
}

/* links.c: a link's host, the page's own hosts, rel words that disown. */
static void link_sites(void **state) {
  (void)state;
  const char *h;
  assert_int_equal(hoso__url_host("https://www.Example.org:8080/a?b", &h), 11);
  assert_memory_equal(h, "Example.org", 11);
  assert_int_equal(hoso__url_host("//cdn.example.org/x", &h), 15);
  assert_int_equal(hoso__url_host("https://user:pw@bugs.example.org/", &h), 16);
  assert_int_equal(hoso__url_host("/2020/12/last-week", &h), 0);
  assert_int_equal(hoso__url_host("#top", &h), 0);
  assert_int_equal(hoso__url_host("mailto:a@example.org", &h), 0);
  assert_int_equal(hoso__url_host("java script://x", &h), 0);
  hx_sites s;
  memset(&s, 0, sizeof(s));
  assert_int_equal(hoso__link_other_site(&s, "https://other.example.net/"), 0); /* unknown */
  hoso__sites_add(&s, "http://fakehost/test/page.html");
  hoso__sites_add(&s, "https://blog.example.org/2020/12/this-week");
  hoso__sites_add(&s, "https://BLOG.example.org/");
  hoso__sites_add(&s, NULL);
  assert_int_equal(s.count, 2);
  assert_int_equal(hoso__link_other_site(&s, "https://www.blog.example.org/older"), 0);
  assert_int_equal(hoso__link_other_site(&s, "/2020/12/last-week"), 0);
  assert_int_equal(hoso__link_other_site(&s, "https://bugs.example.org/show_bug.cgi?id=1"), 1);
  assert_int_equal(hoso__link_unvouched("noopener Sponsored"), 1);
  assert_int_equal(hoso__link_unvouched("noFollow noopener noreferrer"), 1);
  assert_int_equal(hoso__link_unvouched("ugc"), 1);
  assert_int_equal(hoso__link_unvouched("noopener noreferrer"), 0);
  assert_int_equal(hoso__link_unvouched("nofollowing"), 0);
  assert_int_equal(hoso__link_unvouched(NULL), 0);
}

/* lexicon.c: chrome lines of chrome_lines.txt, matched whole on folded text. */
static void chrome_lines(void **state) {
  (void)state;
#define LINE(s, head) hoso__lex_chrome_line(s, strlen(s), head)
  assert_string_equal(LINE("5 min read", 0), "reading time");
  assert_string_equal(LINE("12  min read.", 0), "reading time");
  assert_null(LINE("min read", 0));            /* "#" wants a digit */
  assert_null(LINE("5 min read more", 0));     /* the whole block */
  assert_string_equal(LINE("last updated: 3 march 2020", 0), "update line");
  assert_string_equal(LINE("cap nhat: 10:30 12/3/2021", 0), "update line");
  assert_null(LINE("last updated", 0));        /* ": *" wants the colon */
  assert_string_equal(LINE("home > world > asia > story", 1), "navigation");
  assert_null(LINE("home > world > asia > story", 0)); /* head only */
  assert_null(LINE("home > world", 1));        /* three parts */
  assert_null(LINE("a > b > c d e f g h i j k l m n", 1)); /* over 12 words */
#undef LINE
}

static void metadata_priority(void **state) {
  (void)state;
  const char *html =
      "<html><head><title>Tiêu đề thẻ title | Báo X</title>"
      "<meta property=\"og:title\" content=\"Tiêu đề OpenGraph &amp;quot;trích&amp;quot;\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
      "\"headline\":\"Tiêu đề JSON-LD\",\"datePublished\":\"2021-05-20T17:42:00+07:00\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Minh Tuấn\"},{\"@type\":\"Person\",\"name\":\"Lan Anh\"}]}</script>"
      "</head><body><article><p>Sáng nay, đoàn đại biểu đã đến thăm, làm việc, trao đổi về hợp tác kinh tế, giáo dục.</p></article></body></html>";
  hoso_article_rec *a = extract(html, strlen(html), NULL);
  assert_string_equal(a->title, "Tiêu đề JSON-LD");
  assert_string_equal(a->published, "2021-05-20T17:42:00+07:00");
  assert_int_equal(a->n_authors, 2);
  assert_string_equal(a->authors[1], "Lan Anh");
  hoso_article_free(a);
}

/* Author lists from a meta author: "&" between names splits them unless
** a side is a single letter ("AT & T"); "(with B and C)" adds B and C. */
static void author_lists(void **state) {
  (void)state;
  static const struct {
    const char *meta;
    size_t n;
    const char *first, *last;
  } cases[] = {
      {"Tom Smith &amp; Jane Roe", 2, "Tom Smith", "Jane Roe"},
      {"Mac &amp; i", 1, "Mac & i", "Mac & i"},
      {"AT &amp; T Labs", 1, "AT & T Labs", "AT & T Labs"},
      {"Jane Roe (with John Doe and Ann Lee)", 3, "Jane Roe", "Ann Lee"},
      {"Jane Roe (avec Jean Dupont et Marie Curie)", 3, "Jane Roe", "Marie Curie"},
      {"Jane Roe (TTXVN)", 1, "Jane Roe", "Jane Roe"},
      {"Jane Roe (with reporting from the field)", 1, "Jane Roe", "Jane Roe"},
  };
  for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    char html[1024];
    int n = snprintf(html, sizeof(html),
                     "<html><head><meta name=\"author\" content=\"%s\"></head><body><article>%s"
                     "</article></body></html>",
                     cases[k].meta, para);
    assert_true(n > 0 && (size_t)n < sizeof(html));
    hoso_article_rec *a = extract(html, (size_t)n, NULL);
    assert_int_equal(a->n_authors, cases[k].n);
    assert_string_equal(a->authors[0], cases[k].first);
    assert_string_equal(a->authors[a->n_authors - 1], cases[k].last);
    hoso_article_free(a);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scoring_picks_article_not_comments),
      cmocka_unit_test(deep_nesting_is_bounded),
      cmocka_unit_test(truncated_and_junk),
      cmocka_unit_test(gzip_input),
      cmocka_unit_test(home_page_is_not_an_article),
      cmocka_unit_test(link_sites),
      cmocka_unit_test(chrome_lines),
      cmocka_unit_test(metadata_priority),
      cmocka_unit_test(author_lists),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
