-- Grants or withdraws promotional-messages for random demo employees, each with its own subject token: the
-- cost of a consent change across many subjects (consent-changes.lua measures one subject's growing history).
-- The tokens come from --demo's <data>/demo-subject-tokens.txt (a line "E000001 <token>" per employee).
-- About a quarter of the answers are a fine 409 (a withdrawal of what is not in force, a grant of what is).
-- Usage: TOKENS=./data/demo-subject-tokens.txt wrk -t1 -c16 -d16s -s consent-changes-many.lua http://127.0.0.1:8080
local subjects, tokens = {}, {}
for line in io.lines(os.getenv("TOKENS") or "./data/demo-subject-tokens.txt") do
  local subject, token = line:match("^(%S+) (%S+)$")
  if subject then
    subjects[#subjects + 1] = subject
    tokens[#tokens + 1] = token
  end
end

request = function()
  local i = math.random(#subjects)
  local headers = { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" }
  if math.random(2) == 1 then
    return wrk.format("POST", "/v1/subjects/" .. subjects[i] .. "/consents", headers,
      '{"purpose":"promotional-messages","policyVersion":"2020-07-20","channel":"android-app"}')
  end
  return wrk.format("POST", "/v1/subjects/" .. subjects[i] .. "/consents/promotional-messages/withdrawal", headers,
    '{"channel":"android-app"}')
end

done = function(summary, latency, requests)
  io.write(string.format("subjects: %d, non-2xx responses (409s included): %d\n", #subjects, summary.errors.status))
  io.write(string.format("p50 %.2f ms p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
