-- A login storm: POST /auth/login for users storm-0 .. storm-(BENCH_USERS-1), all with the
-- password BENCH_PASSWORD, and a count of the answers by status printed at the end.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  users = tonumber(os.getenv("BENCH_USERS"))
  password = os.getenv("BENCH_PASSWORD")
  next_user = id
  statuses = {}
end

function request()
  next_user = (next_user + 1) % users
  local body = string.format('{"username":"storm-%d","password":"%s"}', next_user, password)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
