-- POST /v1/access for random demo employees: location clock-in and device binding, half each.
-- Usage: TOKEN=<processor token> SUBJECTS=200 wrk -t2 -c64 -d10s -s access.lua http://127.0.0.1:8080
-- With DELAY_MS, each connection waits a random (exponential, that mean) gap before its next request, so
-- requests arrive one at a time as the rush's open model sends them instead of back to back: about
-- connections * 1000 / DELAY_MS requests/s (DELAY_MS=100 with -c300: the rush's ramp, about 3,000/s).
local token = os.getenv("TOKEN")
local subjects = tonumber(os.getenv("SUBJECTS") or "200")
local purposes = {
  '"purpose":"location-clock-in","dataCategories":["precise-location"]',
  '"purpose":"device-binding","dataCategories":["imei"]',
}
local counter = 0

local mean_delay = tonumber(os.getenv("DELAY_MS") or "0")
if mean_delay > 0 then
  delay = function()
    return math.floor(-math.log(1 - math.random()) * mean_delay)
  end
end

request = function()
  counter = counter + 1
  local subject = string.format("E%06d", (counter * 7919) % subjects + 1)
  local body = '{"subjectId":"' .. subject .. '",' .. purposes[counter % 2 + 1] .. '}'
  return wrk.format("POST", "/v1/access",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
  for _, p in pairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%g: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
