-- paths.lua -- wrk script: GET each line of the file named by $WRK_PATHS
-- in turn (each connection starts at a different line).
local paths = {}
local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
for line in f:lines() do if #line > 0 then paths[#paths + 1] = line end end
f:close()
assert(#paths > 0, "no paths in " .. os.getenv("WRK_PATHS"))
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7) end
local i = 0
function init(args) i = tonumber(offset) or 0 end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
