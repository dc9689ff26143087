package io.freshguard.probe.service;

import io.freshguard.audit.domain.Freshness;
import java.time.Instant;

/**
 * One asset's verdict from one probe, with the fetch behind it and, for a stale asset with an origin-url,
 * whether the origin itself serves the old build ({@code null} when unknown).
 */
public record AssetResult(ProbedAsset asset, AssetFetcher.Fetch fetch, Freshness state, Long deployId,
        Instant expectedAfter, String diagnosis, Boolean originOld) {
}
