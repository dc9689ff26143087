package io.freshguard.service.invalidation;

import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.AdjustableClock;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.fakes.FakeCloudFront.CreateCall;
import io.freshguard.service.fakes.FakeCloudFront.Failure;
import io.freshguard.service.fakes.PostgresProxyResource;
import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvalidationTest {

    @Inject
    AdjustableClock clock;

    @BeforeEach
    @AfterEach
    void healthyCloudFront() {
        CLOUDFRONT.reset();
        clock.reset();
    }

    static String release() {
        return "r-" + UUID.randomUUID();
    }

    static List<CreateCall> createsFor(long deployId) {
        List<String> refs = Chains.batches(deployId).stream().map(b -> (String) b.get("caller_reference")).toList();
        return CLOUDFRONT.creates().stream().filter(c -> refs.contains(c.callerReference())).toList();
    }

    @Test
    void oneDeployBecomesOneInvalidationFollowedToCompletion() {
        long id = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(id, "INVALIDATED");

        List<Map<String, Object>> batches = Chains.batches(id);
        assertEquals(1, batches.size());
        assertEquals("COMPLETED", batches.get(0).get("status"));
        List<CreateCall> calls = createsFor(id);
        assertEquals(1, calls.size());
        assertEquals("EINVALIDATIONS", calls.get(0).distributionId());
        assertEquals(List.of("/embed.js", "/overlay.css"), calls.get(0).paths());
        assertEquals(batches.get(0).get("purge_id"),
                CLOUDFRONT.invalidations("EINVALIDATIONS").stream()
                        .filter(i -> i.callerReference.equals(calls.get(0).callerReference())).findFirst().orElseThrow().id);
        List<String> kinds = Chains.auditEntries(id).stream().map(e -> (String) e.get("kind")).toList();
        assertTrue(kinds.containsAll(List.of("RECEIVED", "BATCH_PLANNED", "PURGE_ATTEMPT", "REQUESTED", "INVALIDATED")), kinds.toString());
    }

    @Test
    void aSiteOnTwoDistributionsIsInvalidatedOnBothAndOnlyThenInvalidated() {
        CLOUDFRONT.holdInProgress(true);
        long id = GenericWebhooks.deployNow("twin", release());
        await().atMost(Duration.ofSeconds(10)).until(() -> createsFor(id).size() == 2);
        assertEquals(Set.of("ETWINLEGACY", "ETWINMAIN"), createsFor(id).stream().map(CreateCall::distributionId).collect(Collectors.toSet()));
        Chains.awaitStatus(id, "REQUESTED");

        // the legacy distribution is done, the main one is not: customers of the main host may still get the old build
        CLOUDFRONT.complete("ETWINLEGACY");
        await().atMost(Duration.ofSeconds(10)).until(() -> Chains.batches(id).stream()
                .anyMatch(b -> "cloudfront:ETWINLEGACY".equals(b.get("target")) && "COMPLETED".equals(b.get("status"))));
        assertEquals("REQUESTED", Chains.status(id));

        CLOUDFRONT.complete("ETWINMAIN");
        Chains.awaitStatus(id, "INVALIDATED");
    }

    @Test
    void aBurstOf200DeploysBecomesAHandfulOfInvalidations() throws Exception {
        int before = CLOUDFRONT.createsFor("EBURSTDIST").size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Long>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            sent.add(pool.submit(() -> GenericWebhooks.deployNow("burst", release())));
        }
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : sent) {
            ids.add(f.get());
        }
        pool.shutdown();
        long burstMillis = (System.nanoTime() - started) / 1_000_000;

        long first = ids.stream().min(Long::compare).orElseThrow();
        // senders racing each other: a deploy overtaken before its build was seen ends SUPERSEDED, served by a later one
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from deploy where site = 'burst' and id >= ? and status in ('INVALIDATED', 'COALESCED', 'SUPERSEDED')",
                first) == 200 && TestDatabase.count("select count(*) from invalidation_batch b join deploy d on d.id = b.deploy_id"
                + " where d.site = 'burst' and d.id >= ? and b.status <> 'COMPLETED'", first) == 0);
        long primaries = TestDatabase.count("select count(*) from invalidation_batch b join deploy d on d.id = b.deploy_id"
                + " where d.site = 'burst' and d.id >= ?", first);
        // a create sent again (its answer could not be recorded) carries the batch's CallerReference: still one each
        long creates = CLOUDFRONT.createsFor("EBURSTDIST").stream().skip(before).map(CreateCall::callerReference).distinct().count();
        assertEquals(primaries, creates, "one CreateInvalidation per batch");
        // the window is 0.3 s in tests, so a burst lasting t seconds yields about t / 0.3 + 1 batches
        long handful = burstMillis / 300 + 2;
        assertTrue(primaries <= handful, primaries + " invalidations for a burst of " + burstMillis + " ms");
        assertEquals(0, TestDatabase.count("select count(*) from deploy d where d.site = 'burst' and d.id >= ? and d.status = 'COALESCED'"
                + " and not exists (select 1 from deploy p where p.id = d.coalesced_into and p.status in ('INVALIDATED', 'SUPERSEDED'))",
                first), "every coalesced deploy is linked to an invalidated one");
    }

    @Test
    void throttlingAnd503AreRetriedWithOneCallerReference() {
        CLOUDFRONT.failNextCreates(new Failure(400, "Throttling", "Rate exceeded"),
                new Failure(503, "ServiceUnavailable", "CloudFront is unavailable"));
        long id = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(id, "INVALIDATED");

        List<CreateCall> calls = createsFor(id);
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(1, calls.stream().map(CreateCall::callerReference).distinct().count());
        assertEquals(List.of(400, 503, 201), calls.stream().map(CreateCall::status).toList());
        assertEquals(1, CLOUDFRONT.invalidations("EINVALIDATIONS").stream()
                .filter(i -> i.callerReference.equals(calls.get(0).callerReference())).count());
        assertTrue(Chains.auditEntries(id).stream().anyMatch(e -> e.get("kind").equals("RETRYING")));
    }

    @Test
    void refusedCredentialsBlockTheChainShowInReadinessAndRecoverWithoutANewWebhook() {
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
        long id = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(id, "BLOCKED");

        Map<String, Object> check = Chains.readinessCheck("cdn");
        assertEquals("DOWN", check.get("status"));
        assertEquals("InvalidClientTokenId", ((Map<?, ?>) check.get("data")).get("cloudfront:EINVALIDATIONS.error"));
        RestAssured.given().get(Management.url("/q/health/ready")).then().statusCode(503)
                .body(containsString("InvalidClientTokenId"));
        assertEquals("InvalidClientTokenId", Chains.batches(id).get(0).get("last_error_code"));

        CLOUDFRONT.heal();
        Chains.awaitStatus(id, "INVALIDATED");
        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(Chains.readinessCheck("cdn").get("status")));
    }

    @Test
    void aDeployIsNeverFoldedIntoABatchWhoseCreateMayAlreadyHaveReachedCloudFront() {
        Failure refused = new Failure(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        // the first create is performed but its answer is lost; then the credentials are refused for a while
        CLOUDFRONT.failNextCreates(FakeCloudFront.LOSE_ANSWER, refused, refused, refused, refused);
        long first = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(first, "BLOCKED");
        long second = GenericWebhooks.deployNow("inv", release());
        await().atMost(Duration.ofSeconds(10)).until(() -> !Chains.batches(second).isEmpty()
                || TestDatabase.count("select count(*) from deploy where id = ? and status = 'COALESCED'", second) > 0);
        assertEquals(0, TestDatabase.count("select count(*) from deploy where id = ? and coalesced_into is not null", second),
                "folded into a batch CloudFront may already have created");

        Chains.awaitStatus(second, "INVALIDATED");
        // the first deploy's build was never seen before the second came: its chain ends SUPERSEDED, and its own
        // batch is still followed to completion (recorded on the chain, which stays where it ended)
        Chains.awaitStatus(first, "SUPERSEDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(Chains.batches(first).get(0).get("status")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Chains.auditEntries(first).stream()
                .anyMatch(e -> "INVALIDATED".equals(e.get("kind")) && String.valueOf(e.get("data")).contains("SUPERSEDED")));
        String reference = (String) Chains.batches(second).get(0).get("caller_reference");
        Instant received = ((Timestamp) TestDatabase.query(
                "select received_at from deploy where id = ?", second).get(0).get("received_at")).toInstant();
        FakeCloudFront.Invalidation served = CLOUDFRONT.invalidations("EINVALIDATIONS").stream()
                .filter(i -> i.callerReference.equals(reference)).findFirst().orElseThrow();
        assertTrue(served.createTime.isAfter(received), served.createTime + " vs " + received);
        // the lost create was not issued twice: its retries reused the CallerReference
        String lost = (String) Chains.batches(first).get(0).get("caller_reference");
        assertEquals(1, CLOUDFRONT.invalidations("EINVALIDATIONS").stream().filter(i -> i.callerReference.equals(lost)).count());
    }

    @Test
    void aBatchDueButNotAttemptedTurnsCloudFrontDownAsAStalledWorker() throws Exception {
        long id = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(id, "INVALIDATED");
        try (Connection holder = TestDatabase.connect()) {
            holder.setAutoCommit(false);
            try (var insert = holder.prepareStatement("insert into invalidation_batch (deploy_id, target,"
                    + " caller_reference, paths, file_paths, wildcard_paths, status, attempts, next_attempt_at, created_at)"
                    + " values (?, 'cloudfront:EINVALIDATIONS', ?, '/embed.js', 1, 0, 'QUEUED', 0, now() + interval '1 second', now())")) {
                insert.setLong(1, id);
                insert.setString(2, "stalled-" + UUID.randomUUID());
                insert.executeUpdate();
            }
            holder.commit();
            // this transaction holds the row, as a hung worker of another replica would: every worker skips it
            holder.createStatement().execute("select id from invalidation_batch where caller_reference like 'stalled-%' for update");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                    String.valueOf(Chains.readinessCheck("cdn")).contains("worker stalled"));
            assertEquals("DOWN", Chains.readinessCheck("cdn").get("status"));
            String metrics = RestAssured.given().get(Management.url("/q/metrics")).then().extract().asString();
            double oldest = Double.parseDouble(metrics.lines().filter(l -> l.startsWith("freshguard_invalidation_oldest_due_seconds"))
                    .findFirst().orElseThrow().replaceAll(".* ", ""));
            assertTrue(oldest >= 3, "oldest due " + oldest);
            holder.createStatement().executeUpdate("delete from invalidation_batch where caller_reference like 'stalled-%'");
            holder.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(Chains.readinessCheck("cdn").get("status")));
    }

    @Test
    void aRefusalSeenWhileTheStoreIsDownIsAuditedOnceItIsBack() {
        long before = TestDatabase.count("select coalesce(max(id), 0) from audit_log");
        PostgresProxyResource.cut();
        try {
            CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
            // several canary runs see the refusal and cannot record it
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        } finally {
            PostgresProxyResource.restore();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> TestDatabase.count(
                "select count(*) from audit_log where id > ? and kind = 'CDN_REFUSED' and subject = 'target/cloudfront:EINVALIDATIONS'",
                before) == 1);
        assertEquals("InvalidClientTokenId",
                ((Map<?, ?>) Chains.readinessCheck("cdn").get("data")).get("cloudfront:EINVALIDATIONS.error"));
        RestAssured.given().get(Management.url("/q/metrics")).then().body(containsString(
                "freshguard_cloudfront_refused{code=\"InvalidClientTokenId\",distribution=\"EINVALIDATIONS\"} 1.0"), containsString(
                "freshguard_cdn_refused{code=\"InvalidClientTokenId\",target=\"cloudfront:EINVALIDATIONS\",vendor=\"cloudfront\"} 1.0"));
        CLOUDFRONT.heal();
        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(Chains.readinessCheck("cdn").get("status")));
        RestAssured.given().get(Management.url("/q/metrics")).then().body(containsString(
                "freshguard_cloudfront_refused{code=\"InvalidClientTokenId\",distribution=\"EINVALIDATIONS\"} 0.0"));
    }

    @Test
    void missingDistributionBlocksWithItsCode() {
        CLOUDFRONT.distributionMissing("EGONEDISTRIBUTION");
        long id = GenericWebhooks.deployNow("gone", release());
        Chains.awaitStatus(id, "BLOCKED");
        assertEquals("NoSuchDistribution", Chains.batches(id).get(0).get("last_error_code"));
        assertEquals("NoSuchDistribution",
                ((Map<?, ?>) Chains.readinessCheck("cdn").get("data")).get("cloudfront:EGONEDISTRIBUTION.error"));
        CLOUDFRONT.heal();
        Chains.awaitStatus(id, "INVALIDATED");
    }

    @Test
    void canaryTurnsReadinessDownWithNoDeployAndUpAgain() {
        int createsBefore = CLOUDFRONT.creates().size();
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
        await().atMost(Duration.ofSeconds(5)).until(() -> "DOWN".equals(Chains.readinessCheck("cdn").get("status"))
                && ((Map<?, ?>) Chains.readinessCheck("cdn").get("data")).containsKey("cloudfront:EINVALIDATIONS.error"));
        Map<?, ?> data = (Map<?, ?>) Chains.readinessCheck("cdn").get("data");
        assertEquals("InvalidClientTokenId", data.get("cloudfront:EINVALIDATIONS.error"));
        assertTrue(data.containsKey("cloudfront:EINVALIDATIONS.since"));
        assertEquals(createsBefore, CLOUDFRONT.creates().size(), "the canary only reads");

        CLOUDFRONT.heal();
        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(Chains.readinessCheck("cdn").get("status")));
    }

    @Test
    void moreWildcardsThanCloudFrontAllowsInProgressAreSplitAndQueued() {
        CLOUDFRONT.holdInProgress(true);
        long id = GenericWebhooks.deployNow("wide", release());
        await().atMost(Duration.ofSeconds(10)).until(() -> Chains.batches(id).size() == 2
                && "IN_PROGRESS".equals(Chains.batches(id).get(0).get("status")));
        List<Map<String, Object>> batches = Chains.batches(id);
        assertEquals(15, batches.get(0).get("wildcard_paths"));
        assertEquals(5, batches.get(1).get("wildcard_paths"));
        // the second part waits for capacity instead of being sent and refused
        assertEquals("QUEUED", Chains.batches(id).get(1).get("status"));
        assertEquals(1, createsFor(id).size());

        CLOUDFRONT.holdInProgress(false);
        CLOUDFRONT.completeAll();
        Chains.awaitStatus(id, "INVALIDATED");
        assertTrue(createsFor(id).stream().allMatch(c -> c.status() == 201), createsFor(id).toString());
        assertEquals(2, createsFor(id).size());
    }

    @Test
    void aChainThatCannotBeInvalidatedForLongerThanGiveUpAfterFails() {
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
        long id = GenericWebhooks.deployNow("inv", release());
        Chains.awaitStatus(id, "BLOCKED");
        clock.advance(Duration.ofHours(25));
        Chains.awaitStatus(id, "FAILED");
        assertEquals("FAILED", Chains.batches(id).get(0).get("status"));
        RestAssured.given().get(Management.url("/q/metrics")).then()
                .body(containsString("freshguard_invalidations_total{outcome=\"failed\"}"));
    }
}
