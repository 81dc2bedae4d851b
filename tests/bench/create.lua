-- create.lua: POST /api/v1/cases, a 城乡居民参保登记 (5-3) for a random registered person,
-- each request with its own Idempotency-Key. The persons come from YB_BENCH_PARTIES, a
-- Lua file run-bench writes from the database: return { {id_number, name, phone}, ... }.
local c = dofile((os.getenv("YB_BENCH_DIR") or ".") .. "/common.lua")
local parties = dofile(os.getenv("YB_BENCH_PARTIES"))
local item = os.getenv("YB_BENCH_ITEM") or "5-3"
local run = os.getenv("YB_BENCH_RUN") or tostring(os.time())
local n = 0
setup = c.setup
done = c.done
init = function(args)
  math.randomseed(3000 + (thread_id or 1))
end
request = function()
  n = n + 1
  local p = parties[math.random(#parties)]
  local body = string.format('{"item":"%s","party":{"kind":"person","name":"%s","id_number":"%s","phone":"%s"}}',
                             item, p[2], p[1], p[3])
  local headers = {
    ["Authorization"] = c.headers["Authorization"],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, thread_id or 1, n),
  }
  return wrk.format("POST", "/api/v1/cases", headers, body)
end
