package io.freshguard.audit.service;

import io.freshguard.audit.domain.SourceKind;
import java.time.Instant;

/**
 * What a sender told us, after its signature was checked and its payload parsed.
 *
 * @param ignoreReason null for a successful deploy; otherwise why the event does not count as one
 */
public record DeployNotice(SourceKind kind, String sourceKey, String deliveryId, String release, String commit,
        String actor, Instant deployedAt, String ignoreReason, String payloadSha256) {

    public static DeployNotice ignored(SourceKind kind, String sourceKey, String deliveryId, String reason,
            String payloadSha256) {
        return new DeployNotice(kind, sourceKey, deliveryId, null, null, null, null, reason, payloadSha256);
    }

    public boolean isDeploy() {
        return ignoreReason == null;
    }

    /** Several events about one release of one site make one deploy; this is what they share. */
    String dedupKey() {
        if (release != null && !release.isBlank()) {
            return "release:" + release;
        }
        return commit == null || commit.isBlank() ? null : "commit:" + commit;
    }
}
