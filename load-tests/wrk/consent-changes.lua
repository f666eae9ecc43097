-- POST grant and withdrawal of promotional-messages for E000001, alternately: the cost of a consent change as
-- its subject's history grows. Usage: TOKEN=<SUBJECT_TOKEN> wrk -t1 -c1 -d20s -s consent-changes.lua http://127.0.0.1:8080
local token = os.getenv("TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  if counter % 2 == 1 then
    return wrk.format("POST", "/v1/subjects/E000001/consents",
      { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
      '{"purpose":"promotional-messages","policyVersion":"2020-07-20","channel":"android-app"}')
  end
  return wrk.format("POST", "/v1/subjects/E000001/consents/promotional-messages/withdrawal",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, '{"channel":"android-app"}')
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
  io.write(string.format("p50 %.2f ms p99 %.2f ms\n", latency:percentile(50)/1000, latency:percentile(99)/1000))
end
