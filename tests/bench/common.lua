-- common.lua: what every wrk script of the benchmark shares (loaded with dofile from the
-- directory in YB_BENCH_DIR): the bearer token, a seeded random generator per thread,
-- and one JSON line of results on stdout when the run is done.
local M = {}

M.token = os.getenv("YB_BENCH_TOKEN")
M.headers = { ["Authorization"] = M.token and ("Bearer " .. M.token) or nil }

-- wrk calls setup() once per thread in the main interpreter; give each thread an id.
local threads = {}
local counter = 0
function M.setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

-- Results as one line of JSON, so run-bench needs no parsing of wrk's table.
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local non2xx = e.status
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.timeout, non2xx))
end

return M
