/* day.c -- the two small rules both storage backends must share so they
** answer alike: the day a date string stands for (event days, --from/--to
** filters), and the folded lookup key of a name (person/org dossiers,
** suggestions). One copy here instead of one per backend. */
#include <stdlib.h>

#include "ner/ner.h" /* hoso__days_from_civil */
#include "store/store.h"
#include "text/text.h"

int hoso__store_parse_day(const char *s, int is_end, int64_t *day) {
  int y = 0, m = 0, d = 0, k = 0;
  for (; k < 4; k++) {
    if (s[k] < '0' || s[k] > '9') return -1;
    y = y * 10 + (s[k] - '0');
  }
  if (s[k] == '-' && s[k + 1] >= '0' && s[k + 1] <= '9' && s[k + 2] >= '0' &&
      s[k + 2] <= '9') {
    m = (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
    k += 3;
    if (s[k] == '-' && s[k + 1] >= '0' && s[k + 1] <= '9' && s[k + 2] >= '0' &&
        s[k + 2] <= '9') {
      d = (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
      k += 3;
    }
  }
  if (s[k] != 0 && s[k] != 'T' && s[k] != ' ') return -1;
  if (m > 12 || d > 31 || (m == 0 && d)) return -1;
  if (m == 0) m = is_end ? 12 : 1;
  if (d == 0) {
    if (!is_end) {
      d = 1;
    } else {
      static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      d = mdays[m - 1];
      if (m == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) d = 28;
    }
  }
  *day = hoso__days_from_civil(y, m, d);
  return 0;
}

int hoso__store_fold_key(const char *s, size_t n, char **out) {
  hoso_buf b;
  hoso__buf_init(&b, 4096);
  int rc = hoso__fold_append(&b, s, n);
  if (!rc && !b.p) rc = hoso__buf_addc(&b, 0);
  *out = rc ? NULL : hoso__buf_take(&b);
  hoso__buf_free(&b);
  return rc ? rc : (*out ? HOSO_OK : HOSO_ENOMEM);
}
