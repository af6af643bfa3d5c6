/* test_words.c -- the ingest's word stream (src/search/words.c):
** hoso__words_stream_each writes the same bytes as serialising
** hoso__words_scan's words (with the segmenter and without, over real
** text, text with Cyrillic, punctuation, very long words, and more
** distinct words than its table keeps), hands each word's record and a
** memo that is new (zero) for a word's first occurrence and kept for the
** next ones; and the one-pass helpers of src/store/minhash.c equal the
** plain ones. Uses in-repo text (demo/sample). */
#include <stdio.h>

#include "testutil.h"

#include "base/base.h"
#include "search/words.h"
#include "store/minhash.h"

/* The stream as words.h defines it, built from hoso__words_scan. */
static int ref_word(void *ctx, const char *fold, size_t fold_n, const char *exact,
                    size_t exact_n, size_t start, size_t end) {
  hoso_buf *b = ctx;
  (void)start;
  (void)end;
  char term[HOSO_TERM_MAX]; /* each word its index term */
  int rc = hoso__buf_add(b, term, hoso__words_term(fold, fold_n, exact, exact_n, term));
  if (!rc) rc = hoso__buf_addc(b, ' ');
  return rc;
}

typedef struct seen {
  hoso_buf recs; /* every record handed over, each followed by ' ' */
  size_t calls, fresh, reused, syllables;
  int bad; /* a memo that did not hold what was put in it */
} seen;

static int on_rec(void *ctx, const char *rec, size_t rec_n, size_t fold_n,
                  hoso_word_memo *m) {
  seen *s = ctx;
  s->calls++;
  assert_true(fold_n <= rec_n);
  assert_true(rec_n == fold_n || rec[fold_n] == '\x1F');
  uint64_t h = hoso__hash64(rec, rec_n, 3);
  if (m->flags == 0) {
    s->fresh++;
    assert_int_equal(m->h[0], 0);
    assert_int_equal(m->h[1], 0);
    m->flags = 1;
    m->h[0] = h;
    m->h[1] = rec_n;
  } else {
    s->reused++;
    if (m->h[0] != h || m->h[1] != rec_n) s->bad = 1;
  }
  assert_int_equal(hoso__buf_add(&s->recs, rec, rec_n), HOSO_OK);
  if (rec_n == fold_n) /* the stream holds the term: the separator too */
    assert_int_equal(hoso__buf_addc(&s->recs, '\x1F'), HOSO_OK);
  assert_int_equal(hoso__buf_addc(&s->recs, ' '), HOSO_OK);
  return 0;
}

/* The terms of a stream both ways: hoso__words_unstream's forms made into
** terms (hoso__words_term) as the tokenizer made them until session 13 (a
** word with an empty fold form, combining marks alone, has none), and
** hoso__words_unstream_terms's. */
typedef struct terms_got {
  hoso_buf made, given;
  const char *stream; /* the stream walked */
  size_t n, copied;   /* terms given, and how many not pointing into it */
} terms_got;

static int made_term(void *ctx, const char *fold, size_t fold_n, const char *exact,
                     size_t exact_n, size_t start, size_t end) {
  terms_got *g = ctx;
  if (fold_n == 0) return 0; /* marks alone: no term (as the tokenizer did) */
  char term[HOSO_TERM_MAX];
  size_t tn = hoso__words_term(fold, fold_n, exact, exact_n, term);
  assert_int_equal(hoso__buf_add(&g->made, term, tn), HOSO_OK);
  assert_int_equal(hoso__buf_addc(&g->made, ' '), HOSO_OK);
  (void)start;
  (void)end;
  return 0;
}

static int given_term(void *ctx, const char *term, size_t term_n, size_t start, size_t end) {
  terms_got *g = ctx;
  g->n++;
  g->copied += term != g->stream + start;
  assert_true(start < end);
  assert_int_equal(hoso__buf_add(&g->given, term, term_n), HOSO_OK);
  assert_int_equal(hoso__buf_addc(&g->given, ' '), HOSO_OK);
  return 0;
}

/* Walks s[0..n) both ways; the terms must agree. Returns how many terms
** were copied out of the stream rather than pointed to. */
static size_t same_terms(const char *s, size_t n, size_t *count) {
  terms_got g;
  memset(&g, 0, sizeof(g));
  hoso__buf_init(&g.made, 0);
  hoso__buf_init(&g.given, 0);
  g.stream = s;
  assert_int_equal(hoso__words_unstream(s, n, made_term, &g), HOSO_OK);
  assert_int_equal(hoso__words_unstream_terms(s, n, given_term, &g), HOSO_OK);
  assert_int_equal(g.made.n, g.given.n);
  assert_memory_equal(g.made.p, g.given.p, g.made.n);
  hoso__buf_free(&g.made);
  hoso__buf_free(&g.given);
  if (count) *count = g.n;
  return g.copied;
}

/* Streams text with both paths and checks they agree; returns the seen. */
static void same_stream(hoso_words *w, const char *text, size_t n, seen *s) {
  hoso_buf ref, got;
  hoso__buf_init(&ref, 0);
  hoso__buf_init(&got, 0);
  assert_int_equal(hoso__buf_add(&ref, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N), HOSO_OK);
  assert_int_equal(hoso__words_scan(w, text, n, ref_word, &ref), HOSO_OK);
  size_t before = s->recs.n;
  assert_int_equal(hoso__words_stream_each(w, text, n, &got, on_rec, s), HOSO_OK);
  assert_int_equal(got.n, ref.n);
  assert_memory_equal(got.p, ref.p, ref.n);
  /* the records handed over are the stream's, in order */
  assert_int_equal(s->recs.n - before, got.n - HOSO_WORDS_MAGIC_N);
  assert_memory_equal(s->recs.p + before, got.p + HOSO_WORDS_MAGIC_N, s->recs.n - before);
  /* hoso__words_stream_keys: the same stream, and in the same pass the
  ** syllables hoso__text_keys scans for itself (content hash, MinHash) */
  hoso__buf_reset(&got);
  hoso_keys_acc acc;
  hoso__keys_init(&acc);
  assert_int_equal(hoso__words_stream_keys(w, text, n, &got, NULL, NULL, hoso__keys_syl, &acc),
                   HOSO_OK);
  assert_int_equal(got.n, ref.n);
  assert_memory_equal(got.p, ref.p, ref.n);
  char h1[33], h2[33];
  uint32_t g1[HOSO_MINHASH_N], g2[HOSO_MINHASH_N];
  size_t n1, n2;
  hoso__keys_done(&acc, h1, g1, &n1);
  assert_int_equal(hoso__text_keys(w, text, n, h2, g2, &n2), HOSO_OK);
  assert_int_equal(n1, n2);
  assert_string_equal(h1, h2);
  assert_memory_equal(g1, g2, sizeof(g1));
  s->syllables += n1;
  /* and hoso__words_stream writes the same */
  hoso__buf_reset(&got);
  assert_int_equal(hoso__words_stream(w, text, n, &got), HOSO_OK);
  assert_int_equal(got.n, ref.n);
  assert_memory_equal(got.p, ref.p, ref.n);
  /* the tokenizer's walk hands over the stream's own bytes as the terms */
  assert_int_equal(same_terms(got.p, got.n, NULL), 0);
  hoso__buf_free(&ref);
  hoso__buf_free(&got);
}

static void run_sample(const hoso_vi *vi) {
  size_t len;
  char *all = test_read_file("demo/sample/vntc-sample.jsonl", &len);
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  assert_int_equal(hoso__words_use_segmenter(w, vi), HOSO_OK);
  seen s;
  memset(&s, 0, sizeof(s));
  hoso__buf_init(&s.recs, 0);
  /* each line whole (JSON escapes and all: any text will do), twice: the
  ** second time every word is known */
  for (int pass = 0; pass < 2; pass++) {
    size_t fresh = s.fresh;
    for (size_t i = 0; i < len;) {
      const char *nl = memchr(all + i, '\n', len - i);
      size_t e = nl ? (size_t)(nl - all) : len;
      same_stream(w, all + i, e - i, &s);
      i = e + 1;
    }
    if (pass == 1) assert_int_equal(s.fresh, fresh);
  }
  assert_true(s.fresh > 1000);
  assert_true(s.reused > s.fresh);
  assert_false(s.bad);
  const char *mixed = "Переговоры в Москве: «Việt Nam – Nga» ... 2025!! Hoà/hòa "
                      "QUỐC PHÒNG quốc phòng ___ ¿¡ ";
  same_stream(w, mixed, strlen(mixed), &s);
  /* words new to the table whose syllables are known (their forms joined
  ** from the syllables'), in other cases and compositions, and next to
  ** Cyrillic and over-long syllables (computed whole) */
  const char *known = "BỘ QUỐC PHÒNG Bộ Quốc Phòng quô\xcc\x81" "c pho\xcc\x80ng "
                      "Hợp Tác Quốc Phòng Việt Nam Liên Bang Nga Bộ Quốc phòng Nga "
                      "Москва Việt Nam Siêudàiiiiiiiiiiiiiiiiiiiiiiiiii quốc phòng";
  same_stream(w, known, strlen(known), &s);
  same_stream(w, "", 0, &s);
  same_stream(w, "... --- !!!", 11, &s);
  /* runs of word characters the segmenter may cut (glued words, digits
  ** and letters, joiners), and bytes that are not UTF-8 next to words */
  static const char *const odd[] = {
      "ThủTướng NguyễnXuânPhúc tạiHàNội,ngày 3/5 COVID-19 U23 10h30 v.v... "
      "Việt-Nam 3.5% 1.000.000đ e-mail x_y Ngườiđứngđầu",
      "quốc\xffphòng \xe1\xbb tiếng \x80\x80Việt \xf0\x9f Nam\xc3 ăn\xe1\xbb\x87 "
      "ho\xcc\x80" "a\xcc",
      "\xcc\x80Hoà \xcc\x81\xcc\x81 quô\xcc\x81" "c",
  };
  for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
    same_stream(w, odd[i], strlen(odd[i]), &s);
    for (size_t cut = 1; cut < strlen(odd[i]); cut += 3) same_stream(w, odd[i], cut, &s);
  }
  assert_true(s.syllables > 100000);
  /* a word longer than the table keeps and than HOSO_WORD_MAX */
  hoso_buf lw;
  hoso__buf_init(&lw, 0);
  for (int i = 0; i < 400; i++) assert_int_equal(hoso__buf_adds(&lw, "ăA"), HOSO_OK);
  assert_int_equal(hoso__buf_adds(&lw, " ngắn "), HOSO_OK);
  same_stream(w, lw.p, lw.n, &s);
  same_stream(w, lw.p, lw.n, &s);
  hoso__buf_free(&lw);
  assert_false(s.bad);
  hoso__buf_free(&s.recs);
  hoso__words_free(w);
  free(all);
}

static void test_stream_plain(void **state) {
  (void)state;
  run_sample(NULL);
}

static void test_stream_segmented(void **state) {
  (void)state;
  hoso_vi *vi;
  hoso_error e;
  hoso_error_clear(&e);
  if (hoso_vi_open(NULL, 0, &vi, &e)) fail_msg("hoso_vi_open: %s", e.message);
  run_sample(vi);
  hoso_vi_close(vi);
}

/* More distinct words than the table holds, in one text and over texts:
** the same bytes, and memos still right (a word the table had to drop
** comes back new). */
static void test_stream_many_words(void **state) {
  (void)state;
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  hoso_buf t;
  hoso__buf_init(&t, 0);
  for (int i = 0; i < 150000; i++)
    assert_int_equal(hoso__buf_printf(&t, "từ%d x%d ", i, i % 7), HOSO_OK);
  seen s;
  memset(&s, 0, sizeof(s));
  hoso__buf_init(&s.recs, 0);
  same_stream(w, t.p, t.n, &s);
  same_stream(w, t.p, t.n / 3, &s);
  same_stream(w, t.p, t.n, &s);
  assert_false(s.bad);
  assert_true(s.reused > 0);
  hoso__buf_free(&s.recs);
  hoso__buf_free(&t);
  hoso__words_free(w);
}

/* The index term of a word: "fold\x1F", or "fold\x1Fexact" when the
** spelling differs; each form cut at HOSO_WORD_MAX bytes. */
/* Streams as they were before the records became terms ("fold" alone),
** records whose forms exceed HOSO_WORD_MAX, and exact == fold written out:
** the terms are made, as hoso__words_term makes them. */
static void test_unstream_terms(void **state) {
  (void)state;
  char s[1024];
  size_t k = 0, count;
  memcpy(s, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N);
  k = HOSO_WORDS_MAGIC_N;
  const char *recs[] = {"nga", "quoc\x1Fqu\xe1\xbb\x91\x63", "ha_noi\x1F", "abc\x1F" "abc", ""};
  for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
    memcpy(s + k, recs[i], strlen(recs[i]));
    k += strlen(recs[i]);
    s[k++] = ' ';
  }
  memset(s + k, 'a', 300); /* a fold form over HOSO_WORD_MAX, then the separator */
  k += 300;
  s[k++] = '\x1F';
  /* "nga" (old), "abc\x1Fabc" and the long one are made; the others pointed to */
  assert_int_equal(same_terms(s, k, &count), 3);
  assert_int_equal(count, 5);
  assert_int_equal(hoso__words_unstream_terms("no magic", 8, given_term, NULL), HOSO_EFORMAT);
}

static void test_index_term(void **state) {
  (void)state;
  char t[HOSO_TERM_MAX];
  size_t n = hoso__words_term("quoc_phong", 10, "quốc_phòng", strlen("quốc_phòng"), t);
  assert_int_equal(n, 11 + strlen("quốc_phòng"));
  assert_memory_equal(t, "quoc_phong\x1F" "quốc_phòng", n);
  n = hoso__words_term("nga", 3, NULL, 0, t);
  assert_int_equal(n, 4);
  assert_memory_equal(t, "nga\x1F", 4);
  n = hoso__words_term("nga", 3, "nga", 3, t); /* same spelling: once */
  assert_int_equal(n, 4);
  char big[HOSO_WORD_MAX + 40];
  memset(big, 'a', sizeof(big));
  n = hoso__words_term(big, sizeof(big), big, sizeof(big) - 1, t);
  assert_int_equal(n, HOSO_WORD_MAX + 1); /* both cut: the same, once */
  assert_int_equal(t[HOSO_WORD_MAX], HOSO_TERM_SEP);
  char other[HOSO_WORD_MAX + 40];
  memset(other, 'b', sizeof(other));
  n = hoso__words_term(big, sizeof(big), other, sizeof(other), t);
  assert_int_equal(n, HOSO_TERM_MAX);
  assert_int_equal(t[HOSO_WORD_MAX], HOSO_TERM_SEP);
  assert_int_equal(t[HOSO_TERM_MAX - 1], 'b');
}

static void test_hash_helpers(void **state) {
  (void)state;
  const char *txt = "quoc_phong\x1Fquốc_phòng viet_nam";
  for (size_t n = 0; n <= strlen(txt); n++) {
    uint64_t a, b;
    hoso__hash64_pair(txt, n, 1, 2, &a, &b);
    assert_int_equal(a, hoso__hash64(txt, n, 1));
    assert_int_equal(b, hoso__hash64(txt, n, 2));
  }
  hoso_minhash m1, m2;
  hoso__minhash_init(&m1);
  hoso__minhash_init(&m2);
  const char *words[] = {"hop_tac", "quoc_phong", "viet", "nga", "hop_tac", "a"};
  for (size_t i = 0; i < 6; i++) {
    hoso__minhash_word(&m1, words[i], strlen(words[i]));
    hoso__minhash_word_hash(&m2, hoso__hash64(words[i], strlen(words[i]), 0));
  }
  hoso__minhash_done(&m1);
  hoso__minhash_done(&m2);
  assert_memory_equal(m1.sig, m2.sig, sizeof(m1.sig));
  assert_true(m1.sig[0] != UINT32_MAX);
}

/* The archive's content hash and MinHash signature (schema 6): of the
** syllables, the same with or without a segmenter. The hash is blind to
** spacing, punctuation, case and Unicode composition, not to diacritics,
** words or their order; the signature (folded syllables) also to
** diacritics. */
typedef struct keys {
  char hash[33];
  uint32_t sig[HOSO_MINHASH_N];
} keys;

static keys tkeys(hoso_words *w, const char *t) {
  keys k;
  assert_int_equal(hoso__text_keys(w, t, strlen(t), k.hash, k.sig, NULL), HOSO_OK);
  assert_int_equal(strlen(k.hash), 32);
  return k;
}

static void test_text_keys(void **state) {
  (void)state;
  hoso_words *plain, *seg;
  hoso_vi *vi = NULL;
  hoso_error e;
  assert_int_equal(hoso__words_new(&plain), HOSO_OK);
  assert_int_equal(hoso__words_new(&seg), HOSO_OK);
  if (hoso_vi_open(NULL, 0, &vi, &e)) fail_msg("hoso_vi_open: %s", e.message);
  assert_int_equal(hoso__words_use_segmenter(seg, vi), HOSO_OK);
  const char *base = "Hợp tác quốc phòng Việt Nam - Liên bang Nga.\nThượng tướng "
                     "Lương Cường điện đàm với Đại tướng Kartapolov.";
  keys k0 = tkeys(plain, base), k;
  k = tkeys(seg, base); /* the segmenter changes nothing */
  assert_string_equal(k.hash, k0.hash);
  assert_memory_equal(k.sig, k0.sig, sizeof(k.sig));
  static const char *const same[] = {
      "  Hợp tác quốc phòng Việt Nam – Liên bang Nga\n\nThượng tướng  Lương "
      "Cường: điện đàm với Đại tướng Kartapolov!",
      "HỢP TÁC QUỐC PHÒNG VIỆT NAM - LIÊN BANG NGA. THƯỢNG TƯỚNG LƯƠNG CƯỜNG "
      "ĐIỆN ĐÀM VỚI ĐẠI TƯỚNG KARTAPOLOV.",
      /* decomposed (NFD) letters: "ợ" as o + horn + dot below, etc. */
      "Ho\xcc\x9b\xcc\xa3p ta\xcc\x81" "c quô\xcc\x81" "c pho\xcc\x80ng Việt Nam - "
      "Liên bang Nga.\nThượng tướng Lương Cường điện đàm với Đại tướng Kartapolov.",
  };
  for (size_t i = 0; i < sizeof(same) / sizeof(*same); i++) {
    for (int s = 0; s < 2; s++) {
      k = tkeys(s ? seg : plain, same[i]);
      assert_string_equal(k.hash, k0.hash);
      assert_memory_equal(k.sig, k0.sig, sizeof(k.sig));
    }
  }
  /* without diacritics: another text (hash), the same signature */
  k = tkeys(plain, "Hop tac quoc phong Viet Nam - Lien bang Nga. Thuong tuong Luong "
                   "Cuong dien dam voi Dai tuong Kartapolov.");
  assert_string_not_equal(k.hash, k0.hash);
  assert_memory_equal(k.sig, k0.sig, sizeof(k.sig));
  static const char *const other[] = {
      "Hợp tác quốc phòng Việt Nam - Liên bang Nga. Thượng tướng Lương Cường "
      "điện đàm với Đại tướng Kartapolov hôm qua.",
      "Quốc phòng hợp tác Việt Nam - Liên bang Nga. Thượng tướng Lương Cường "
      "điện đàm với Đại tướng Kartapolov.",
      "Hợp tác quốc phòng Việt Nam - Liên bang Nga. Thượng tướng Lương Cường "
      "điện đàm với Đại tướng.",
      "",
  };
  for (size_t i = 0; i < sizeof(other) / sizeof(*other); i++) {
    k = tkeys(plain, other[i]);
    assert_string_not_equal(k.hash, k0.hash);
    assert_memory_not_equal(k.sig, k0.sig, sizeof(k.sig));
  }
  keys a = tkeys(plain, ""), b = tkeys(plain, " ,.;- ");
  assert_string_equal(a.hash, b.hash); /* no syllables: one hash */
  /* more distinct syllables than the syllable table holds: the same with
  ** and without the segmenter, and after the table churned */
  size_t big = 400000, n = 0;
  char *t = malloc(big);
  assert_non_null(t);
  for (unsigned i = 0; n + 40 < big; i++)
    n += (size_t)snprintf(t + n, big - n, "tin%u số%u, ", i * 2654435761u, i);
  keys x, y;
  size_t ns = 0;
  assert_int_equal(hoso__text_keys(plain, t, n, x.hash, x.sig, &ns), HOSO_OK);
  assert_true(ns > 20000);
  assert_int_equal(hoso__text_keys(seg, t, n, y.hash, y.sig, NULL), HOSO_OK);
  assert_string_equal(x.hash, y.hash);
  assert_memory_equal(x.sig, y.sig, sizeof(x.sig));
  assert_int_equal(hoso__text_keys(plain, t, n, y.hash, y.sig, NULL), HOSO_OK);
  assert_string_equal(x.hash, y.hash);
  free(t);
  hoso__words_free(plain);
  hoso__words_free(seg);
  hoso_vi_close(vi);
}

/* One-permutation MinHash: every bin filled once a text has a shingle
** (short texts included), empty texts all empty, and the share of equal
** bins estimates Jaccard similarity: sets of 3,000 shingles sharing 1,000
** (J = 0.2), 2,000 (0.5) and 2,700 (0.82). */
static void test_minhash_estimate(void **state) {
  (void)state;
  hoso_minhash e, one;
  hoso__minhash_init(&e);
  hoso__minhash_done(&e);
  hoso__minhash_init(&one);
  hoso__minhash_word(&one, "nga", 3);
  hoso__minhash_done(&one);
  for (int i = 0; i < HOSO_MINHASH_N; i++) {
    assert_int_equal(e.sig[i], UINT32_MAX);
    assert_true(one.sig[i] != UINT32_MAX);
  }
  static const int shared[] = {1000, 2000, 2700};
  for (int k = 0; k < 3; k++) {
    hoso_minhash a, b;
    hoso__minhash_init(&a);
    hoso__minhash_init(&b);
    /* word w's shingle is (w-2, w-1, w): feeding words 0..N-1 gives N-2 */
    for (uint64_t w = 0; w < 3002; w++) hoso__minhash_word_hash(&a, w * 0x9e3779b97f4a7c15ULL);
    uint64_t start = (uint64_t)(3000 - shared[k]);
    for (uint64_t w = start; w < start + 3002; w++)
      hoso__minhash_word_hash(&b, w * 0x9e3779b97f4a7c15ULL);
    hoso__minhash_done(&a);
    hoso__minhash_done(&b);
    double j = (double)shared[k] / (6000 - shared[k]);
    double est = hoso__minhash_sim(a.sig, b.sig);
    if (est < j - 0.2 || est > j + 0.2) fail_msg("J %.2f estimated %.2f", j, est);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stream_plain),
      cmocka_unit_test(test_stream_segmented),
      cmocka_unit_test(test_stream_many_words),
      cmocka_unit_test(test_hash_helpers),
      cmocka_unit_test(test_index_term),
      cmocka_unit_test(test_unstream_terms),
      cmocka_unit_test(test_text_keys),
      cmocka_unit_test(test_minhash_estimate),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
