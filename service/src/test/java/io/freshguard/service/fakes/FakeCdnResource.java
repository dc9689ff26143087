package io.freshguard.service.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts {@link FakeCdn} and configures the probe sites' asset URLs on its ports. Completing an invalidation at
 * {@link FakeCloudFront} purges the CDN, as the real pair behaves.
 */
public class FakeCdnResource implements QuarkusTestResourceLifecycleManager {

    public static final FakeCdn CDN = new FakeCdn();

    @Override
    public Map<String, String> start() {
        CDN.start();
        CDN.publish("/shop/embed.js", "console.log(\"embed.js built on 2014-06-05 12:00:00 UTC in production\");\n");
        CDN.publish("/tagged/widget.js", "/* widget release=v1 */\n");
        CDN.publish("/story/app.js", "/* build 1111111 */\n");
        CDN.publish("/race/app.js", "/* race release=r0 */\n");
        CDN.publish("/stuck/app.js", "/* stuck release=r0 */\n");
        CDN.publish("/gated/app.js", "/* gated release=g0 */\n");
        CDN.publish("/flaky/lib.js", "// lib built on " + Instant.now() + "\n");
        FakeCloudFrontResource.CLOUDFRONT.onCompleted(CDN::purge);
        Map<String, String> config = new HashMap<>();
        // shop: time markers as the original app writes them, with an origin to diagnose against
        config.put("freshguard.sites.shop.assets.embed.url", CDN.cdnUrl("/shop/embed.js"));
        config.put("freshguard.sites.shop.assets.embed.origin-url", CDN.originUrl("/shop/embed.js"));
        // tagged: a custom marker carrying the release
        config.put("freshguard.sites.tagged.assets.widget.url", CDN.cdnUrl("/tagged/widget.js"));
        config.put("freshguard.sites.tagged.assets.widget.origin-url", CDN.originUrl("/tagged/widget.js"));
        config.put("freshguard.sites.tagged.assets.widget.marker", "release=(?<release>[\\w.-]+)");
        config.put("freshguard.sites.story.assets.app.url", CDN.cdnUrl("/story/app.js"));
        config.put("freshguard.sites.story.assets.app.origin-url", CDN.originUrl("/story/app.js"));
        config.put("freshguard.sites.story.assets.app.marker", "build (?<release>[0-9a-f]{7,40})");
        config.put("freshguard.sites.race.assets.app.url", CDN.cdnUrl("/race/app.js"));
        config.put("freshguard.sites.race.assets.app.origin-url", CDN.originUrl("/race/app.js"));
        config.put("freshguard.sites.race.assets.app.marker", "release=(?<release>[\\w.-]+)");
        config.put("freshguard.sites.gated.assets.app.url", CDN.cdnUrl("/gated/app.js"));
        config.put("freshguard.sites.gated.assets.app.origin-url", CDN.originUrl("/gated/app.js"));
        config.put("freshguard.sites.gated.assets.app.marker", "release=(?<release>[\\w.-]+)");
        config.put("freshguard.sites.stuck.assets.app.url", CDN.cdnUrl("/stuck/app.js"));
        config.put("freshguard.sites.stuck.assets.app.marker", "release=(?<release>[\\w.-]+)");
        config.put("freshguard.sites.flaky.assets.lib.url", CDN.cdnUrl("/flaky/lib.js"));
        return config;
    }

    @Override
    public void stop() {
        CDN.stop();
    }
}
