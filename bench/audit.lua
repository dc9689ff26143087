-- wrk: GET one random chain's timeline (ids 1..1,000,000) with the audit token
math.randomseed(os.time())
function request()
    return wrk.format("GET", "/audit/deploys/" .. math.random(1, 1000000), {["Authorization"] = "Bearer bench-token"})
end
