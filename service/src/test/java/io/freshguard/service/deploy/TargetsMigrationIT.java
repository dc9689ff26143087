package io.freshguard.service.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import io.freshguard.service.support.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store written before purge targets (schema 12: batches and heal budgets keyed by a bare distribution id) is
 * migrated at the upgrade's first start: its rows read as the same distribution's CloudFront target, in the store and
 * through the audit API, with the fields readers written before other CDNs expect.
 */
class TargetsMigrationIT {

    static final String DATABASE = "freshguard_targets_migration_it";

    @Test
    void rowsWrittenForADistributionReadAsItsCloudFrontTargetAfterTheUpgrade() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        Flyway.configure().dataSource(TestPostgres.url(DATABASE), TestPostgres.USER, null).locations("classpath:db/migration")
                .target("12").load().migrate();
        try (Connection db = TestPostgres.connect(DATABASE); Statement sql = db.createStatement()) {
            sql.execute("insert into deploy (id, site, source_kind, source_key, delivery_id, release_name, received_at, status,"
                    + " status_changed_at, payload_sha256, invalidated_at, live_at) values (1, 'acme', 'GENERIC', 'acme',"
                    + " 'delivery-before', 'r-before', now(), 'INVALIDATED', now(), repeat('0', 64), now(), now())");
            sql.execute("insert into invalidation_batch (deploy_id, distribution_id, caller_reference, paths, file_paths,"
                    + " wildcard_paths, status, next_attempt_at, created_at, purpose, cloudfront_id, completed_at) values (1,"
                    + " 'EOLDROWDIST', 'freshguard-1-before', '/embed.js', 1, 0, 'COMPLETED', now(), now(), 'DEPLOY',"
                    + " 'I2J0I21PCUYOIK', now())");
            sql.execute("insert into heal_path_budget (distribution_id, budget_month, heal_paths) values ('EOLDROWDIST', '2026-12', 2)");
        }
        Map<String, String> config = Map.of("freshguard.purge.dry-run", "true",
                "freshguard.sites.acme.targets.main.vendor", "cloudfront",
                "freshguard.sites.acme.targets.main.id", "EOLDROWDIST",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme");
        try (ServiceProcess service = new ServiceProcess("targets-migration", DATABASE, 9, config).start()) {
            assertTrue(service.log().contains("to version \"13 - purge targets\""), service.log());
            Map<String, Object> batch = TestDatabase.queryIn(DATABASE, "select target, purge_id from invalidation_batch where deploy_id = 1").get(0);
            assertEquals("cloudfront:EOLDROWDIST", batch.get("target"));
            assertEquals("I2J0I21PCUYOIK", batch.get("purge_id"));
            assertEquals(2, TestDatabase.countIn(DATABASE, "select heal_paths from heal_path_budget where target = 'cloudfront:EOLDROWDIST'"));
            given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(service.url("/audit/deploys/1"))
                    .then().statusCode(200)
                    .body("batches[0].target", equalTo("cloudfront:EOLDROWDIST"))
                    .body("batches[0].vendor", equalTo("cloudfront"))
                    .body("batches[0].purgeId", equalTo("I2J0I21PCUYOIK"))
                    .body("batches[0].distributionId", equalTo("EOLDROWDIST"))
                    .body("batches[0].cloudfrontId", equalTo("I2J0I21PCUYOIK"));
        }
    }
}
