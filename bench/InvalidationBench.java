import io.freshguard.service.fakes.FakeCloudFront;
import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deploy → CreateInvalidation latency and invalidations per 200-deploy burst, on the packaged service and
 * PostgreSQL, against the test suite's fake CloudFront on loopback.
 * Usage (see bench/invalidation.sh): java -cp CLASSES InvalidationBench JAR DATABASE WINDOW SINGLE_DEPLOYS
 */
public class InvalidationBench {


    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String database = args[1];
        Duration window = Duration.parse(args[2]);
        int singles = Integer.parseInt(args[3]);
        FakeCloudFront cloudfront = new FakeCloudFront();
        int cfPort = cloudfront.start();
        int port = BenchClient.freePort();
        List<String> command = BenchClient.serviceCommand(port, database, cfPort);
        command.addAll(List.of("-Dfreshguard.purge.coalesce-window=" + window,
                "-Dfreshguard.cloudfront.create-rate-per-second=100", "-Dfreshguard.cloudfront.create-burst=100",
                "-Dfreshguard.purge.poll-interval=PT1S"));
        for (int d = 0; d < 4; d++) {
            command.add("-Dfreshguard.sites.s" + d + ".distribution-id=EBENCH" + d);
            command.add("-Dfreshguard.sites.s" + d + ".paths=/embed.js,/overlay.css");
            command.add("-Dfreshguard.sites.s" + d + ".sources=generic:s" + d);
        }
        command.add("-Dfreshguard.sites.burst.distribution-id=EBURST");
        command.add("-Dfreshguard.sites.burst.paths=/embed.js");
        command.add("-Dfreshguard.sites.burst.sources=generic:burst");
        command.addAll(List.of("-jar", jar));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("bench/results/invalidation-service.log")).start();
        try {
            BenchClient.waitUntilLive(port, "bench/results/invalidation-service.log");
            // single deploys, round-robin over 4 distributions so each waits out its own window undisturbed
            Map<Long, Instant> acknowledged = new ConcurrentHashMap<>();
            long spacing = window.toMillis() / 4 + 50;
            for (int i = 0; i < singles; i++) {
                long id = BenchClient.post(port, "s" + (i % 4), "single-" + i + "-" + System.nanoTime());
                acknowledged.put(id, Instant.now());
                Thread.sleep(spacing);
            }
            Thread.sleep(window.toMillis() + 2000);
            List<Long> latencies = new ArrayList<>();
            for (FakeCloudFront.CreateCall call : cloudfront.creates()) {
                long deploy = Long.parseLong(call.callerReference().split("-")[1]);
                Instant ack = acknowledged.get(deploy);
                if (ack != null && call.status() == 201) {
                    latencies.add(Duration.between(ack, call.at()).toMillis());
                }
            }
            latencies.sort(Long::compare);
            System.out.printf("single deploys: %d, CreateInvalidation calls matched: %d, window %d ms%n", singles, latencies.size(), window.toMillis());
            System.out.printf("ack -> CreateInvalidation ms: p50=%d p90=%d p99=%d max=%d  (minus window: p50=%d p99=%d)%n",
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.get(latencies.size() - 1),
                    pct(latencies, 50) - window.toMillis(), pct(latencies, 99) - window.toMillis());

            for (int round = 1; round <= 3; round++) {
                int before = cloudfront.createsFor("EBURST").size();
                ExecutorService pool = Executors.newFixedThreadPool(16);
                long started = System.nanoTime();
                List<Future<Long>> sent = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    sent.add(pool.submit(() -> BenchClient.post(port, "burst", "burst-" + n + "-" + System.nanoTime())));
                }
                for (Future<Long> f : sent) {
                    f.get();
                }
                long burstMs = (System.nanoTime() - started) / 1_000_000;
                pool.shutdown();
                Thread.sleep(window.toMillis() + 3000);
                System.out.printf("burst %d: 200 deploys acknowledged in %d ms -> %d CreateInvalidation calls%n", round, burstMs,
                        cloudfront.createsFor("EBURST").size() - before);
            }
        } finally {
            service.destroy();
            service.waitFor();
            cloudfront.stop();
        }
        System.exit(0);
    }

    static long pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
