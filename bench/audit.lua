-- wrk: GET one random chain's timeline (ids 1..1,000,000) with the audit token
math.randomseed(os.time())
function request()
    return wrk.format("GET", "/audit/deploys/" .. math.random(1, 1000000), {["Authorization"] = "Bearer bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e"})
end
