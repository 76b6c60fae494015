-- wrk script: stop once this thread has received `limit` responses (wrk -s stop_after.lua -- N).
local limit = 0
local received = 0

function init(args)
  limit = tonumber(args[1]) or 0
end

function response(status, headers, body)
  received = received + 1
  if limit > 0 and received >= limit then
    wrk.thread:stop()
  end
end
