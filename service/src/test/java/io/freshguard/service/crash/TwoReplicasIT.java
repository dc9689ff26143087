package io.freshguard.service.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two service instances on one PostgreSQL under a burst: no deploy is invalidated twice, none is left behind. */
class TwoReplicasIT {

    static final String DATABASE = "freshguard_replicas_it";
    static final List<String> SITES = List.of("one", "two", "three", "four");

    static ServiceProcess replica(String name, int cloudfrontPort) {
        return replica(name, cloudfrontPort, Map.of());
    }

    static ServiceProcess replica(String name, int cloudfrontPort, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "freshguard.purge.coalesce-window", "PT0.2S",
                "freshguard.purge.poll-interval", "PT0.2S",
                "freshguard.cloudfront.create-rate-per-second", "100",
                "freshguard.cloudfront.create-burst", "100",
                "freshguard.purge.canary-interval", "PT1H"));
        for (String site : SITES) {
            config.put("freshguard.sites." + site + ".distribution-id", "E" + site.toUpperCase() + "DIST");
            config.put("freshguard.sites." + site + ".paths", "/" + site + ".js");
            config.put("freshguard.sites." + site + ".sources", "generic:" + site);
        }
        config.putAll(overrides);
        return new ServiceProcess(name, DATABASE, cloudfrontPort, config);
    }

    @Test
    void aBurstAcrossTwoReplicasInvalidatesEveryDeployOnce() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int port = cloudfront.start();
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess a = replica("replica-a", port).start(); ServiceProcess b = replica("replica-b", port).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ServiceProcess target = i % 2 == 0 ? a : b;
                String site = SITES.get(i % SITES.size());
                String release = "r" + i + "-" + System.nanoTime();
                sent.add(pool.submit(() -> GenericWebhooks.deployTo(target.url(""), site, release)));
            }
            for (Future<Long> f : sent) {
                f.get();
            }
            pool.shutdown();
            // senders racing each other: a deploy overtaken before its build was seen ends SUPERSEDED (its batch, if
            // it had one, still completes)
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "select count(*) from deploy where status in ('INVALIDATED', 'COALESCED', 'SUPERSEDED')") == 200
                    && count("select count(*) from invalidation_batch where status <> 'COMPLETED'") == 0);
        } finally {
            cloudfront.stop();
        }
        long batches = count("select count(*) from invalidation_batch");
        assertEquals(batches, count("select count(distinct caller_reference) from invalidation_batch"));
        assertEquals(batches, cloudfront.invalidations().size(), "one CloudFront invalidation per batch, none twice");
        assertEquals(batches, cloudfront.creates().stream().filter(c -> c.status() == 201)
                .map(FakeCloudFront.CreateCall::callerReference).distinct().count());
        assertEquals(0, count("select count(*) from deploy d where d.status = 'INVALIDATED'"
                + " and (select count(*) from invalidation_batch b where b.deploy_id = d.id) <> 1"), "each primary has one batch");
        assertEquals(0, count("select count(*) from deploy d where d.status = 'COALESCED' and exists"
                + " (select 1 from invalidation_batch b where b.deploy_id = d.id)"), "a coalesced deploy has no batch of its own");
        assertTrue(batches < 200, batches + " batches for 200 deploys");
    }

    /**
     * The replica that took a deploy dies right after its commit, before its coalesce window ends: the other replica,
     * woken by the dead one's LISTEN/NOTIFY notice, plans and sends it within seconds, long before its own 60 s
     * re-check would have found it.
     */
    @Test
    void aPeerTakesOverADeployWhoseReplicaDiedAfterTheCommit() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int port = cloudfront.start();
        ServiceProcess.freshDatabase(DATABASE);
        // a window longer than the doomed replica lives after its commit: it never plans the deploy itself
        Map<String, String> slowWindow = Map.of("freshguard.purge.coalesce-window", "PT1S");
        try (ServiceProcess survivor = replica("survivor", port, slowWindow).start()) {
            ServiceProcess doomed = replica("doomed", port, slowWindow);
            doomed.start();
            long deploy = GenericWebhooks.deployTo(doomed.url(""), "one", "orphan-" + System.nanoTime());
            Thread.sleep(300);
            doomed.kill();
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).until(() ->
                    count("select count(*) from invalidation_batch where deploy_id = " + deploy) == 1);
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "planned by the survivor after " + took.toMillis() + " ms");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("select count(*) from deploy where id = " + deploy + " and status = 'INVALIDATED'") == 1);
        } finally {
            cloudfront.stop();
        }
        assertEquals(1, cloudfront.invalidations().size(), "sent once, by the survivor");
    }

    static long count(String sql) throws Exception {
        try (Connection c = TestPostgres.connect(DATABASE);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
