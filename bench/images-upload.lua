-- wrk script: POST /api/v1/images with a base64 JSON body read from a file and a bearer token.
-- Usage: wrk -s bench/images-upload.lua URL -- BODY_FILE TOKEN
local body, token

function init(args)
    local file = assert(io.open(args[1], "rb"))
    body = file:read("*a")
    file:close()
    token = args[2]
end

function request()
    return wrk.format("POST", "/api/v1/images", {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. token,
    }, body)
end
