/* static.c -- files of the web page from web/, by a directory fd.
**
** Path traversal: the decoded path is checked segment by segment (no
** "..", no ".", no empty segment, no hidden file, no backslash, no NUL,
** no control byte) and then opened with openat() below the web root with
** openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), so neither "../" nor
** a symlink anywhere on the path can leave web/ (kernels before 5.6: plain
** openat with O_NOFOLLOW after the same checks). Only regular files are
** served. "/" serves index.html. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srv.h"

int srv_static_path_ok(const char *p, size_t n) {
  if (n < 2 || p[0] != '/') return 0;
  size_t seg = 1;
  for (size_t i = 1; i <= n; i++) {
    if (i == n || p[i] == '/') {
      if (i == seg) return 0;      /* "//" or a trailing '/' */
      if (p[seg] == '.') return 0; /* ".", "..", ".hidden" */
      seg = i + 1;
      continue;
    }
    unsigned char c = (unsigned char)p[i];
    if (c == 0 || c == '\\' || c < 0x20 || c == 0x7f) return 0;
  }
  return 1;
}

static int ends_with(const char *s, size_t n, const char *suf) {
  size_t k = strlen(suf);
  return n >= k && !strncasecmp(s + n - k, suf, k);
}

const char *srv_content_type(const char *name, size_t n) {
  static const struct { const char *ext, *type; } types[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
    if (ends_with(name, n, types[i].ext)) return types[i].type;
  return "application/octet-stream";
}

static int open_beneath(int dirfd, const char *rel) {
  struct open_how how;
  memset(&how, 0, sizeof(how));
  how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
  if (fd < 0 && errno == ENOSYS)
    fd = openat(dirfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  return (int)fd;
}

int srv_static(srv_ctx *ctx, const srv_req *req, srv_resp *resp) {
  if (ctx->web_fd < 0)
    return srv_resp_error(resp, 404, "no web directory configured");
  if (req->method != SRV_GET && req->method != SRV_HEAD)
    return srv_resp_error(resp, 405, "method not allowed");
  const char *path = req->path;
  size_t n = req->path_n;
  if (n == 1 && path[0] == '/') {
    path = "/index.html";
    n = strlen(path);
  }
  if (!srv_static_path_ok(path, n))
    return srv_resp_error(resp, 404, "no such file");
  int fd = open_beneath(ctx->web_fd, path + 1);
  if (fd < 0) return srv_resp_error(resp, 404, "no such file");
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return srv_resp_error(resp, 404, "no such file");
  }
  resp->status = 200;
  resp->fd = fd;
  resp->fd_size = (uint64_t)st.st_size;
  resp->ctype = srv_content_type(path, n);
  /* The page is small and changes with the binary: revalidate always. */
  resp->cache = "no-cache";
  return 0;
}
