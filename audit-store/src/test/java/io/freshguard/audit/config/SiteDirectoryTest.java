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

    record Site(List<String> distributionId, List<String> paths, Optional<List<String>> sources, Duration grace,
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
        return new Site(List.of(distribution.split(",")), paths, Optional.ofNullable(sources), Duration.ofMinutes(15), false, Duration.ofMinutes(10), Map.of());
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
                "bad", new Site(List.of(" "), List.of("embed.js", "/a/*/b"), Optional.of(List.of("ftp:x", "github:no-env", "generic:shared")),
                        Duration.ofMinutes(-1), true, Duration.ZERO,
                        Map.of("embed", new Asset("ftp://cdn/x.js", Optional.empty(), Optional.of("no groups")),
                                "broken", new Asset("https://cdn/y.js", Optional.empty(), Optional.of("(?<release>[")))),
                "other", site("E3", List.of("/o.js"), List.of("generic:shared")),
                "twice", site("E4,E4", List.of("/t.js"), List.of("generic:twice")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SiteDirectory(() -> sites));
        for (String expected : List.of("freshguard.sites.bad.distribution-id is empty",
                "freshguard.sites.bad.paths: 'embed.js' must start with /", "freshguard.sites.bad.paths: '/a/*/b'",
                "freshguard.sites.bad.sources: 'ftp:x'", "freshguard.sites.bad.sources: 'github:no-env' must be github:owner/repo@environment",
                "freshguard.sites.bad.grace must not be negative", "freshguard.sites.bad.invalidate-after-origin needs",
                "freshguard.sites.bad.origin-wait must be positive", "freshguard.sites.bad.assets.embed.url must be an http(s) URL",
                "freshguard.sites.bad.assets.embed.marker needs a named group", "freshguard.sites.bad.assets.broken.marker is not a valid regex",
                "is already claimed by site", "freshguard.sites.twice.distribution-id names a distribution twice")) {
            assertTrue(e.getMessage().contains(expected), expected + " in:\n" + e.getMessage());
        }
    }
}
