package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.audit.domain.Freshness;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassVerdictTest {

    @Test
    void freshOnlyWhenEveryAssetIsAndBehindWhenAnyServesAnOlderBuild() {
        assertEquals(PassVerdict.FRESH, PassVerdict.of(List.of(Freshness.FRESH, Freshness.FRESH)));
        assertEquals(PassVerdict.BEHIND, PassVerdict.of(List.of(Freshness.FRESH, Freshness.PENDING)));
        assertEquals(PassVerdict.BEHIND, PassVerdict.of(List.of(Freshness.UNREACHABLE, Freshness.STALE)));
        assertEquals(PassVerdict.UNKNOWN, PassVerdict.of(List.of(Freshness.FRESH, Freshness.UNREACHABLE)));
        assertEquals(PassVerdict.UNKNOWN, PassVerdict.of(List.of()));
    }
}
