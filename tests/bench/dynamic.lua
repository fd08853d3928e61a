-- SPDX-License-Identifier: GPL-3.0-or-later
-- Requests that change per call, for kringd's benchmark scenarios:
--   wrk … -s dynamic.lua URL -- SCENARIO TOKEN N_DOSSIERS TAG
-- SCENARIO: dossier (GET a random dossier), entries (GET the first page of
-- a busy dossier: id % 100 == 1, 500 entries each), invite (POST a guest
-- with a fresh email), entry (POST a journal entry).  Writes go to random
-- live dossiers (id % 50 ~= 0; see make-bench-db.py), so no dossier gets
-- near 1000 guests and each invited email is new (R2, R3 never refuse).
-- TAG makes emails unique across runs on the same database.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

local scenario, n, tag
local counter = 0
local headers = {}
local json_headers = {}

function init(args)
  scenario, n, tag = args[1], tonumber(args[3]), args[4]
  headers["Authorization"] = "Bearer " .. args[2]
  json_headers["Authorization"] = headers["Authorization"]
  json_headers["Content-Type"] = "application/json"
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  if scenario == "dossier" then
    request = get_dossier
  elseif scenario == "entries" then
    request = get_entries
  elseif scenario == "invite" then
    request = post_invite
  elseif scenario == "entry" then
    request = post_entry
  else
    error("unknown scenario " .. tostring(scenario))
  end
end

local function live_dossier()
  local id = math.random(n)
  if id % 50 == 0 then
    id = id - 1
  end
  return id
end

function get_dossier()
  return wrk.format("GET", "/api/v1/dossiers/" .. math.random(n), headers)
end

function get_entries()
  local id = 100 * (math.random(n / 100) - 1) + 1
  return wrk.format("GET", "/api/v1/dossiers/" .. id .. "/entries", headers)
end

function post_invite()
  counter = counter + 1
  local email = string.format("inv-%s-%d-%d-%d@bench.invalid", tag, tid or 0, counter,
                              math.random(1000000))
  local body = string.format('{"email": "%s", "name": "Guest %d"}', email, counter)
  return wrk.format("POST", "/api/v1/dossiers/" .. live_dossier() .. "/participants",
                    json_headers, body)
end

function post_entry()
  counter = counter + 1
  local body = string.format('{"body": "Benchmark entry %d of thread %d: rustig geslapen, goed gegeten."}',
                             counter, tid or 0)
  return wrk.format("POST", "/api/v1/dossiers/" .. live_dossier() .. "/entries", json_headers, body)
end
