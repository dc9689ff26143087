package io.freshguard.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditQueryParametersTest {

    @Test
    void namesThatCannotBeConfiguredAre400sNamingTheParameter() {
        assertEquals("acme", AuditQuery.name("site", "acme"));
        assertNull(AuditQuery.name("site", " "));
        assertTrue(assertThrows(InvalidQueryException.class, () -> AuditQuery.name("site", "a\u0000b")).getMessage().startsWith("site"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> AuditQuery.name("asset", "x".repeat(101))).getMessage().startsWith("asset"));
    }

    @Test
    void limitsTimesAndCursorsOutOfRangeAre400s() {
        assertThrows(InvalidQueryException.class, () -> AuditQuery.limit(0));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.limit(1001));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.time("since", "+999999999-12-31"));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.time("since", "+999999999-12-31T23:59:59Z"));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.time("until", "-000001-01-01T00:00:00Z"));
        String farCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "+999999999-12-31T23:59:59Z|5".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.cursor(farCursor));
        assertThrows(InvalidQueryException.class, () -> AuditQuery.cursor("%%%"));
        assertEquals(100, AuditQuery.limit(null));
    }
}
