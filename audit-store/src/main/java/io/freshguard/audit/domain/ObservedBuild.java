package io.freshguard.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The build a probe read in an asset's marker, as every table that keeps a verdict stores it ({@code observed_*}
 * columns of {@code asset_state}, {@code asset_observation} and {@code asset_edge}, V3 and V6).
 */
@Embeddable
public class ObservedBuild {

    /** Column widths (V3): what a marker captured is shortened to them, with a visible mark. */
    static final int RELEASE_WIDTH = 200;
    static final int COMMIT_WIDTH = 100;

    @Column(name = "observed_release")
    public String release;

    @Column(name = "observed_commit")
    public String commit;

    @Column(name = "observed_time")
    public Instant time;

    /** What a marker captured, fit for the store: long captures shortened, the time to the microsecond both keep. */
    public static ObservedBuild of(String release, String commit, Instant time) {
        ObservedBuild build = new ObservedBuild();
        build.release = StoredText.fit(release, RELEASE_WIDTH, "…");
        build.commit = StoredText.fit(commit, COMMIT_WIDTH, "…");
        build.time = time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
        return build;
    }

    /** Nothing comparable was read (no marker, or an unreachable asset). */
    public static ObservedBuild none() {
        return new ObservedBuild();
    }

    public boolean isEmpty() {
        return release == null && commit == null && time == null;
    }

    /**
     * The row's build; Hibernate leaves an embedded value null when all its columns are, so readers go through here.
     */
    public static ObservedBuild orNone(ObservedBuild build) {
        return build == null ? none() : build;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObservedBuild o && Objects.equals(release, o.release) && Objects.equals(commit, o.commit)
                && Objects.equals(time, o.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(release, commit, time);
    }
}
