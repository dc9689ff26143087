package io.freshguard.audit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.domain.SourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Site configuration is checked at start-up, and every problem names its property. */
class SiteDirectoryTest {

    record Asset(String url, Optional<String> originUrl, Optional<String> marker) implements SitesConfig.Asset {
    }

    record Target(String vendor, String id, Optional<String> host, String purgeBy, Optional<List<String>> keys,
            boolean softPurge) implements SitesConfig.Target {
    }

    record Site(Optional<List<String>> distributionId, Map<String, SitesConfig.Target> targets, List<String> paths, Optional<List<String>> sources, Duration grace,
            boolean invalidateAfterOrigin, Duration originWait, Map<String, SitesConfig.Asset> assets) implements SitesConfig.Site {
        public SitesConfig.Notify notices() {
            return new NoNotices();
        }
    }

    record NoNotices() implements SitesConfig.Notify {
        public Optional<SitesConfig.NotifyWebhook> webhook() {
            return Optional.empty();
        }

        public Optional<SitesConfig.NotifySlack> slack() {
            return Optional.empty();
        }

        public Optional<SitesConfig.NotifyGithub> github() {
            return Optional.empty();
        }
    }

    static Site site(String distribution, List<String> paths, List<String> sources) {
        return new Site(Optional.of(List.of(distribution.split(","))), Map.of(), paths, Optional.ofNullable(sources), Duration.ofMinutes(15), false, Duration.ofMinutes(10), Map.of());
    }

    @Test
    void sourcesFindTheirSiteAndTheDefaultsAreTheSitesOwnHerokuAppAndGenericName() {
        SiteDirectory directory = new SiteDirectory(() -> Map.of(
                "acme", site("E1", List.of("/embed.js"), List.of("github:acme/web@production", "papertrail:acme-prod")),
                "demo", site("E2", List.of("/a/*"), null)));
        assertEquals(Optional.of("acme"), directory.siteFor(SourceKind.GITHUB, "acme/web@production"));
        assertEquals(Optional.of("demo"), directory.siteFor(SourceKind.HEROKU, "demo"));
        assertEquals(Optional.of("demo"), directory.siteFor(SourceKind.GENERIC, "demo"));
        assertEquals(Optional.empty(), directory.siteFor(SourceKind.HEROKU, "acme"));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsProperty() {
        Map<String, SitesConfig.Site> sites = Map.of(
                "bad", new Site(Optional.of(List.of(" ")), Map.of(), List.of("embed.js", "/a/*/b"), Optional.of(List.of("ftp:x", "github:no-env", "generic:shared")),
                        Duration.ofMinutes(-1), true, Duration.ZERO,
                        Map.of("embed", new Asset("ftp://cdn/x.js", Optional.empty(), Optional.of("no groups")),
                                "broken", new Asset("https://cdn/y.js", Optional.empty(), Optional.of("(?<release>[")),
                                "spaced", new Asset("https://cdn/a b.js", Optional.empty(), Optional.empty()))),
                "other", site("E3", List.of("/o.js"), List.of("generic:shared")),
                "twice", site("E4,E4", List.of("/t.js"), List.of("generic:twice")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SiteDirectory(() -> sites));
        for (String expected : List.of("freshguard.sites.bad.distribution-id is empty",
                "freshguard.sites.bad.paths: 'embed.js' must start with /", "freshguard.sites.bad.paths: '/a/*/b'",
                "freshguard.sites.bad.sources: 'ftp:x'", "freshguard.sites.bad.sources: 'github:no-env' must be github:owner/repo@environment",
                "freshguard.sites.bad.grace must not be negative", "freshguard.sites.bad.invalidate-after-origin needs",
                "freshguard.sites.bad.origin-wait must be positive", "freshguard.sites.bad.assets.embed.url must be an http(s) URL",
                "freshguard.sites.bad.assets.embed.marker needs a named group", "freshguard.sites.bad.assets.broken.marker is not a valid regex",
                "freshguard.sites.bad.assets.spaced.url must be an http(s) URL",
                "is already claimed by site", "freshguard.sites.twice.targets name one target twice")) {
            assertTrue(e.getMessage().contains(expected), expected + " in:\n" + e.getMessage());
        }
    }

    @Test
    void targetsOfEveryVendorAreCheckedAndTheProbeFetchesEveryAssetOnEveryTargetsHost() {
        Map<String, SitesConfig.Target> targets = new java.util.LinkedHashMap<>();
        targets.put("main", new Target("cloudfront", "EMAIN", Optional.of("cdn.example.com"), "url", Optional.empty(), false));
        targets.put("edge", new Target("fastly", "SVC1", Optional.of("fast.example.com"), "url", Optional.empty(), true));
        targets.put("zone", new Target("cloudflare", "ZONE1", Optional.empty(), "tag", Optional.of(List.of("embed")), false));
        Site good = new Site(Optional.empty(), targets, List.of("/embed.js"), Optional.of(List.of("generic:good")),
                Duration.ofMinutes(15), false, Duration.ofMinutes(10),
                Map.of("embed", new Asset("https://cdn.example.com/embed.js?v=1", Optional.empty(), Optional.empty())));
        SiteDirectory directory = new SiteDirectory(() -> Map.of("good", good));
        assertEquals(List.of("cloudfront:EMAIN", "fastly:SVC1", "cloudflare:ZONE1"),
                directory.targets("good").stream().map(PurgeTarget::key).toList());
        assertEquals(List.of("embed"), directory.target("cloudflare:ZONE1").orElseThrow().items(List.of("/embed.js")));
        Map<String, SiteAsset> assets = directory.assets("good");
        assertEquals(List.of("embed", "embed@edge"), List.copyOf(assets.keySet()));
        assertEquals(Optional.of("cloudfront:EMAIN"), assets.get("embed").target());
        assertEquals("https://fast.example.com/embed.js?v=1", assets.get("embed@edge").url());
        assertEquals(Optional.of("fastly:SVC1"), assets.get("embed@edge").target());

        Map<String, SitesConfig.Target> bad = new java.util.LinkedHashMap<>();
        bad.put("a", new Target("akamai", "X", Optional.empty(), "url", Optional.empty(), false));
        bad.put("b", new Target("fastly", "SVC2", Optional.empty(), "url", Optional.empty(), false));
        bad.put("c", new Target("cloudfront", "E9", Optional.empty(), "tag", Optional.empty(), true));
        bad.put("d", new Target("fastly", "SVC3", Optional.of("f.example.com"), "url", Optional.empty(), false));
        Site wrong = new Site(Optional.empty(), bad, List.of("/static/*"), Optional.of(List.of("generic:wrong")),
                Duration.ofMinutes(15), false, Duration.ofMinutes(10), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SiteDirectory(() -> Map.of("wrong", wrong)));
        for (String expected : List.of("freshguard.sites.wrong.targets.a.vendor must be one of",
                "freshguard.sites.wrong.targets.b.host is needed to purge URLs on fastly",
                "freshguard.sites.wrong.targets.c.purge-by=tag is not a purge cloudfront offers",
                "freshguard.sites.wrong.targets.c.keys must name", "freshguard.sites.wrong.targets.c.soft-purge is Fastly's alone",
                "freshguard.sites.wrong.targets.d.purge-by=url: Fastly cannot purge a prefix")) {
            assertTrue(e.getMessage().contains(expected), expected + " in:\n" + e.getMessage());
        }
    }

    @Test
    void sitesSharingATargetEachPurgeTheirOwnKeys() {
        Site web = new Site(Optional.empty(), Map.of("fast", new Target("fastly", "SVC1", Optional.empty(), "surrogate-key",
                Optional.of(List.of("web-js")), false)), List.of("/web.js"), Optional.of(List.of("generic:web")),
                Duration.ofMinutes(15), false, Duration.ofMinutes(10), Map.of());
        Site widget = new Site(Optional.empty(), Map.of("fast", new Target("fastly", "SVC1", Optional.empty(), "surrogate-key",
                Optional.of(List.of("widget-js")), false)), List.of("/widget.js"), Optional.of(List.of("generic:widget")),
                Duration.ofMinutes(15), false, Duration.ofMinutes(10), Map.of());
        SiteDirectory directory = new SiteDirectory(() -> Map.of("web", web, "widget", widget));
        assertEquals(List.of("web-js"), directory.target("web", "fastly:SVC1").orElseThrow().items(List.of("/web.js")));
        assertEquals(List.of("widget-js"), directory.target("widget", "fastly:SVC1").orElseThrow().items(List.of("/widget.js")));
        assertEquals(Optional.empty(), directory.target("web", "fastly:OTHER"));
    }
}
