package io.freshguard.audit.service.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listing's CSV layout comes from its view's one definition: header and cells cannot drift apart. */
class CsvRowTest {

    @Test
    void theHeaderIsTheComponentsAndTheCellsTheirValuesInTheSameOrder() {
        AuditViews.IncidentView incident = new AuditViews.IncidentView(4, "acme", "embed", 9L, "STALE",
                Instant.parse("2026-11-25T12:00:00Z"), null, 1500, "invalidation still in progress", false, null);
        assertEquals(List.of("id", "site", "asset", "deployId", "state", "startedAt", "endedAt", "durationMs", "cause",
                "originOld", "endedByHeal"), CsvRow.columns(AuditViews.IncidentView.class));
        assertEquals(Arrays.asList(4L, "acme", "embed", 9L, "STALE", Instant.parse("2026-11-25T12:00:00Z"), null, 1500L,
                "invalidation still in progress", false, null), incident.csvValues());
        assertEquals(CsvRow.columns(AuditViews.DeploySummary.class).size(), AuditViews.DeploySummary.class.getRecordComponents().length);
    }
}
