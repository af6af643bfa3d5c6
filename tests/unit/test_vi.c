/* test_vi.c -- Vietnamese word segmentation and POS tagging (src/vi) with
** the committed models: words, offsets into the original bytes, tone
** placement and NFD, line breaks, bad input, threads, corrupt models. */
#include "testutil.h"

#include <pthread.h>
#include <unistd.h>

#include "text/text.h"
#include "vi/vi.h"
#include "vi/segmodel_impl.h"

static hoso_vi *open_vi(void) {
  hoso_vi *vi = NULL;
  hoso_error e;
  int rc = hoso_vi_open(NULL, HOSO_VI_TAG, &vi, &e);
  if (rc) fail_msg("hoso_vi_open: %s: %s", e.file, e.message);
  return vi;
}

/* Words of s as "a_b c" (original bytes, inner spaces as _). */
static char *seg(const hoso_vi *vi, hoso_vi_ctx *c, const char *s, size_t n, int flags) {
  const hoso_vi_word *w;
  size_t nw;
  hoso_error e;
  assert_int_equal(hoso_vi_segment(vi, c, s, n, flags, &w, &nw, &e), HOSO_OK);
  static char out[1 << 16];
  size_t o = 0;
  for (size_t i = 0; i < nw; i++) {
    assert_true(w[i].off + w[i].len <= n);
    if (i) {
      assert_true(w[i].off >= w[i - 1].off + w[i - 1].len); /* in order, no overlap */
      out[o++] = ' ';
    }
    for (size_t k = 0; k < w[i].len && o < sizeof(out) - 64; k++) {
      char ch = s[w[i].off + k];
      out[o++] = ch == ' ' ? '_' : ch;
    }
    if (flags & HOSO_VI_TAG) {
      assert_non_null(w[i].pos);
      o += (size_t)snprintf(out + o, 32, "/%s", w[i].pos);
    }
  }
  out[o] = 0;
  return out;
}

static void segments_common_words(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  assert_non_null(c);
  const char *s = "hợp tác quốc phòng giữa hai nước";
  assert_string_equal(seg(vi, c, s, strlen(s), 0), "hợp_tác quốc_phòng giữa hai nước");
  s = "Thượng tướng Andrey Kartapolov dự hội nghị ADMM+ về COVID-19 ngày 20/5/2021.";
  char *o = seg(vi, c, s, strlen(s), 0);
  assert_non_null(strstr(o, "Andrey_Kartapolov"));
  assert_non_null(strstr(o, " ADMM+ "));
  assert_non_null(strstr(o, " COVID-19 "));
  assert_non_null(strstr(o, " 20/5/2021 "));
  assert_non_null(strstr(o, "Thượng_tướng"));
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

static void foreign_text_stays_words(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  const char *s = "Москва и Ханой подписали меморандум о сотрудничестве";
  assert_string_equal(seg(vi, c, s, strlen(s), 0), s); /* nothing joined */
  s = "the quick brown fox jumps over the lazy dog";
  assert_string_equal(seg(vi, c, s, strlen(s), 0), s);
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

static void tone_placement_and_nfd_agree(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  /* new placement, old placement, NFD: same words */
  const char *a = "hòa bình và thủy lợi của quốc gia";
  const char *b = "hoà bình và thuỷ lợi của quốc gia";
  const char *d = "ho\xcc\x80" "a bi\xcc\x80nh va\xcc\x80 thu\xcc\x89y lo\xcc\x9b\xcc\xa3i cu\xcc\x89" "a "
                  "quo\xcc\x82\xcc\x81" "c gia";
  const hoso_vi_word *w;
  size_t na, nb, nd;
  hoso_error e;
  size_t offa[16], offb[16];
  assert_int_equal(hoso_vi_segment(vi, c, a, strlen(a), 0, &w, &na, &e), HOSO_OK);
  for (size_t i = 0; i < na && i < 16; i++) offa[i] = w[i].nsyl;
  assert_int_equal(hoso_vi_segment(vi, c, b, strlen(b), 0, &w, &nb, &e), HOSO_OK);
  for (size_t i = 0; i < nb && i < 16; i++) offb[i] = w[i].nsyl;
  assert_int_equal(na, nb);
  assert_memory_equal(offa, offb, na * sizeof(size_t));
  assert_int_equal(hoso_vi_segment(vi, c, d, strlen(d), 0, &w, &nd, &e), HOSO_OK);
  assert_int_equal(nd, na);
  for (size_t i = 0; i < nd; i++) assert_int_equal(w[i].nsyl, offa[i]);
  /* offsets are into the NFD bytes: the first word ends before " và" */
  assert_int_equal(w[0].off, 0);
  assert_memory_equal(d + w[0].off + w[0].len, " va", 3);
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

static void words_never_cross_lines(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  const char *s = "hợp\ntác quốc\nphòng";
  const hoso_vi_word *w;
  size_t nw;
  hoso_error e;
  assert_int_equal(hoso_vi_segment(vi, c, s, strlen(s), 0, &w, &nw, &e), HOSO_OK);
  for (size_t i = 0; i < nw; i++) assert_null(memchr(s + w[i].off, '\n', w[i].len));
  assert_int_equal(nw, 4);
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

static void tags_words(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  const char *s = "Bộ trưởng Quốc phòng Việt Nam tiếp Đại sứ Nga tại Hà Nội .";
  char *o = seg(vi, c, s, strlen(s), HOSO_VI_TAG);
  assert_non_null(strstr(o, "Hà_Nội/PROPN"));
  assert_non_null(strstr(o, "tiếp/VERB"));
  assert_non_null(strstr(o, "./PUNCT"));
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

static void bad_input_is_survived(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  const hoso_vi_word *w;
  size_t nw;
  hoso_error e;
  /* invalid UTF-8 among words */
  const char bad[] = "qu\xff\xfe\xc3 c ph\xe1\xbb\x92ng \xf0\x9f h\xc3\xa0";
  assert_int_equal(hoso_vi_segment(vi, c, bad, sizeof(bad) - 1, HOSO_VI_TAG, &w, &nw, &e), HOSO_OK);
  assert_true(nw > 0);
  for (size_t i = 0; i < nw; i++) assert_true(w[i].off + w[i].len <= sizeof(bad) - 1);
  /* 100,000 identical syllables, no punctuation */
  size_t n = 100000 * 4;
  char *big = malloc(n);
  assert_non_null(big);
  for (size_t i = 0; i < 100000; i++) memcpy(big + 4 * i, "ba ", 3), big[4 * i + 3] = ' ';
  assert_int_equal(hoso_vi_segment(vi, c, big, n, HOSO_VI_TAG, &w, &nw, &e), HOSO_OK);
  size_t syl = 0;
  for (size_t i = 0; i < nw; i++) syl += w[i].nsyl;
  assert_int_equal(syl, 100000);
  free(big);
  /* empty and all-space input */
  assert_int_equal(hoso_vi_segment(vi, c, "", 0, HOSO_VI_TAG, &w, &nw, &e), HOSO_OK);
  assert_int_equal(nw, 0);
  assert_int_equal(hoso_vi_segment(vi, c, " \t\n ", 4, 0, &w, &nw, &e), HOSO_OK);
  assert_int_equal(nw, 0);
  hoso_vi_ctx_free(c);
  hoso_vi_close(vi);
}

typedef struct th_arg {
  const hoso_vi *vi;
  const char *s;
  char out[4096];
} th_arg;

static void *th_run(void *p) {
  th_arg *a = p;
  hoso_vi_ctx *c = hoso_vi_ctx_new();
  for (int k = 0; k < 50; k++) {
    const hoso_vi_word *w;
    size_t nw;
    hoso_error e;
    if (hoso_vi_segment(a->vi, c, a->s, strlen(a->s), HOSO_VI_TAG, &w, &nw, &e)) break;
    size_t o = 0;
    for (size_t i = 0; i < nw && o < 4000; i++)
      o += (size_t)snprintf(a->out + o, 4096 - o, "%zu:%zu/%s ", w[i].off, w[i].len, w[i].pos);
  }
  hoso_vi_ctx_free(c);
  return NULL;
}

static void one_model_many_threads(void **state) {
  (void)state;
  hoso_vi *vi = open_vi();
  const char *s = "Hai bên nhất trí tăng cường hợp tác quốc phòng trong thời gian tới .";
  th_arg a[4];
  pthread_t th[4];
  for (int i = 0; i < 4; i++) {
    a[i].vi = vi;
    a[i].s = s;
    a[i].out[0] = 0;
    assert_int_equal(pthread_create(&th[i], NULL, th_run, &a[i]), 0);
  }
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  assert_true(strlen(a[0].out) > 10);
  for (int i = 1; i < 4; i++) assert_string_equal(a[i].out, a[0].out);
  hoso_vi_close(vi);
}

static void corrupt_models_name_the_file(void **state) {
  (void)state;
  char dir[] = "/tmp/hoso_test_vi_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char p[512], q[512];
  hoso_vi *vi = (hoso_vi *)1;
  hoso_error e;
  /* missing files */
  assert_int_equal(hoso_vi_open(dir, 0, &vi, &e), HOSO_EMODEL);
  assert_null(vi);
  assert_non_null(strstr(e.file, "vi-seg.model"));
  /* a truncated segmentation model */
  size_t n;
  char *m = test_read_file("models/vi-seg.model", &n);
  snprintf(p, sizeof(p), "%s/vi-seg.model", dir);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(m, 1, n / 3, f), n / 3);
  fclose(f);
  assert_int_equal(hoso_vi_open(dir, 0, &vi, &e), HOSO_EMODEL);
  assert_string_equal(e.file, p);
  /* the right model, a dictionary of junk */
  f = fopen(p, "wb");
  assert_int_equal(fwrite(m, 1, n, f), n);
  fclose(f);
  snprintf(q, sizeof(q), "%s/vi-dict.bin", dir);
  f = fopen(q, "wb");
  fputs("HOSODIC1 but not really a dictionary", f);
  fclose(f);
  assert_int_equal(hoso_vi_open(dir, 0, &vi, &e), HOSO_EMODEL);
  assert_string_equal(e.file, q);
  /* a POS model where the segmenter belongs: refused by its info string */
  free(m);
  m = test_read_file("models/vi-pos.model", &n);
  f = fopen(p, "wb");
  assert_int_equal(fwrite(m, 1, n, f), n);
  fclose(f);
  assert_int_equal(hoso_vi_open(dir, 0, &vi, &e), HOSO_EMODEL);
  assert_string_equal(e.file, p);
  free(m);
  unlink(p);
  unlink(q);
  rmdir(dir);
}

/* The token offsets hoso__tokenize gives. */
typedef struct offs {
  size_t a[512], b[512], n;
} offs;
static int on_off(void *ctx, const hoso_token *t) {
  offs *o = ctx;
  if (o->n < 512) {
    o->a[o->n] = t->start;
    o->b[o->n] = t->end;
    o->n++;
  }
  return 0;
}

/* syl.c's run memo (a letter run before white space or a lone punctuation
** mark, and a lone mark before white space, are served from a cache) must give exactly the tokens of the text
** core's tokenizer, whatever text warmed the cache: each text is checked
** cold, after all the others, and after itself. */
static void memo_tokens_match_the_tokenizer(void **state) {
  (void)state;
  static const char *texts[] = {
      "ADMM , ADMM+ họp; ADMM: x ADMM+",
      "http : http://x.vn http: www x www.abc.vn www. cuối",
      "baonga. baonga.com baonga.com/abc , com. vn.",
      "O' Neil O'Neil Vietnam\xe2\x80\x99s Vietnam\xe2\x80\x99 s",
      "COVID -19 COVID-19 COVID. 19 TP. HCM TP.HCM Th.S U.S. v.v. T.\xc6\xaf",
      "abc@ x abc@x.vn abc. @x a\xc2\xa0" "b \xe2\x80\x9c" "Vi\xe1\xbb\x87t Nam\xe2\x80\x9d",
      "17h 17h42 17 h Quốc phòng! quốc phòng? QUỐC PHÒNG) \"hòa\" hoà.",
      "Москва, Москва! и Ханой. abc\xc3 x \xc3" "abc d\xcc\x81 e",
      "a-b a- b -a a/ b a/b 'a' (a) [a] {a} a% a& a* a= a_ a| a~ a` a#",
      /* one mark before white space (also served from the memo) */
      ", . ; : ! ? - ( ) \" ' / % & * # @ $ = _ | ~ ` < > [ ] { } \\ ^ .",
      "a . b .. c ... - 5 -5 . 5 .5 @ x # 1 $ 2 % 3 , 4 : // www . vn ,\n- x\t. y\r\n;",
      "Hà Nội , ngày 5 . Bộ Quốc phòng : \" Việt Nam \" ( VN ) - Nga !",
  };
  size_t nt = sizeof(texts) / sizeof(texts[0]);
  hoso_vi *vi = open_vi();
  hoso_vi_ctx *ctx = hoso_vi_ctx_new();
  (void)ctx;
  hoso_error e;
  vi_keycache *kc = vi__keycache_new(), *cold = vi__keycache_new();
  assert_non_null(kc);
  assert_non_null(cold);
  vi_tokens warm = {0}, ref = {0};
  for (int pass = 0; pass < 3; pass++) {
    for (size_t k = 0; k < nt; k++) {
      const char *s = texts[k];
      size_t n = strlen(s);
      offs o = {.n = 0};
      assert_int_equal(hoso__tokenize(s, n, on_off, &o), HOSO_OK);
      warm.n = 0;
      assert_int_equal(vi__tokenize(kc, NULL, s, n, &warm), HOSO_OK);
      assert_int_equal(warm.n, o.n);
      for (size_t i = 0; i < o.n; i++) {
        assert_int_equal(warm.t[i].off, o.a[i]);
        assert_int_equal(warm.t[i].off + warm.t[i].len, o.b[i]);
      }
      /* the same fields as a cache that never saw another text */
      vi__keycache_free(cold);
      cold = vi__keycache_new();
      assert_non_null(cold);
      ref.n = 0;
      assert_int_equal(vi__tokenize(cold, NULL, s, n, &ref), HOSO_OK);
      assert_int_equal(ref.n, warm.n);
      for (size_t i = 0; i < ref.n; i++) {
        assert_int_equal(ref.t[i].key, warm.t[i].key);
        assert_int_equal(ref.t[i].type, warm.t[i].type);
        assert_int_equal(ref.t[i].shape, warm.t[i].shape);
      }
    }
  }
  /* "ADMM+" stays one token after "ADMM" was cached before a space */
  const char *s = "ADMM x ADMM+ y";
  warm.n = 0;
  assert_int_equal(vi__tokenize(kc, NULL, s, strlen(s), &warm), HOSO_OK);
  assert_int_equal(warm.n, 4);
  assert_int_equal(warm.t[2].len, 5);
  (void)e;
  vi__tokens_free(&warm);
  vi__tokens_free(&ref);
  vi__keycache_free(kc);
  vi__keycache_free(cold);
  hoso_vi_ctx_free(ctx);
  hoso_vi_close(vi);
}

/* The pair and triple filters (segmodel_impl.h) pass every key the model
** has (a key wrongly rejected would lose its weights: other labels), and
** reject most keys it does not have (else they save nothing). */
static void seg_filters_keep_every_key(void **state) {
  (void)state;
  size_t n;
  char *data = test_read_file("models/vi-seg.model", &n);
  vi_segmodel *m = NULL;
  hoso_error e;
  assert_int_equal(vi__segmodel_load(data, n, NULL, &m, &e), HOSO_OK);
  free(data);
  size_t nb = 0, nt = 0;
  for (uint32_t s = 0; s <= m->bi_mask; s++)
    if (m->bi[s].key) {
      assert_true(vi__sm_maybe(m->bi_filter, m->bi_fmask, m->bi[s].key));
      nb++;
    }
  for (uint32_t s = 0; s <= m->tri_mask; s++)
    if (m->tri[s].key) {
      assert_true(vi__sm_maybe(m->tri_filter, m->tri_fmask, m->tri[s].key));
      nt++;
    }
  assert_true(nb > 1000 && nt > 1000);
  /* keys of ids no model has (>= 2^21 - 1000): none is in the tables */
  size_t pass_b = 0, pass_t = 0, tries = 100000;
  for (uint32_t k = 0; k < tries; k++) {
    uint32_t a = (1u << 21) - 1 - k % 1000, b = 1 + k / 1000;
    pass_b += (size_t)vi__sm_maybe(m->bi_filter, m->bi_fmask, vi__sm_bikey(a, b));
    pass_t += (size_t)vi__sm_maybe(m->tri_filter, m->tri_fmask, vi__sm_trikey(b, a, b));
  }
  assert_true(pass_b < tries / 10);
  assert_true(pass_t < tries / 10);
  vi__segmodel_close(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(segments_common_words),
      cmocka_unit_test(foreign_text_stays_words),
      cmocka_unit_test(tone_placement_and_nfd_agree),
      cmocka_unit_test(words_never_cross_lines),
      cmocka_unit_test(tags_words),
      cmocka_unit_test(bad_input_is_survived),
      cmocka_unit_test(one_model_many_threads),
      cmocka_unit_test(corrupt_models_name_the_file),
      cmocka_unit_test(memo_tokens_match_the_tokenizer),
      cmocka_unit_test(seg_filters_keep_every_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
