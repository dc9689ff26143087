package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.audit.domain.Freshness;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessJudgeTest {

    static final Instant DEPLOYED = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant PREVIOUS = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(15);

    static Freshness judge(BuildMarker.Marker marker, FreshnessJudge.Expectation expected, Instant now) {
        return FreshnessJudge.judge(marker, expected, GRACE, now).state();
    }

    @Test
    void releaseOrCommitEqualityDecides() {
        var expected = new FreshnessJudge.Expectation("v7", "69eec518969cc409e116940aa5304ab6ab237a4d", DEPLOYED, PREVIOUS);
        assertEquals(Freshness.FRESH, judge(new BuildMarker.Marker(null, "v7", null), expected, DEPLOYED));
        assertEquals(Freshness.FRESH, judge(new BuildMarker.Marker(null, null, "69eec51"), expected, DEPLOYED));
        assertEquals(Freshness.PENDING, judge(new BuildMarker.Marker(null, "v6", null), expected, DEPLOYED.plusSeconds(60)));
        assertEquals(Freshness.STALE, judge(new BuildMarker.Marker(null, "v6", null), expected, DEPLOYED.plus(GRACE)));
        assertEquals(Freshness.STALE, judge(new BuildMarker.Marker(null, null, "69eec5"), expected, DEPLOYED.plus(GRACE)),
                "fewer than 7 characters never match a full SHA");
    }

    @Test
    void aTimeOnlyMarkerMustBeNewerThanThePreviousDeploy() {
        var expected = new FreshnessJudge.Expectation(null, null, DEPLOYED, PREVIOUS);
        assertEquals(Freshness.FRESH, judge(new BuildMarker.Marker(PREVIOUS.plusSeconds(1), null, null), expected, DEPLOYED));
        assertEquals(Freshness.PENDING, judge(new BuildMarker.Marker(PREVIOUS.minusSeconds(1), null, null), expected, DEPLOYED));
        assertEquals(Freshness.STALE, judge(new BuildMarker.Marker(PREVIOUS.minusSeconds(1), null, null), expected,
                DEPLOYED.plus(GRACE).plusSeconds(1)));
    }

    @Test
    void withASingleKnownDeployTheBuildMayPrecedeItByAnHour() {
        var expected = new FreshnessJudge.Expectation(null, null, DEPLOYED, null);
        assertEquals(Freshness.FRESH, judge(new BuildMarker.Marker(DEPLOYED.minus(Duration.ofMinutes(59)), null, null), expected, DEPLOYED));
        assertEquals(Freshness.PENDING, judge(new BuildMarker.Marker(DEPLOYED.minus(Duration.ofMinutes(61)), null, null), expected, DEPLOYED));
    }

    @Test
    void withoutAnyDeployThereIsNothingToBeStaleAgainst() {
        assertEquals(Freshness.FRESH, judge(new BuildMarker.Marker(PREVIOUS, null, null), null, DEPLOYED));
    }
}
