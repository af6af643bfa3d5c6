-- soak.lua -- wrk script for the soak: good requests (the paths in
-- $WRK_PATHS) mixed one in three with bad ones: unknown routes, path
-- traversal, bad percent-encoding, FTS5 syntax, over-limit parameters,
-- wrong methods, ingest without a token, huge headers. The server must
-- answer every one (4xx), stay up, and keep its memory flat.
local good = {}
local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
for line in f:lines() do if #line > 0 then good[#good + 1] = line end end
f:close()
local long = string.rep("a", 3000)
local bad = {
  {"GET", "/api/v1/nope"}, {"GET", "/../../etc/passwd"}, {"GET", "/%2e%2e/%2e%2e/etc/passwd"},
  {"GET", "/api/v1/search?q=%zz"}, {"GET", "/api/v1/search?q=%22unbalanced"},
  {"GET", "/api/v1/search?q=NEAR(a%20b"}, {"GET", "/api/v1/search?q=*%20AND%20OR%20NOT"},
  {"GET", "/api/v1/search?q=a:b%20^c%20(((%20-"}, {"GET", "/api/v1/search?q=x&limit=100000"},
  {"GET", "/api/v1/search?q=" .. long}, {"GET", "/api/v1/search?from=2021-99"},
  {"GET", "/api/v1/story/abc"}, {"GET", "/api/v1/story/999999999"}, {"GET", "/api/v1/article/-1"},
  {"GET", "/api/v1/person/" .. long}, {"GET", "/api/v1/suggest"}, {"DELETE", "/health"},
  {"POST", "/api/v1/search", "x"}, {"POST", "/api/v1/ingest", "<html>no token</html>"},
  {"GET", "/api/v1/search?q=x", nil, {["X-Big"] = string.rep("b", 40000)}},
}
local i = 0
function init(args) i = math.random(1, 1000) end
function request()
  i = i + 1
  if i % 3 == 0 then
    local b = bad[math.floor(i / 3) % #bad + 1]
    return wrk.format(b[1], b[2], b[4], b[3])
  end
  return wrk.format("GET", good[(i % #good) + 1])
end
