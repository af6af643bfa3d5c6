-- soak.lua -- wrk script for the soak: good requests (the paths in
-- $WRK_PATHS) mixed one in three with bad ones: unknown routes, path
-- traversal, bad percent-encoding, FTS5 syntax, over-limit parameters,
-- wrong methods, ingest with a wrong or no token, huge headers (431), a
-- declared body over the limit (413), and raw malformed HTTP (bad request
-- lines, versions, chunk sizes, header lines). The server must answer
-- every one with a 2xx/4xx (or close a connection it cannot parse), stay
-- up, and keep its memory flat. done() prints the status classes seen:
-- "soak-statuses 2xx=N 4xx=N 505=N 5xx=N other=N" (505 answers the
-- HTTP/9.9 request line; any other 5xx is a failure).
local good = {}
local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
for line in f:lines() do if #line > 0 then good[#good + 1] = line end end
f:close()
local long = string.rep("a", 3000)
local bad = {
  {"GET", "/api/v1/nope"}, {"GET", "/../../etc/passwd"}, {"GET", "/%2e%2e/%2e%2e/etc/passwd"},
  {"GET", "/..%2f..%2f..%2fetc%2fpasswd"}, {"GET", "/.git/config"}, {"GET", "/app.js%00.html"},
  {"GET", "/api/v1/search?q=%zz"}, {"GET", "/api/v1/search?q=%22unbalanced"},
  {"GET", "/api/v1/search?q=NEAR(a%20b"}, {"GET", "/api/v1/search?q=*%20AND%20OR%20NOT"},
  {"GET", "/api/v1/search?q=a:b%20^c%20(((%20-"}, {"GET", "/api/v1/search?q=col:%22x%22%20NOT%20*"},
  {"GET", "/api/v1/search?q=x&limit=100000"},
  {"GET", "/api/v1/search?q=" .. long}, {"GET", "/api/v1/search?from=2021-99"},
  {"GET", "/api/v1/story/abc"}, {"GET", "/api/v1/story/999999999"}, {"GET", "/api/v1/article/-1"},
  {"GET", "/api/v1/person/" .. long}, {"GET", "/api/v1/suggest"}, {"DELETE", "/health"},
  {"POST", "/api/v1/search", "x"}, {"POST", "/api/v1/ingest", "<html>no token</html>"},
  {"POST", "/api/v1/ingest", "<html>wrong token</html>", {["Authorization"] = "Bearer not-the-token"}},
  {"POST", "/api/v1/ingest", nil, {["Content-Length"] = "999999999999"}},
  {"GET", "/api/v1/search?q=x", nil, {["X-Big"] = string.rep("b", 40000)}},
  {"GET", "/api/v1/timeline?pair=XX-YY"}, {"GET", "/api/v1/export?format=xml"},
}
-- raw bytes, not made by wrk.format
local raw = {
  "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "GET\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
  "POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
  "GET /health HTTP/1.1\r\nHost x no colon\r\n\r\n",
  "GET /\1\2\255 HTTP/1.1\r\nHost: x\r\n\r\n",
}
local i = 0
function init(args) i = math.random(1, 1000) end
function request()
  i = i + 1
  if i % 3 == 0 then
    local k = math.floor(i / 3) % (#bad + #raw) + 1
    if k > #bad then return raw[k - #bad] end
    local b = bad[k]
    return wrk.format(b[1], b[2], b[4], b[3])
  end
  return wrk.format("GET", good[(i % #good) + 1])
end
c2, c4, c505, c5, cx = 0, 0, 0, 0, 0
function response(status, headers, body)
  if status >= 200 and status < 300 then c2 = c2 + 1
  elseif status >= 400 and status < 500 then c4 = c4 + 1
  elseif status == 505 then c505 = c505 + 1
  elseif status >= 500 and status < 600 then c5 = c5 + 1
  else cx = cx + 1 end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local t2, t4, t505, t5, tx = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + (t:get("c2") or 0); t4 = t4 + (t:get("c4") or 0); t505 = t505 + (t:get("c505") or 0)
    t5 = t5 + (t:get("c5") or 0); tx = tx + (t:get("cx") or 0)
  end
  io.write(string.format("soak-statuses 2xx=%d 4xx=%d 505=%d 5xx=%d other=%d\n", t2, t4, t505, t5, tx))
end
