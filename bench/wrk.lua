-- wrk script for the benchmark: the method and body come from the environment,
-- and `done` prints one machine-readable line with the median and p95 latency.
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
wrk.method = method
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT %d %d %d %d %d %d %d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
