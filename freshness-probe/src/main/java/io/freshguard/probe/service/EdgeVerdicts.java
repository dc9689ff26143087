package io.freshguard.probe.service;

import io.freshguard.audit.domain.AssetEdge;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.ObservedBuild;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Folds what every replica saw at every CDN edge into one asset verdict: customers behind any edge seen recently
 * get what that edge serves, so the asset is only as fresh as its worst recent edge.
 */
final class EdgeVerdicts {

    /** How an edge that did not name itself is called: by the replica that reached it. */
    static final String UNNAMED = "unnamed@";

    /** One recent edge's verdict as it stands against the deploy being judged now. */
    private record Seen(AssetEdge edge, Freshness state, String diagnosis) {
    }

    private EdgeVerdicts() {
    }

    /**
     * What every recent edge adds up to: the asset's verdict, and {@code EDGE=STATE} for each edge by name (null when
     * there is nothing to tell: no edge, or only this replica's view of a CDN that does not name its edges).
     */
    record Folded(AssetResult result, String edges) {
    }

    /**
     * Folds this probe's result with the edges seen since {@code since} (this probe's own edges included). An edge
     * last judged against an older deploy counts as this probe's verdict if it served the same build, else as
     * PENDING: it has not been seen serving this deploy yet.
     */
    static Folded fold(AssetResult local, List<AssetEdge> edges, Instant since) {
        List<Seen> recent = recent(local, edges, since);
        boolean nothingToTell = recent.isEmpty() || recent.size() == 1 && recent.get(0).edge().key.edge().startsWith(UNNAMED);
        return new Folded(combine(local, recent), nothingToTell ? null : summary(recent));
    }

    private static AssetResult combine(AssetResult local, List<Seen> recent) {
        Seen worst = recent.stream().max(Comparator.comparingInt(s -> AssetResult.severity(s.state()))).orElse(null);
        boolean disagree = recent.stream().map(Seen::state).distinct().count() > 1;
        if (worst == null || !disagree) {
            return local;
        }
        AssetEdge edge = worst.edge();
        if (AssetResult.severity(worst.state()) <= AssetResult.severity(local.state())) {
            return local.withDiagnosis("edge " + edge.key.edge() + ": " + local.diagnosis() + "; edges: " + summary(recent));
        }
        AssetFetcher.Fetch fetch = new AssetFetcher.Fetch(edge.httpStatus == null ? 0 : edge.httpStatus, marker(edge),
                0, 0, null, null, null, edge.key.edge(), null);
        return new AssetResult(local.asset(), fetch, worst.state(), local.deployId(), local.expectedAfter(),
                "edge " + edge.key.edge() + " (seen by " + edge.replica + " at " + edge.checkedAt + "): "
                        + worst.diagnosis() + "; edges: " + summary(recent), local.originOld(), local.edges());
    }

    private static String summary(List<Seen> recent) {
        return recent.stream().map(s -> s.edge().key.edge() + "=" + s.state()).collect(Collectors.joining(", "));
    }

    private static List<Seen> recent(AssetResult local, List<AssetEdge> edges, Instant since) {
        return edges.stream().filter(e -> !e.checkedAt.isBefore(since))
                .sorted(Comparator.comparing(e -> e.key.edge()))
                .map(e -> asOfNow(local, e)).toList();
    }

    private static Seen asOfNow(AssetResult local, AssetEdge edge) {
        if (Objects.equals(edge.deployId, local.deployId())) {
            return new Seen(edge, edge.state, edge.diagnosis);
        }
        if (marker(edge).equals(local.fetch().marker().map(EdgeVerdicts::comparable))) {
            return new Seen(edge, local.state(), local.diagnosis());
        }
        return new Seen(edge, Freshness.PENDING, "not yet seen serving deploy " + local.deployId()
                + "; last served " + describe(edge));
    }

    private static Optional<BuildMarker.Marker> marker(AssetEdge edge) {
        ObservedBuild seen = edge.observed();
        return seen.isEmpty() ? Optional.empty() : Optional.of(new BuildMarker.Marker(seen.time, seen.release, seen.commit));
    }

    /** A marker as the store keeps it (times to the microsecond), so a stored one compares equal to a fetched one. */
    private static BuildMarker.Marker comparable(BuildMarker.Marker marker) {
        return new BuildMarker.Marker(marker.time() == null ? null : marker.time().truncatedTo(ChronoUnit.MICROS),
                marker.release(), marker.commit());
    }

    private static String describe(AssetEdge edge) {
        return marker(edge).map(m -> m.release() != null ? "release " + m.release()
                : m.commit() != null ? "commit " + m.commit() : "a build of " + m.time()).orElse("no build marker");
    }
}
