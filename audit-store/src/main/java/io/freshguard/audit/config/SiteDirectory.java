package io.freshguard.audit.config;

import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.PurgeBy;
import io.freshguard.audit.domain.SourceKind;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
    private final Map<String, List<PurgeTarget>> targetsBySite = new HashMap<>();
    private final Map<String, PurgeTarget> targetByKey = new TreeMap<>();
    private final Map<String, Map<String, SiteAsset>> assetsBySite = new HashMap<>();
    private final List<String> deprecated = new ArrayList<>();

    public SiteDirectory(SitesConfig config) {
        this.config = config;
        List<String> problems = new ArrayList<>();
        config.sites().forEach((site, settings) -> index(site, settings, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid Freshguard site configuration:\n  - " + String.join("\n  - ", problems));
        }
        config.sites().forEach((site, settings) -> assetsBySite.put(site, probedAssets(site, settings)));
    }

    /** Whether a URL parses with a host (the probe fetches it, and its path on other targets' hosts). */
    private static boolean parses(String url) {
        try {
            return URI.create(url).getRawAuthority() != null;
        } catch (IllegalArgumentException e) {
            return false;
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
        indexTargets(site, settings, prefix, problems);
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
            if (!a.url().startsWith("http://") && !a.url().startsWith("https://") || !parses(a.url())) {
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

    private void indexTargets(String site, SitesConfig.Site settings, String prefix, List<String> problems) {
        List<PurgeTarget> targets = new ArrayList<>();
        settings.distributionId().ifPresent(ids -> {
            deprecated.add(prefix + "distribution-id (use " + prefix + "targets.<name>.vendor=cloudfront and .id)");
            for (String id : ids) {
                if (id.isBlank()) {
                    problems.add(prefix + "distribution-id is empty");
                } else {
                    targets.add(new PurgeTarget(id, CdnVendor.CLOUDFRONT, id, Optional.empty(), PurgeBy.URL, List.of(), false));
                }
            }
        });
        settings.targets().forEach((name, t) -> target(prefix + "targets." + name + ".", name, t, settings.paths(), problems)
                .ifPresent(targets::add));
        if (targets.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(prefix + "targets.") || p.startsWith(prefix + "distribution-id"))) {
            problems.add(prefix + "targets must name at least one purge target (targets.<name>.vendor and .id)");
        }
        if (targets.stream().map(PurgeTarget::key).distinct().count() < targets.size()) {
            problems.add(prefix + "targets name one target twice");
        }
        for (PurgeTarget target : targets) {
            PurgeTarget other = targetByKey.putIfAbsent(target.key(), target);
            // sites may share a target (their deploys coalesce on it), but must purge it the same way
            if (other != null && (!other.host().equals(target.host()) || other.purgeBy() != target.purgeBy()
                    || other.softPurge() != target.softPurge())) {
                problems.add(prefix + "targets: " + target.key() + " is configured differently by another site");
            }
        }
        targetsBySite.put(site, List.copyOf(targets));
    }

    private static Optional<PurgeTarget> target(String prefix, String name, SitesConfig.Target t, List<String> paths,
            List<String> problems) {
        Optional<CdnVendor> vendor = CdnVendor.fromId(t.vendor());
        Optional<PurgeBy> purgeBy = PurgeBy.fromId(t.purgeBy());
        int before = problems.size();
        if (vendor.isEmpty()) {
            problems.add(prefix + "vendor must be one of cloudfront, fastly, cloudflare");
        }
        if (t.id().isBlank() || !t.id().matches("[A-Za-z0-9_-]+")) {
            problems.add(prefix + "id must be the distribution, service or zone id (letters, digits, - and _)");
        }
        if (purgeBy.isEmpty()) {
            problems.add(prefix + "purge-by must be one of url, surrogate-key, tag");
        }
        t.host().filter(h -> !h.matches("[A-Za-z0-9.-]+(:[0-9]+)?")).ifPresent(h -> problems.add(prefix + "host must be a host name"
                + " (and port), without scheme or path"));
        if (problems.size() > before) {
            return Optional.empty();
        }
        CdnVendor v = vendor.get();
        PurgeBy by = purgeBy.get();
        List<String> keys = t.keys().orElse(List.of());
        boolean allowed = by == PurgeBy.URL || v == CdnVendor.FASTLY && by == PurgeBy.SURROGATE_KEY
                || v == CdnVendor.CLOUDFLARE && by == PurgeBy.TAG;
        if (!allowed) {
            problems.add(prefix + "purge-by=" + by.id() + " is not a purge " + v.id() + " offers (url"
                    + (v == CdnVendor.FASTLY ? ", surrogate-key" : v == CdnVendor.CLOUDFLARE ? ", tag" : "") + ")");
        }
        if (by != PurgeBy.URL && keys.stream().noneMatch(k -> !k.isBlank())) {
            problems.add(prefix + "keys must name the " + (by == PurgeBy.TAG ? "cache tags" : "surrogate keys") + " to purge");
        }
        if (v != CdnVendor.CLOUDFRONT && by == PurgeBy.URL && t.host().isEmpty()) {
            problems.add(prefix + "host is needed to purge URLs on " + v.id());
        }
        if (v == CdnVendor.FASTLY && by == PurgeBy.URL && paths.stream().anyMatch(p -> p.endsWith("*"))) {
            problems.add(prefix + "purge-by=url: Fastly cannot purge a prefix by URL; use purge-by=surrogate-key for wildcard paths");
        }
        if (t.softPurge() && v != CdnVendor.FASTLY) {
            problems.add(prefix + "soft-purge is Fastly's alone");
        }
        return Optional.of(new PurgeTarget(name, v, t.id(), t.host(), by, List.copyOf(keys), t.softPurge()));
    }

    /**
     * The URLs the probe fetches: each configured asset (on the target whose host it names, or, with one target of no
     * host, on that one), and the same path on every other target's host.
     */
    private Map<String, SiteAsset> probedAssets(String site, SitesConfig.Site settings) {
        List<PurgeTarget> targets = targetsBySite.getOrDefault(site, List.of());
        List<PurgeTarget> hostless = targets.stream().filter(t -> t.host().isEmpty()).toList();
        Map<String, SiteAsset> assets = new LinkedHashMap<>();
        settings.assets().forEach((name, asset) -> {
            URI url = URI.create(asset.url());
            Optional<PurgeTarget> own = targets.stream().filter(t -> t.host().filter(h -> h.equalsIgnoreCase(url.getRawAuthority())).isPresent())
                    .findFirst().or(() -> hostless.size() == 1 ? Optional.of(hostless.get(0)) : Optional.empty());
            assets.put(name, new SiteAsset(name, asset.url(), asset.originUrl(), asset.marker(), own.map(PurgeTarget::key)));
            for (PurgeTarget target : targets) {
                if (target.host().isEmpty() || own.filter(target::equals).isPresent()) {
                    continue;
                }
                String onHost = url.getScheme() + "://" + target.host().get() + Objects.toString(url.getRawPath(), "")
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
                assets.put(name + "@" + target.name(), new SiteAsset(name + "@" + target.name(), onHost, asset.originUrl(),
                        asset.marker(), Optional.of(target.key())));
            }
        });
        return assets;
    }

    /** The purge targets of a site, in configuration order. */
    public List<PurgeTarget> targets(String site) {
        return targetsBySite.getOrDefault(site, List.of());
    }

    /**
     * The site's own settings for a target: sites may share one (same host and way of purging) yet each names its
     * own surrogate keys or cache tags.
     */
    public Optional<PurgeTarget> target(String site, String key) {
        return targets(site).stream().filter(t -> t.key().equals(key)).findFirst();
    }

    /** The target a key {@code <vendor>:<id>} names, if any site still has it (the first site's settings). */
    public Optional<PurgeTarget> target(String key) {
        return Optional.ofNullable(targetByKey.get(key));
    }

    /** Every configured target, by key. */
    public Map<String, PurgeTarget> allTargets() {
        return Map.copyOf(targetByKey);
    }

    /** The URLs the probe fetches for a site, by asset name (configured assets, and their paths on other targets' hosts). */
    public Map<String, SiteAsset> assets(String site) {
        return assetsBySite.getOrDefault(site, Map.of());
    }

    /** Deprecated settings in use, each with what replaces it; logged once at start. */
    public List<String> deprecatedSettings() {
        return List.copyOf(deprecated);
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
