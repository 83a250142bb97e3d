-- scripts/bench_http: families filling in the survey, one family at a time per connection
-- (run with as many threads as connections). Each opens the link, presses start, answers
-- every page and reads the thank-you page, then the next family begins with no cookies and
-- another address (X-Forwarded-For, the rate limit stays on); the first families leave early,
-- staggered (see response). Arguments after "--":
--   the collection point's code, then one form body per page.
local threads = {}
-- Globals, not locals: wrk reads them per thread with thread:get, setup sets thread_number.
code, pages, thread_number = "", {}, 0
local state, family = 0, 0
local cookies, token = {}, ""
wrong, completed = 0, 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

function init(args)
  code = args[1]
  for i = 2, #args do table.insert(pages, args[i]) end
end

local function cookie_header()
  local parts = {}
  for name, value in pairs(cookies) do table.insert(parts, name .. "=" .. value) end
  return table.concat(parts, "; ")
end

local function address()
  local n = thread_number * 100000 + family
  return string.format(
    "10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

function request()
  local headers = { ["X-Forwarded-For"] = address(), ["Cookie"] = cookie_header() }
  local start = "/s/" .. code .. "/"
  if state == 0 then
    return wrk.format("GET", start, headers)
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrfmiddlewaretoken=" .. token
  if state == 1 then
    return wrk.format("POST", start, headers, body)
  elseif state <= #pages + 1 then
    return wrk.format("POST", start .. (state - 1) .. "/", headers, body .. "&" .. pages[state - 1])
  end
  return wrk.format("GET", start .. "danke/", headers)
end

local function next_family()
  state, cookies, token, family = 0, {}, "", family + 1
end

function response(status, headers, body)
  local set_cookie = headers["Set-Cookie"]
  if set_cookie then
    local name, value = set_cookie:match("^([^=]+)=([^;]*)")
    if name then cookies[name] = (value ~= "" and value ~= '""') and value or nil end
  end
  local want = (state == 0 or state == #pages + 2) and 200 or 302
  if status ~= want then
    wrong = wrong + 1
    next_family()
    return
  end
  if state == 0 then
    token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"') or ""
  elseif state == #pages + 1 then
    local location = headers["Location"] or ""
    if not location:find("/danke/", 1, true) then
      wrong = wrong + 1
      next_family()
      return
    end
    completed = completed + 1
  end
  state = state + 1
  -- Staggered: the first family of connection n leaves after n mod (pages + 3) requests (as
  -- families who open the link and go), so the connections are spread over the form's steps.
  -- Without it every connection sends at the same moment, one wave per step (all 200 sends
  -- queue together), which measures the wave, not families at different pages.
  if state > #pages + 2 or (family == 0 and state == thread_number % (#pages + 3)) then
    next_family()
  end
end

function done(summary, latency, requests)
  local total_wrong, total_completed = 0, 0
  for _, thread in ipairs(threads) do
    total_wrong = total_wrong + (thread:get("wrong") or 0)
    total_completed = total_completed + (thread:get("completed") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"wrong_status": %d, "socket_errors": %d, "completed": %d, "flow_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, total_wrong,
    e.connect + e.read + e.write + e.timeout, total_completed, total_wrong))
end
