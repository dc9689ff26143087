package io.freshguard.invalidation.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.service.runtime.StoreJob;
import io.freshguard.invalidation.config.CloudFrontConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cheap read-only CloudFront call per distribution on a schedule, so rotated or revoked credentials turn
 * readiness DOWN before the next deploy needs them: the failure that motivated Freshguard.
 */
@ApplicationScoped
public class CredentialCanary {

    private final CloudFrontGateway gateway;
    private final CloudFrontAccess access;
    private final SiteDirectory sites;
    private final CloudFrontConfig config;
    private final Clock clock;

    public CredentialCanary(CloudFrontGateway gateway, CloudFrontAccess access, SiteDirectory sites,
            CloudFrontConfig config, Clock clock) {
        this.gateway = gateway;
        this.access = access;
        this.sites = sites;
        this.config = config;
        this.clock = clock;
    }

    @StoreJob
    @Scheduled(every = "${freshguard.cloudfront.canary-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.dryRun()) {
            check();
        }
    }

    /** Checks every configured distribution once. */
    @Transactional
    public void check() {
        Set<String> distributions = new TreeSet<>();
        for (SitesConfig.Site site : sites.sites().values()) {
            distributions.addAll(site.distributionId());
        }
        for (String distributionId : distributions) {
            CloudFrontAnswer answer = gateway.probeAccess(distributionId);
            access.canaryChecked(distributionId, clock.instant());
            if (answer instanceof CloudFrontAnswer.Accepted) {
                access.accepted(distributionId);
            } else if (answer instanceof CloudFrontAnswer.Refused refused) {
                access.refused(distributionId, refused, clock.instant());
            }
        }
    }
}
