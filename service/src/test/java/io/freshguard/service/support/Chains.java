package io.freshguard.service.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads deploy chains and readiness the way an operator would: from the store and from /q/health. */
public final class Chains {

    private Chains() {
    }

    public static String status(long deployId) {
        return (String) TestDatabase.query("select status from deploy where id = ?", deployId).get(0).get("status");
    }

    public static void awaitStatus(long deployId, String expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> expected.equals(status(deployId)));
    }

    /** Waits until the chain is in one of the statuses (an invalidated chain a pass saw behind turns STALE at once). */
    public static void awaitAnyStatus(long deployId, String... expected) {
        List<String> statuses = List.of(expected);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> statuses.contains(status(deployId)));
    }

    public static List<Map<String, Object>> batches(long deployId) {
        return TestDatabase.query("select * from invalidation_batch where deploy_id = ? order by id", deployId);
    }

    public static List<Map<String, Object>> auditEntries(long deployId) {
        return TestDatabase.query("select kind, subject, data from audit_log where deploy_id = ? order by id", deployId);
    }

    /** The whole answer of a health group (its checks and their data), whatever its status. */
    public static Map<String, Object> healthGroup(String group) {
        return given().get(Management.url("/q/health/group/" + group)).then().extract().jsonPath().getMap("$");
    }

    /** The named readiness check as JSON (status and data), whatever the other checks say. */
    public static Map<String, Object> readinessCheck(String name) {
        JsonPath health = given().get(Management.url("/q/health/ready")).then().extract().jsonPath();
        return health.getMap("checks.find { it.name == '" + name + "' }");
    }
}
