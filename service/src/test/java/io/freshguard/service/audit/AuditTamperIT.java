package io.freshguard.service.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestPostgres;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Someone with write access to the database, but not the chain key, tries to rewrite history. Its own service and
 * database, so nothing else appends while rows are edited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperIT {

    static final String DATABASE = "freshguard_tamper_it";
    static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        service = new ServiceProcess("tamper", DATABASE, 9, Map.of(
                "freshguard.purge.dry-run", "true",
                "freshguard.sites.acme.distribution-id", "EACMETAMPER",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme")).start();
        deploys(4);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    @Order(1)
    void unkeyedHistoryAndTheKeyedPartVerify() throws Exception {
        JsonPath result = verify(null);
        assertTrue(result.getBoolean("ok"), result.prettify());
        assertNotNull(result.get("keyedFrom"));
        assertEquals("CHAIN_KEYED", scalar("select kind from audit_log where seq = " + result.getLong("keyedFrom")));
    }

    @Test
    @Order(2)
    void cuttingTheTailAndWindingTheHeadBackIsCaughtAgainstASavedHead() throws Exception {
        String older = head().getString("token");
        long olderSeq = head().getLong("seq");
        Map<String, Object> olderHead = row("select seq, hash, signature from audit_head");
        deploys(3);
        String saved = head().getString("token");
        assertTrue(verify(saved).getBoolean("ok"));

        List<Object[]> tail = rows("select id, seq, at, kind, subject, deploy_id, data, prev_hash, hash from audit_log"
                + " where seq > " + olderSeq + " order by seq");
        Map<String, Object> newerHead = row("select seq, hash, signature from audit_head");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from audit_log where seq > " + olderSeq);
            setHead(c, olderHead);
        }
        try {
            // the database alone holds a consistent, genuinely signed older head: only the saved one tells
            assertTrue(verify(null).getBoolean("ok"));
            assertTrue(verify(older).getBoolean("ok"));
            JsonPath caught = verify(saved);
            assertFalse(caught.getBoolean("ok"));
            assertTrue(caught.getString("reason").contains("before the saved head"), caught.prettify());
        } finally {
            try (Connection c = connect()) {
                for (Object[] r : tail) {
                    try (PreparedStatement insert = c.prepareStatement("insert into audit_log (id, seq, at, kind, subject,"
                            + " deploy_id, data, prev_hash, hash) values (?,?,?,?,?,?,?,?,?)")) {
                        for (int i = 0; i < r.length; i++) {
                            insert.setObject(i + 1, r[i]);
                        }
                        insert.executeUpdate();
                    }
                }
                setHead(c, newerHead);
            }
        }
        assertTrue(verify(saved).getBoolean("ok"));
    }

    @Test
    @Order(3)
    void rewritingAnEntryAndRehashingEverythingIsCaught() throws Exception {
        String saved = head().getString("token");
        long keyedFrom = verify(null).getLong("keyedFrom");
        long victim = keyedFrom + 1;
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("update audit_log set data = replace(data, 'ci@example.com', 'mallory@example.com')"
                    + " where seq = " + victim);
            // what an attacker without the key can do: recompute every link from there with the public hash
            String prev = (String) scalar("select prev_hash from audit_log where seq = " + victim);
            long last = 0;
            try (ResultSet r = c.createStatement().executeQuery("select seq, at, kind, subject, deploy_id, data from audit_log"
                    + " where seq >= " + victim + " order by seq")) {
                List<Object[]> entries = new ArrayList<>();
                while (r.next()) {
                    entries.add(new Object[] {r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getString(3),
                            r.getString(4), r.getObject(5, Long.class), r.getString(6)});
                }
                for (Object[] e : entries) {
                    String hash = sha256(String.join("\n", prev, e[0].toString(),
                            ((OffsetDateTime) e[1]).toInstant().toString(), (String) e[2], (String) e[3],
                            String.valueOf(e[4]), (String) e[5]));
                    try (PreparedStatement u = c.prepareStatement("update audit_log set prev_hash = ?, hash = ? where seq = ?")) {
                        u.setString(1, prev);
                        u.setString(2, hash);
                        u.setLong(3, (Long) e[0]);
                        u.executeUpdate();
                    }
                    prev = hash;
                    last = (Long) e[0];
                }
            }
            try (PreparedStatement u = c.prepareStatement("update audit_head set seq = ?, hash = ?")) {
                u.setLong(1, last);
                u.setString(2, prev);
                u.executeUpdate();
            }
        }
        JsonPath result = verify(null);
        assertFalse(result.getBoolean("ok"), result.prettify());
        assertEquals(victim, result.getLong("firstBroken"));
        assertFalse(verify(saved).getBoolean("ok"));
    }

    @Test
    @Order(4)
    void aForgedOrGarbledSavedHeadIsRefused() {
        JsonPath forged = verify("1:" + "a".repeat(64) + ":" + "b".repeat(64));
        assertFalse(forged.getBoolean("ok"));
        assertTrue(forged.getString("reason").contains("signature"), forged.prettify());
        given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).queryParam("since-head", "not-a-head")
                .get(service.url("/audit/log/verify")).then().statusCode(400);
    }

    @Test
    @Order(5)
    void productionRefusesToStartWithoutAChainKey() throws Exception {
        ServiceProcess unkeyed = new ServiceProcess("unkeyed", DATABASE, 9, Map.of("freshguard.audit.chain-key", ""));
        try (unkeyed) {
            IllegalStateException refused = Assertions.assertThrows(IllegalStateException.class, unkeyed::start);
            assertTrue(refused.getMessage().contains("exited"), refused.getMessage());
        }
        String log = Files.readString(Path.of("target", "unkeyed.log"));
        assertTrue(log.contains("freshguard.audit.chain-key is not set"), log);
    }

    private static void deploys(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            GenericWebhooks.deployTo(service.url(""), "acme", "tamper-" + System.nanoTime());
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            // sealed, and nothing left to happen to these deploys (dry-run moves them once)
            if (((Number) scalar("select count(*) from audit_log where hash is null")).longValue() == 0
                    && ((Number) scalar("select count(*) from deploy where status = 'RECEIVED'")).longValue() == 0) {
                Thread.sleep(1500);
                if (((Number) scalar("select count(*) from audit_log where hash is null")).longValue() == 0) {
                    return;
                }
            }
        }
        throw new AssertionError("audit entries were not sealed");
    }

    private static JsonPath head() {
        return given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(service.url("/audit/log/head"))
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath verify(String sinceHead) {
        var request = given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN);
        if (sinceHead != null) {
            request.queryParam("since-head", sinceHead);
        }
        return request.get(service.url("/audit/log/verify")).then().statusCode(200).extract().jsonPath();
    }

    private static void setHead(Connection c, Map<String, Object> head) throws Exception {
        try (PreparedStatement u = c.prepareStatement("update audit_head set seq = ?, hash = ?, signature = ?")) {
            u.setObject(1, head.get("seq"));
            u.setObject(2, head.get("hash"));
            u.setObject(3, head.get("signature"));
            u.executeUpdate();
        }
    }

    private static Connection connect() throws Exception {
        return TestPostgres.connect(DATABASE);
    }

    private static Object scalar(String sql) throws Exception {
        try (Connection c = connect(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getObject(1);
        }
    }

    private static Map<String, Object> row(String sql) throws Exception {
        try (Connection c = connect(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return Map.of("seq", r.getObject(1), "hash", r.getObject(2), "signature", r.getObject(3));
        }
    }

    private static List<Object[]> rows(String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = connect(); ResultSet r = c.createStatement().executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
