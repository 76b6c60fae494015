-- POSTs the JSON file named by the first script argument with every request, and counts
-- answers that are not 200 so that a run of errors cannot pass for throughput.
-- Usage: wrk -s bench/post_body.lua URL -- path/to/body.json
local bad = 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", bad))
end
