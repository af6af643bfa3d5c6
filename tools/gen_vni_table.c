/* gen_vni_table.c -- writes src/extract/vni_table.inc, the VNI-Windows
** decoding and encoding tables, from the documented data file
** src/extract/vni_windows.txt (see its header for the encoding):
**
**   build/release/tools/gen_vni_table src/extract/vni_windows.txt \
**       > src/extract/vni_table.inc
**
** Nothing is typed by hand: every composed letter is built as base letter
** + marks in canonical order and composed (NFC) with utf8proc, upper case
** comes from utf8proc_toupper, and the bytes VNI leaves to windows-1252
** take their meaning from glibc iconv's CP1252 table. A golden test
** (tests/golden/extract/vni-table-current) regenerates and compares. */
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NBASE 7 /* a e o u y o+ u+ */
#define NMARK 17

static const char *const base_name[NBASE] = {"a", "e", "o", "u", "y", "o+", "u+"};

static int mark_cp(const char *name) {
  static const struct { const char *n; int cp; } m[] = {
      {"circumflex", 0x0302}, {"breve", 0x0306}, {"horn", 0x031B},
      {"grave", 0x0300},      {"acute", 0x0301}, {"hook", 0x0309},
      {"tilde", 0x0303},      {"dot", 0x0323}};
  for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
    if (strcmp(m[i].n, name) == 0) return m[i].cp;
  return -1;
}

/* Compose base letter + marks (a comma list) to one code point. */
static int32_t compose(const char *base, const char *marks, int line) {
  utf8proc_int32_t cps[4];
  int k = 0;
  if (strcmp(base, "o+") == 0 || strcmp(base, "u+") == 0) {
    cps[k++] = base[0];
    cps[k++] = 0x031B;
  } else if (strcmp(base, "d") == 0 && strcmp(marks, "stroke") == 0) {
    return 0x0111; /* đ has no decomposition: it is its own letter */
  } else {
    cps[k++] = (unsigned char)base[0];
  }
  char tmp[64];
  snprintf(tmp, sizeof(tmp), "%s", marks);
  for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    int cp = mark_cp(t);
    if (cp < 0 || k == 4) {
      fprintf(stderr, "line %d: unknown mark %s\n", line, t);
      exit(1);
    }
    cps[k++] = cp;
  }
  utf8proc_uint8_t in[32];
  utf8proc_ssize_t n = 0;
  for (int i = 0; i < k; i++) n += utf8proc_encode_char(cps[i], in + n);
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t m = utf8proc_map(in, n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t used = m > 0 ? utf8proc_iterate(out, m, &cp) : -1;
  free(out);
  if (used != m || cp < 0x80 || cp > 0xFFFF) {
    fprintf(stderr, "line %d: %s + %s does not compose to one letter\n", line, base, marks);
    exit(1);
  }
  return cp;
}

static int base_id(const char *s) {
  for (int i = 0; i < NBASE; i++)
    if (strcmp(base_name[i], s) == 0) return i;
  return -1;
}

typedef struct enc { int32_t cp; unsigned char b1, b2; } enc;

static int enc_cmp(const void *a, const void *b) {
  const enc *x = a, *y = b;
  return x->cp < y->cp ? -1 : x->cp > y->cp;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: gen_vni_table src/extract/vni_windows.txt\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  int32_t single[128];     /* bytes 0x80..0xFF alone */
  int letter[128] = {0};   /* 1 when the byte is a VNI letter */
  unsigned char mark[256] = {0};
  unsigned char base[256] = {0};
  int32_t pair[2][NBASE][NMARK];
  memset(pair, 0, sizeof(pair));
  /* windows-1252 for every byte VNI does not redefine */
  iconv_t cd = iconv_open("UTF-32LE", "CP1252");
  if (cd == (iconv_t)-1) {
    perror("iconv CP1252");
    return 1;
  }
  for (int b = 0x80; b < 0x100; b++) {
    char in = (char)b, outb[8];
    char *ip = &in, *op = outb;
    size_t il = 1, ol = sizeof(outb);
    single[b - 0x80] = b; /* bytes CP1252 leaves undefined: C1 control */
    if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 4)
      single[b - 0x80] = (int32_t)((unsigned char)outb[0] | (unsigned char)outb[1] << 8 |
                                   (unsigned char)outb[2] << 16);
    iconv(cd, NULL, NULL, NULL, NULL);
  }
  iconv_close(cd);
  for (int c = 'a'; c <= 'z'; c++) {
    int id = -1;
    char s[2] = {(char)c, 0};
    if ((id = base_id(s)) >= 0) {
      base[c] = (unsigned char)(id + 1);
      base[c - 32] = (unsigned char)(id + 1) | 0x80;
    }
  }
  char line[256];
  int ln = 0, nmark = 0;
  while (fgets(line, sizeof(line), f)) {
    ln++;
    char *save = NULL;
    char *kw = strtok_r(line, " \t\r\n", &save);
    if (!kw || kw[0] == '#') continue;
    char *hex = strtok_r(NULL, " \t\r\n", &save);
    unsigned long byte = hex ? strtoul(hex, NULL, 16) : 0;
    if (byte < 0xA0 || byte > 0xFF) {
      fprintf(stderr, "%s:%d: byte must be 0xA0..0xFF (lower-case form)\n", argv[1], ln);
      return 1;
    }
    unsigned lo = (unsigned)byte, up = lo - 0x20;
    if (strcmp(kw, "MARK") == 0) {
      char *marks = strtok_r(NULL, " \t\r\n", &save);
      if (!marks || nmark == NMARK) {
        fprintf(stderr, "%s:%d: bad MARK line\n", argv[1], ln);
        return 1;
      }
      int slot = nmark++;
      mark[lo] = mark[up] = (unsigned char)(slot + 1);
      for (char *b = strtok_r(NULL, " \t\r\n", &save); b; b = strtok_r(NULL, " \t\r\n", &save)) {
        int id = base_id(b);
        if (id < 0) {
          fprintf(stderr, "%s:%d: unknown base %s\n", argv[1], ln, b);
          return 1;
        }
        int32_t cp = compose(b, marks, ln);
        pair[0][id][slot] = cp;
        pair[1][id][slot] = utf8proc_toupper(cp);
      }
    } else if (strcmp(kw, "LETTER") == 0) {
      char *b = strtok_r(NULL, " \t\r\n", &save);
      char *marks = strtok_r(NULL, " \t\r\n", &save);
      if (!b || !marks) {
        fprintf(stderr, "%s:%d: bad LETTER line\n", argv[1], ln);
        return 1;
      }
      int32_t cp = compose(b, marks, ln);
      single[lo - 0x80] = cp;
      single[up - 0x80] = utf8proc_toupper(cp);
      letter[lo - 0x80] = letter[up - 0x80] = 1;
      if (strcmp(marks, "horn") == 0) { /* ơ, ư: bases for a tone byte */
        char bn[3] = {b[0], '+', 0};
        int id = base_id(bn);
        base[lo] = (unsigned char)(id + 1);
        base[up] = (unsigned char)(id + 1) | 0x80;
      }
    } else {
      fprintf(stderr, "%s:%d: unknown line kind %s\n", argv[1], ln, kw);
      return 1;
    }
  }
  fclose(f);
  /* encoder: every pair and letter, then the windows-1252 meaning of the
  ** remaining bytes (a letter or pair wins over a plain byte) */
  enc e[2 * NBASE * NMARK + 128];
  size_t ne = 0;
  for (int u = 0; u < 2; u++)
    for (int b = 0; b < NBASE; b++)
      for (int m = 0; m < NMARK; m++) {
        if (!pair[u][b][m]) continue;
        unsigned char b1 = 0;
        for (int c = 0; c < 256 && !b1; c++)
          if (base[c] == ((unsigned char)(b + 1) | (u ? 0x80 : 0))) b1 = (unsigned char)c;
        unsigned char b2 = 0;
        for (int c = 0xE0; c < 256 && !b2; c++)
          if (mark[c] == m + 1) b2 = (unsigned char)(u ? c - 0x20 : c);
        e[ne++] = (enc){pair[u][b][m], b1, b2};
      }
  for (int pass = 0; pass < 2; pass++)
    for (int b = 0x80; b < 0x100; b++)
      if (letter[b - 0x80] == !pass) e[ne++] = (enc){single[b - 0x80], (unsigned char)b, 0};
  qsort(e, ne, sizeof(e[0]), enc_cmp);
  size_t w = 0; /* keep the first of equal code points (stable by pass) */
  for (size_t i = 0; i < ne; i++)
    if (w == 0 || e[w - 1].cp != e[i].cp) e[w++] = e[i];
  ne = w;

  printf("/* vni_table.inc -- GENERATED by tools/gen_vni_table.c from\n"
         "** src/extract/vni_windows.txt (utf8proc %s). Do not edit.\n"
         "** vni_single: bytes 0x80..0xFF alone. vni_base: base letter id 1..%d\n"
         "** (a e o u y o+ u+), | 0x80 for upper case. vni_mark: mark slot 1..%d.\n"
         "** vni_pair[upper][base-1][slot-1]: the composed letter, 0 = no such\n"
         "** pair. vni_enc: code point -> one or two bytes, sorted. */\n",
         utf8proc_version(), NBASE, NMARK);
  printf("#define VNI_NBASE %d\n#define VNI_NMARK %d\n", NBASE, NMARK);
  printf("static const uint16_t vni_single[128] = {");
  for (int i = 0; i < 128; i++) printf("%s0x%04X,", i % 8 ? " " : "\n  ", (unsigned)single[i]);
  printf("\n};\nstatic const unsigned char vni_base[256] = {");
  for (int i = 0; i < 256; i++) printf("%s%u,", i % 16 ? "" : "\n  ", base[i]);
  printf("\n};\nstatic const unsigned char vni_mark[256] = {");
  for (int i = 0; i < 256; i++) printf("%s%u,", i % 16 ? "" : "\n  ", mark[i]);
  printf("\n};\nstatic const uint16_t vni_pair[2][VNI_NBASE][VNI_NMARK] = {");
  for (int u = 0; u < 2; u++) {
    printf("\n  {");
    for (int b = 0; b < NBASE; b++) {
      printf("\n    {");
      for (int m = 0; m < NMARK; m++) printf("%s0x%04X", m ? "," : "", (unsigned)pair[u][b][m]);
      printf("},");
    }
    printf("\n  },");
  }
  printf("\n};\ntypedef struct vni_enc_t { uint16_t cp; unsigned char b1, b2; } vni_enc_t;\n");
  printf("#define VNI_NENC %zu\nstatic const vni_enc_t vni_enc[VNI_NENC] = {", ne);
  for (size_t i = 0; i < ne; i++)
    printf("%s{0x%04X,0x%02X,0x%02X},", i % 4 ? " " : "\n  ", (unsigned)e[i].cp, e[i].b1, e[i].b2);
  printf("\n};\n");
  return 0;
}
