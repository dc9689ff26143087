package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.AssetEdge;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.ObservedBuild;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeVerdictsTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final ProbedAsset ASSET = new ProbedAsset("acme", "embed", "http://cdn/embed.js", null, BuildMarker.defaults(), Duration.ZERO);

    static AssetResult local(Freshness state, long deploy, String release) {
        AssetFetcher.Fetch fetch = new AssetFetcher.Fetch(200, Optional.of(new BuildMarker.Marker(null, release, null)),
                10, 1, null, null, null, "IAD89-C1", null);
        return new AssetResult(ASSET, fetch, state, deploy, null, state == Freshness.FRESH ? "serves the latest deploy" : "older build", null);
    }

    static AssetEdge edge(String name, Freshness state, Long deploy, String release, Instant checkedAt) {
        AssetEdge edge = new AssetEdge();
        edge.key = new AssetEdge.Key("acme", "embed", name);
        edge.replica = "replica-" + name;
        edge.state = state;
        edge.deployId = deploy;
        edge.observed = ObservedBuild.of(release, null, null);
        edge.httpStatus = 200;
        edge.diagnosis = state == Freshness.FRESH ? "serves the latest deploy" : "older build past the grace";
        edge.checkedAt = checkedAt;
        return edge;
    }

    @Test
    void oneRecentStaleEdgeMakesTheAssetStaleAndSaysWhichEdge() {
        List<AssetEdge> seen = List.of(edge("IAD89-C1", Freshness.FRESH, 7L, "r7", NOW),
                edge("FRA56-C2", Freshness.STALE, 7L, "r6", NOW.minusSeconds(30)));
        AssetResult combined = EdgeVerdicts.fold(local(Freshness.FRESH, 7, "r7"), seen, NOW.minusSeconds(70)).result();
        assertEquals(Freshness.STALE, combined.state());
        assertEquals("FRA56-C2", combined.fetch().edge());
        assertEquals("r6", combined.fetch().marker().orElseThrow().release());
        assertTrue(combined.diagnosis().startsWith("edge FRA56-C2 (seen by replica-FRA56-C2 at "), combined.diagnosis());
        assertTrue(combined.diagnosis().endsWith("; edges: FRA56-C2=STALE, IAD89-C1=FRESH"), combined.diagnosis());
        assertEquals("FRA56-C2=STALE, IAD89-C1=FRESH", EdgeVerdicts.fold(local(Freshness.FRESH, 7, "r7"), seen, NOW.minusSeconds(70)).edges());
    }

    @Test
    void anEdgeNotSeenWithinTheIntervalNoLongerCounts() {
        List<AssetEdge> seen = List.of(edge("IAD89-C1", Freshness.FRESH, 7L, "r7", NOW),
                edge("FRA56-C2", Freshness.STALE, 7L, "r6", NOW.minusSeconds(71)));
        AssetResult combined = EdgeVerdicts.fold(local(Freshness.FRESH, 7, "r7"), seen, NOW.minusSeconds(70)).result();
        assertEquals(Freshness.FRESH, combined.state());
        assertEquals("serves the latest deploy", combined.diagnosis());
        assertNull(EdgeVerdicts.fold(local(Freshness.FRESH, 7, "r7"), List.of(), NOW).edges());
        assertNull(EdgeVerdicts.fold(local(Freshness.FRESH, 7, "r7"),
                List.of(edge("unnamed@1@host", Freshness.FRESH, 7L, "r7", NOW)), NOW.minusSeconds(70)).edges(), "one unnamed edge: nothing to tell");
    }

    @Test
    void whenThisProbesEdgeIsTheStaleOneTheDiagnosisStillNamesIt() {
        List<AssetEdge> seen = List.of(edge("IAD89-C1", Freshness.STALE, 7L, "r6", NOW),
                edge("FRA56-C2", Freshness.FRESH, 7L, "r7", NOW.minusSeconds(3)));
        AssetResult combined = EdgeVerdicts.fold(local(Freshness.STALE, 7, "r6"), seen, NOW.minusSeconds(70)).result();
        assertEquals(Freshness.STALE, combined.state());
        assertEquals("edge IAD89-C1: older build; edges: FRA56-C2=FRESH, IAD89-C1=STALE", combined.diagnosis());
    }

    @Test
    void anEdgeLastJudgedForAnOlderDeployIsPendingUnlessItServedTheSameBuild() {
        AssetResult fresh = local(Freshness.FRESH, 8, "r8");
        AssetResult pending = EdgeVerdicts.fold(fresh, List.of(edge("IAD89-C1", Freshness.FRESH, 8L, "r8", NOW),
                edge("FRA56-C2", Freshness.FRESH, 7L, "r7", NOW.minusSeconds(5))), NOW.minusSeconds(70)).result();
        assertEquals(Freshness.PENDING, pending.state());
        assertTrue(pending.diagnosis().contains("not yet seen serving deploy 8; last served release r7"), pending.diagnosis());
        AssetResult same = EdgeVerdicts.fold(fresh, List.of(edge("IAD89-C1", Freshness.FRESH, 8L, "r8", NOW),
                edge("FRA56-C2", Freshness.FRESH, 7L, "r8", NOW.minusSeconds(5))), NOW.minusSeconds(70)).result();
        assertEquals(Freshness.FRESH, same.state());
    }
}
