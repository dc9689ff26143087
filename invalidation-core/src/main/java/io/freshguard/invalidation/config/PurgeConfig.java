package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What holds for purges on every CDN: {@code freshguard.purge.*}. */
@ConfigMapping(prefix = "freshguard.purge")
public interface PurgeConfig {

    /**
     * How long before a CDN API token expires the canary warns (health, metric, audit log, notice), where the vendor
     * tells the expiry (Cloudflare, Fastly; an IAM access key does not).
     */
    @WithDefault("P7D")
    Duration tokenExpiryWarning();
}
