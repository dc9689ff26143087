package io.freshguard.probe.service;

import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.domain.Freshness;
import java.time.Duration;
import java.time.Instant;

/**
 * The freshness rules of the spec, with no I/O: given what the CDN served and the site's deploys, is the asset
 * FRESH, PENDING, STALE or UNREACHABLE?
 */
public final class FreshnessJudge {

    /** With a single known deploy, a build this much older than it still counts as that deploy's build. */
    static final Duration SINGLE_DEPLOY_SLACK = Duration.ofHours(1);

    /** The deploy the asset should reflect, and the one before it. */
    public record Expectation(String release, String commit, Instant liveAt, Instant previousLiveAt) {
    }

    public record Verdict(Freshness state, Instant expectedAfter, String reason) {
    }

    private FreshnessJudge() {
    }

    /** True when the build in the marker is the expected deploy's (or newer). */
    public static boolean matches(BuildMarker.Marker marker, Expectation expected) {
        if (marker.release() != null && expected.release() != null) {
            return marker.release().equalsIgnoreCase(expected.release());
        }
        if (marker.commit() != null && expected.commit() != null) {
            return CommitId.same(marker.commit(), expected.commit());
        }
        return marker.time() != null && !marker.time().isBefore(expectedAfter(expected));
    }

    /** A build must be at least this new (time-only markers). */
    public static Instant expectedAfter(Expectation expected) {
        return expected.previousLiveAt() != null ? expected.previousLiveAt() : expected.liveAt().minus(SINGLE_DEPLOY_SLACK);
    }

    public static Verdict judge(BuildMarker.Marker marker, Expectation expected, Duration grace, Instant now) {
        if (expected == null) {
            return new Verdict(Freshness.FRESH, null, "no deploy recorded for this site yet");
        }
        Instant after = expectedAfter(expected);
        if (marker.release() == null && marker.commit() == null && marker.time() == null) {
            return new Verdict(Freshness.UNREACHABLE, after, "marker carries nothing comparable");
        }
        if (matches(marker, expected)) {
            return new Verdict(Freshness.FRESH, after, "serves the latest deploy");
        }
        boolean inGrace = now.isBefore(expected.liveAt().plus(grace));
        return new Verdict(inGrace ? Freshness.PENDING : Freshness.STALE, after,
                inGrace ? "older build, deploy is within its grace" : "older build past the grace of " + grace);
    }
}
