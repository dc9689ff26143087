package io.freshguard.service.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import io.freshguard.service.support.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Heals stop before the month's budget of billed paths: an edge that keeps the old build is healed while the budget
 * allows, then the chain stops at HEAL_BUDGET (gate, metric, audit); and a heal's number is a key, so a second replica
 * writing the same heal of the same chain is refused by the store, not by a read before a write.
 */
class HealBudgetIT {

    static final String DATABASE = "freshguard_budget_it";
    static final String PATH = "/budget/app.js";

    @Test
    void healsStopAtTheMonthlyBudgetAndAHealNumberIsTakenOnce() throws Exception {
        try (CdnSite site = CdnSite.start("budget", PATH, "none")) {
            Map<String, String> config = site.config("EBUDGETDIST");
            config.put("freshguard.sites.budget.grace", "PT0S");
            config.put("freshguard.purge.heal-backoff", "PT0.5S");
            config.put("freshguard.purge.heal-attempts", "3");
            // the deploy's own path and one heal fit; a second heal would be the third path
            config.put("freshguard.cloudfront.monthly-path-budget", "2");
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("budget", DATABASE, site.cloudfrontPort(), config).start()) {
                // an edge that keeps the old build whatever is purged
                site.cdn.pin(PATH, "/* app release=none */\n");
                String commit = UUID.randomUUID().toString().replace("-", "");
                long deploy = GenericWebhooks.deployCommitTo(service.url(""), "budget", commit);

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!"HEAL_BUDGET".equals(status(deploy)) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertEquals("HEAL_BUDGET", status(deploy));
                assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from invalidation_batch where deploy_id = ? and purpose = 'HEAL'",
                        deploy), "one heal fitted in the budget");
                assertEquals(1, TestDatabase.countIn(DATABASE, "select heal_paths from heal_path_budget where target = 'cloudfront:EBUDGETDIST'"));
                assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from audit_log where deploy_id = ? and kind = 'HEAL_BUDGET'", deploy));
                given().header("Authorization", "Bearer " + ServiceProcess.CI_TOKEN).get(service.url("/audit/sites/budget/commits/" + commit))
                        .then().statusCode(409).body("status", equalTo("HEAL_BUDGET"));
                assertTrue(given().get(service.managementUrl("/q/metrics")).asString()
                        .contains("freshguard_heals_total{outcome=\"over_budget\"} 1.0"));

                // a second replica that planned heal 1 of this chain too: its insert is refused by the key
                try (Connection db = TestPostgres.connect(DATABASE); Statement sql = db.createStatement()) {
                    SQLException refused = assertThrows(SQLException.class, () -> sql.execute("insert into invalidation_batch (deploy_id,"
                            + " target, caller_reference, paths, file_paths, wildcard_paths, status, next_attempt_at, created_at,"
                            + " purpose, heal_attempt) values (" + deploy + ", 'cloudfront:EBUDGETDIST', 'freshguard-heal-race', '" + PATH
                            + "', 1, 0, 'QUEUED', now(), now(), 'HEAL', 1)"));
                    assertEquals("23505", refused.getSQLState(), refused.getMessage());
                }
            }
        }
    }

    static String status(long deploy) {
        return String.valueOf(TestDatabase.queryIn(DATABASE, "select status from deploy where id = ?", deploy).get(0).get("status"));
    }
}
