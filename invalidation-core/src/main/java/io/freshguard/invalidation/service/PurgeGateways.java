package io.freshguard.invalidation.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.invalidation.config.CloudflareConfig;
import io.freshguard.invalidation.config.FastlyConfig;
import io.freshguard.invalidation.config.PurgeConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The adapter of each vendor. Built at start-up, so that a site with a Fastly or Cloudflare target and no token for
 * that vendor stops the service with the property named, instead of blocking its first deploy.
 */
@Startup
@Singleton
public class PurgeGateways {

    private final Map<CdnVendor, PurgeGateway> byVendor = new EnumMap<>(CdnVendor.class);

    public PurgeGateways(Instance<PurgeGateway> gateways, SiteDirectory sites, FastlyConfig fastly, CloudflareConfig cloudflare,
            PurgeConfig purges) {
        gateways.forEach(gateway -> byVendor.put(gateway.vendor(), gateway));
        List<String> problems = new ArrayList<>();
        // a dry run calls no vendor: it may be tried before the tokens exist
        sites.allTargets().values().stream().filter(t -> !purges.dryRun()).map(t -> t.vendor()).distinct().forEach(vendor -> {
            if (vendor == CdnVendor.FASTLY && fastly.token().filter(t -> !t.isBlank()).isEmpty()) {
                problems.add("freshguard.fastly.token is needed: a site has a Fastly target");
            }
            if (vendor == CdnVendor.CLOUDFLARE && cloudflare.token().filter(t -> !t.isBlank()).isEmpty()) {
                problems.add("freshguard.cloudflare.token is needed: a site has a Cloudflare target");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid Freshguard CDN configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    public PurgeGateway of(CdnVendor vendor) {
        return byVendor.get(vendor);
    }
}
