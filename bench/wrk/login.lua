-- A login storm: POST /auth/login for users storm-0 .. storm-(BENCH_USERS-1), all with the
-- password BENCH_PASSWORD, and a count of the answers by status printed at the end. Each
-- connection is a user who waits BENCH_THINK_MS (0: none) after an answer before logging in
-- again: without it, every fast refusal (429, 503) is followed at once by the next attempt, and
-- the "storm" becomes a flood as fast as the gateway can refuse, which is a denial-of-service
-- test, not a login storm.
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
  think = tonumber(os.getenv("BENCH_THINK_MS") or "0")
end

function delay()
  return think
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
