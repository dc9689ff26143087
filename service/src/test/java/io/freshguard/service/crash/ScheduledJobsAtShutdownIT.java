package io.freshguard.service.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The credential canary's first run after a start, then SIGTERM while it is talking to CloudFront. Its first run was
 * dropped whenever start-up (here: migrating a new database) outlasted its 1 s delay, and came five minutes later; and
 * Quarkus' scheduler does not wait for a run under way at shutdown, so it was cut off when the store closed (an error
 * in the log, its finding lost). Now the first run waits for start-up, and shutdown waits for the run.
 */
class ScheduledJobsAtShutdownIT {

    static final String DATABASE = "freshguard_scheduled_shutdown_it";
    static final String DISTRIBUTION = "ECANARYSHUTDOWN";

    @Test
    void aCanaryUnderWayAtSigtermRecordsCloudFrontsAnswerBeforeTheStoreCloses() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int port = cloudfront.start();
        try {
            // the keys were rotated at AWS and CloudFront is slow to say so: the first canary is still waiting when
            // the replica is told to stop
            cloudfront.acceptOnlyAccessKey("AKIDROTATEDAWAY");
            cloudfront.answerSlowly(Duration.ofSeconds(3));
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("scheduled-shutdown", DATABASE, port, Map.of(
                    "freshguard.sites.acme.distribution-id", DISTRIBUTION,
                    "freshguard.sites.acme.paths", "/embed.js",
                    "freshguard.sites.acme.sources", "generic:acme")).start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (cloudfront.requestLog().stream()
                        .noneMatch(call -> call.startsWith("GET ") && call.contains(DISTRIBUTION))) {
                    assertTrue(System.nanoTime() < deadline, "the canary asked CloudFront within 20 s of the start: "
                            + cloudfront.requestLog());
                    Thread.sleep(50);
                }
                Duration exit = service.terminate();

                String log = service.log();
                assertFalse(log.contains("Error occurred while executing task"), log);
                assertFalse(log.contains("is closed"), log);
                assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from audit_log"
                        + " where kind = 'CDN_REFUSED' and subject like ?", "%" + DISTRIBUTION + "%"),
                        "the canary's finding is in the audit trail: " + log);
                assertTrue(exit.compareTo(Duration.ofSeconds(15)) < 0, "exited after " + exit);
            }
        } finally {
            cloudfront.stop();
        }
    }

    /**
     * SIGTERM while every background lane is busy past any grace: the canary and the invalidation worker wait on a
     * CloudFront that takes 12 s, the probe cycle on an asset that hangs, the sealer and the listener at their work.
     * They share one grace instead of each waiting its own in turn: the process is gone well inside
     * quarkus.shutdown.timeout plus that grace, which the shipped manifests' termination grace exceeds.
     */
    @Test
    void sigtermWithEveryLaneBusyEndsWithinOneSharedGrace() throws Exception {
        try (CdnSite site = CdnSite.start("busy", "/busy/app.js", "none")) {
            site.cloudfront.answerSlowly(Duration.ofSeconds(12));
            site.cdn.hang("/busy/app.js", Duration.ofSeconds(12));
            Map<String, String> config = site.config("EBUSYDIST");
            config.put("freshguard.purge.canary-interval", "PT1S");
            config.put("freshguard.probe.timeout", "PT15S");
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("busy-shutdown", DATABASE, site.cloudfrontPort(), config).start()) {
                GenericWebhooks.deployTo(service.url(""), "busy", "busy-1");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (site.cloudfront.requestLog().stream().noneMatch(call -> call.startsWith("POST "))) {
                    assertTrue(System.nanoTime() < deadline, "the worker called CloudFront: " + site.cloudfront.requestLog());
                    Thread.sleep(50);
                }
                Duration exit = service.terminate();
                // the shared grace, the worker pool's 2 s, and the JVM's own exit
                assertTrue(exit.compareTo(BackgroundThreads.SHUTDOWN_GRACE.plusSeconds(4)) < 0, "exited after " + exit);
            }
        }
    }
}
