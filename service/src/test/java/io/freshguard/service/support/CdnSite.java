package io.freshguard.service.support;

import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudFront;
import java.util.HashMap;
import java.util.Map;

/**
 * One site whose one asset ({@code app}, marked {@code release=…}) a fake CDN serves, in front of a fake CloudFront that
 * purges the CDN when an invalidation completes: what a test of the packaged service deploys to and probes.
 */
public final class CdnSite implements AutoCloseable {

    public final String site;
    public final String path;
    public final FakeCdn cdn = new FakeCdn();
    public final FakeCloudFront cloudfront = new FakeCloudFront();
    private final int cloudfrontPort;

    private CdnSite(String site, String path, String firstRelease) {
        this.site = site;
        this.path = path;
        cdn.start();
        cloudfrontPort = cloudfront.start();
        cloudfront.onCompleted(cdn::purge);
        cdn.publish(path, "/* app release=" + firstRelease + " */\n");
    }

    /** Starts the CDN and CloudFront, the CDN serving {@code firstRelease}. */
    public static CdnSite start(String site, String path, String firstRelease) {
        return new CdnSite(site, path, firstRelease);
    }

    public int cloudfrontPort() {
        return cloudfrontPort;
    }

    /** The site's configuration with short intervals (polls, probes; no canary in the way); callers add their own. */
    public Map<String, String> config(String distributionId) {
        Map<String, String> config = new HashMap<>(Map.of(
                "freshguard.purge.poll-interval", "PT0.2S",
                "freshguard.purge.canary-interval", "PT1H",
                "freshguard.probe.interval", "PT1S"));
        String prefix = "freshguard.sites." + site + ".";
        config.put(prefix + "distribution-id", distributionId);
        config.put(prefix + "paths", path);
        config.put(prefix + "sources", "generic:" + site);
        config.put(prefix + "assets.app.url", cdn.cdnUrl(path));
        config.put(prefix + "assets.app.marker", "release=(?<release>[\\w.-]+)");
        return config;
    }

    @Override
    public void close() {
        cloudfront.stop();
        cdn.stop();
    }
}
