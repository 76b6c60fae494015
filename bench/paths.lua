-- wrk script: each request takes the next path of a file, round robin (wrk -s paths.lua -- FILE).
local paths = {}
local next_path = 1

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different places of the list.
  next_path = (math.random(#paths))
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end
