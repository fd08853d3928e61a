-- SPDX-License-Identifier: GPL-3.0-or-later
-- A fixed request (wrk builds it once): the path and, when a token is given
-- as the first argument, an Authorization header.
--   wrk … -s static.lua URL -- [TOKEN]
function init(args)
  if args[1] ~= nil and args[1] ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. args[1]
  end
end
