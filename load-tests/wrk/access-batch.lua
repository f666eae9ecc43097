-- POST /v1/access/batch with ITEMS access requests per call (default 100) for random demo employees.
-- Usage: TOKEN=<processor token> SUBJECTS=200 ITEMS=100 wrk -t2 -c16 -d10s -s access-batch.lua http://127.0.0.1:8080
-- Decisions/s = requests/s x ITEMS.
local token = os.getenv("TOKEN")
local subjects = tonumber(os.getenv("SUBJECTS") or "200")
local items = tonumber(os.getenv("ITEMS") or "100")
local purposes = {
  '"purpose":"location-clock-in","dataCategories":["precise-location"]',
  '"purpose":"device-binding","dataCategories":["imei"]',
}
local counter = 0

request = function()
  local parts = {}
  for i = 1, items do
    counter = counter + 1
    local subject = string.format("E%06d", (counter * 7919) % subjects + 1)
    parts[i] = '{"subjectId":"' .. subject .. '",' .. purposes[counter % 2 + 1] .. '}'
  end
  return wrk.format("POST", "/v1/access/batch",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"items":[' .. table.concat(parts, ",") .. ']}')
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
  io.write(string.format("decisions/s: %.0f\n", summary.requests / (summary.duration / 1e6) * items))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%g: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
