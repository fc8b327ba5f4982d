-- wrk script: GET a page as a logged-in user (BENCH_SESSION_ID).
local sid = os.getenv("BENCH_SESSION_ID")
request = function()
  return wrk.format("GET", nil, {["Cookie"] = "sessionid=" .. sid})
end
