package io.freshguard.probe.service;

import io.freshguard.audit.domain.Freshness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One asset's verdict from the copies one probe fetched, with no I/O of its own: the worst over the copies browsers
 * get (brotli, gzip, uncompressed), saying which copy is behind when they disagree, and the worst copy each edge
 * served. Whether the origin itself is old is asked of the caller, at most once and only when some copy is behind.
 */
final class AssetJudge {

    private final List<ContentEncoding> encodings;
    /** Names an edge that did not name itself: by the replica that reached it. */
    private final String replica;

    AssetJudge(List<ContentEncoding> encodings, String replica) {
        this.encodings = List.copyOf(encodings);
        this.replica = replica;
    }

    /**
     * @param fetched one fetch per encoding, in the order of {@code encodings}
     * @param originOld whether the origin serves an older build than the expected one (null: unknown)
     */
    AssetResult judge(ProbedAsset asset, List<AssetFetcher.Fetch> fetched, ChainReader.SiteDeploys deploys, Instant now,
            Function<ProbedAsset, Boolean> originOld) {
        try {
            Supplier<Boolean> once = new Supplier<>() {
                private boolean read;
                private Boolean old;

                @Override
                public Boolean get() {
                    if (!read) {
                        old = asset.originUrl() == null ? null : originOld.apply(asset);
                        read = true;
                    }
                    return old;
                }
            };
            List<AssetResult> judged = new ArrayList<>(fetched.size());
            for (AssetFetcher.Fetch fetch : fetched) {
                judged.add(judgeCopy(asset, fetch, deploys, now, once));
            }
            return AssetResult.worstOf(judged, encodings).withEdges(byEdge(judged));
        } catch (RuntimeException e) {
            // whatever goes wrong with one asset is its UNREACHABLE, never the cycle's failure
            AssetFetcher.Fetch failed = new AssetFetcher.Fetch(0, Optional.empty(), 0, 0, null, null, null, null,
                    "probe failed: " + e);
            return new AssetResult(asset, failed, Freshness.UNREACHABLE, deploys == null ? null : deploys.deployId(),
                    null, failed.error(), null);
        }
    }

    /** Each edge that answered, with the worst copy it served (one edge per asset, unless DNS spreads the copies). */
    private List<AssetResult.EdgeVerdict> byEdge(List<AssetResult> judged) {
        Map<String, List<Integer>> copiesByEdge = new LinkedHashMap<>();
        for (int i = 0; i < judged.size(); i++) {
            String edge = judged.get(i).fetch().edge();
            copiesByEdge.computeIfAbsent(edge == null ? EdgeVerdicts.UNNAMED + replica : edge, e -> new ArrayList<>()).add(i);
        }
        List<AssetResult.EdgeVerdict> verdicts = new ArrayList<>(copiesByEdge.size());
        copiesByEdge.forEach((edge, indexes) -> verdicts.add(new AssetResult.EdgeVerdict(edge, AssetResult.worstOf(
                indexes.stream().map(judged::get).toList(), indexes.stream().map(encodings::get).toList()))));
        return verdicts;
    }

    private static AssetResult judgeCopy(ProbedAsset asset, AssetFetcher.Fetch fetch, ChainReader.SiteDeploys deploys,
            Instant now, Supplier<Boolean> originOld) {
        Long deployId = deploys == null ? null : deploys.deployId();
        if (!fetch.ok() || fetch.marker().isEmpty()) {
            Instant after = deploys == null ? null : FreshnessJudge.expectedAfter(deploys.expectation());
            return new AssetResult(asset, fetch, Freshness.UNREACHABLE, deployId, after, fetch.error(), null);
        }
        FreshnessJudge.Verdict verdict = FreshnessJudge.judge(fetch.marker().get(),
                deploys == null ? null : deploys.expectation(), asset.grace(), now);
        if (verdict.state() == Freshness.FRESH || deploys == null) {
            return new AssetResult(asset, fetch, verdict.state(), deployId, verdict.expectedAfter(), verdict.reason(), null);
        }
        Boolean old = originOld.get();
        String diagnosis = verdict.reason() + "; " + ChainReader.cause(deploys, old);
        return new AssetResult(asset, fetch, verdict.state(), deployId, verdict.expectedAfter(), diagnosis, old);
    }
}
