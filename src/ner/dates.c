/*
** dates.c -- date expressions and their normalisation against the
** publication date.
**
** Reads (words from models/gazetteers/dates.tsv, class DATEW):
**   [weekday [,]] [part of day] [ngày] D/M[/Y]  [HH:MM]    "Chiều 20/5"
**   ngày D-M-Y, D.M.Y, Y-M-D, ngày D tháng M [năm Y]
**   tháng M [năm Y | /Y | năm ngoái ...], năm YYYY
**   relative: hôm qua, tuần tới, tháng trước, năm ngoái, sáng nay ...
**   D-M alone only right after a relative day: "Chiều qua, 17-4, ...", or
**       as the last day of a span or list: "ngày 8 và 9-5", "từ 12 - 15.4"
** A day and month without a year take the publication year, moved back a
** year when that would put the date more than 60 days after publication.
** Without a publication date, relative expressions are "not
** determinable" and a missing year is written XXXX.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"

int64_t hoso__days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void hoso__civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t yy = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

static int valid_ymd(int y, int m, int d) {
  if (m < 1 || m > 12) return 0;
  if (d < 1) return 0;
  return d <= (y ? days_in_month(y, m) : (m == 2 ? 29 : days_in_month(2001, m)));
}

static void date_init(hoso__date *o) {
  memset(o, 0, sizeof *o);
  o->hour = o->minute = -1;
  o->determinable = 1;
}

int hoso__date_from_iso(const char *s, size_t n, hoso__date *out) {
  date_init(out);
  int y, m, d;
  char buf[16];
  if (n < 10 || n > 64) return -1;
  memcpy(buf, s, 10);
  buf[10] = 0;
  if (sscanf(buf, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
  if (y < 1800 || y > 2300 || !valid_ymd(y, m, d)) return -1;
  out->year = y;
  out->month = m;
  out->day = d;
  return 0;
}

/* ISO week of a date. */
static void iso_week(int y, int m, int d, int *wy, int *wk) {
  int64_t z = hoso__days_from_civil(y, m, d);
  int wd = (int)(((z % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday: 4 */
  int64_t thu = z - wd + 4;
  int ty, tm, td;
  hoso__civil_from_days(thu, &ty, &tm, &td);
  int64_t jan1 = hoso__days_from_civil(ty, 1, 1);
  *wy = ty;
  *wk = (int)((thu - jan1) / 7) + 1;
}

void hoso__date_format(const hoso__date *dt, char *out, size_t n) {
  if (!n) return;
  out[0] = 0;
  if (dt->week && dt->year) {
    snprintf(out, n, "%04d-W%02d", dt->year, dt->week);
  } else if (dt->day && dt->month) {
    if (dt->year) snprintf(out, n, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
    else snprintf(out, n, "XXXX-%02d-%02d", dt->month, dt->day);
  } else if (dt->month) {
    if (dt->year) snprintf(out, n, "%04d-%02d", dt->year, dt->month);
    else snprintf(out, n, "XXXX-%02d", dt->month);
  } else if (dt->year) {
    snprintf(out, n, "%04d", dt->year);
  }
}

/* Read an integer 0..9999 from token text. */
static int tok_int(const hoso__ndoc *d, uint32_t i, int *v) {
  if (i >= d->ntok || !(d->tok[i].flags & NT_NUM)) return 0;
  const char *p = d->text + d->tok[i].off;
  size_t n = d->tok[i].len;
  if (n > 4) return 0;
  int x = 0;
  for (size_t k = 0; k < n; k++) {
    if (p[k] < '0' || p[k] > '9') return 0;
    x = x * 10 + (p[k] - '0');
  }
  *v = x;
  return 1;
}

/* Split a number token "20/05/2021" into up to 3 fields by one separator. */
static int split_num(const hoso__ndoc *d, uint32_t i, int f[3], char *sep) {
  const char *p = d->text + d->tok[i].off;
  size_t n = d->tok[i].len;
  int nf = 0, cur = 0, digits = 0;
  *sep = 0;
  for (size_t k = 0; k < n; k++) {
    char c = p[k];
    if (c >= '0' && c <= '9') {
      if (++digits > 4) return 0;
      cur = cur * 10 + (c - '0');
    } else {
      if (*sep && c != *sep) return 0;
      *sep = c;
      if (nf >= 2 || !digits) return 0;
      f[nf++] = cur;
      cur = 0;
      digits = 0;
    }
  }
  if (!digits) return 0;
  f[nf++] = cur;
  return nf;
}

static int datew(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i,
                 const char *meaning, uint32_t *len, const char **value) {
  /* longest DATEW entry with this meaning */
  int best = -1;
  uint32_t bl = 0;
  if (!d->gm_first || i >= d->ntok) return 0;
  for (uint32_t k = d->gm_first[i]; k < d->gm_first[i + 1]; k++) {
    const struct hoso__gmatch *m = &d->gm[k];
    if (m->cls != GC_DATEW) continue;
    const hoso__gentry *e = hoso__gaz_entry(g, m->id);
    if (!e || strcmp(e->f[2], meaning) != 0) continue;
    if (m->len > bl) {
      bl = m->len;
      best = m->id;
    }
  }
  if (best < 0) return 0;
  *len = bl;
  if (value) {
    const hoso__gentry *e = hoso__gaz_entry(g, best);
    *value = e->nf > 3 ? e->f[3] : "";
  }
  return 1;
}

/* Apply "d-1", "w+1", "m-1", "y+0" to ref into out. */
static void apply_rel(const char *v, const hoso__date *ref, hoso__date *out) {
  char unit = v[0];
  int off = atoi(v + 1);
  out->relative = 1;
  if (!ref->determinable || !ref->year) {
    out->determinable = 0;
    return;
  }
  int y = ref->year, m = ref->month ? ref->month : 1, dd = ref->day ? ref->day : 1;
  switch (unit) {
  case 'd': {
    int64_t z = hoso__days_from_civil(y, m, dd) + off;
    hoso__civil_from_days(z, &out->year, &out->month, &out->day);
    break;
  }
  case 'w': {
    int64_t z = hoso__days_from_civil(y, m, dd) + 7 * off;
    int yy, mm, d2, wy, wk;
    hoso__civil_from_days(z, &yy, &mm, &d2);
    iso_week(yy, mm, d2, &wy, &wk);
    out->year = wy;
    out->week = wk;
    break;
  }
  case 'm': {
    int t = y * 12 + (m - 1) + off;
    out->year = t / 12;
    out->month = t % 12 + 1;
    break;
  }
  default:
    out->year = y + off;
    break;
  }
}

/* Pick the year of a day/month without one. */
static void infer_year(const hoso__date *ref, hoso__date *o) {
  if (!ref->determinable || !ref->year) {
    o->determinable = 0;
    return;
  }
  o->year = ref->year;
  o->relative = 1;
  if (ref->month && o->month) {
    int64_t a = hoso__days_from_civil(o->year, o->month,
                                      o->day ? (o->day > days_in_month(o->year, o->month) ? days_in_month(o->year, o->month) : o->day) : 1);
    int64_t r = hoso__days_from_civil(ref->year, ref->month, ref->day ? ref->day : 1);
    if (a - r > 60) o->year--;
  }
}

/* Is token i right after a relative day and a comma or an opening
** bracket ("Chiều qua, 17-4", "hôm qua (1-3)")? Then a bare day-month at
** i restates that day. */
static int after_relative(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i) {
  if (i < 2 || i >= d->ntok || !(d->tok[i - 1].flags & NT_PUNCT) || d->tok[i - 1].len != 1 ||
      d->tok[i - 1].sent != d->tok[i].sent)
    return 0;
  char c = d->text[d->tok[i - 1].off];
  if (c != ',' && c != '(') return 0;
  for (uint32_t k = i - 1; k > 0 && i - 1 - k < 3;) {
    k--;
    uint32_t l;
    if ((datew(g, d, k, "REL", &l, NULL) || datew(g, d, k, "RELDP", &l, NULL)) && k + l == i - 1)
      return 1;
  }
  return 0;
}

/* A day number 1..31 alone in token i ("8", "12"), else 0. */
static int bare_day(const hoso__ndoc *d, uint32_t i) {
  int v;
  if (i >= d->ntok || d->tok[i].len > 2 || !tok_int(d, i, &v)) return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int hoso__tok_is_dash(const hoso__ndoc *d, uint32_t i) {
  if (i >= d->ntok || !(d->tok[i].flags & NT_PUNCT)) return 0;
  const char *p = d->text + d->tok[i].off;
  size_t n = d->tok[i].len;
  if (n == 1) return p[0] == '-';
  return n == 3 && !memcmp(p, "\xe2\x80", 2) && (p[2] == '\x93' || p[2] == '\x94');
}

/* Does a DATEW entry with this meaning start in tokens [lo, end) and end
** right before token end? Its start, else -1. */
static int64_t datew_ending(const hoso__gaz *g, const hoso__ndoc *d, uint32_t lo, uint32_t end,
                            const char *meaning) {
  for (uint32_t k = lo; k < end; k++) {
    uint32_t l;
    if (datew(g, d, k, meaning, &l, NULL) && k + l == end) return k;
  }
  return -1;
}

/* Is token i, a day-month whose day is day2, the last day of a span or
** list opened by a day unit or "từ" ("ngày 8 và 9-5", "từ ngày 12 -
** 15.4", "từ 8 đến 10-5")? The joiner is a dash or a DAYJOIN word, the
** opener a DAY or DAYFROM word (models/gazetteers/dates.tsv), and the
** first day is before day2. Then the bare day-month at i is a date, as
** after a relative day; the events stage reads the span's first day
** (src/events/ranges.c). */
static int after_first_day(const hoso__gaz *g, const hoso__ndoc *d, uint32_t i, int day2) {
  if (i < 3 || i >= d->ntok) return 0;
  uint32_t sent = d->tok[i].sent;
  int64_t join = hoso__tok_is_dash(d, i - 1) ? (int64_t)i - 1
                                             : datew_ending(g, d, i >= 2 ? i - 2 : 0, i, "DAYJOIN");
  if (join < 2 || d->tok[join - 1].sent != sent) return 0;
  int day1 = bare_day(d, (uint32_t)join - 1);
  if (!day1 || day1 >= day2) return 0;
  uint32_t end = (uint32_t)join - 1, lo = end >= 3 ? end - 3 : 0;
  int64_t open = datew_ending(g, d, lo, end, "DAY");
  if (open < 0) open = datew_ending(g, d, lo, end, "DAYFROM");
  return open >= 0 && d->tok[open].sent == sent;
}

uint32_t hoso__date_at(const hoso__ndoc *d, const hoso__gaz *g, uint32_t i,
                       const hoso__date *ref, hoso__date *out) {
  date_init(out);
  uint32_t j = i, l;
  const char *v;
  int have_unit_day = 0;
  uint32_t sent = i < d->ntok ? d->tok[i].sent : 0;
#define SAME(k) ((k) < d->ntok && d->tok[k].sent == sent)
  if (datew(g, d, j, "WEEKDAY", &l, &v)) {
    j += l;
    if (SAME(j) && (d->tok[j].flags & NT_PUNCT) && d->text[d->tok[j].off] == ',') j++;
  }
  uint32_t dp_len;
  int dp = hoso__gaz_match(g, d, j, GCM(GC_DAYPART), &dp_len);
  if (dp >= 0 && SAME(j)) {
    const hoso__gentry *e = hoso__gaz_entry(g, dp);
    /* part of day + nay/qua/mai */
    if (datew(g, d, j + dp_len, "RELDP", &l, &v) && SAME(j + dp_len)) {
      out->daypart = e->f[2];
      apply_rel(v, ref, out);
      return j + dp_len + l - i;
    }
    out->daypart = e->f[2];
    j += dp_len;
  }
  if (SAME(j) && datew(g, d, j, "REL", &l, &v)) {
    apply_rel(v, ref, out);
    j += l;
    if (!out->daypart && SAME(j)) { /* "hôm qua chiều" is rare; "sáng hôm qua" handled above */
    }
    return j - i;
  }
  if (SAME(j) && datew(g, d, j, "DAY", &l, NULL)) {
    have_unit_day = 1;
    j += l;
  }
  int f[3];
  char sep;
  /* "sáng 22 - 1", "ngày 22 - 1": a day, a spaced dash and a month after a
  ** part of the day or "ngày" (bare "2 - 1" is a score) */
  int dd0, mm0;
  if ((dp >= 0 || have_unit_day) && SAME(j + 2) && tok_int(d, j, &dd0) &&
      d->tok[j].len <= 2 && (d->tok[j + 1].flags & NT_PUNCT) &&
      ((d->tok[j + 1].len == 1 && (d->text[d->tok[j + 1].off] == '-' ||
                                   d->text[d->tok[j + 1].off] == '/')) ||
       (d->tok[j + 1].len == 3 && !memcmp(d->text + d->tok[j + 1].off, "\xe2\x80\x93", 3))) &&
      tok_int(d, j + 2, &mm0) && d->tok[j + 2].len <= 2 &&
      valid_ymd(0, mm0, dd0)) {
    out->day = dd0;
    out->month = mm0;
    infer_year(ref, out);
    return j + 3 - i;
  }
  int nf = SAME(j) && (d->tok[j].flags & NT_NUM) ? split_num(d, j, f, &sep) : 0;
  if (nf >= 2 && (sep == '/' || sep == '-' || sep == '.')) {
    int y = 0, m, dd;
    if (nf == 3 && f[0] > 31) { /* Y-M-D */
      y = f[0]; m = f[1]; dd = f[2];
    } else {
      dd = f[0]; m = f[1];
      if (nf == 3) y = f[2] < 100 ? 2000 + f[2] : f[2];
    }
    if (nf == 2 && sep != '/' && !have_unit_day && dp < 0 && !after_relative(g, d, i) &&
        !after_first_day(g, d, i, dd))
      return 0; /* "2-9": a name */
    if (y && (y < 1800 || y > 2300)) return 0;
    if (!valid_ymd(y, m, dd)) return 0;
    out->day = dd;
    out->month = m;
    out->year = y;
    if (!y) infer_year(ref, out);
    j++;
    int hh, mm;
    if (SAME(j) && (d->tok[j].flags & NT_NUM) && split_num(d, j, f, &sep) == 2 &&
        sep == ':' && f[0] < 24 && f[1] < 60) {
      hh = f[0];
      mm = f[1];
      out->hour = hh;
      out->minute = mm;
      j++;
    }
    return j - i;
  }
  int num;
  if (have_unit_day && tok_int(d, j, &num) && SAME(j)) {
    /* ngày D tháng M [năm Y] */
    uint32_t k = j + 1;
    int m;
    if (num >= 1 && num <= 31 && SAME(k) && datew(g, d, k, "MONTH", &l, NULL) &&
        tok_int(d, k + l, &m) && m >= 1 && m <= 12) {
      out->day = num;
      out->month = m;
      k += l + 1;
      int y;
      if (SAME(k) && datew(g, d, k, "YEAR", &l, NULL) && tok_int(d, k + l, &y) &&
          y >= 1800 && y <= 2300) {
        out->year = y;
        k += l + 1;
      } else {
        infer_year(ref, out);
      }
      if (!valid_ymd(out->year, m, num)) return 0;
      return k - i;
    }
    return 0;
  }
  /* D month-name [Y] (Russian, English) */
  if (tok_int(d, j, &num) && num >= 1 && num <= 31 && SAME(j + 1) &&
      datew(g, d, j + 1, "MON", &l, &v)) {
    out->day = num;
    out->month = atoi(v);
    uint32_t k = j + 1 + l;
    int y;
    if (SAME(k) && tok_int(d, k, &y) && y >= 1800 && y <= 2300) {
      out->year = y;
      k++;
    } else {
      infer_year(ref, out);
    }
    if (!valid_ymd(out->year, out->month, out->day)) return 0;
    return k - i;
  }
  if (SAME(j) && datew(g, d, j, "MONTH", &l, NULL)) {
    uint32_t k = j + l;
    int m, y;
    if (SAME(k) && (d->tok[k].flags & NT_NUM)) {
      int n2 = split_num(d, k, f, &sep);
      if (n2 == 2 && sep == '/' && f[0] >= 1 && f[0] <= 12 && f[1] >= 1800 &&
          f[1] <= 2300) {
        out->month = f[0];
        out->year = f[1];
        return k + 1 - i;
      }
      if (tok_int(d, k, &m) && m >= 1 && m <= 12) {
        out->month = m;
        k++;
        if (SAME(k) && datew(g, d, k, "RELY", &l, &v)) {
          hoso__date r;
          date_init(&r);
          apply_rel(v, ref, &r);
          out->relative = 1;
          out->year = r.year;
          out->determinable = r.determinable;
          return k + l - i;
        }
        if (SAME(k) && datew(g, d, k, "YEAR", &l, NULL) && tok_int(d, k + l, &y) &&
            y >= 1800 && y <= 2300) {
          out->year = y;
          return k + l + 1 - i;
        }
        infer_year(ref, out);
        return k - i;
      }
    }
    return 0;
  }
  if (SAME(j) && datew(g, d, j, "YEAR", &l, NULL)) {
    int y;
    if (SAME(j + l) && tok_int(d, j + l, &y) && y >= 1800 && y <= 2300 &&
        d->tok[j + l].len == 4) {
      out->year = y;
      return j + l + 1 - i;
    }
  }
  return 0;
#undef SAME
}
