package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.Freshness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One asset's verdict from its fetched copies, without Quarkus and without I/O. */
class AssetJudgeTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final List<ContentEncoding> ALL = List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.IDENTITY);
    static final ProbedAsset ASSET = new ProbedAsset("acme", "embed", "https://cdn.example/embed.js",
            "https://origin.example/embed.js", BuildMarker.defaults(), Duration.ofMinutes(15));
    static final ChainReader.SiteDeploys DEPLOYS = new ChainReader.SiteDeploys(7,
            new FreshnessJudge.Expectation("v2", null, NOW.minusSeconds(60), NOW.minusSeconds(3600)),
            ChainStatus.INVALIDATED, null, true);

    static AssetFetcher.Fetch served(String release, String edge) {
        return new AssetFetcher.Fetch(200, Optional.of(new BuildMarker.Marker(null, release, null)), 100, 5, null, null,
                null, edge, null);
    }

    @Test
    void theAssetIsAsFreshAsItsWorstCopyAndSaysWhichCopyIsBehind() {
        AtomicInteger originReads = new AtomicInteger();
        AssetResult result = new AssetJudge(ALL, "replica-1").judge(ASSET,
                List.of(served("v2", "FRA56"), served("v1", "FRA56"), served("v2", "FRA56")), DEPLOYS, NOW, a -> {
                    originReads.incrementAndGet();
                    return false;
                });
        assertEquals(Freshness.PENDING, result.state());
        assertTrue(result.diagnosis().contains("the gzip copy") && result.diagnosis().contains("br=FRESH, gzip=PENDING"),
                result.diagnosis());
        assertTrue(result.diagnosis().contains("CDN stale, origin is current"), result.diagnosis());
        assertEquals(1, originReads.get(), "the origin is read once, only because a copy is behind");
        assertEquals(List.of("FRA56"), result.edges().stream().map(AssetResult.EdgeVerdict::edge).toList());
        assertEquals(Freshness.PENDING, result.edges().get(0).result().state());
    }

    @Test
    void everyCopyFreshReadsNoOriginAndNamesAnUnnamedEdgeByItsReplica() {
        AtomicInteger originReads = new AtomicInteger();
        AssetResult result = new AssetJudge(ALL, "replica-1").judge(ASSET,
                List.of(served("v2", null), served("v2", null), served("v2", null)), DEPLOYS, NOW, a -> {
                    originReads.incrementAndGet();
                    return false;
                });
        assertEquals(Freshness.FRESH, result.state());
        assertEquals(0, originReads.get());
        assertEquals(EdgeVerdicts.UNNAMED + "replica-1", result.edges().get(0).edge());
    }

    @Test
    void copiesFromTwoEdgesAreJudgedPerEdgeAndAFailureIsTheAssetsUnreachable() {
        AssetResult split = new AssetJudge(ALL, "r").judge(ASSET,
                List.of(served("v2", "FRA56"), served("v1", "IAD89"), served("v2", "FRA56")), DEPLOYS, NOW, a -> null);
        assertEquals(List.of(Freshness.FRESH, Freshness.PENDING), split.edges().stream().map(e -> e.result().state()).toList());

        AssetResult failed = new AssetJudge(ALL, "r").judge(ASSET, List.of(served("v1", "X"), served("v1", "X"),
                served("v1", "X")), DEPLOYS, NOW, a -> {
                    throw new IllegalStateException("origin exploded");
                });
        assertEquals(Freshness.UNREACHABLE, failed.state());
        assertFalse(failed.fetch().ok());
    }
}
