"""Writes N unique, freshly signed generic-webhook deploys (one "signature<TAB>body" per line) for wrk."""
import hashlib
import hmac
import sys
import time

secret, site, count, out = sys.argv[1].encode(), sys.argv[2], int(sys.argv[3]), sys.argv[4]
run = hex(time.time_ns())[2:]
t = str(int(time.time()))
with open(out, "w") as f:
    for n in range(count):
        # one commit per release, as CI sends them: deploys of one commit from one site meet on it (the slow path)
        commit = hashlib.sha1(("%s-%d" % (run, n)).encode()).hexdigest()
        body = '{"site":"%s","release":"wrk-%s-%d","commit":"%s","actor":"bench@example.com"}' % (site, run, n, commit)
        sig = hmac.new(secret, (t + "." + body).encode(), hashlib.sha256).hexdigest()
        f.write("t=%s,v1=%s\t%s\n" % (t, sig, body))
