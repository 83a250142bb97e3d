-- scripts/bench_http: one GET address again and again, with optional extra headers, counting
-- answers with another status than the expected one. Arguments after "--":
--   expected status, then header lines "Name: value" (a session cookie, If-None-Match).
local threads = {}
local expected = 200
wrong = 0  -- a global: wrk reads it per thread with thread:get

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1]) or 200
  for i = 2, #args do
    local name, value = args[i]:match("^([^:]+):%s*(.*)$")
    if name then wrk.headers[name] = value end
  end
end

function response(status, headers, body)
  if status ~= expected then wrong = wrong + 1 end
end

function done(summary, latency, requests)
  local total_wrong = 0
  for _, thread in ipairs(threads) do total_wrong = total_wrong + (thread:get("wrong") or 0) end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"wrong_status": %d, "socket_errors": %d, "completed": 0, "flow_errors": 0}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, total_wrong,
    e.connect + e.read + e.write + e.timeout))
end
