/*
** namecheck.c -- is a person a person? (see namecheck.h). A phrase table
** (open addressing over 64-bit hashes of the words' match keys, a value
** byte per slot) and the check of each PER entity of an article.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/namecheck.h"
#include "ner/seqhash.h"
#include "tag/tag.h"
#include "text/text.h"

#define NT_SEED 0x6e616d6563686b31ULL /* "namechk1" */

struct hoso__ntable {
  uint64_t *h;  /* phrase hashes, 0 = empty */
  uint8_t *v;   /* value per slot */
  size_t mask, used;
};

void hoso__ntable_free(hoso__ntable *t) {
  if (!t) return;
  free(t->h);
  free(t->v);
  free(t);
}

size_t hoso__ntable_size(const hoso__ntable *t) { return t ? t->used : 0; }

int hoso__ntable_get(const hoso__ntable *t, const hoso__ndoc *d, uint32_t a,
                     uint32_t b) {
  if (!t || b <= a || b - a > HOSO_NTABLE_MAXTOK || b > d->ntok) return 0;
  uint64_t h = 0;
  for (uint32_t k = a; k < b; k++) {
    size_t n;
    const char *key = hoso__tok_key(d, k, &n);
    h = hoso__seqhash_step(NT_SEED, h, key, n);
  }
  size_t s = hoso__seqhash_find(t->h, t->mask, h);
  return t->h[s] ? t->v[s] : 0;
}

static int type_of(const char *s, size_t n) {
  static const struct { const char *name; int type; } types[] = {
      {"PER", ET_PER}, {"ORG", ET_ORG}, {"LOC", ET_LOC}, {"MISC", ET_MISC},
      {"ROLE", HOSO_NTABLE_ROLE}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strlen(types[i].name) == n && !memcmp(types[i].name, s, n)) return types[i].type;
  return 0;
}

/* Hash of the phrase s[0..n) (words separated by spaces); 0 if it has no
** word or too many. */
static int phrase_hash(const char *s, size_t n, hoso_buf *key, uint64_t *out) {
  uint64_t h = 0;
  int words = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t j = i;
    while (j < n && s[j] != ' ') j++;
    if (j > i) {
      if (++words > HOSO_NTABLE_MAXTOK) return 0;
      hoso__buf_reset(key);
      if (hoso__match_key_append(key, s + i, j - i)) return -1;
      h = hoso__seqhash_step(NT_SEED, h, key->p ? key->p : "", key->n);
    }
    i = j;
  }
  *out = h;
  return words;
}

int hoso__ntable_load(const char *data, size_t n, const char *name,
                      hoso__ntable **out, hoso_error *err) {
  *out = NULL;
  size_t lines = 1;
  for (size_t i = 0; i < n; i++) lines += data[i] == '\n';
  if (lines > HOSO_NTABLE_MAX_ITEMS) {
    hoso__err_file(err, name);
    return hoso__err(err, HOSO_ETOOBIG, "%s: more than %d lines", name, HOSO_NTABLE_MAX_ITEMS);
  }
  size_t slots = 16;
  while (slots < 2 * lines) slots *= 2;
  hoso__ntable *t = calloc(1, sizeof *t);
  if (t) {
    t->h = calloc(slots, sizeof *t->h);
    t->v = calloc(slots, 1);
  }
  if (!t || !t->h || !t->v) {
    hoso__ntable_free(t);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  t->mask = slots - 1;
  hoso_buf key;
  hoso__buf_init(&key, 4096);
  int rc = HOSO_OK;
  size_t line = 0, i = 0;
  while (i < n && !rc) {
    size_t e = i;
    while (e < n && data[e] != '\n') e++;
    line++;
    size_t le = e;
    if (le > i && data[le - 1] == '\r') le--;
    if (le > i && data[i] != '#') {
      const char *tab = memchr(data + i, '\t', le - i);
      size_t pn = tab ? (size_t)(tab - (data + i)) : le - i;
      int value = 1;
      if (tab) {
        const char *v = tab + 1;
        value = type_of(v, (size_t)(data + le - v));
      }
      uint64_t h = 0;
      int words = value ? phrase_hash(data + i, pn, &key, &h) : 0;
      if (words < 0) {
        rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      } else if (!value || !words) {
        hoso__err_file(err, name);
        rc = hoso__err_at(err, HOSO_EFORMAT, i,
                          "%s:%zu (byte %zu): expected a phrase of 1-%d words and "
                          "optionally TAB and PER, ROLE, ORG, LOC or MISC",
                          name, line, i, HOSO_NTABLE_MAXTOK);
      } else {
        size_t s = hoso__seqhash_find(t->h, t->mask, h);
        if (!t->h[s]) {
          t->h[s] = h;
          t->used++;
        }
        t->v[s] = (uint8_t)value;
      }
    }
    i = e + 1;
  }
  hoso__buf_free(&key);
  if (rc) {
    hoso__ntable_free(t);
    return rc;
  }
  *out = t;
  return HOSO_OK;
}

int hoso__ntable_open(const char *path, hoso__ntable **out, hoso_error *err) {
  char *data = NULL;
  size_t n = 0;
  *out = NULL;
  int rc = hoso__read_file(path, 64u << 20, &data, &n, err);
  if (rc) return rc;
  rc = hoso__ntable_load(data, n, path, out, err);
  hoso_free(data);
  return rc;
}

/* ---- the check ------------------------------------------------------------ */

/* A digit anywhere in the span: no one's name ("7Roma", "F16", "QK5"). */
static int has_digit(const hoso__ndoc *d, uint32_t a, uint32_t b) {
  const char *s;
  size_t n;
  hoso__span_text(d, a, b, &s, &n);
  for (size_t i = 0; i < n; i++)
    if (s[i] >= '0' && s[i] <= '9') return 1;
  return 0;
}

/* A capital glued inside a word: after a small letter ("OumaCó",
** "LinhGửi", "PeopleSoft") or two capitals before small letters
** ("BĐiểm", "AFPPaul"). Name prefixes are allowed ("McDonald",
** "MacArthur", "DeLay", "DiCaprio", "LeBron", "VanDyke", "ElBaradei"). */
static int glued_word(const hoso__ndoc *d, uint32_t i) {
  static const char *const prefixes[] = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le",
                                         "Van", "El", "Al"};
  const char *s = d->text + d->tok[i].off;
  size_t n = d->tok[i].len, k = 0;
  /* per part of the word between apostrophes and hyphens ("O'Neil",
  ** "Jong-Il"): letters seen, capitals among them, last letter small */
  int letters = 0, caps = 0, prev_lower = 0;
  while (k < n) {
    size_t len;
    int32_t c = hoso__utf8_decode(s + k, n - k, &len);
    if (!len) break;
    if (c == '\'' || c == '-' || c == 0x2019) {
      letters = caps = prev_lower = 0;
    } else if (c >= 0 && hoso__cclass(c) == HOSO_CC_LETTER) {
      int up = hoso__is_upper(c);
      if (up && prev_lower) {
        int ok = 0;
        for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++)
          if (strlen(prefixes[p]) == k && !memcmp(prefixes[p], s, k)) ok = 1;
        if (!ok) return 1;
      }
      if (!up && caps >= 2 && caps == letters) return 1;
      letters++;
      caps += up;
      prev_lower = !up;
    }
    k += len;
  }
  return 0;
}

/* 1 if the words [a, t) are the end of a longer word or name: a lexicon
** word that begins before a ("đồng hồ", "tai tiếng") or a capitalised
** word just before ("Công đảng"). */
static int ends_longer(const hoso__ndoc *d, const hoso__gaz *g, uint32_t s0, uint32_t a) {
  if (a == s0) return 0;
  if ((d->tok[a - 1].flags & NT_UPPER) && !(d->tok[a - 1].flags & NT_SENT)) return 1;
  for (uint32_t k = a > s0 + 2 ? a - 2 : s0; k < a; k++) {
    uint32_t len;
    if (hoso__gaz_match(g, d, k, GCM(GC_WORD), &len) >= 0 && k + len > a) return 1;
  }
  return 0;
}

/* The head word (1..3 words) that ends right before token t in its
** sentence, written in small letters or as an abbreviation ("CLB", "HLV"):
** its type, 0 if none. */
static int head_before(const hoso__ndoc *d, const hoso__gaz *g, const hoso__ntable *heads,
                       uint32_t t) {
  if (!heads || t == 0) return 0;
  uint32_t s0 = d->sent[d->tok[t].sent].tok0;
  for (uint32_t len = 3; len >= 1; len--) {
    if (t < s0 + len) continue;
    uint32_t a = t - len;
    int lower = 1;
    for (uint32_t k = a; k < t; k++)
      if (!(d->tok[k].flags & NT_WORD) ||
          ((d->tok[k].flags & NT_UPPER) && !(d->tok[k].flags & NT_ALLCAPS)))
        lower = 0;
    if (!lower) continue;
    int v = hoso__ntable_get(heads, d, a, t);
    if (v && !ends_longer(d, g, s0, a)) return v;
  }
  return 0;
}

/* A rank (2) or a title or post (1) from the gazetteers ending right
** before token t, else 0. A rank is a person's; a title may govern a
** country or body ("Thủ tướng Anh"). */
static int title_before(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t) {
  uint32_t s0 = d->sent[d->tok[t].sent].tok0;
  int found = 0;
  for (uint32_t a = t > s0 + 6 ? t - 6 : s0; a < t; a++) {
    uint32_t len;
    int id = hoso__gaz_match(g, d, a, GCM(GC_TITLE) | GCM(GC_RANK), &len);
    if (id >= 0 && a + len == t) {
      if (hoso__gaz_entry(g, id)->cls == GC_RANK) return 2;
      found = 1;
    }
  }
  return found;
}

static int is_surname(const hoso__ndoc *d, const hoso__gaz *g, uint32_t t) {
  uint32_t len;
  return hoso__gaz_match(g, d, t, GCM(GC_SURNAME), &len) >= 0 && len == 1;
}

/* The type the evidence gives entity e (ET_PER: a person after all). */
static int judge(const hoso__ndoc *d, const hoso__gaz *g, const hoso__namecheck *nc,
                 const hoso__entity *e, int ei) {
  const hoso__mention *cm = &d->men[e->first_mention];
  uint32_t a = cm->tok0, b = cm->tok1;
  /* no name has digits or capitals glued inside a word */
  if (has_digit(d, a, b)) return ET_MISC;
  for (uint32_t k = a; k < b; k++)
    if ((d->tok[k].flags & NT_WORD) && glued_word(d, k)) return ET_MISC;
  /* the last word of a body, an event or a product in Latin letters,
  ** even after a post ("Tổng giám đốc Providential Holding"): "Army
  ** Games", "Providential Holding" */
  int tail = b - a >= 2 && !(d->tok[b - 1].flags & NT_VIET)
                 ? hoso__ntable_get(nc->tails, d, b - 1, b)
                 : 0;
  if (tail > ET_PER && tail <= ET_MISC) return tail;
  int person = e->rank_gz >= 0 || e->nposts > 0;
  int votes[HOSO_NTABLE_ROLE + 1] = {0}, nmen = 0;
  for (size_t m = 0; m < d->nmen && !person; m++) {
    if (d->men[m].entity != ei) continue;
    nmen++;
    uint32_t t = d->men[m].tok0;
    int h = head_before(d, g, nc->heads, t), tb = title_before(d, g, t);
    if (h == ET_PER || tb == 2) person = 1;
    else if (tb) votes[HOSO_NTABLE_ROLE]++;
    else if (h > 0 && h <= HOSO_NTABLE_ROLE) votes[h]++;
  }
  /* a head word opening the name itself: "Sân Thành Long", "Dải Gaza",
  ** "Ms Trân"; one word only where it is no name's syllable ("Hồ") */
  int inner = 0;
  for (uint32_t len = 3; len >= 1 && !inner; len--) {
    if (a + len > b) continue;
    int v = hoso__ntable_get(nc->heads, d, a, a + len);
    if (v && len == 1 && v != ET_PER &&
        (is_surname(d, g, a) || hoso__ntable_get(nc->syl, d, a, a + 1)))
      v = 0;
    inner = v;
  }
  if (inner == ET_PER || inner == HOSO_NTABLE_ROLE) person = 1;
  if (person) return ET_PER;
  if (inner) return inner;
  /* a listed country, place or body as a whole: "Hong Kong" */
  uint32_t gl;
  int gz = hoso__gaz_match(g, d, a, GCM(GC_GPE) | GCM(GC_LOC) | GCM(GC_ORG), &gl);
  if (gz >= 0 && a + gl == b) return hoso__gaz_entry(g, gz)->cls == GC_ORG ? ET_ORG : ET_LOC;

  /* the heads before its mentions: one in three at least, and more than
  ** the heads of a person's role ("album Trịnh Công Sơn" once among four
  ** mentions is an album of his songs) */
  int best = 0;
  for (int t = 1; t <= ET_MISC; t++)
    if (t != ET_PER && votes[t] > (best ? votes[best] : 0)) best = t;
  if (best && 3 * votes[best] >= nmen && votes[best] > votes[HOSO_NTABLE_ROLE]) return best;
  /* a name news writes only as a club, a place, a product; not one in
  ** Vietnamese letters, which the streets and schools named after people
  ** share with them ("Nguyễn Sơn"), nor a club or product with a country
  ** in brackets after it ("Roger Federer (Thụy Sĩ)" in a list of results:
  ** the list only says no person's head word was seen before it, a
  ** bracket country is how news gives a player's or a speaker's nation;
  ** a place listed stays one: "Osaka (Nhật)") */
  int bracket = e->country_source && !strcmp(e->country_source, "bracket");
  int listed = b - a <= HOSO_NTABLE_MAXTOK && !(d->tok[a].flags & NT_VIET)
                   ? hoso__ntable_get(nc->nonper, d, a, b)
                   : 0;
  if (bracket && listed != ET_LOC) listed = 0; /* a place has a country too: "Osaka (Nhật)" */
  if (listed > ET_PER && listed <= ET_MISC && !votes[HOSO_NTABLE_ROLE]) return listed;
  /* one all-capital abbreviation in Latin letters: "TT", "FC", "KSKH"
  ** (initials with dots are someone's: "N.T.") */
  if (b - a == 1 && (d->tok[a].flags & NT_ALLCAPS) && !(d->tok[a].flags & NT_VIET) &&
      !memchr(d->text + d->tok[a].off, '.', d->tok[a].len))
    return ET_MISC;
  /* a name in Vietnamese letters opens with a surname or a syllable
  ** Vietnamese names use: not "Gạch Đồng Tâm", "Dệt Thắng Lợi", "Lọ Lem" */
  if (nc->syl && (d->tok[a].flags & NT_VIET) && (d->tok[a].flags & NT_WORD) &&
      !is_surname(d, g, a) && !hoso__ntable_get(nc->syl, d, a, a + 1))
    return ET_MISC;
  return ET_PER;
}

void hoso__ner_check_persons(hoso__ndoc *d, const hoso__gaz *g,
                             const hoso__namecheck *nc) {
  if (!d || !g || !nc) return;
  for (size_t ei = 0; ei < d->nents; ei++) {
    hoso__entity *e = &d->ents[ei];
    if (e->type != ET_PER || e->first_mention < 0 || (size_t)e->first_mention >= d->nmen)
      continue;
    int t = judge(d, g, nc, e, (int)ei);
    if (t == ET_PER) continue;
    if (nc->untag) t = ET_NONE;
    e->type = t;
    e->country[0] = 0;
    e->country_source = NULL;
    for (size_t m = 0; m < d->nmen; m++)
      if (d->men[m].entity == (int)ei) d->men[m].type = t;
  }
}
