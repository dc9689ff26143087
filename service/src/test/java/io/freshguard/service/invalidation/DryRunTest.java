package io.freshguard.service.invalidation;

import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code freshguard.purge.dry-run=true}: what would be invalidated is recorded, CloudFront is never called. */
@QuarkusTest
@TestProfile(DryRunTest.DryRun.class)
class DryRunTest {

    public static class DryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("freshguard.purge.dry-run", "true");
        }
    }

    @Test
    void recordsWhatWouldBeInvalidatedAndCallsNothing() {
        int requestsBefore = CLOUDFRONT.requestLog().size();
        long id = GenericWebhooks.deployNow("inv", "dry-" + System.nanoTime());
        Chains.awaitStatus(id, "DRY_RUN");

        assertEquals("DRY_RUN", Chains.batches(id).get(0).get("status"));
        Map<String, Object> entry = Chains.auditEntries(id).stream().filter(e -> e.get("kind").equals("DRY_RUN")).findFirst().orElseThrow();
        assertTrue(((String) entry.get("data")).contains("\"wouldInvalidate\":[\"/embed.js\",\"/overlay.css\"]"), (String) entry.get("data"));
        assertEquals(requestsBefore, CLOUDFRONT.requestLog().size(), "no CloudFront call, not even the canary");
        Map<String, Object> check = Chains.readinessCheck("cdn");
        assertEquals("UP", check.get("status"));
        assertEquals(true, ((Map<?, ?>) check.get("data")).get("dryRun"));
        assertEquals(List.of(), CLOUDFRONT.createsFor("EINVALIDATIONS").stream()
                .filter(c -> c.callerReference().startsWith("freshguard-" + id + "-")).toList());
    }
}
