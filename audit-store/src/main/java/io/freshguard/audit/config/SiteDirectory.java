package io.freshguard.audit.config;

import io.freshguard.audit.domain.SourceKind;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validated view of {@link SitesConfig}: which site a {@code kind:key} source belongs to. Built at start-up so
 * that an invalid configuration stops the service with a message naming the property, instead of dropping deploys.
 */
@Startup
@Singleton
public class SiteDirectory {

    private final SitesConfig config;
    private final Map<String, String> siteBySource = new HashMap<>();

    public SiteDirectory(SitesConfig config) {
        this.config = config;
        List<String> problems = new ArrayList<>();
        config.sites().forEach((site, settings) -> index(site, settings, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid Freshguard site configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Names the property, never its value: a notify URL may be a credential (a Slack hook). */
    private static void requireHttpUrl(String property, String url, List<String> problems) {
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            problems.add(property + " must be an http(s) URL");
        }
    }

    private void index(String site, SitesConfig.Site settings, List<String> problems) {
        String prefix = "freshguard.sites." + site + ".";
        if (settings.distributionId().isEmpty() || settings.distributionId().stream().anyMatch(String::isBlank)) {
            problems.add(prefix + "distribution-id is empty");
        } else if (settings.distributionId().stream().distinct().count() < settings.distributionId().size()) {
            problems.add(prefix + "distribution-id names a distribution twice");
        }
        if (settings.paths().isEmpty()) {
            problems.add(prefix + "paths must name at least one path");
        }
        for (String path : settings.paths()) {
            if (!path.startsWith("/") || path.indexOf('*') >= 0 && path.indexOf('*') != path.length() - 1) {
                problems.add(prefix + "paths: '" + path + "' must start with / and may only end with *");
            }
        }
        if (settings.grace().isNegative()) {
            problems.add(prefix + "grace must not be negative");
        }
        if (settings.invalidateAfterOrigin() && settings.assets().values().stream().noneMatch(a -> a.originUrl().isPresent())) {
            problems.add(prefix + "invalidate-after-origin needs at least one asset with an origin-url");
        }
        if (settings.originWait().isNegative() || settings.originWait().isZero()) {
            problems.add(prefix + "origin-wait must be positive");
        }
        settings.notices().webhook().ifPresent(w -> requireHttpUrl(prefix + "notify.webhook.url", w.url(), problems));
        settings.notices().slack().ifPresent(w -> requireHttpUrl(prefix + "notify.slack.url", w.url(), problems));
        settings.notices().github().filter(g -> !g.repository().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"))
                .ifPresent(g -> problems.add(prefix + "notify.github.repository must be owner/repo"));
        List<String> sources = settings.sources().orElse(List.of("heroku:" + site, "generic:" + site));
        for (String source : sources) {
            int colon = source.indexOf(':');
            Optional<SourceKind> kind = colon > 0 ? SourceKind.fromId(source.substring(0, colon).trim()) : Optional.empty();
            String key = colon > 0 ? source.substring(colon + 1).trim() : "";
            if (kind.isEmpty() || key.isEmpty()) {
                problems.add(prefix + "sources: '" + source + "' is not kind:key with kind one of heroku, github, papertrail, generic");
                continue;
            }
            if (kind.get() == SourceKind.GITHUB && !key.matches("[^/@]+/[^/@]+@.+")) {
                problems.add(prefix + "sources: '" + source + "' must be github:owner/repo@environment");
                continue;
            }
            String previous = siteBySource.putIfAbsent(kind.get().id() + ":" + key, site);
            if (previous != null && !previous.equals(site)) {
                problems.add(prefix + "sources: '" + source + "' is already claimed by site '" + previous + "'");
            }
        }
        settings.assets().forEach((asset, a) -> {
            if (!a.url().startsWith("http://") && !a.url().startsWith("https://")) {
                problems.add(prefix + "assets." + asset + ".url must be an http(s) URL");
            }
            a.marker().ifPresent(regex -> {
                try {
                    Pattern compiled = Pattern.compile(regex);
                    if (!regex.contains("(?<time>") && !regex.contains("(?<release>") && !regex.contains("(?<commit>")) {
                        problems.add(prefix + "assets." + asset + ".marker needs a named group time, release or commit");
                    }
                    compiled.matcher("");
                } catch (PatternSyntaxException e) {
                    problems.add(prefix + "assets." + asset + ".marker is not a valid regex: " + e.getDescription());
                }
            });
        });
    }

    /** The site a source {@code kind:key} belongs to, if any. */
    public Optional<String> siteFor(SourceKind kind, String key) {
        return Optional.ofNullable(siteBySource.get(kind.id() + ":" + key));
    }

    public Optional<SitesConfig.Site> site(String name) {
        return Optional.ofNullable(config.sites().get(name));
    }

    public Map<String, SitesConfig.Site> sites() {
        return config.sites();
    }
}
