package io.freshguard.audit.service.chain;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.domain.StoredText;
import java.time.Instant;

/**
 * What a sender told us, after its signature was checked and its payload parsed.
 *
 * @param ignoreReason null for a successful deploy; otherwise why the event does not count as one
 */
public record DeployNotice(SourceKind kind, String sourceKey, String deliveryId, String release, String commit,
        String actor, Instant deployedAt, String ignoreReason, String payloadSha256) {

    /** Column widths of {@code deploy} (V1): what identifies a deploy is refused when longer, the rest shortened. */
    static final int MAX_SOURCE_KEY = 300;
    static final int MAX_DELIVERY_ID = 200;
    static final int MAX_RELEASE = 200;
    static final int MAX_COMMIT = 100;
    static final int MAX_ACTOR = 300;
    static final int MAX_REASON = 300;
    /** Beyond these a sender's clock or payload is wrong; both fit every database's timestamp type. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Ends a shortened text, so a reader sees it was cut. */
    static final String CUT = "…[cut]";

    public static DeployNotice ignored(SourceKind kind, String sourceKey, String deliveryId, String reason,
            String payloadSha256) {
        return new DeployNotice(kind, sourceKey, deliveryId, null, null, null, null, reason, payloadSha256);
    }

    public boolean isDeploy() {
        return ignoreReason == null;
    }

    /**
     * This notice made fit for the store before the database sees it: the delivery id, release and commit decide
     * duplicates and verdicts, so an over-long one is refused ({@link FieldOutOfBoundsException}); the source key,
     * actor and reason are only shown, so they are shortened with a visible marker (and a NUL, which PostgreSQL
     * cannot store, becomes U+FFFD); a deploy time outside any plausible range is refused.
     */
    public DeployNotice bounded() {
        refuseLonger("delivery id", deliveryId, MAX_DELIVERY_ID);
        refuseLonger("release", release, MAX_RELEASE);
        refuseLonger("commit", commit, MAX_COMMIT);
        if (deployedAt != null && (deployedAt.isBefore(EARLIEST) || deployedAt.isAfter(LATEST))) {
            throw new FieldOutOfBoundsException("deployedAt " + deployedAt + " is outside " + EARLIEST + " … " + LATEST);
        }
        return new DeployNotice(kind, shorten(sourceKey, MAX_SOURCE_KEY), deliveryId, release, commit,
                shorten(actor, MAX_ACTOR), deployedAt, shorten(ignoreReason, MAX_REASON), payloadSha256);
    }

    /** Several events about one release of one site make one deploy; this is what they share. */
    String dedupKey() {
        // a commit alone never makes a duplicate: deploying an earlier commit again (a rollback) is a new deploy
        return release == null || release.isBlank() ? null : "release:" + release;
    }

    private static void refuseLonger(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new FieldOutOfBoundsException(field + " is longer than " + max + " characters");
        }
        if (value != null && value.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL; an identifier cannot be silently changed either
            throw new FieldOutOfBoundsException(field + " contains a NUL character");
        }
    }

    static String shorten(String value, int max) {
        return StoredText.fit(value, max, CUT);
    }
}
