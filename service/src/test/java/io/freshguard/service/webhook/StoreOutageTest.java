package io.freshguard.service.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.PostgresProxyResource;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StoreOutageTest {

    @Test
    void unreachableStoreAnswers503AndLosesNothingAcceptedBefore() {
        String tag = UUID.randomUUID().toString();
        long before = GenericWebhooks.signedPost(GenericWebhooks.deploy("acme", "before-" + tag))
                .then().statusCode(202).extract().jsonPath().getLong("deploy");

        byte[] during = GenericWebhooks.deploy("acme", "during-" + tag);
        PostgresProxyResource.cut();
        try {
            GenericWebhooks.signedPost(during).then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("error", equalTo("store_unavailable"));
        } finally {
            PostgresProxyResource.restore();
        }

        assertEquals(1, TestDatabase.count("select count(*) from deploy where id = ?", before));
        assertEquals(0, TestDatabase.count("select count(*) from deploy where release_name = ?", "during-" + tag));
        // the sender retries: connections broken by the outage may still answer 503 once, never anything else
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int status = GenericWebhooks.signedPost(during).then().extract().statusCode();
            assertTrue(status == 202 || status == 503, "got " + status);
            return status == 202;
        });
        assertEquals(1, TestDatabase.count("select count(*) from deploy where release_name = ?", "during-" + tag));
    }
}
