package io.freshguard.service.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.log.AuditVerifier;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditChainTest {

    static final String TOKEN = "Bearer test-audit-token";

    @Inject
    AuditVerifier verifier;

    @BeforeEach
    void someSealedHistory() {
        for (int i = 0; i < 3; i++) {
            GenericWebhooks.signedPost(GenericWebhooks.deploy("acme", "audit-" + UUID.randomUUID())).then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestDatabase.count("select count(*) from audit_log where hash is null") == 0);
    }

    static JsonPath verify() {
        return given().header("Authorization", TOKEN).get("/audit/log/verify").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void intactLogVerifies() {
        JsonPath result = verify();
        assertTrue(result.getBoolean("ok"));
        assertTrue(result.getLong("entries") >= 3);
    }

    @Test
    void editedEntryIsCaughtAndRepairingItRestoresTheChain() {
        Map<String, Object> victim = TestDatabase.query(
                "select seq, data from audit_log where seq is not null and data like '%ci@example.com%' order by seq limit 1").get(0);
        long seq = ((Number) victim.get("seq")).longValue();
        TestDatabase.update("update audit_log set data = replace(data, 'ci@example.com', 'mallory@example.com') where seq = ?", seq);
        try {
            JsonPath result = verify();
            assertFalse(result.getBoolean("ok"));
            assertEquals(seq, result.getLong("firstBroken"));
            given().get(Management.url("/q/metrics")).then().body(Matchers.containsString("freshguard_audit_last_verify_ok 0.0"));
        } finally {
            TestDatabase.update("update audit_log set data = ? where seq = ?", victim.get("data"), seq);
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void theScheduledVerificationWalksOnlyWhatWasSealedSinceItsCheckpoint() {
        assertTrue(verifier.verifySinceLastVerified().ok());
        long total = TestDatabase.count("select count(*) from audit_log where seq is not null");
        long checkpoint = TestDatabase.count("select seq from audit_verified");
        someSealedHistory();
        AuditVerifier.Verification next = verifier.verifySinceLastVerified();
        assertTrue(next.ok(), next.toString());
        assertTrue(next.entries() >= 3 && next.entries() < total, next.entries() + " of " + total);
        assertTrue(TestDatabase.count("select seq from audit_verified") > checkpoint);

        // an entry sealed after the checkpoint, edited: caught by the next run, which keeps its checkpoint
        someSealedHistory();
        Map<String, Object> victim = TestDatabase.query("select seq, data from audit_log where seq > (select seq from audit_verified)"
                + " order by seq limit 1").get(0);
        long seq = ((Number) victim.get("seq")).longValue();
        TestDatabase.update("update audit_log set data = replace(data, '\"', '\"\"') where seq = ?", seq);
        try {
            AuditVerifier.Verification broken = verifier.verifySinceLastVerified();
            assertFalse(broken.ok());
            assertEquals(seq, broken.firstBroken());
        } finally {
            TestDatabase.update("update audit_log set data = ? where seq = ?", victim.get("data"), seq);
        }
        assertTrue(verifier.verifySinceLastVerified().ok());

        // a checkpoint edited in the database is a break of its own
        Map<String, Object> saved = TestDatabase.query("select hash from audit_verified").get(0);
        TestDatabase.update("update audit_verified set hash = ?", "0".repeat(64));
        try {
            assertFalse(verifier.verifySinceLastVerified().ok());
        } finally {
            TestDatabase.update("update audit_verified set hash = ?", saved.get("hash"));
        }
        assertTrue(verifier.verifySinceLastVerified().ok());
    }

    @Test
    void deletedEntryIsCaught() {
        Map<String, Object> victim = TestDatabase.query("select * from audit_log where seq = 2").get(0);
        TestDatabase.update("delete from audit_log where seq = 2");
        try {
            JsonPath result = verify();
            assertFalse(result.getBoolean("ok"));
            assertEquals(2, result.getLong("firstBroken"));
        } finally {
            TestDatabase.update("insert into audit_log (id, seq, at, kind, subject, deploy_id, data, prev_hash, hash) values (?,?,?,?,?,?,?,?,?)",
                    victim.get("id"), victim.get("seq"), victim.get("at"), victim.get("kind"), victim.get("subject"),
                    victim.get("deploy_id"), victim.get("data"), victim.get("prev_hash"), victim.get("hash"));
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void reorderedEntriesAreCaught() {
        TestDatabase.update("update audit_log set seq = -1 where seq = 1");
        TestDatabase.update("update audit_log set seq = 1 where seq = 2");
        TestDatabase.update("update audit_log set seq = 2 where seq = -1");
        try {
            JsonPath result = verify();
            assertFalse(result.getBoolean("ok"));
            assertEquals(1, result.getLong("firstBroken"));
        } finally {
            TestDatabase.update("update audit_log set seq = -1 where seq = 1");
            TestDatabase.update("update audit_log set seq = 1 where seq = 2");
            TestDatabase.update("update audit_log set seq = 2 where seq = -1");
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void verifyTellsTheTruthWhileEntriesAreAppendedAndSealed() throws Exception {
        AtomicBoolean streaming = new AtomicBoolean(true);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            while (streaming.get()) {
                GenericWebhooks.signedPost(GenericWebhooks.deploy("acme", "load-" + UUID.randomUUID())).then().statusCode(202);
            }
        });
        try {
            for (int i = 0; i < 40; i++) {
                JsonPath result = verify();
                assertTrue(result.getBoolean("ok"), "verification " + i + " under load: " + result.prettify());
                Thread.sleep(50);
            }
        } finally {
            streaming.set(false);
            stream.get();
        }
    }

    @Test
    void auditApiNeedsTheToken() {
        given().get("/audit/log/verify").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong").get("/audit/log/verify").then().statusCode(401);
    }
}
