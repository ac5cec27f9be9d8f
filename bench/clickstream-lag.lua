-- Redis script (redis-cli --eval clickstream-lag.lua STREAM , GROUP): how far GROUP is behind STREAM, read atomically,
-- as the service's ClickstreamLag reads it. Returns "<now ms> <entries waiting> <age in ms of the oldest, 0 if none>
-- <entries added to the stream ever>": entries waiting are the pending ones plus those not yet delivered; the oldest is
-- the oldest pending entry, else the first one after the group's last-delivered id. An entry id's first part is Redis's
-- clock when it was added.
local function map(flat)
  local fields = {}
  for i = 1, #flat, 2 do fields[flat[i]] = flat[i + 1] end
  return fields
end

local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)
local group
for _, flat in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local info = map(flat)
  if info.name == ARGV[1] then group = info end
end
local oldest
if group.pending > 0 then
  oldest = redis.call('XPENDING', KEYS[1], ARGV[1])[2]
else
  local next = redis.call('XRANGE', KEYS[1], '(' .. group['last-delivered-id'], '+', 'COUNT', 1)[1]
  oldest = next and next[1]
end
local age = oldest and now - tonumber(string.match(oldest, '^%d+')) or 0
local added = map(redis.call('XINFO', 'STREAM', KEYS[1]))['entries-added']
-- The group's lag is nil only when entries were deleted with XDEL, which nothing does to the clickstream.
return now .. ' ' .. (group.pending + group.lag) .. ' ' .. age .. ' ' .. added
