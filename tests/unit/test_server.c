/* test_server.c -- the server's request parsing, routing, static-file
** safety, token check and metrics, without sockets. The server's pure
** files are compiled into this test directly (they live in apps/, which
** is not part of libhoso.a); server.c (libmicrohttpd) is not needed. */
#include "testutil.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../apps/server/auth.c"
#include "../../apps/server/cache.c"
#include "../../apps/server/countries.c"
#include "../../apps/server/deadline.c"
#include "../../apps/server/h_export.c"
#include "../../apps/server/h_ingest.c"
#include "../../apps/server/h_meta.c"
#include "../../apps/server/h_query.c"
#include "../../apps/server/h_records.c"
#include "../../apps/server/metrics.c"
#include "../../apps/server/pool.c"
#include "../../apps/server/query.c"
#include "../../apps/server/req.c"
#include "../../apps/server/resp.c"
#include "../../apps/server/router.c"
#include "../../apps/server/static.c"

static srv_ctx *new_ctx(void) {
  srv_ctx *c = calloc(1, sizeof(*c));
  assert_non_null(c);
  srv_limits_default(&c->lim);
  srv_metrics_init(&c->metrics);
  pthread_mutex_init(&c->write_mu, NULL);
  c->web_fd = -1;
  c->max_exports = 1;
  return c;
}

static void free_ctx(srv_ctx *c) {
  if (c->web_fd >= 0) close(c->web_fd);
  pthread_mutex_destroy(&c->write_mu);
  free(c);
}

static int parse(srv_req *r, const char *t) {
  srv_limits lim;
  srv_limits_default(&lim);
  hoso_error err;
  hoso_error_clear(&err);
  return srv_req_parse(r, t, strlen(t), &lim, &err);
}

static void req_decodes_path_and_query(void **state) {
  (void)state;
  srv_req r;
  assert_int_equal(parse(&r, "/api/v1/search?q=qu%E1%BB%91c+ph%C3%B2ng&limit=5&q=again&flag"), 0);
  assert_string_equal(r.path, "/api/v1/search");
  assert_int_equal(r.nparams, 4);
  size_t n = 0;
  assert_string_equal(srv_param_get(&r, "q", &n), "quốc phòng");
  assert_int_equal(n, strlen("quốc phòng"));
  assert_string_equal(srv_param_get(&r, "limit", NULL), "5");
  assert_string_equal(srv_param_get(&r, "flag", NULL), "");
  assert_null(srv_param_get(&r, "missing", NULL));
  srv_req_free(&r);
  /* '+' is a space only in the query */
  assert_int_equal(parse(&r, "/a+b?x=a+b#frag&y=1"), 0);
  assert_string_equal(r.path, "/a+b");
  assert_string_equal(srv_param_get(&r, "x", NULL), "a b");
  assert_null(srv_param_get(&r, "y", NULL));
  srv_req_free(&r);
}

static void req_rejects_bad_input(void **state) {
  (void)state;
  srv_req r;
  assert_int_equal(parse(&r, "/a%"), 400);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/a%4"), 400);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/a%zz"), 400);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/a%00b"), 400); /* no hidden NUL */
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/?q=%0"), 400);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "nope"), 400);
  srv_req_free(&r);
  assert_int_equal(parse(&r, ""), 400);
  srv_req_free(&r);
  /* too many parameters */
  char many[1024] = "/x?";
  for (int i = 0; i < 40; i++) strcat(many, "a=1&");
  assert_int_equal(parse(&r, many), 400);
  srv_req_free(&r);
  /* a target over the limit is 414 */
  size_t big = 9000;
  char *t = malloc(big + 1);
  assert_non_null(t);
  memset(t, 'a', big);
  t[0] = '/';
  t[big] = 0;
  assert_int_equal(parse(&r, t), 414);
  srv_req_free(&r);
  free(t);
}

static void static_paths_stay_below_root(void **state) {
  (void)state;
  assert_true(srv_static_path_ok("/index.html", 11));
  assert_true(srv_static_path_ok("/css/app.css", 12));
  assert_false(srv_static_path_ok("/../etc/passwd", 14));
  assert_false(srv_static_path_ok("/a/../../b", 10));
  assert_false(srv_static_path_ok("/..", 3));
  assert_false(srv_static_path_ok("/.git/config", 12));
  assert_false(srv_static_path_ok("/a//b", 5));
  assert_false(srv_static_path_ok("/a/", 3));
  assert_false(srv_static_path_ok("/a\\..\\b", 7));
  assert_false(srv_static_path_ok("/", 1));
  assert_false(srv_static_path_ok("/a\0b", 4));
  assert_string_equal(srv_content_type("x.js", 4), "text/javascript; charset=utf-8");
  assert_string_equal(srv_content_type("X.HTML", 6), "text/html; charset=utf-8");
  assert_string_equal(srv_content_type("x.bin", 5), "application/octet-stream");
}

/* A real directory with a file and a symlink pointing outside it. */
static void static_serves_files_not_links(void **state) {
  (void)state;
  char dir[] = "/tmp/hoso-web-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char p[256];
  snprintf(p, sizeof(p), "%s/index.html", dir);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs("<p>hi</p>", f);
  fclose(f);
  snprintf(p, sizeof(p), "%s/passwd", dir);
  assert_int_equal(symlink("/etc/passwd", p), 0);
  srv_ctx *c = new_ctx();
  c->web_fd = open(dir, O_RDONLY | O_DIRECTORY);
  assert_true(c->web_fd >= 0);
  srv_req r;
  srv_resp resp;
  assert_int_equal(parse(&r, "/"), 0);
  r.method = SRV_GET;
  srv_resp_init(&resp);
  assert_int_equal(srv_dispatch(c, &r, &resp), SRV_R_STATIC);
  assert_int_equal(resp.status, 200);
  assert_int_equal(resp.fd_size, 9);
  assert_string_equal(resp.ctype, "text/html; charset=utf-8");
  srv_resp_free(&resp);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/passwd"), 0);
  r.method = SRV_GET;
  srv_resp_init(&resp);
  assert_int_equal(srv_dispatch(c, &r, &resp), SRV_R_NOTFOUND);
  assert_int_equal(resp.status, 404);
  assert_int_equal(resp.fd, -1);
  srv_resp_free(&resp);
  srv_req_free(&r);
  assert_int_equal(parse(&r, "/%2e%2e/%2e%2e/etc/passwd"), 0);
  r.method = SRV_GET;
  srv_resp_init(&resp);
  srv_dispatch(c, &r, &resp);
  assert_int_equal(resp.status, 404);
  srv_resp_free(&resp);
  srv_req_free(&r);
  unlink(p);
  snprintf(p, sizeof(p), "%s/index.html", dir);
  unlink(p);
  rmdir(dir);
  free_ctx(c);
}

static int dispatch(srv_ctx *c, int method, const char *t, srv_resp *resp) {
  srv_req r;
  int st = parse(&r, t);
  assert_int_equal(st, 0);
  r.method = method;
  srv_resp_init(resp);
  int rid = srv_dispatch(c, &r, resp);
  srv_req_free(&r);
  return rid;
}

static void router_answers_json_errors(void **state) {
  (void)state;
  srv_ctx *c = new_ctx();
  srv_resp resp;
  assert_int_equal(dispatch(c, SRV_GET, "/api/v2/search", &resp), SRV_R_NOTFOUND);
  assert_int_equal(resp.status, 404);
  assert_non_null(strstr(resp.body.p, "\"error\""));
  srv_resp_free(&resp);
  assert_int_equal(dispatch(c, SRV_POST, "/api/v1/search", &resp), SRV_R_SEARCH);
  assert_int_equal(resp.status, 405);
  srv_resp_free(&resp);
  assert_int_equal(dispatch(c, SRV_GET, "/health", &resp), SRV_R_HEALTH);
  assert_int_equal(resp.status, 200);
  assert_non_null(strstr(resp.body.p, "\"status\":\"ok\""));
  srv_resp_free(&resp);
  assert_int_equal(dispatch(c, SRV_HEAD, "/api/v1", &resp), SRV_R_INFO);
  assert_int_equal(resp.status, 200);
  srv_resp_free(&resp);
  /* parameters are checked before the archive is touched */
  dispatch(c, SRV_GET, "/api/v1/search?q=x&limit=101", &resp);
  assert_int_equal(resp.status, 400);
  assert_non_null(strstr(resp.body.p, "limit"));
  srv_resp_free(&resp);
  dispatch(c, SRV_GET, "/api/v1/search?q=x&bogus=1", &resp);
  assert_int_equal(resp.status, 400);
  assert_non_null(strstr(resp.body.p, "bogus"));
  srv_resp_free(&resp);
  dispatch(c, SRV_GET, "/api/v1/search?from=2021-13", &resp);
  assert_int_equal(resp.status, 400);
  srv_resp_free(&resp);
  dispatch(c, SRV_GET, "/api/v1/story/12x", &resp);
  assert_int_equal(resp.status, 400);
  srv_resp_free(&resp);
  assert_int_equal(dispatch(c, SRV_GET, "/api/v1/story/1/2", &resp), SRV_R_NOTFOUND);
  assert_int_equal(resp.status, 404);
  srv_resp_free(&resp);
  /* no archive configured: 503, never made-up data */
  dispatch(c, SRV_GET, "/api/v1/search?q=x", &resp);
  assert_int_equal(resp.status, 503);
  srv_resp_free(&resp);
  /* ingest without a token is refused before anything else */
  assert_int_equal(dispatch(c, SRV_POST, "/api/v1/ingest", &resp), SRV_R_INGEST);
  assert_int_equal(resp.status, 401);
  srv_resp_free(&resp);
  free_ctx(c);
}

static void token_compare(void **state) {
  (void)state;
  srv_ctx *c = new_ctx();
  assert_false(srv_auth_ok(c, "Bearer anything")); /* no token: no writes */
  c->token = "s3cret-token";
  c->token_n = strlen(c->token);
  assert_true(srv_auth_ok(c, "Bearer s3cret-token"));
  assert_true(srv_auth_ok(c, "bearer s3cret-token"));
  assert_false(srv_auth_ok(c, "Bearer s3cret-toke"));
  assert_false(srv_auth_ok(c, "Bearer s3cret-token2"));
  assert_false(srv_auth_ok(c, "Bearer S3cret-token"));
  assert_false(srv_auth_ok(c, "Bearer "));
  assert_false(srv_auth_ok(c, "s3cret-token"));
  assert_false(srv_auth_ok(c, NULL));
  free_ctx(c);
}

static void metrics_render_prometheus(void **state) {
  (void)state;
  srv_metrics m;
  srv_metrics_init(&m);
  srv_metrics_record(&m, SRV_R_SEARCH, 200, 300);
  srv_metrics_record(&m, SRV_R_SEARCH, 200, 20000);
  srv_metrics_record(&m, SRV_R_SEARCH, 400, 50);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  assert_int_equal(srv_metrics_render(&m, 4096, &b), 0);
  assert_non_null(strstr(b.p, "hoso_http_requests_total{route=\"search\",code=\"2xx\"} 2\n"));
  assert_non_null(strstr(b.p, "hoso_http_requests_total{route=\"search\",code=\"4xx\"} 1\n"));
  assert_non_null(strstr(b.p, "hoso_http_request_duration_seconds_bucket{route=\"search\",le=\"0.0005\"} 2\n"));
  assert_non_null(strstr(b.p, "hoso_http_request_duration_seconds_bucket{route=\"search\",le=\"+Inf\"} 3\n"));
  assert_non_null(strstr(b.p, "hoso_archive_bytes 4096\n"));
  hoso__buf_free(&b);
}

static void cache_lru_and_signature(void **state) {
  (void)state;
  srv_cache *c = NULL;
  assert_int_equal(srv_cache_new(0, 10, &c), HOSO_OK);
  assert_null(c); /* off */
  assert_int_equal(srv_cache_new(8000, 3, &c), HOSO_OK);
  assert_non_null(c);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  srv_cache_put(c, "/a", 2, 7, "{\"a\":1}", 7);
  srv_cache_put(c, "/b", 2, 7, "{\"b\":2}", 7);
  srv_cache_put(c, "/c", 2, 7, "{\"c\":3}", 7);
  assert_true(srv_cache_get(c, "/a", 2, 7, &b)); /* /a now most recent */
  assert_string_equal(b.p, "{\"a\":1}");
  srv_cache_put(c, "/d", 2, 7, "{\"d\":4}", 7); /* evicts /b, the oldest */
  assert_false(srv_cache_get(c, "/b", 2, 7, &b));
  assert_true(srv_cache_get(c, "/c", 2, 7, &b));
  assert_true(srv_cache_get(c, "/d", 2, 7, &b));
  /* the archive changed: an entry of the old state is never served */
  assert_false(srv_cache_get(c, "/a", 2, 8, &b));
  assert_false(srv_cache_get(c, "/a", 2, 7, &b)); /* and it was dropped */
  /* no entry larger than an eighth of the cache */
  char big[2000];
  memset(big, 'x', sizeof(big));
  srv_cache_put(c, "/big", 4, 7, big, sizeof(big));
  assert_false(srv_cache_get(c, "/big", 4, 7, &b));
  uint64_t hits, misses, bytes, entries;
  srv_cache_stats(c, &hits, &misses, &bytes, &entries);
  assert_int_equal(hits, 3);
  assert_int_equal(misses, 4);
  assert_int_equal(entries, 2);
  assert_int_equal(bytes, 2 * (2 + 7));
  hoso__buf_free(&b);
  srv_cache_free(c);
  /* signatures follow the file */
  char path[] = "/tmp/hoso-sig-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  uint64_t s1 = srv_archive_signature(path);
  assert_int_equal(write(fd, "x", 1), 1);
  close(fd);
  assert_int_not_equal(srv_archive_signature(path), s1);
  unlink(path);
}

static void countries_named_in_text(void **state) {
  (void)state;
  srv_country_set s = {.n = 0};
  const char *t = "Thượng tướng Lương Cường gặp Bộ trưởng Quốc phòng Liên bang Nga";
  assert_int_equal(srv_countries_add(t, strlen(t), &s), HOSO_OK);
  assert_true(srv_countries_has(&s, "RU"));
  assert_false(srv_countries_has(&s, "VN"));
  t = "Quân đội nhân dân VIỆT NAM";
  assert_int_equal(srv_countries_add(t, strlen(t), &s), HOSO_OK);
  assert_true(srv_countries_has(&s, "VN"));
  assert_int_equal(s.n, 2);
  srv_country_set o = {.n = 0};
  /* whole words only, and Mỹ Tho is a town */
  t = "Ngân hàng Nhà nước ở Mỹ Tho, Nganh, Mỹ Thọ";
  assert_int_equal(srv_countries_add(t, strlen(t), &o), HOSO_OK);
  assert_false(srv_countries_has(&o, "RU"));
  assert_int_equal(o.n, 1); /* "Mỹ Thọ" is not "Mỹ Tho": the US */
  assert_true(srv_countries_has(&o, "US"));
  srv_country_set e = {.n = 0};
  t = "talks between Vietnam and Russia; переговоры с Китаем";
  assert_int_equal(srv_countries_add(t, strlen(t), &e), HOSO_OK);
  assert_true(srv_countries_has(&e, "VN") && srv_countries_has(&e, "RU"));
  assert_false(srv_countries_has(&e, "CN")); /* "Китаем" is not a listed form */
  assert_true(srv_country_known("VN") && srv_country_known("EG"));
  assert_false(srv_country_known("XX"));
}

/* The export stream with a waker that records park/wake: whatever the
** timing, it must give exactly the bytes of hoso_export, park only when
** it has nothing, and be woken once for every park. */
typedef struct wake_rec {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int parks, wakes;
  int early; /* wakes with no park pending: must stay 0 */
} wake_rec;

static void rec_park(void *c) {
  wake_rec *w = c; /* called under the job's lock */
  pthread_mutex_lock(&w->mu);
  w->parks++;
  pthread_mutex_unlock(&w->mu);
}

static void rec_wake(void *c) {
  wake_rec *w = c;
  pthread_mutex_lock(&w->mu);
  if (w->wakes >= w->parks) w->early++;
  w->wakes++;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

static int collect(void *cls, const char *p, size_t n) {
  return hoso__buf_add(cls, p, n) == HOSO_OK ? 0 : -1;
}

static void export_parks_instead_of_blocking(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof(path), "/tmp/hoso-test-server-%d.db", (int)getpid());
  unlink(path);
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  hoso_ingest_options o = {1, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  hoso_ingest *ing;
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  assert_int_equal(hoso_ingest_path(ing, "demo/sample/seed-2021-call.txt", &err), HOSO_OK);
  assert_int_equal(hoso_ingest_path(ing, "demo/sample/seed-2025-dialogue.txt", &err), HOSO_OK);
  /* and articles longer than a pipe holds (64 KiB): single writes that
  ** cannot complete while the reader is parked */
  for (int k = 0; k < 3; k++) {
    hoso_buf t;
    hoso__buf_init(&t, 0);
    assert_int_equal(hoso__buf_printf(&t, "Bài dài số %d\n", k), HOSO_OK);
    for (int i = 0; i < 1500; i++)
      assert_int_equal(hoso__buf_printf(&t, "Đoạn %d của bài %d: hợp tác quốc phòng Việt Nam"
                                            " và Liên bang Nga tiếp tục phát triển.\n", i, k),
                       HOSO_OK);
    hoso_document d = {0};
    d.data = t.p;
    d.n = t.n;
    d.is_text = 1;
    d.origin = "test";
    assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
    hoso__buf_free(&t);
  }
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  hoso_buf want;
  hoso__buf_init(&want, 0);
  hoso_query q;
  memset(&q, 0, sizeof(q));
  assert_int_equal(hoso_export(ar, &q, HOSO_EXPORT_JSONL, collect, &want, &err), HOSO_OK);
  hoso_archive_close(ar);
  assert_true(want.n > 3 * 65536);

  srv_ctx *c = new_ctx();
  assert_int_equal(srv_pool_open(path, 1, &c->pool, &err), HOSO_OK);
  srv_resp resp;
  srv_resp_init(&resp);
  assert_int_equal(dispatch(c, SRV_GET, "/api/v1/export?format=jsonl", &resp), SRV_R_EXPORT);
  assert_int_equal(resp.status, 200);
  assert_non_null(resp.stream);
  wake_rec w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};
  srv_waker wk = {rec_park, rec_wake, &w};
  hoso_buf got;
  hoso__buf_init(&got, 0);
  char buf[512];
  for (;;) {
    long n = resp.stream(resp.stream_cls, &wk, buf, sizeof(buf));
    if (n == SRV_STREAM_WAIT) { /* parked: wait for the wake, as MHD would */
      pthread_mutex_lock(&w.mu);
      /* one park more than wakes -- or as many: the export thread may
      ** write and wake us between the stream's park (under the job's
      ** lock) and this check; that wake is not lost, nor early */
      assert_true(w.parks == w.wakes + 1 || w.parks == w.wakes);
      struct timespec dl;
      clock_gettime(CLOCK_REALTIME, &dl);
      dl.tv_sec += 60; /* a lost wake would hang a real connection forever */
      int lost = 0;
      while (w.wakes < w.parks && !lost)
        lost = pthread_cond_timedwait(&w.cv, &w.mu, &dl) != 0;
      pthread_mutex_unlock(&w.mu);
      if (lost) fail_msg("parked after %zu bytes and never woken", got.n);
      continue;
    }
    assert_true(n >= 0);
    if (n == 0) break;
    assert_int_equal(hoso__buf_add(&got, buf, (size_t)n), HOSO_OK);
  }
  assert_int_equal(got.n, want.n);
  assert_memory_equal(got.p, want.p, want.n);
  assert_int_equal(w.parks, w.wakes);
  assert_int_equal(w.early, 0); /* no wake ever came before its park */
  /* opening the archive on the export's thread takes far longer than the
  ** first read after it starts: the stream had nothing, and parked */
  assert_true(w.parks >= 1);
  srv_resp_free(&resp);
  assert_int_equal(atomic_load(&c->exports), 0);
  srv_pool_close(c->pool);
  free_ctx(c);
  hoso__buf_free(&got);
  hoso__buf_free(&want);
  test_unlink_db(path);
}

/* Wait up to ms for fd to read end-of-file (1), data or nothing (0). */
static int reads_eof(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, ms) <= 0) return 0;
  char b;
  return read(fd, &b, 1) == 0;
}

/* A connection past its deadline has its socket shut down (the peer reads
** end-of-file); one with no deadline, a later one, or a removed clock is
** left alone; the counter counts each cut once. */
static void deadlines_cut_slow_connections(void **state) {
  (void)state;
  _Atomic uint64_t cut;
  atomic_init(&cut, 0);
  srv_deadlines *d = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(srv_deadlines_start(10, &cut, &d, &err), HOSO_OK);
  int a[2], b[2], c[2], e[2];
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, b), 0);
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, c), 0);
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, e), 0);
  uint64_t now = srv_now_us();
  srv_clock *late = srv_clock_add(d, a[0], now + 30000);  /* due in 30 ms */
  srv_clock *none = srv_clock_add(d, b[0], 0);            /* no deadline */
  srv_clock *later = srv_clock_add(d, c[0], now + 60000000u);
  srv_clock *gone = srv_clock_add(d, e[0], now + 30000);
  assert_non_null(late);
  assert_non_null(none);
  assert_non_null(later);
  assert_non_null(gone);
  srv_clock_remove(d, gone); /* removed before its deadline */
  assert_int_equal(reads_eof(a[1], 0), 0); /* not yet */
  assert_int_equal(reads_eof(a[1], 2000), 1);
  assert_int_equal(reads_eof(b[1], 100), 0);
  assert_int_equal(reads_eof(c[1], 0), 0);
  assert_int_equal(reads_eof(e[1], 0), 0);
  assert_int_equal(srv_deadlines_cut(d), 1);
  assert_int_equal(atomic_load(&cut), 1);
  /* a deadline set later is honoured; clearing one in time keeps it */
  srv_clock_set(none, srv_now_us() + 20000);
  srv_clock_set(later, 0);
  assert_int_equal(reads_eof(b[1], 2000), 1);
  assert_int_equal(reads_eof(c[1], 100), 0);
  assert_int_equal(atomic_load(&cut), 2);
  /* the clock's own descriptor is a dup: the caller's stays open */
  assert_true(fcntl(a[0], F_GETFD) >= 0);
  srv_clock_remove(d, late);
  srv_deadlines_stop(d); /* frees the clocks still registered */
  for (int i = 0; i < 2; i++) {
    close(a[i]);
    close(b[i]);
    close(c[i]);
    close(e[i]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(req_decodes_path_and_query),
      cmocka_unit_test(req_rejects_bad_input),
      cmocka_unit_test(static_paths_stay_below_root),
      cmocka_unit_test(static_serves_files_not_links),
      cmocka_unit_test(router_answers_json_errors),
      cmocka_unit_test(token_compare),
      cmocka_unit_test(deadlines_cut_slow_connections),
      cmocka_unit_test(metrics_render_prometheus),
      cmocka_unit_test(cache_lru_and_signature),
      cmocka_unit_test(countries_named_in_text),
      cmocka_unit_test(export_parks_instead_of_blocking),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
