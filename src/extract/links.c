/* links.c -- where a link goes: to the page's own site or to another.
**
** The page's site is known by up to HX_SITES_MAX URLs (the one given
** with the page, its <link rel=canonical>, its og:url): a test copy of a
** page served from elsewhere still names its own site in its metadata.
** A link goes to another site when its href is absolute ("https://...",
** "//...") and its host (without "www.", port or case) is none of the
** page's hosts; relative and in-page links stay on the site. Hosts are
** compared whole: "bugzilla.example.org" is not "blog.example.org" (a
** related-stories list links to the site's own host; a bug tracker, a
** shop or a reference is another).
**
** A link to another site that the page does not disown by its rel
** attribute (rel="sponsored", "nofollow", "ugc": paid, affiliate and
** readers' links, as search engines ask sites to mark them) is one the
** article cites: a bug, a paper, a source.
**
** Ownership: hx_sites holds pointers into strings the caller keeps alive
** (the article record's url, attributes of the parsed tree).
*/
#include <string.h>
#include <strings.h>

#include "html.h"

size_t hoso__url_host(const char *url, const char **host) {
  *host = NULL;
  if (!url) return 0;
  while (*url == ' ' || *url == '\t' || *url == '\n') url++;
  const char *p;
  if (url[0] == '/' && url[1] == '/') {
    p = url + 2;
  } else {
    const char *s = strstr(url, "://");
    if (!s) return 0;
    for (const char *q = url; q < s; q++) /* a scheme: letters, digits, + - . */
      if (!((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') && !(*q >= '0' && *q <= '9') &&
          *q != '+' && *q != '-' && *q != '.')
        return 0;
    p = s + 3;
  }
  const char *at = p;
  while (*at && *at != '/' && *at != '?' && *at != '#' && *at != '@') at++;
  if (*at == '@') p = at + 1; /* user:password@host */
  const char *e = p;
  while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#') e++;
  if (e - p > 4 && strncasecmp(p, "www.", 4) == 0) p += 4;
  if (e <= p) return 0;
  *host = p;
  return (size_t)(e - p);
}

void hoso__sites_add(hx_sites *s, const char *url) {
  const char *h;
  size_t n = hoso__url_host(url, &h);
  if (n && hoso__is_home_url(url)) s->home = 1;
  if (!n || s->count == HX_SITES_MAX) return;
  for (int k = 0; k < s->count; k++)
    if (s->n[k] == n && strncasecmp(s->h[k], h, n) == 0) return;
  s->h[s->count] = h;
  s->n[s->count++] = n;
}

int hoso__link_other_site(const hx_sites *s, const char *href) {
  if (s->count == 0) return 0; /* the page's site unknown: nothing to compare */
  const char *h;
  size_t n = hoso__url_host(href, &h);
  if (!n) return 0;
  for (int k = 0; k < s->count; k++)
    if (s->n[k] == n && strncasecmp(s->h[k], h, n) == 0) return 0;
  return 1;
}

int hoso__link_unvouched(const char *rel) {
  static const char *const words[] = {"sponsored", "nofollow", "ugc"};
  if (!rel) return 0;
  const char *p = rel;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    size_t l = 0;
    while (p[l] && p[l] != ' ' && p[l] != '\t' && p[l] != '\n') l++;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
      if (strlen(words[k]) == l && strncasecmp(p, words[k], l) == 0) return 1;
    p += l;
  }
  return 0;
}
