/* metrics.c -- request counters and latency histograms (lock-free
** atomics in the server context) rendered as Prometheus text. */
#include <time.h>

#include "srv.h"

/* Upper bounds in microseconds; the last bucket is +Inf. */
static const uint64_t bucket_us[SRV_NBUCKETS - 1] = {
    100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 1000000};

static const char *const route_names[SRV_R_COUNT] = {
    "static", "health", "metrics", "search", "story", "article", "timeline",
    "person", "org", "suggest", "export", "ingest", "info", "notfound"};

const char *srv_route_name(int route) {
  return route >= 0 && route < SRV_R_COUNT ? route_names[route] : "other";
}

void srv_metrics_init(srv_metrics *m) {
  for (int r = 0; r < SRV_R_COUNT; r++) {
    for (int c = 0; c < 6; c++) atomic_init(&m->requests[r][c], 0);
    for (int b = 0; b < SRV_NBUCKETS; b++) atomic_init(&m->buckets[r][b], 0);
    atomic_init(&m->sum_us[r], 0);
  }
  atomic_init(&m->in_flight, 0);
  atomic_init(&m->rejected, 0);
  atomic_init(&m->bytes_out, 0);
  atomic_init(&m->slow_cut, 0);
  m->started_unix = (int64_t)time(NULL);
}

void srv_metrics_record(srv_metrics *m, int route, int status, uint64_t us) {
  if (route < 0 || route >= SRV_R_COUNT) route = SRV_R_NOTFOUND;
  int cls = status / 100;
  if (cls < 0 || cls > 5) cls = 0;
  atomic_fetch_add_explicit(&m->requests[route][cls], 1, memory_order_relaxed);
  int b = 0;
  while (b < SRV_NBUCKETS - 1 && us > bucket_us[b]) b++;
  atomic_fetch_add_explicit(&m->buckets[route][b], 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&m->sum_us[route], us, memory_order_relaxed);
}

static uint64_t ld(const _Atomic uint64_t *p) {
  return atomic_load_explicit(p, memory_order_relaxed);
}

int srv_metrics_render(const srv_metrics *m, int64_t archive_bytes,
                       hoso_buf *out) {
  int rc = hoso__buf_adds(out,
      "# HELP hoso_http_requests_total HTTP requests answered, by route and status class.\n"
      "# TYPE hoso_http_requests_total counter\n");
  static const char *const cls[6] = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};
  for (int r = 0; r < SRV_R_COUNT && !rc; r++)
    for (int c = 1; c < 6 && !rc; c++) {
      uint64_t v = ld(&m->requests[r][c]);
      if (v)
        rc = hoso__buf_printf(out,
            "hoso_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
            route_names[r], cls[c], (unsigned long long)v);
    }
  if (!rc)
    rc = hoso__buf_adds(out,
        "# HELP hoso_http_request_duration_seconds Time from request start to response queued.\n"
        "# TYPE hoso_http_request_duration_seconds histogram\n");
  for (int r = 0; r < SRV_R_COUNT && !rc; r++) {
    uint64_t cum = 0, total = 0;
    for (int b = 0; b < SRV_NBUCKETS; b++) total += ld(&m->buckets[r][b]);
    if (!total) continue;
    for (int b = 0; b < SRV_NBUCKETS && !rc; b++) {
      cum += ld(&m->buckets[r][b]);
      if (b < SRV_NBUCKETS - 1)
        rc = hoso__buf_printf(out,
            "hoso_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
            route_names[r], (double)bucket_us[b] / 1e6, (unsigned long long)cum);
      else
        rc = hoso__buf_printf(out,
            "hoso_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
            route_names[r], (unsigned long long)cum);
    }
    if (!rc)
      rc = hoso__buf_printf(out,
          "hoso_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
          "hoso_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
          route_names[r], (double)ld(&m->sum_us[r]) / 1e6, route_names[r],
          (unsigned long long)total);
  }
  if (!rc)
    rc = hoso__buf_printf(out,
        "# HELP hoso_http_in_flight Requests being handled now.\n"
        "# TYPE hoso_http_in_flight gauge\nhoso_http_in_flight %llu\n"
        "# HELP hoso_http_rejected_total Connections refused by limits before routing (431, 414, 413).\n"
        "# TYPE hoso_http_rejected_total counter\nhoso_http_rejected_total %llu\n"
        "# HELP hoso_http_response_bytes_total Response body bytes queued.\n"
        "# TYPE hoso_http_response_bytes_total counter\nhoso_http_response_bytes_total %llu\n"
        "# HELP hoso_http_slow_clients_cut_total Connections closed because a request did not arrive whole by its deadline.\n"
        "# TYPE hoso_http_slow_clients_cut_total counter\nhoso_http_slow_clients_cut_total %llu\n"
        "# HELP hoso_start_time_seconds Unix time the server started.\n"
        "# TYPE hoso_start_time_seconds gauge\nhoso_start_time_seconds %lld\n",
        (unsigned long long)ld(&m->in_flight),
        (unsigned long long)ld(&m->rejected),
        (unsigned long long)ld(&m->bytes_out),
        (unsigned long long)ld(&m->slow_cut), (long long)m->started_unix);
  if (!rc && archive_bytes >= 0)
    rc = hoso__buf_printf(out,
        "# HELP hoso_archive_bytes Size of the archive file on disk.\n"
        "# TYPE hoso_archive_bytes gauge\nhoso_archive_bytes %lld\n",
        (long long)archive_bytes);
  return rc;
}
