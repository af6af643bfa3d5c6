/*
** vi_newstext.c -- build the benchmark text for `make bench` (bench-vi):
** the "text" field of the VNTC news corpus (../shared/data/news/
** vntc.jsonl.gz, one JSON object a line), JSON-unescaped, one article
** after another (each ends with a newline), in corpus order, until at
** least MIN_MB megabytes (10^6 bytes) are written.
**
**   vi_newstext VNTC_JSONL_GZ OUT MIN_MB
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void put_cp(FILE *o, unsigned cp, size_t *w) {
  char b[4];
  size_t n;
  if (cp < 0x80) b[0] = (char)cp, n = 1;
  else if (cp < 0x800) b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 63)), n = 2;
  else if (cp < 0x10000)
    b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 63)),
    b[2] = (char)(0x80 | (cp & 63)), n = 3;
  else
    b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 63)),
    b[2] = (char)(0x80 | ((cp >> 6) & 63)), b[3] = (char)(0x80 | (cp & 63)), n = 4;
  fwrite(b, 1, n, o);
  *w += n;
}

/* Write the JSON string starting after the opening quote at p; returns
** bytes written. Stops at the closing quote. */
static size_t unescape(const char *p, const char *end, FILE *o) {
  size_t w = 0;
  while (p < end && *p != '"') {
    if (*p != '\\') {
      const char *q = p;
      while (q < end && *q != '"' && *q != '\\') q++;
      fwrite(p, 1, (size_t)(q - p), o);
      w += (size_t)(q - p);
      p = q;
      continue;
    }
    if (p + 1 >= end) break;
    char c = p[1];
    p += 2;
    switch (c) {
      case 'n': fputc('\n', o), w++; break;
      case 't': fputc('\t', o), w++; break;
      case 'r': break; /* CRLF in the corpus: keep LF only */
      case 'b': case 'f': fputc(' ', o), w++; break;
      case 'u': {
        unsigned cp = 0;
        for (int i = 0; i < 4 && p < end; i++, p++) cp = cp * 16 + (unsigned)(hexval(*p) < 0 ? 0 : hexval(*p));
        if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= end && p[0] == '\\' && p[1] == 'u') {
          unsigned lo = 0;
          for (int i = 2; i < 6; i++) lo = lo * 16 + (unsigned)(hexval(p[i]) < 0 ? 0 : hexval(p[i]));
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        put_cp(o, cp, &w);
        break;
      }
      default: fputc(c, o), w++; break;
    }
  }
  return w;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: vi_newstext VNTC_JSONL_GZ OUT MIN_MB\n");
    return 2;
  }
  gzFile g = gzopen(argv[1], "rb");
  if (!g) {
    fprintf(stderr, "vi_newstext: cannot open %s\n", argv[1]);
    return 2;
  }
  FILE *o = fopen(argv[2], "wb");
  if (!o) {
    fprintf(stderr, "vi_newstext: cannot write %s\n", argv[2]);
    return 2;
  }
  double want = atof(argv[3]) * 1e6;
  size_t cap = 1 << 20, total = 0;
  char *line = malloc(cap);
  if (!line) return 2;
  while ((double)total < want) {
    size_t n = 0;
    int c;
    while ((c = gzgetc(g)) != -1 && c != '\n') {
      if (n + 1 >= cap) {
        char *q = realloc(line, cap *= 2);
        if (!q) return 2;
        line = q;
      }
      line[n++] = (char)c;
    }
    if (n == 0 && c == -1) break;
    line[n] = 0;
    const char *k = strstr(line, "\"text\"");
    if (k) {
      k += 6;
      while (*k == ' ' || *k == ':') k++;
      if (*k == '"') {
        total += unescape(k + 1, line + n, o);
        fputc('\n', o);
        total++;
      }
    }
    if (c == -1) break;
  }
  free(line);
  gzclose(g);
  if (fclose(o)) return 2;
  if ((double)total < want) {
    fprintf(stderr, "vi_newstext: only %zu bytes of text in %s\n", total, argv[1]);
    return 1;
  }
  fprintf(stderr, "vi_newstext: %zu bytes -> %s\n", total, argv[2]);
  return 0;
}
