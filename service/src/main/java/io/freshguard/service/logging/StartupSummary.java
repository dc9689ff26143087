package io.freshguard.service.logging;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.config.HealthConfig;
import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.config.PurgeConfig;
import io.freshguard.probe.config.ProbeConfig;
import io.freshguard.webhook.config.WebhooksConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * What this replica will do, in a few lines at start-up: the first thing an operator reads after a deploy of
 * Freshguard itself. Names and switches only; whether a secret is set, never its value.
 */
@ApplicationScoped
public class StartupSummary {

    void summarise(@Observes StartupEvent event, SitesConfig sites, SiteDirectory directory, PurgeConfig purges,
            CloudFrontConfig cloudfront, ProbeConfig probe, HealthConfig health, WebhooksConfig webhooks, AuditConfig audit) {
        Log.infof("Freshguard: %d site(s); purges %s, canary every %s; probe every %s (in flight every %s, copies %s); readiness: database%s%s",
                sites.sites().size(), purges.dryRun() ? "DRY-RUN (nothing is sent)" : "live", purges.canaryInterval(), probe.interval(),
                probe.inFlightInterval(), String.join(",", probe.encodings()),
                health.cdnInReadinessOrDefault() ? ", cdn" : "", health.freshnessInReadiness() ? ", asset-freshness" : "");
        sites.sites().forEach((name, site) -> Log.infof("Site %s: targets %s, paths %s, sources %s, %d probed URL(s) %s,"
                        + " grace %s%s", name, directory.targets(name).stream().map(PurgeTarget::key).toList(), site.paths(),
                site.sources().orElse(List.of("heroku:" + name, "generic:" + name)), directory.assets(name).size(),
                directory.assets(name).keySet(), site.grace(),
                site.invalidateAfterOrigin() ? ", invalidates after the origin serves the build (wait " + site.originWait() + ")" : ""));
        List<String> deprecated = new ArrayList<>(directory.deprecatedSettings());
        deprecated.addAll(cloudfront.deprecatedInUse());
        if (health.cloudfrontInReadiness().isPresent()) {
            deprecated.add("freshguard.health.cloudfront-in-readiness (use freshguard.health.cdn-in-readiness)");
        }
        if (!deprecated.isEmpty()) {
            Log.warnf("Deprecated settings in use; they still work, and will be removed: %s", String.join("; ", deprecated));
        }
        List<String> sources = new ArrayList<>();
        sources.add("heroku " + state(webhooks.heroku().secret().isPresent(), webhooks.heroku().allowUnsigned()));
        sources.add("github " + state(webhooks.github().secret().isPresent(), webhooks.github().allowUnsigned()));
        sources.add("papertrail " + state(webhooks.papertrail().token().isPresent(), webhooks.papertrail().allowUnsigned()));
        sources.add("generic " + state(webhooks.generic().secret().isPresent(), webhooks.generic().allowUnsigned()));
        Log.infof("Webhooks: %s; bodies up to %s; audit API %s, chain %s", String.join(", ", sources),
                webhooks.maxBodySize().asLongValue() + " bytes", audit.apiEnabled() ? "on" : "off",
                audit.chainKey().isPresent() ? "keyed" : "UNKEYED");
    }

    private static String state(boolean secret, boolean allowUnsigned) {
        return secret ? "signed" : allowUnsigned ? "UNSIGNED (allow-unsigned)" : "refused (no secret)";
    }
}
