/* auth.c -- the write token: "Authorization: Bearer <token>", compared in
** constant time (the time taken depends on the server token's length
** only, never on where the first wrong byte is). */
#include <string.h>
#include <strings.h>

#include "srv.h"

int srv_auth_ok(const srv_ctx *ctx, const char *header) {
  if (!ctx->token || ctx->token_n == 0 || !header) return 0;
  if (strncasecmp(header, "Bearer ", 7) != 0) return 0;
  const unsigned char *given = (const unsigned char *)header + 7;
  size_t gn = strlen((const char *)given);
  const unsigned char *want = (const unsigned char *)ctx->token;
  size_t wn = ctx->token_n;
  /* Walk the whole server token whatever was given; a length mismatch is
  ** folded into the same accumulator instead of returning early. */
  volatile unsigned char diff = (unsigned char)(gn != wn);
  for (size_t i = 0; i < wn; i++) {
    unsigned char g = gn ? given[i < gn ? i : 0] : 0;
    diff |= (unsigned char)(g ^ want[i]);
  }
  return diff == 0;
}
