package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.service.runtime.StoreJob;
import io.freshguard.invalidation.config.PurgeConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * A cheap read-only call per purge target on a schedule, so rotated or revoked credentials turn readiness DOWN before
 * the next deploy needs them (the failure that motivated Freshguard), and a token the vendor says will expire soon
 * is warned of before it does.
 */
@ApplicationScoped
public class CredentialCanary {

    private final PurgeGateways gateways;
    private final CdnAccess access;
    private final SiteDirectory sites;
    private final PurgeConfig config;
    private final Clock clock;

    public CredentialCanary(PurgeGateways gateways, CdnAccess access, SiteDirectory sites,
            PurgeConfig config, Clock clock) {
        this.gateways = gateways;
        this.access = access;
        this.sites = sites;
        this.config = config;
        this.clock = clock;
    }

    @StoreJob
    @Scheduled(every = "${freshguard.purge.canary-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.dryRun()) {
            check();
        }
    }

    /** Checks every configured target once. */
    @Transactional
    public void check() {
        for (PurgeTarget target : sites.allTargets().values()) {
            PurgeGateway.AccessCheck check = gateways.of(target.vendor()).checkAccess(target);
            access.canaryChecked(target.key(), clock.instant());
            if (check.answer() instanceof PurgeAnswer.Accepted) {
                access.accepted(target.key());
                check.tokenExpiresAt().ifPresent(expiry -> access.tokenExpires(target.key(), expiry));
            } else if (check.answer() instanceof PurgeAnswer.Refused refused) {
                access.refused(target.key(), refused, clock.instant());
            }
        }
    }
}
