import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudFront;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploy -> confirmed fresh, measured against the moment the edge purges (the fake CDN drops its copies while the
 * fake CloudFront still reports InProgress), on the packaged service with production intervals and PostgreSQL.
 * Usage (see bench/edge-fresh.sh): java -cp CLASSES EdgeFreshBench JAR DATABASE IN_FLIGHT_INTERVAL ROUNDS
 */
public class EdgeFreshBench {

    static final Pattern FRESH_AT = Pattern.compile("\"freshAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String database = args[1];
        String inFlight = args[2];
        int rounds = Integer.parseInt(args[3]);
        FakeCloudFront cloudfront = new FakeCloudFront();
        int cfPort = cloudfront.start();
        cloudfront.holdInProgress(true);
        FakeCdn cdn = new FakeCdn();
        cdn.start();
        cdn.publish("/edge/app.js", "/* release=r0 */\n");
        int port = BenchClient.freePort();
        List<String> command = BenchClient.serviceCommand(port, database, cfPort);
        command.addAll(List.of(
                // production intervals: the scheduled probe alone would find the purge up to a minute late
                "-Dfreshguard.purge.coalesce-window=PT2S", "-Dfreshguard.purge.poll-interval=PT10S",
                "-Dfreshguard.probe.interval=PT60S", "-Dfreshguard.probe.in-flight-interval=" + inFlight,
                "-Dfreshguard.sites.edge.distribution-id=EEDGE", "-Dfreshguard.sites.edge.paths=/edge/app.js",
                "-Dfreshguard.sites.edge.sources=generic:edge",
                "-Dfreshguard.sites.edge.assets.app.url=" + cdn.cdnUrl("/edge/app.js"),
                "-Dfreshguard.sites.edge.assets.app.marker=release=(?<release>[\\w.-]+)",
                "-jar", jar));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("bench/results/edge-fresh-service.log")).start();
        try {
            BenchClient.waitUntilLive(port, "bench/results/edge-fresh-service.log");
            List<Long> lags = new ArrayList<>();
            int beforeCompleted = 0;
            for (int round = 0; round < rounds; round++) {
                // customers keep every copy of the current build cached at the edge
                warm(cdn.cdnUrl("/edge/app.js"));
                String release = "r" + (round + 1) + "-" + System.nanoTime();
                cdn.publish("/edge/app.js", "/* release=" + release + " */\n");
                long deploy = BenchClient.post(port, "edge", release);
                while (cloudfront.createsFor("EEDGE").stream().noneMatch(c -> c.status() == 201
                        && c.callerReference().startsWith("freshguard-" + deploy + "-"))) {
                    Thread.sleep(20);
                }
                // CloudFront's edges drop the old copies some time after accepting the request
                Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 4000));
                Instant purged = Instant.now();
                cdn.purge("/edge/app.js");
                Instant freshAt = awaitFresh(port, deploy);
                long lag = Duration.between(purged, freshAt).toMillis();
                lags.add(lag);
                if (cloudfront.invalidations("EEDGE").stream().noneMatch(i -> i.completed()
                        && i.callerReference.startsWith("freshguard-" + deploy + "-"))) {
                    beforeCompleted++;
                }
                cloudfront.completeAll();
                System.out.printf("round %d: deploy %d fresh %d ms after the edge purge%n", round + 1, deploy, lag);
            }
            lags.sort(Long::compare);
            System.out.printf("in-flight-interval %s, %d rounds: purge -> confirmed FRESH ms p50=%d p90=%d max=%d;"
                    + " FRESH before CloudFront said Completed: %d/%d%n", inFlight, rounds, lags.get(lags.size() / 2),
                    lags.get((int) Math.ceil(0.9 * lags.size()) - 1), lags.get(lags.size() - 1), beforeCompleted, rounds);
        } finally {
            service.destroy();
            service.waitFor();
            cloudfront.stop();
            cdn.stop();
        }
        System.exit(0);
    }

    static void warm(String url) throws Exception {
        for (String encoding : List.of("br", "gzip", "identity")) {
            BenchClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", encoding).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    static Instant awaitFresh(int port, long deploy) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String json = BenchClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/audit/deploys/" + deploy))
                    .header("Authorization", "Bearer bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e").build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = FRESH_AT.matcher(json);
            if (m.find()) {
                return Instant.parse(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("deploy " + deploy + " did not turn FRESH");
    }
}
