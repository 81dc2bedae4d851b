-- static.lua: GET the URL's path as given on the command line (run-bench uses /healthz,
-- which needs no database): the HTTP ceiling. No request() function, so wrk sends one
-- prepared request over and over and spends as little of the machine as it can.
local c = dofile((os.getenv("YB_BENCH_DIR") or ".") .. "/common.lua")
setup = c.setup
done = c.done
