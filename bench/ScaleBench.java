import io.freshguard.service.fakes.FakeCloudFront;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sustained load on two replicas sharing one PostgreSQL: DEPLOYS_PER_MINUTE signed deploys a minute for MINUTES,
 * round-robin over 20 sites and the two replicas, against the fake CloudFront completing every invalidation 30 s
 * after it was created. Samples both replicas' RSS every 30 s; at the end counts what was lost, what was sent twice,
 * and how many deploys each CreateInvalidation served.
 * Usage (see bench/scale.sh): java -cp CLASSES ScaleBench JAR DATABASE DEPLOYS_PER_MINUTE MINUTES
 */
public class ScaleBench {

    static final int SITES = 20;

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String database = args[1];
        int perMinute = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        FakeCloudFront cloudfront = new FakeCloudFront();
        int cfPort = cloudfront.start();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> cloudfront.completeOlderThan(Duration.ofSeconds(30)), 1, 1, TimeUnit.SECONDS);
        int[] ports = {BenchClient.freePort(), BenchClient.freePort()};
        List<Process> replicas = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            replicas.add(start(jar, database, ports[r], cfPort, "bench/results/scale-replica-" + r + ".log"));
        }
        try {
            for (int r = 0; r < 2; r++) {
                BenchClient.waitUntilLive(ports[r], "bench/results/scale-replica-" + r + ".log");
            }
            Set<Long> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            long intervalNanos = 60_000_000_000L / perMinute;
            long start = System.nanoTime();
            long total = (long) perMinute * minutes;
            long nextSample = 0;
            System.out.println("minute  replica-0 RSS  replica-1 RSS  accepted");
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long n = i;
                senders.execute(() -> {
                    try {
                        accepted.add(BenchClient.post(ports[(int) (n % 2)], "s" + (n % SITES), "r" + n + "-" + System.nanoTime()));
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
                long elapsed = System.nanoTime() - start;
                if (elapsed >= nextSample) {
                    System.out.printf("%6.1f  %10d MB  %10d MB  %8d%n", elapsed / 60e9, rss(replicas.get(0)), rss(replicas.get(1)), accepted.size());
                    nextSample += 30_000_000_000L;
                }
            }
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
            System.out.printf("%6.1f  %10d MB  %10d MB  %8d  (all sent)%n", (System.nanoTime() - start) / 60e9,
                    rss(replicas.get(0)), rss(replicas.get(1)), accepted.size());
            // let the last windows close, the last invalidations complete (30 s) and be polled
            long settleUntil = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")) {
                while (System.nanoTime() < settleUntil && count(db, "select count(*) from deploy where status not in ('INVALIDATED', 'COALESCED', 'FRESH')") > 0) {
                    Thread.sleep(2000);
                }
                long stored = count(db, "select count(*) from deploy");
                long unfinished = count(db, "select count(*) from deploy where status not in ('INVALIDATED', 'COALESCED', 'FRESH')");
                long batches = count(db, "select count(*) from invalidation_batch");
                long references = count(db, "select count(distinct caller_reference) from invalidation_batch");
                long creates = cloudfront.creates().stream().filter(c -> c.status() == 201).count();
                long distinctCreated = cloudfront.invalidations().stream().map(i -> i.callerReference).distinct().count();
                System.out.printf("sent %d, acknowledged %d (failed %d), stored %d, not invalidated after settling %d%n",
                        total, accepted.size(), failed.get(), stored, unfinished);
                System.out.printf("batches %d (distinct CallerReferences %d), CloudFront invalidations %d (distinct %d), created twice %d%n",
                        batches, references, cloudfront.invalidations().size(), distinctCreated, creates - distinctCreated);
                System.out.printf("coalescing: %.1f deploys per CreateInvalidation%n", (double) stored / Math.max(1, distinctCreated));
            }
        } finally {
            replicas.forEach(Process::destroy);
            for (Process p : replicas) {
                p.waitFor();
            }
            clock.shutdownNow();
            cloudfront.stop();
        }
    }

    static Process start(String jar, String database, int port, int cfPort, String log) throws Exception {
        List<String> command = BenchClient.serviceCommand(port, database, cfPort);
        for (int s = 0; s < SITES; s++) {
            command.add("-Dfreshguard.sites.s" + s + ".distribution-id=ESCALE" + s);
            command.add("-Dfreshguard.sites.s" + s + ".paths=/embed.js,/overlay.css");
            command.add("-Dfreshguard.sites.s" + s + ".sources=generic:s" + s);
        }
        command.addAll(List.of("-jar", jar));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(log)).start();
    }

    static long rss(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception gone) {
            // the process has exited
        }
        return -1;
    }

    static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
