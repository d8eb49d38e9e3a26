-- The load of bench/run-http.sh, one script for the three targets so that wrk does the same work for each:
-- a request() and a response() call per request, and the same result line at the end.
--
--   wrk -t2 -c16 -d10s -s bench/http/load.lua URL -- MODE EXPECT [FILE COOKIE CSRF RUN]
--
-- MODE     hello: GET /; read: GET /api/v1/cases/{id} for the ids in FILE; write: POST
--          /api/v1/quota-applications with the IINs in FILE, a fresh Idempotency-Key per request
-- EXPECT   the status every answer must have (anything else is counted as bad)
-- FILE     one case id (read) or IIN (write) a line
-- COOKIE   the session cookie (qonys_session=...); CSRF its anti-CSRF token (write)
-- RUN      a run id, part of every Idempotency-Key (so that runs never replay each other's keys)
--
-- done() prints one line the script parses:
--   RESULT requests=N seconds=S rps=R p50_us=.. p90_us=.. p99_us=.. max_us=.. bad=N socket_errors=N first_bad=STATUS

local threads = {}
local counter = 0

function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local function lines(path)
   local out = {}
   for line in io.lines(path) do
      if line ~= "" then
         table.insert(out, line)
      end
   end
   return out
end

function init(args)
   mode = args[1]
   expect = tonumber(args[2])
   bad = 0
   first_bad = 0
   n = 0
   if mode == "hello" then
      items = { "" }
   else
      items = lines(args[3])
      wrk.headers["Cookie"] = args[4]
   end
   if #items == 0 then
      error("no items in " .. tostring(args[3]))
   end
   if mode == "write" then
      csrf = args[5]
      run = args[6]
   end
   -- threads start at different places of the list
   n = (tid * 7919) % #items
end

function request()
   n = n + 1
   local item = items[(n % #items) + 1]
   if mode == "hello" then
      return wrk.format("GET", "/")
   elseif mode == "read" then
      return wrk.format("GET", "/api/v1/cases/" .. item)
   else
      -- wrk.format takes these headers instead of wrk.headers, so they are all here
      local headers = {
         ["Cookie"] = wrk.headers["Cookie"],
         ["Content-Type"] = "application/json",
         ["x-csrf-token"] = csrf,
         ["Idempotency-Key"] = string.format("http-%s-%d-%d", run, tid, n),
      }
      local body = string.format(
         '{"iin":"%s","category":"resettler","territory":"550000000","channel":"state_corporation"}', item)
      return wrk.format("POST", "/api/v1/quota-applications", headers, body)
   end
end

function response(status, headers, body)
   if status ~= expect then
      bad = bad + 1
      if first_bad == 0 then
         first_bad = status
      end
   end
end

function done(summary, latency, requests)
   local bad_total, first = 0, 0
   for _, t in ipairs(threads) do
      bad_total = bad_total + t:get("bad")
      if first == 0 then
         first = t:get("first_bad")
      end
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d bad=%d socket_errors=%d first_bad=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      bad_total, e.connect + e.read + e.write + e.timeout, first))
end
