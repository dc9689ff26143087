-- wrk script: held commit-gate requests. Each connection waits on a commit nobody deploys, so each request is held
-- for the whole hold and answered 202; the connection then asks again at once.
function init(args)
    sha = os.getenv("WAIT_SHA") or "deadbeefcafe0123456789"
    hold = os.getenv("WAIT_HOLD") or "PT20S"
    token = os.getenv("WAIT_TOKEN") or "bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e"
end

function request()
    return wrk.format("GET", "/audit/sites/bench/commits/" .. sha .. "/wait?hold=" .. hold,
        {["Authorization"] = "Bearer " .. token})
end
