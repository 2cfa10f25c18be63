-- Sets one header on every request from a pool of values, one per line in a file; each
-- wrk thread walks the pool from its own offset, so the pool is shared out, not repeated.
--   BENCH_HEADER_NAME   e.g. Authorization
--   BENCH_HEADER_PREFIX e.g. "Bearer "
--   BENCH_HEADER_FILE   the values
--   BENCH_THREADS       wrk's -t
--   BENCH_PROOF_HEADER  optional, e.g. DPoP: each line is then "<value>TAB<proof>", and the
--                       proof goes into this second header of the same request
local created = 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
end

function init(args)
  local prefix = os.getenv("BENCH_HEADER_PREFIX") or ""
  name = os.getenv("BENCH_HEADER_NAME")
  proof_name = os.getenv("BENCH_PROOF_HEADER")
  if proof_name == "" then
    proof_name = nil
  end
  values = {}
  proofs = {}
  for line in io.lines(os.getenv("BENCH_HEADER_FILE")) do
    if #line > 0 then
      local tab = proof_name and string.find(line, "\t", 1, true)
      if tab then
        values[#values + 1] = prefix .. string.sub(line, 1, tab - 1)
        proofs[#values] = string.sub(line, tab + 1)
      else
        values[#values + 1] = prefix .. line
      end
    end
  end
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  index = math.floor(#values * id / threads)
end

function request()
  index = index + 1
  if index > #values then
    index = 1
  end
  if proofs[index] then
    return wrk.format(nil, nil, { [name] = values[index], [proof_name] = proofs[index] })
  end
  return wrk.format(nil, nil, { [name] = values[index] })
end
