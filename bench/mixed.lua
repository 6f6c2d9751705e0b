-- wrk script: the mixed API scenario of logged-in users.
-- Usage: wrk -s bench/mixed.lua URL -- USERS_FILE UPLOAD_BODY_FILE
-- USERS_FILE has one line per seeded user: "<token> <image id> <image id> ...".
-- Every request goes out as one of the seeded users (wrk exposes no connection identity to request(),
-- so the user is drawn per request); the mix is 70% GET /api/v1/images/:id (JSON), 15% GET /api/v1/images
-- (list), 10% GET /api/v1/images/:id/thumbnail and 5% POST /api/v1/images (640x480 JPEG as base64 JSON).
-- done() prints "mixed ..." lines (answers per status, requests per kind, non-2xx per problem type),
-- read by bench/mixed.sh.
local users = {}
local upload_body
local threads = {}
-- Globals, so that done() can read them from each thread with thread:get().
kinds = {}
statuses = {}
problems = {}

function setup(thread)
    thread:set("thread_id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    for line in io.lines(args[1]) do
        local fields = {}
        for field in line:gmatch("%S+") do table.insert(fields, field) end
        if #fields >= 2 then
            table.insert(users, { token = fields[1], ids = { unpack(fields, 2) } })
        end
    end
    assert(#users > 0, "no users in " .. args[1])
    local file = assert(io.open(args[2], "rb"))
    upload_body = file:read("*a")
    file:close()
    math.randomseed(1234 + (thread_id or 0))
end

function request()
    local user = users[math.random(#users)]
    local headers = { ["Authorization"] = "Bearer " .. user.token }
    local roll = math.random(100)
    local kind, method, path, body
    if roll <= 70 then
        kind, method, path = "get", "GET", "/api/v1/images/" .. user.ids[math.random(#user.ids)]
    elseif roll <= 85 then
        kind, method, path = "list", "GET", "/api/v1/images?limit=20"
    elseif roll <= 95 then
        kind, method, path = "thumbnail", "GET", "/api/v1/images/" .. user.ids[math.random(#user.ids)] .. "/thumbnail"
    else
        kind, method, path, body = "upload", "POST", "/api/v1/images", upload_body
        headers["Content-Type"] = "application/json"
    end
    kinds[kind] = (kinds[kind] or 0) + 1
    return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status < 200 or status > 299 then
        -- The problem+json type and detail tell which refusal it was (model busy, database, rate limit ...).
        local kind = body and body:match('"type"%s*:%s*"([^"]*)"') or "-"
        local detail = body and body:match('"detail"%s*:%s*"([^"]*)"') or ""
        local key = status .. " " .. kind .. " (" .. detail .. ")"
        problems[key] = (problems[key] or 0) + 1
    end
end

function done(summary, latency, requests)
    local total_statuses, total_kinds, total_errors = {}, {}, {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total_statuses[status] = (total_statuses[status] or 0) + count
        end
        for kind, count in pairs(thread:get("kinds")) do
            total_kinds[kind] = (total_kinds[kind] or 0) + count
        end
        for key, count in pairs(thread:get("problems")) do
            total_errors[key] = (total_errors[key] or 0) + count
        end
    end
    for status, count in pairs(total_statuses) do io.write(string.format("mixed status %d %d\n", status, count)) end
    for kind, count in pairs(total_kinds) do io.write(string.format("mixed sent %s %d\n", kind, count)) end
    for key, count in pairs(total_errors) do io.write(string.format("mixed problem %d %s\n", count, key)) end
    io.write(string.format("mixed requests %d\n", summary.requests))
    io.write(string.format("mixed p50_ms %.2f\n", latency:percentile(50) / 1000))
    io.write(string.format("mixed p99_ms %.2f\n", latency:percentile(99) / 1000))
    io.write(string.format("mixed errors connect %d read %d write %d timeout %d status %d\n",
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
        summary.errors.status))
end
