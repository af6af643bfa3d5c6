/* sqlite_export.c -- hoso_export on SQLite: every matching article in
** date order, streamed as JSON Lines, CSV or Markdown. Nothing capped. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

static int csv_field(hoso_buf *b, const char *s, size_t n) {
  int rc = hoso__buf_addc(b, '"');
  for (size_t i = 0; i < n && !rc; i++) {
    if (s[i] == '"') rc = hoso__buf_addc(b, '"');
    if (!rc) rc = hoso__buf_addc(b, s[i]);
  }
  if (!rc) rc = hoso__buf_addc(b, '"');
  return rc;
}

static int cmp_day(const void *a, const void *b, void *ctx) {
  const sq_store *s = ctx;
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  int32_t dx = s->cache.fact[x].day, dy = s->cache.fact[y].day;
  if (dx != dy) {
    if (dx == INT32_MIN) return 1;
    if (dy == INT32_MIN) return -1;
    return dx < dy ? -1 : 1;
  }
  return (x > y) - (x < y);
}

int hoso__sq_export(hoso_store *stp, const hoso_qnode *q, const hoso_query *opt,
                    int format, hoso_write_fn write, void *ctx,
                    hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  if (format < HOSO_EXPORT_JSONL || format > HOSO_EXPORT_MARKDOWN)
    return hoso__err(err, HOSO_EARG, "unknown export format %d", format);
  sq_hits h;
  int rc = hoso__sq_match(s, q, opt, &h, NULL, err);
  if (rc) return rc;
  if (h.n) qsort_r(h.ids, h.n, sizeof(int64_t), cmp_day, s);
  sqlite3_stmt *st;
  int r = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, a.story_id, a.published, o.name, a.title, a.url, a.lang,"
      " a.author, a.credit, a.text, (SELECT group_concat(o2.name || ' ' ||"
      " coalesce(a2.url, ''), '; ') FROM article a2 LEFT JOIN outlet o2 ON"
      " o2.id=a2.outlet_id WHERE a2.story_id=a.story_id AND a2.id<>a.id)"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id WHERE a.id=?1",
      -1, &st, NULL);
  if (r != SQLITE_OK) {
    hoso__sq_hits_free(&h);
    return hoso__sq_err(s, err, r, "cannot export");
  }
  static const char *const cols[] = {"id", "story", "published", "outlet",
                                     "title", "url", "lang", "author",
                                     "credit", "text", "also_in"};
  hoso_buf b;
  hoso__buf_init(&b, 0);
  if (format == HOSO_EXPORT_CSV) {
    for (int i = 0; i < 11 && !rc; i++) {
      if (i) rc = hoso__buf_addc(&b, ',');
      if (!rc) rc = hoso__buf_adds(&b, cols[i]);
    }
    if (!rc) rc = hoso__buf_adds(&b, "\r\n");
  } else if (format == HOSO_EXPORT_MARKDOWN) {
    rc = hoso__buf_printf(&b, "# hoso export%s%.*s\n\n%zu articles, oldest first.\n\n",
                          opt && opt->q_n ? ": " : "", opt && opt->q ? (int)opt->q_n : 0,
                          opt && opt->q ? opt->q : "", h.n);
  }
  for (size_t i = 0; i < h.n && !rc; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, h.ids[i]);
    r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
      rc = hoso__sq_err(s, err, r, "cannot export");
      break;
    }
    if (format == HOSO_EXPORT_JSONL) {
      hoso_json w;
      hoso__json_init(&w, &b);
      hoso__json_obj_begin(&w);
      for (int k = 0; k < 11; k++) {
        hoso__json_key(&w, cols[k]);
        hoso__sq_json_col(&w, st, k);
      }
      hoso__json_obj_end(&w);
      rc = w.rc;
      if (!rc) rc = hoso__buf_addc(&b, '\n');
    } else if (format == HOSO_EXPORT_CSV) {
      for (int k = 0; k < 11 && !rc; k++) {
        if (k) rc = hoso__buf_addc(&b, ',');
        if (!rc && sqlite3_column_type(st, k) != SQLITE_NULL)
          rc = csv_field(&b, hoso__sq_col(st, k), (size_t)sqlite3_column_bytes(st, k));
      }
      if (!rc) rc = hoso__buf_adds(&b, "\r\n");
    } else {
      const char *title = hoso__sq_col(st, 4);
      rc = hoso__buf_printf(&b, "## %s\n\n", *title ? title : "(untitled)");
      if (!rc)
        rc = hoso__buf_printf(&b, "*%s*, %s%s%s — article %s, story %s\n\n",
                              *hoso__sq_col(st, 3) ? hoso__sq_col(st, 3) : "unknown outlet",
                              *hoso__sq_col(st, 2) ? hoso__sq_col(st, 2) : "date unknown",
                              *hoso__sq_col(st, 5) ? ", " : "", hoso__sq_col(st, 5),
                              hoso__sq_col(st, 0), hoso__sq_col(st, 1));
      if (!rc && *hoso__sq_col(st, 10))
        rc = hoso__buf_printf(&b, "Also carried by: %s\n\n", hoso__sq_col(st, 10));
      /* the text as a quote block, paragraph by paragraph */
      const char *t = hoso__sq_col(st, 9);
      size_t tn = (size_t)sqlite3_column_bytes(st, 9), a = 0;
      while (a < tn && !rc) {
        size_t e = a;
        while (e < tn && t[e] != '\n') e++;
        if (e > a) {
          rc = hoso__buf_adds(&b, "> ");
          if (!rc) rc = hoso__buf_add(&b, t + a, e - a);
          if (!rc) rc = hoso__buf_adds(&b, "\n>\n");
        }
        a = e + 1;
      }
      if (!rc) rc = hoso__buf_adds(&b, "\n");
    }
    if (!rc && (b.n >= 65536 || i + 1 == h.n)) {
      if (write(ctx, b.p, b.n)) {
        rc = hoso__err(err, HOSO_EIO, "export stopped: the output could not be written");
        break;
      }
      hoso__buf_reset(&b);
    }
  }
  if (!rc && b.n && write(ctx, b.p, b.n))
    rc = hoso__err(err, HOSO_EIO, "export stopped: the output could not be written");
  if (rc == HOSO_ENOMEM) hoso__err(err, rc, "out of memory");
  sqlite3_finalize(st);
  hoso__buf_free(&b);
  hoso__sq_hits_free(&h);
  return rc;
}
