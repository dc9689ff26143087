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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deploy is acknowledged, the service is killed with SIGKILL (a real separate JVM) before or after its
 * CreateInvalidation reached CloudFront, and restarted: exactly one invalidation batch reaches CloudFront.
 */
class CrashRecoveryIT {

    static final String DATABASE = "freshguard_crash_it";
    static final FakeCloudFront CLOUDFRONT = new FakeCloudFront();
    static int cloudfrontPort;

    @BeforeAll
    static void fakes() {
        cloudfrontPort = CLOUDFRONT.start();
        ServiceProcess.freshDatabase(DATABASE);
    }

    @AfterAll
    static void stopFakes() {
        CLOUDFRONT.stop();
    }

    static ServiceProcess service(String name, String coalesceWindow) {
        return new ServiceProcess(name, DATABASE, cloudfrontPort, Map.of(
                "freshguard.sites.crash.distribution-id", "ECRASHDIST",
                "freshguard.sites.crash.paths", "/crash.js",
                "freshguard.sites.crash.sources", "generic:crash",
                "freshguard.purge.coalesce-window", coalesceWindow,
                "freshguard.purge.poll-interval", "PT0.2S",
                "freshguard.purge.api-timeout", "PT3S",
                "freshguard.purge.canary-interval", "PT1H"));
    }

    static long post(ServiceProcess service, String release) {
        return GenericWebhooks.deployTo(service.url(""), "crash", release);
    }

    static String status(long deployId) throws Exception {
        try (Connection c = TestPostgres.connect(DATABASE);
                ResultSet rs = c.createStatement().executeQuery("select status from deploy where id = " + deployId)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> callerReferencesOf(long deployId) throws Exception {
        try (Connection c = TestPostgres.connect(DATABASE);
                ResultSet rs = c.createStatement().executeQuery("select caller_reference from invalidation_batch where deploy_id = " + deployId)) {
            List<String> refs = new ArrayList<>();
            while (rs.next()) {
                refs.add(rs.getString(1));
            }
            return refs;
        }
    }

    static long invalidationsFor(List<String> refs) {
        return CLOUDFRONT.invalidations("ECRASHDIST").stream().filter(i -> refs.contains(i.callerReference)).count();
    }

    @Test
    void killedBeforeCreateInvalidationWasSent() throws Exception {
        long deploy;
        int createsBefore = CLOUDFRONT.creates().size();
        try (ServiceProcess first = service("crash-before-1", "PT5S").start()) {
            deploy = post(first, "before-" + System.nanoTime());
            first.kill();
        }
        assertEquals(createsBefore, CLOUDFRONT.creates().size(), "nothing was sent before the crash");
        try (ServiceProcess second = service("crash-before-2", "PT0.2S").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "INVALIDATED".equals(status(deploy)));
        }
        List<String> refs = callerReferencesOf(deploy);
        assertEquals(1, refs.size());
        assertEquals(1, invalidationsFor(refs));
    }

    @Test
    void killedAfterCreateInvalidationReachedCloudFrontButBeforeTheAnswerWasRecorded() throws Exception {
        CLOUDFRONT.delayCreateResponses(Duration.ofSeconds(2));
        long deploy;
        int createsBefore = CLOUDFRONT.creates().size();
        try (ServiceProcess first = service("crash-after-1", "PT0.2S").start()) {
            deploy = post(first, "after-" + System.nanoTime());
            await().atMost(Duration.ofSeconds(20)).until(() -> CLOUDFRONT.creates().size() > createsBefore);
            first.kill();
        }
        CLOUDFRONT.delayCreateResponses(Duration.ZERO);
        assertEquals("RECEIVED", status(deploy), "the crash came before the answer was recorded");
        try (ServiceProcess second = service("crash-after-2", "PT0.2S").start()) {
            await().atMost(Duration.ofSeconds(40)).until(() -> "INVALIDATED".equals(status(deploy)));
        }
        List<String> refs = callerReferencesOf(deploy);
        assertEquals(1, refs.size());
        List<FakeCloudFront.CreateCall> calls = CLOUDFRONT.creates().stream().filter(c -> refs.contains(c.callerReference())).toList();
        assertTrue(calls.size() >= 2, "the restarted service asked again: " + calls);
        assertEquals(1, invalidationsFor(refs), "and CloudFront recognised the CallerReference: one invalidation");
    }
}
