package io.freshguard.probe.service;

import io.freshguard.audit.domain.Freshness;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

/**
 * One asset's verdict from one probe, with the fetch behind it and, for a stale asset with an origin-url,
 * whether the origin itself serves the old build ({@code null} when unknown); {@code edges} is the verdict per CDN
 * edge this probe reached.
 */
public record AssetResult(ProbedAsset asset, AssetFetcher.Fetch fetch, Freshness state, Long deployId,
        Instant expectedAfter, String diagnosis, Boolean originOld, List<EdgeVerdict> edges) {

    /** One edge's verdict: the worst copy it served. */
    public record EdgeVerdict(String edge, AssetResult result) {
    }

    public AssetResult(ProbedAsset asset, AssetFetcher.Fetch fetch, Freshness state, Long deployId,
            Instant expectedAfter, String diagnosis, Boolean originOld) {
        this(asset, fetch, state, deployId, expectedAfter, diagnosis, originOld, List.of());
    }

    AssetResult withEdges(List<EdgeVerdict> verdicts) {
        return new AssetResult(asset, fetch, state, deployId, expectedAfter, diagnosis, originOld, verdicts);
    }

    AssetResult withDiagnosis(String text) {
        return new AssetResult(asset, fetch, state, deployId, expectedAfter, text, originOld, edges);
    }

    /**
     * The asset's verdict over its copies: the worst one (a browser getting that copy sees exactly that), and when
     * the copies disagree the diagnosis says which copy is behind and what each served.
     */
    static AssetResult worstOf(List<AssetResult> copies, List<ContentEncoding> encodings) {
        int worst = 0;
        for (int i = 1; i < copies.size(); i++) {
            if (severity(copies.get(i).state()) > severity(copies.get(worst).state())) {
                worst = i;
            }
        }
        AssetResult result = copies.get(worst);
        boolean agree = copies.stream().allMatch(c -> c.state() == copies.get(0).state());
        if (agree) {
            return result;
        }
        StringJoiner each = new StringJoiner(", ", "; copies: ", "");
        for (int i = 0; i < copies.size(); i++) {
            each.add(encodings.get(i).token() + "=" + copies.get(i).state());
        }
        return result.withDiagnosis("the " + encodings.get(worst).token() + " copy: " + result.diagnosis() + each);
    }

    static int severity(Freshness state) {
        return switch (state) {
            case FRESH -> 0;
            case PENDING -> 1;
            case UNREACHABLE -> 2;
            case STALE -> 3;
        };
    }
}
