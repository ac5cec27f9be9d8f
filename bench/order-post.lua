-- wrk script: every request places a new order (a fresh Idempotency-Key) for one of the stocked products.
-- Set PRODUCTS to a comma-separated list of product ids, and TOKEN to the customer's bearer token.
local products = {}
for id in string.gmatch(os.getenv("PRODUCTS") or "", "[^,]+") do products[#products + 1] = id end
local authorization = "Bearer " .. (os.getenv("TOKEN") or "")
local counter = 0
local thread_tag = tostring(math.random(1, 1e9))

request = function()
  counter = counter + 1
  local product = products[(counter % #products) + 1]
  local body = '{"lines":[{"productId":"' .. product .. '","quantity":1}],"paymentToken":"tok_approve"}'
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = authorization,
    ["Idempotency-Key"] = thread_tag .. "-" .. counter,
  }, body)
end

local non_created = 0
response = function(status)
  if status ~= 201 then non_created = non_created + 1 end
end
