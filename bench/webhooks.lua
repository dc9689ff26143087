-- wrk script: POST pre-signed unique deploys (bench/sign-bodies.py), each thread its own slice of them.
-- Optional pacing: WRK_DELAY_MS per connection between requests gives a steady offered rate.
local counter = 1
local threads = {}

function setup(thread)
    thread:set("id", counter)
    table.insert(threads, thread)
    counter = counter + 1
end

function init(args)
    requests = {}
    local n, i = tonumber(os.getenv("WRK_THREADS") or "2"), 0
    for line in io.lines(os.getenv("WRK_BODIES")) do
        if i % n == id - 1 then
            local sig, body = line:match("([^\t]+)\t(.*)")
            requests[#requests + 1] = wrk.format("POST", "/webhooks/generic",
                {["Content-Type"] = "application/json", ["X-Freshguard-Signature"] = sig}, body)
        end
        i = i + 1
    end
    next_request = 1
    pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
    statuses = {}
end

function request()
    local r = requests[next_request]
    next_request = next_request % #requests + 1
    return r
end

function delay()
    return pause
end

function response(status)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for code, count in pairs(s) do
            io.write(string.format("status %d: %d\n", code, count))
        end
    end
end
