-- wrk script: every request posts a batch of BATCH (default 100) new clickstream events, the same mix as
-- event_load.py: 70% product-viewed, 20% added-to-cart, 10% searched, over 1000 products and 100000 anonymous sessions.
-- done() prints one line for the benchmark script:
--   "accepted <events> <seconds> <p50 ms> <p99 ms> <non-2xx> <of which 503> <socket errors>".
local batch = tonumber(os.getenv("BATCH") or "100")
local random = math.random

-- Each thread has its own Lua state, and LuaJIT seeds every state alike: without this the threads (and the runs)
-- would send the same event ids, which the processor counts once.
local urandom = io.open("/dev/urandom", "rb")
local b1, b2, b3, b4 = urandom:read(4):byte(1, 4)
urandom:close()
math.randomseed(((b1 * 256 + b2) * 256 + b3) * 256 + b4)

local function uuid()
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x", random(0, 0xffff), random(0, 0xffff), random(0, 0xffff),
    random(0, 0xfff), random(0x8000, 0xbfff), random(0, 0xffff), random(0, 0xffff), random(0, 0xffff))
end

-- Product k has a fixed id, the same in event_load.py.
local function product()
  return string.format("7c9e6679-7425-40de-944b-%012x", random(1, 1000))
end

local pages = { "home", "category", "search", "recommendations" }
local queries = { "red shoes", "running jacket", "wireless headphones", "coffee grinder", "desk lamp" }

-- Every visitor is anonymous: the endpoint refuses an event that names a user unless it comes with that user's token
-- (so one user per batch), and the batches here mix 100000 sessions.
local function visitor()
  return '"sessionId":"s-' .. random(1, 100000) .. '"'
end

local function event(now)
  local head = '{"id":"' .. uuid() .. '",' .. visitor() .. ',"occurredAt":"' .. now .. '",'
  local draw = random()
  if draw < 0.7 then
    return head .. '"type":"product-viewed","productId":"' .. product() .. '","properties":{"page":"' .. pages[random(#pages)] .. '"}}'
  elseif draw < 0.9 then
    return head .. '"type":"added-to-cart","productId":"' .. product() .. '","quantity":' .. random(1, 3) .. '}'
  end
  return head .. '"type":"searched","query":"' .. queries[random(#queries)] .. '"}'
end

request = function()
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local events = {}
  for i = 1, batch do events[i] = event(now) end
  return wrk.format("POST", "/api/v1/events", { ["Content-Type"] = "application/json" },
    '{"events":[' .. table.concat(events, ",") .. ']}')
end

-- 503: the processor is behind and the endpoint pushes back. Counted per thread, summed in done().
refused = 0
response = function(status)
  if status == 503 then refused = refused + 1 end
end

local threads = {}
setup = function(thread) threads[#threads + 1] = thread end

done = function(summary, latency)
  local errors, all_refused = summary.errors, 0
  for _, thread in ipairs(threads) do all_refused = all_refused + thread:get("refused") end
  io.write(string.format("accepted %d %.3f %.2f %.2f %d %d %d\n", (summary.requests - errors.status) * batch, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors.status, all_refused,
    errors.connect + errors.read + errors.write + errors.timeout))
end
