-- wrk script: GET a page as a logged-in user (staff pages).
local sid = os.getenv("BENCH_SESSION_ID")
request = function()
  return wrk.format("GET", nil, {["Cookie"] = "sessionid=" .. sid})
end
