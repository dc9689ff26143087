package io.freshguard.audit.service;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.repository.DeployIntakeRepository;
import io.freshguard.audit.service.IntakeResult.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one transaction that stores a deploy and its first audit entry together. */
@ApplicationScoped
class DeployWriter {

    private final DeployIntakeRepository deploys;
    private final AuditTrail audit;
    private final Clock clock;
    private final Event<DeployRecorded> recorded;

    DeployWriter(DeployIntakeRepository deploys, AuditTrail audit, Clock clock, Event<DeployRecorded> recorded) {
        this.deploys = deploys;
        this.audit = audit;
        this.clock = clock;
        this.recorded = recorded;
    }

    @Transactional
    IntakeResult write(DeployNotice notice, String site) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reason = notice.isDeploy() && site == null
                ? "no site is configured for source " + notice.kind().id() + ":" + notice.sourceKey()
                : notice.ignoreReason();

        DeployRecord deploy = new DeployRecord();
        deploy.site = site;
        deploy.sourceKind = notice.kind();
        deploy.sourceKey = notice.sourceKey();
        deploy.deliveryId = notice.deliveryId();
        deploy.dedupKey = reason == null ? notice.dedupKey() : null;
        deploy.release = notice.release();
        deploy.commit = notice.commit();
        deploy.actor = notice.actor();
        deploy.deployedAt = notice.deployedAt() == null ? null : notice.deployedAt().truncatedTo(ChronoUnit.MICROS);
        deploy.receivedAt = now;
        deploy.status = reason == null ? ChainStatus.RECEIVED : ChainStatus.IGNORED;
        deploy.statusChangedAt = now;
        deploy.ignoredReason = reason;
        deploy.payloadSha256 = notice.payloadSha256();
        deploys.insert(deploy);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("site", site);
        data.put("source", notice.kind().id() + ":" + notice.sourceKey());
        data.put("delivery", notice.deliveryId());
        data.put("release", notice.release());
        data.put("commit", notice.commit());
        data.put("actor", notice.actor());
        data.put("deployedAt", deploy.deployedAt == null ? null : deploy.deployedAt.toString());
        data.put("payloadSha256", notice.payloadSha256());
        if (reason != null) {
            data.put("reason", reason);
        }
        audit.append(deploy.status.name(), "deploy/" + deploy.id, deploy.id, data);

        if (reason == null) {
            recorded.fire(new DeployRecorded(deploy.id, site));
            return new IntakeResult(deploy.id, site, Outcome.ACCEPTED, null);
        }
        return new IntakeResult(deploy.id, site, Outcome.IGNORED, reason);
    }
}
