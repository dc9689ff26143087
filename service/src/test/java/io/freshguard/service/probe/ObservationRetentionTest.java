package io.freshguard.service.probe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.site.ObservationRetention;
import io.freshguard.service.AdjustableClock;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservationRetentionTest {

    @Inject
    AdjustableClock clock;

    @Inject
    ObservationRetention retention;

    @AfterEach
    void restore() {
        clock.reset();
    }

    @Test
    void observationsOlderThanTheRetentionAreRemovedAndIncidentsKept() {
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count("select count(*) from asset_observation") > 0);
        long incidents = TestDatabase.count("select count(*) from stale_incident");
        clock.advance(Duration.ofDays(91));
        assertTrue(retention.purge() > 0);
        assertEquals(0, TestDatabase.count("select count(*) from asset_observation where last_seen < now() - interval '10 seconds'"));
        assertEquals(incidents, TestDatabase.count("select count(*) from stale_incident"));
    }

    @Test
    void billedPathsAreAMetric() {
        await().atMost(Duration.ofSeconds(70)).untilAsserted(() -> given().get(Management.url("/q/metrics")).then()
                .body(containsString("freshguard_cloudfront_paths_billed_month")));
    }
}
