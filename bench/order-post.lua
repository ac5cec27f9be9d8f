-- wrk script: every request places a new order (an Idempotency-Key no other request of any run uses) for one of the
-- stocked products. Set PRODUCTS to a comma-separated list of product ids, TOKEN to the customer's bearer token, and
-- RUN to something unique per run. Each wrk thread has a Lua state of its own whose math.random starts from the same
-- seed, so keys are numbered per thread instead: equal keys would be replays, not new orders.
local products = {}
for id in string.gmatch(os.getenv("PRODUCTS") or "", "[^,]+") do products[#products + 1] = id end
local authorization = "Bearer " .. (os.getenv("TOKEN") or "")
local threads = {}
local counter = 0
local tag
non_created = 0

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("number", #threads)
end

function init()
  tag = (os.getenv("RUN") or "run") .. "-" .. number
end

request = function()
  counter = counter + 1
  local product = products[(counter % #products) + 1]
  local body = '{"lines":[{"productId":"' .. product .. '","quantity":1}],"paymentToken":"tok_approve"}'
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = authorization,
    ["Idempotency-Key"] = tag .. "-" .. counter,
  }, body)
end

response = function(status)
  if status ~= 201 then non_created = non_created + 1 end
end

-- A replay answers 200, which wrk counts as a success: say how many answers were not new orders.
done = function()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non_created") end
  io.write(string.format("Non-201 responses: %d\n", total))
end
