-- person.lua: GET /api/v1/persons/{id} for random persons of 赵县 (130133), where the
-- benchmark account works: the generator puts row i there when i % 5 < 3 (id = i + 1).
-- The Fastify peer is driven with the same script and the same ids.
local c = dofile((os.getenv("YB_BENCH_DIR") or ".") .. "/common.lua")
local n = tonumber(os.getenv("YB_BENCH_PERSONS") or "1000000")
local prefix = os.getenv("YB_BENCH_PREFIX") or "/api/v1/persons/"
setup = c.setup
done = c.done
init = function(args)
  math.randomseed(1000 + (thread_id or 1))
end
request = function()
  local i = math.random(0, math.floor(n / 5) - 1) * 5 + math.random(0, 2)
  return wrk.format("GET", prefix .. (i + 1), c.headers)
end
