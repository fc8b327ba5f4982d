-- wrk script: logged-in users support random ideas (POST with CSRF).
-- BENCH_SESSIONS: file with "<sessionid> <csrftoken>" lines
-- BENCH_IDEA_FILE: file with one idea id a line (ideas anyone may see), or
-- BENCH_IDEA_MIN / BENCH_IDEA_MAX: range of idea ids; BENCH_SUPPORT_PATH: "/ideas/%d/support/"
local sessions = {}
local ideas = {}
local idea_min, idea_max, path_fmt

init = function(args)
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local sid, csrf = line:match("^(%S+)%s+(%S+)$")
    if sid then table.insert(sessions, {sid, csrf}) end
  end
  local idea_file = os.getenv("BENCH_IDEA_FILE")
  if idea_file then
    for line in io.lines(idea_file) do
      local id = tonumber(line)
      if id then table.insert(ideas, id) end
    end
  else
    idea_min = tonumber(os.getenv("BENCH_IDEA_MIN"))
    idea_max = tonumber(os.getenv("BENCH_IDEA_MAX"))
  end
  path_fmt = os.getenv("BENCH_SUPPORT_PATH") or "/ideas/%d/support/"
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local s = sessions[math.random(#sessions)]
  local headers = {}
  headers["Cookie"] = "sessionid=" .. s[1] .. "; csrftoken=" .. s[2]
  headers["X-CSRFToken"] = s[2]
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local id = #ideas > 0 and ideas[math.random(#ideas)] or math.random(idea_min, idea_max)
  return wrk.format("POST", string.format(path_fmt, id), headers, "")
end
