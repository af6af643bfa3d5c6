/* countries.c -- which countries an event names, for the timeline's
** country-pair filter (GET /api/v1/timeline?pair=VN-RU).
**
** An event's countries are the country names found, as whole words, in
** its place, summary, and its participants' names and posts ("Thứ trưởng
** Bộ Quốc phòng Việt Nam"). Texts and names are compared by their
** Vietnamese matching key (hoso__key_append: NFC, lower case, canonical
** tone position), so "VIỆT NAM" and "Việt Nam" are the same. The table is
** the one the web page shows in its pair menu (web/i18n.js, COUNTRIES);
** "Mỹ Tho" is a town, not the United States. */
#include <string.h>

#include "srv.h"
#include "text/text.h"

typedef struct country_name {
  const char *name; /* as people write it; keyed before comparing */
  char code[3];
} country_name;

static const country_name NAMES[] = {
    {"việt nam", "VN"}, {"vietnam", "VN"}, {"вьетнам", "VN"}, {"вьетнама", "VN"},
    {"nga", "RU"}, {"liên bang nga", "RU"}, {"russia", "RU"}, {"россия", "RU"},
    {"россии", "RU"}, {"российской федерации", "RU"},
    {"trung quốc", "CN"}, {"china", "CN"}, {"китай", "CN"}, {"китая", "CN"},
    {"hoa kỳ", "US"}, {"mỹ", "US"}, {"united states", "US"}, {"сша", "US"},
    {"lào", "LA"}, {"laos", "LA"}, {"лаос", "LA"},
    {"campuchia", "KH"}, {"cambodia", "KH"}, {"камбоджа", "KH"},
    {"ấn độ", "IN"}, {"india", "IN"}, {"индия", "IN"},
    {"nhật bản", "JP"}, {"nhật", "JP"}, {"japan", "JP"}, {"япония", "JP"},
    {"hàn quốc", "KR"}, {"south korea", "KR"},
    {"pháp", "FR"}, {"france", "FR"}, {"франция", "FR"},
    {"belarus", "BY"}, {"беларусь", "BY"}, {"cuba", "CU"}, {"куба", "CU"},
    {"thái lan", "TH"}, {"thailand", "TH"}, {"indonesia", "ID"},
    {"philippines", "PH"}, {"singapore", "SG"}, {"malaysia", "MY"},
    {"australia", "AU"}, {"úc", "AU"}, {"anh", "GB"}, {"united kingdom", "GB"},
    {"đức", "DE"}, {"germany", "DE"}, {"israel", "IL"}, {"palestine", "PS"},
    {"ai cập", "EG"},
};
#define N_NAMES (sizeof(NAMES) / sizeof(NAMES[0]))

int srv_country_known(const char *code) {
  for (size_t i = 0; i < N_NAMES; i++)
    if (!strcmp(NAMES[i].code, code)) return 1;
  return 0;
}

/* A letter or digit byte: ASCII alphanumerics and every byte of a
** multi-byte character (the country names' neighbours that are not
** ASCII punctuation or space count as letters: whole words only). */
static int wordy(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c >= 0x80;
}

int srv_countries_add(const char *text, size_t n, srv_country_set *set) {
  if (!text || !n) return HOSO_OK;
  hoso_buf t, k;
  hoso__buf_init(&t, 0);
  hoso__buf_init(&k, 0);
  int rc = hoso__key_append(&t, text, n);
  for (size_t i = 0; i < N_NAMES && !rc; i++) {
    hoso__buf_reset(&k);
    rc = hoso__key_append(&k, NAMES[i].name, strlen(NAMES[i].name));
    if (rc || !k.n || !t.n) continue;
    for (const char *p = t.p; (p = memmem(p, t.n - (size_t)(p - t.p), k.p, k.n)); p++) {
      size_t at = (size_t)(p - t.p), end = at + k.n;
      if (at > 0 && wordy((unsigned char)t.p[at - 1])) continue;
      if (end < t.n && wordy((unsigned char)t.p[end])) continue;
      if (!strcmp(NAMES[i].code, "US") && !strcmp(NAMES[i].name, "mỹ") &&
          t.n - end >= 4 && !memcmp(t.p + end, " tho", 4) &&
          (t.n - end == 4 || !wordy((unsigned char)t.p[end + 4])))
        continue; /* Mỹ Tho */
      int have = 0;
      for (size_t c = 0; c < set->n; c++) have |= !strcmp(set->code[c], NAMES[i].code);
      if (!have && set->n < SRV_MAX_COUNTRIES) memcpy(set->code[set->n++], NAMES[i].code, 3);
      break;
    }
  }
  hoso__buf_free(&t);
  hoso__buf_free(&k);
  return rc;
}

int srv_countries_has(const srv_country_set *set, const char *code) {
  for (size_t c = 0; c < set->n; c++)
    if (!strcmp(set->code[c], code)) return 1;
  return 0;
}
