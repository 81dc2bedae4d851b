-- queue.lua: one page of the work queue, as the client's queue view asks for it first.
local c = dofile((os.getenv("YB_BENCH_DIR") or ".") .. "/common.lua")
local path = os.getenv("YB_BENCH_PATH") or "/api/v1/cases?limit=50"
setup = c.setup
done = c.done
request = function()
  return wrk.format("GET", path, c.headers)
end
