package io.freshguard.service.crash;

import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.fakes.FakeCloudFront.Failure;
import io.freshguard.service.fakes.PostgresProxyResource;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks stream in while the store is cut and restored and CloudFront throttles and fails: what was accepted is
 * stored and invalidated once, nothing accepted is lost, and the only 5xx is the 503 that makes a sender retry.
 */
@QuarkusTest
class ChaosTest {

    record Answer(String release, int status) {
    }

    @AfterEach
    void heal() {
        PostgresProxyResource.restore();
        CLOUDFRONT.reset();
    }

    @Test
    void acceptedIsStoredAndInvalidatedOnceThroughAStoreOutageAndThrottling() throws Exception {
        long first = TestDatabase.count("select coalesce(max(id), 0) from deploy") + 1;
        Failure throttled = new Failure(400, "Throttling", "Rate exceeded");
        Failure unavailable = new Failure(503, "ServiceUnavailable", "CloudFront is unavailable");
        CLOUDFRONT.failNextCreates(throttled, throttled, unavailable, throttled, FakeCloudFront.LOSE_ANSWER, throttled,
                unavailable, throttled);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int sender = t;
            senders.submit(() -> {
                for (int i = 0; sending.get(); i++) {
                    String release = "chaos-" + sender + "-" + i + "-" + System.nanoTime();
                    int status = GenericWebhooks.signedPost(GenericWebhooks.deploy("burst", release)).statusCode();
                    answers.add(new Answer(release, status));
                }
            });
        }
        Thread.sleep(1500);
        PostgresProxyResource.cut();
        Thread.sleep(2500);
        PostgresProxyResource.restore();
        Thread.sleep(1500);
        PostgresProxyResource.cut();
        Thread.sleep(1000);
        PostgresProxyResource.restore();
        Thread.sleep(1500);
        sending.set(false);
        senders.shutdown();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertTrue(byStatus.keySet().stream().allMatch(s -> s == 202 || s == 503), "answers: " + byStatus);
        assertTrue(byStatus.getOrDefault(503, 0L) > 0, "the outage was seen: " + byStatus);
        List<String> accepted = answers.stream().filter(a -> a.status() == 202).map(Answer::release).toList();
        assertTrue(accepted.size() > 20, "answers: " + byStatus);
        for (String release : accepted) {
            assertEquals(1, TestDatabase.count("select count(*) from deploy where site = 'burst' and release_name = ?", release),
                    release + " was accepted");
        }
        // every deploy that made it into the store is served: by its own batch, the one it was folded into, or (an
        // earlier deploy overtaken before its build was seen: SUPERSEDED) a later deploy's; and the newest is invalidated
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> TestDatabase.count(
                "select count(*) from deploy d where d.site = 'burst' and d.id >= ? and not (d.status in ('INVALIDATED', 'SUPERSEDED')"
                        + " or d.status = 'COALESCED' and exists (select 1 from deploy p where p.id = d.coalesced_into"
                        + " and p.status in ('INVALIDATED', 'SUPERSEDED')))", first) == 0
                && TestDatabase.count("select count(*) from invalidation_batch b join deploy d on d.id = b.deploy_id"
                        + " where d.site = 'burst' and d.id >= ? and b.status <> 'COMPLETED'", first) == 0);
        assertEquals("INVALIDATED", TestDatabase.query("select coalesce(p.status, d.status) as status from deploy d"
                + " left join deploy p on p.id = d.coalesced_into where d.site = 'burst' order by d.live_at desc, d.id desc limit 1")
                .get(0).get("status"));
        // once each: one CloudFront invalidation per batch, whatever was retried or lost on the way
        List<String> references = new ArrayList<>();
        TestDatabase.query("select b.caller_reference from invalidation_batch b join deploy d on d.id = b.deploy_id"
                + " where d.site = 'burst' and d.id >= ?", first).forEach(r -> references.add((String) r.get("caller_reference")));
        for (String reference : references) {
            assertEquals(1, CLOUDFRONT.invalidations("EBURSTDIST").stream().filter(i -> i.callerReference.equals(reference)).count(),
                    reference);
        }
        assertEquals(0, TestDatabase.count("select count(*) from (select d.id from deploy d join invalidation_batch b"
                + " on b.deploy_id = d.id where d.site = 'burst' and d.id >= ? group by d.id having count(*) > 1) twice", first));
    }
}
