package io.freshguard.audit.service.chain;

import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a notice that clashes with deploys on record is the same deploy, and when it is a new one. Decided by deploy
 * order, not by arrival:
 * <ul>
 * <li>the site's newest deploy, told again (a redelivery, another event about its release, the same body, or the
 * same commit from another sender within the window), is that deploy; told later than it went live, it went live
 * again then;</li>
 * <li>a notice of an earlier deploy whose sender's time is not after the newest deploy went live is a late
 * redelivery: that earlier deploy, never what customers should get;</li>
 * <li>anything else is a new deploy, in a new generation of the identity keys: a rollback (an earlier release,
 * commit or the very same body deployed again), a new release of the same commit by its sender, or an earlier
 * release told late (which then never becomes what customers should get either).</li>
 * </ul>
 */
public final class IntakeRules {

    /**
     * The outcome: {@code duplicateOf} the deploy it is (and, when that is the site's newest deploy told again later,
     * {@code liveAgainAt}: it went live again then), or a new deploy in {@code generation}.
     */
    public record Decision(KnownDeploy duplicateOf, long generation, Instant liveAgainAt) {

        static Decision duplicate(KnownDeploy of) {
            return new Decision(of, -1, null);
        }

        public boolean isDuplicate() {
            return duplicateOf != null;
        }
    }

    private IntakeRules() {
    }

    /**
     * @param clashes the deploys on record the notice clashed with (same delivery, body, release or commit), newest
     *        first
     * @param newest the site's newest deploy in deploy order, if any
     */
    public static Decision decide(DeployNotice notice, List<KnownDeploy> clashes, Optional<KnownDeploy> newest,
            Instant now, Duration sameCommitWindow) {
        KnownDeploy latest = newest.orElse(null);
        if (latest == null || !notice.isDeploy()) {
            return Decision.duplicate(clashes.get(0));
        }
        // the deploys this notice tells of again; a commit alone from the same sender is a new release of it
        List<KnownDeploy> same = clashes.stream().filter(k -> sameDeploy(notice, k, now, sameCommitWindow)).toList();
        Optional<KnownDeploy> sameAsLatest = same.stream().filter(k -> k.id() == latest.id()).findFirst();
        if (sameAsLatest.isPresent()) {
            // told again later, the newest deploy went live again: a late notice of an earlier deploy stays earlier
            Instant moment = notice.deployedAt() != null ? notice.deployedAt() : now;
            return new Decision(latest, -1, moment.isAfter(latest.liveAt()) ? moment : null);
        }
        boolean wentLiveEarlier = notice.deployedAt() != null && !notice.deployedAt().isAfter(latest.liveAt());
        if (wentLiveEarlier && !same.isEmpty()) {
            // a late redelivery of, or another event about, an earlier deploy
            return Decision.duplicate(same.get(0));
        }
        // a new deploy: a rollback, a release of the same commit again, or an earlier release told late. Its keys go
        // in a generation no clashing row is in (each row's generation is smaller than its own id)
        long generation = clashes.stream().mapToLong(KnownDeploy::id).max().orElse(0);
        return new Decision(null, Math.max(generation, latest.id()), null);
    }

    private static boolean sameDeploy(DeployNotice notice, KnownDeploy known, Instant now, Duration sameCommitWindow) {
        if (sameDelivery(notice, known) || notice.release() != null && notice.release().equals(known.release())) {
            return true;
        }
        boolean otherSender = notice.kind() != known.kind() || !Objects.equals(notice.sourceKey(), known.sourceKey());
        return otherSender && !now.isAfter(known.receivedAt().plus(sameCommitWindow));
    }

    private static boolean sameDelivery(DeployNotice notice, KnownDeploy known) {
        return notice.kind() == known.kind() && (notice.deliveryId().equals(known.deliveryId())
                || Objects.equals(notice.sourceKey(), known.sourceKey())
                        && Objects.equals(notice.payloadSha256(), known.payloadSha256()));
    }
}
