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
        body = '{"site":"%s","release":"wrk-%s-%d","commit":"0123abc","actor":"bench@example.com"}' % (site, run, n)
        sig = hmac.new(secret, (t + "." + body).encode(), hashlib.sha256).hexdigest()
        f.write("t=%s,v1=%s\t%s\n" % (t, sig, body))
