package io.freshguard.service.cdn;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudflare;
import io.freshguard.service.fakes.FakeFastly;
import io.freshguard.service.fakes.FakePurgeApi;
import io.freshguard.service.fakes.FakeReceiver;
import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A site served from several CDNs, through the packaged service: each deploy purges every target, and the chain is
 * FRESH only when every target's host serves the build; a purge answered 200 that evicted nothing is caught by the
 * probe and healed on that target alone, a bounded number of times; a Cloudflare token about to expire is warned of
 * in health, metrics, the audit log and a notice; a refused token blocks the chain and a vendor's 429 is a wait.
 */
class EveryCdnIT {

    static final String DATABASE = "freshguard_every_cdn_it";

    @Test
    void aDeployPurgesCloudFrontAndFastlyAndIsFreshOnlyOnceBothHostsServeIt() throws Exception {
        String path = "/multi/app.js";
        FakeCdn fastlyCdn = new FakeCdn();
        try (CdnSite site = CdnSite.start("multi", path, "none"); FakeFastly fastly = new FakeFastly()) {
            fastly.start();
            fastlyCdn.start();
            fastly.onPurged(fastlyCdn::purge);
            fastlyCdn.publish(path, "/* app release=none */\n");
            String prefix = "freshguard.sites.multi.";
            Map<String, String> config = site.config("unused");
            config.remove(prefix + "distribution-id");
            config.put(prefix + "targets.main.vendor", "cloudfront");
            config.put(prefix + "targets.main.id", "EMULTIMAIN");
            config.put(prefix + "targets.main.host", "127.0.0.1:" + site.cdn.cdnPort());
            config.put(prefix + "targets.fast.vendor", "fastly");
            config.put(prefix + "targets.fast.id", "SVCMULTI01");
            config.put(prefix + "targets.fast.host", "127.0.0.1:" + fastlyCdn.cdnPort());
            config.put(prefix + "grace", "PT0S");
            config.put("freshguard.fastly.endpoint", fastly.url());
            config.put("freshguard.fastly.token", FakeFastly.TOKEN);
            config.put("freshguard.purge.heal-attempts", "2");
            config.put("freshguard.purge.heal-backoff", "PT0.5S");
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("every-cdn", DATABASE, site.cloudfrontPort(), config).start()) {
                // both edges hold the old build; Fastly answers its purges 200 but evicts nothing
                given().get(site.cdn.cdnUrl(path)).then().statusCode(200);
                given().get(fastlyCdn.cdnUrl(path)).then().statusCode(200);
                fastly.evicts(false);
                String first = commit();
                site.cdn.publish(path, "/* app release=" + first + " */\n");
                fastlyCdn.publish(path, "/* app release=" + first + " */\n");
                long deploy = GenericWebhooks.deployCommitTo(service.url(""), "multi", first);

                // both purged once; CloudFront's host serves the build, Fastly's does not: never FRESH, healed on Fastly
                // alone, twice, then a human is asked to look
                awaitTrue(() -> "HEAL_EXHAUSTED".equals(status(deploy)), "deploy " + deploy + " HEAL_EXHAUSTED, is " + status(deploy));
                assertEquals(1, site.cloudfront.createsFor("EMULTIMAIN").size());
                assertEquals(3, fastly.purges().stream().filter(p -> p.kind().equals("url")).count(), fastly.purges().toString());
                assertEquals(List.of("fastly:SVCMULTI01", "fastly:SVCMULTI01"), TestDatabase.queryIn(DATABASE,
                        "select target from invalidation_batch where deploy_id = ? and purpose = 'HEAL' order by id", deploy)
                        .stream().map(r -> String.valueOf(r.get("target"))).toList());
                assertEquals(0, TestDatabase.countIn(DATABASE, "select count(*) from audit_log where deploy_id = ? and kind = 'FRESH'", deploy));
                assertEquals("STALE", TestDatabase.queryIn(DATABASE, "select state from asset_state where site = 'multi' and asset = 'app@fast'")
                        .get(0).get("state"));
                assertEquals("FRESH", TestDatabase.queryIn(DATABASE, "select state from asset_state where site = 'multi' and asset = 'app'")
                        .get(0).get("state"));

                // the next deploy's Fastly purge misses too; once Fastly evicts again, a heal fixes it: FRESH once both
                // hosts serve the build
                String second = commit();
                site.cdn.publish(path, "/* app release=" + second + " */\n");
                fastlyCdn.publish(path, "/* app release=" + second + " */\n");
                long next = GenericWebhooks.deployCommitTo(service.url(""), "multi", second);
                awaitTrue(() -> "STALE".equals(status(next)), "deploy " + next + " STALE, is " + status(next));
                fastly.evicts(true);
                awaitTrue(() -> "FRESH".equals(status(next)), "deploy " + next + " FRESH, is " + status(next));
                Set<String> targets = TestDatabase.queryIn(DATABASE, "select target from invalidation_batch where deploy_id = ?"
                        + " and purpose = 'DEPLOY'", next).stream().map(r -> String.valueOf(r.get("target"))).collect(Collectors.toSet());
                assertEquals(Set.of("cloudfront:EMULTIMAIN", "fastly:SVCMULTI01"), targets);
                List<String> heals = TestDatabase.queryIn(DATABASE, "select target from invalidation_batch where deploy_id = ?"
                        + " and purpose = 'HEAL'", next).stream().map(r -> String.valueOf(r.get("target"))).toList();
                assertTrue(!heals.isEmpty() && heals.size() <= 2 && heals.stream().allMatch("fastly:SVCMULTI01"::equals), heals.toString());
                assertTrue(given().get(fastlyCdn.cdnUrl(path)).asString().contains(second));
            } finally {
                fastlyCdn.stop();
            }
        }
    }

    @Test
    void cloudflareWarnsBeforeItsTokenExpiresBlocksWhenRefusedAndWaitsOutItsRate() throws Exception {
        String path = "/flare/app.js";
        FakeCdn cdn = new FakeCdn();
        try (FakeCloudflare cloudflare = new FakeCloudflare(); FakeReceiver hook = new FakeReceiver(204).start();
                CdnSite unused = CdnSite.start("unused", "/unused.js", "none")) {
            cloudflare.start();
            cdn.start();
            cloudflare.onPurged(cdn::purge);
            cloudflare.tokenExpiresAt(Instant.now().plus(Duration.ofDays(3)));
            cdn.publish(path, "/* app release=none */\n");
            String prefix = "freshguard.sites.flare.";
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "freshguard.purge.poll-interval", "PT0.2S",
                    "freshguard.purge.canary-interval", "PT1S",
                    "freshguard.purge.blocked-retry-interval", "PT1S",
                    "freshguard.purge.retry-max-delay", "PT1S",
                    "freshguard.probe.interval", "PT1S",
                    "freshguard.cloudflare.endpoint", cloudflare.url(),
                    "freshguard.cloudflare.token", FakeCloudflare.TOKEN,
                    "freshguard.notify.interval", "PT1S"));
            config.put(prefix + "targets.zone.vendor", "cloudflare");
            config.put(prefix + "targets.zone.id", "ZFLARE01");
            config.put(prefix + "targets.zone.host", "127.0.0.1:" + cdn.cdnPort());
            config.put(prefix + "paths", path);
            config.put(prefix + "sources", "generic:flare");
            config.put(prefix + "assets.app.url", cdn.cdnUrl(path));
            config.put(prefix + "assets.app.marker", "release=(?<release>[\\w.-]+)");
            config.put(prefix + "notify.webhook.url", hook.url("/hooks"));
            config.put(prefix + "notify.webhook.secret", "flare-hook-secret");
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("every-cdn-flare", DATABASE, unused.cloudfrontPort(), config).start()) {
                String metrics = service.managementUrl("/q/metrics");
                awaitTrue(() -> given().get(metrics).asString().contains(
                        "freshguard_cdn_token_expiring{target=\"cloudflare:ZFLARE01\",vendor=\"cloudflare\"} 1.0"), "the expiry gauge");
                Map<String, Object> group = given().get(service.managementUrl("/q/health/group/cdn")).then().statusCode(200)
                        .extract().jsonPath().getMap("checks[0].data");
                assertTrue(String.valueOf(group.get("cloudflare:ZFLARE01.warning")).contains("API token expires"), group.toString());
                awaitTrue(() -> bodies(hook).stream().anyMatch(b -> b.contains("cdn.token_expiring")), "the expiry notice");
                Thread.sleep(2500);
                // the canary asked several times; the warning went out once
                assertEquals(1, bodies(hook).stream().filter(b -> b.contains("cdn.token_expiring")).count(), bodies(hook).toString());
                assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from audit_log where kind = 'CDN_TOKEN_EXPIRING'"));

                // a deploy is purged by URL on the zone's host and is FRESH
                given().get(cdn.cdnUrl(path)).then().statusCode(200);
                String first = commit();
                cdn.publish(path, "/* app release=" + first + " */\n");
                long deploy = GenericWebhooks.deployCommitTo(service.url(""), "flare", first);
                awaitTrue(() -> "FRESH".equals(status(deploy)), "deploy FRESH, is " + status(deploy));
                FakePurgeApi.Purge purge = cloudflare.purges().get(cloudflare.purges().size() - 1);
                assertEquals("files", purge.kind());
                assertEquals(List.of("https://127.0.0.1:" + cdn.cdnPort() + path), purge.items());

                // the token is refused: BLOCKED, readiness DOWN, the metric and a notice say so; it recovers by itself
                cloudflare.acceptOnlyToken("rotated-elsewhere");
                String second = commit();
                cdn.publish(path, "/* app release=" + second + " */\n");
                long blocked = GenericWebhooks.deployCommitTo(service.url(""), "flare", second);
                awaitTrue(() -> "BLOCKED".equals(status(blocked)), "deploy BLOCKED, is " + status(blocked));
                given().get(service.managementUrl("/q/health/ready")).then().statusCode(503)
                        .body("checks.find { it.name == 'cdn' }.status", org.hamcrest.Matchers.equalTo("DOWN"))
                        // the deprecated check keeps its CloudFront-only meaning
                        .body("checks.find { it.name == 'cloudfront' }.status", org.hamcrest.Matchers.equalTo("UP"));
                awaitTrue(() -> given().get(metrics).asString().contains(
                        "freshguard_cdn_refused{code=\"10000\",target=\"cloudflare:ZFLARE01\",vendor=\"cloudflare\"} 1.0"), "the refusal gauge");
                awaitTrue(() -> bodies(hook).stream().anyMatch(b -> b.contains("cdn.refused")), "the refusal notice");

                // Cloudflare's purge rate is spent: a 429 is a wait, not a failure
                cloudflare.limitPerMinute(0);
                cloudflare.acceptOnlyToken(FakeCloudflare.TOKEN);
                awaitTrue(() -> TestDatabase.countIn(DATABASE, "select count(*) from audit_log where deploy_id = ? and kind = 'PURGE_ATTEMPT'"
                        + " and data like '%RateLimited%'", blocked) > 0, "a rate-limited attempt");
                assertEquals("RETRYING", status(blocked));
                cloudflare.limitPerMinute(1000);
                awaitTrue(() -> "FRESH".equals(status(blocked)), "deploy FRESH after the wait, is " + status(blocked));
            } finally {
                cdn.stop();
            }
        }
    }

    @Test
    void surrogateKeysOnFastlyAndAPrefixOnCloudflarePurgeAWildcardPath() throws Exception {
        String path = "/keys/app.js";
        FakeCdn fastlyCdn = new FakeCdn();
        FakeCdn flareCdn = new FakeCdn();
        try (FakeFastly fastly = new FakeFastly(); FakeCloudflare cloudflare = new FakeCloudflare();
                CdnSite unused = CdnSite.start("unused", "/unused.js", "none")) {
            fastly.start();
            cloudflare.start();
            fastlyCdn.start();
            flareCdn.start();
            // the service tags the asset with the surrogate key; a prefix purge drops everything under it
            fastly.onPurged(key -> {
                if (key.equals("key:app-js")) {
                    fastlyCdn.purge(path);
                }
            });
            cloudflare.onPurged(flareCdn::purge);
            fastlyCdn.publish(path, "/* app release=none */\n");
            flareCdn.publish(path, "/* app release=none */\n");
            String prefix = "freshguard.sites.keys.";
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "freshguard.purge.poll-interval", "PT0.2S",
                    "freshguard.purge.canary-interval", "PT1H",
                    "freshguard.probe.interval", "PT1S",
                    "freshguard.fastly.endpoint", fastly.url(),
                    "freshguard.fastly.token", FakeFastly.TOKEN,
                    "freshguard.cloudflare.endpoint", cloudflare.url(),
                    "freshguard.cloudflare.token", FakeCloudflare.TOKEN));
            // an account-owned token, verified under its account
            config.put("freshguard.cloudflare.account-id", "acct0001");
            config.put(prefix + "targets.fast.vendor", "fastly");
            config.put(prefix + "targets.fast.id", "SVCKEYS01");
            config.put(prefix + "targets.fast.host", "127.0.0.1:" + fastlyCdn.cdnPort());
            config.put(prefix + "targets.fast.purge-by", "surrogate-key");
            config.put(prefix + "targets.fast.keys", "app-js");
            config.put(prefix + "targets.zone.vendor", "cloudflare");
            config.put(prefix + "targets.zone.id", "ZKEYS01");
            config.put(prefix + "targets.zone.host", "127.0.0.1:" + flareCdn.cdnPort());
            config.put(prefix + "paths", "/keys/*");
            config.put(prefix + "sources", "generic:keys");
            config.put(prefix + "assets.app.url", fastlyCdn.cdnUrl(path));
            config.put(prefix + "assets.app.marker", "release=(?<release>[\\w.-]+)");
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("every-cdn-keys", DATABASE, unused.cloudfrontPort(), config).start()) {
                given().get(fastlyCdn.cdnUrl(path)).then().statusCode(200);
                given().get(flareCdn.cdnUrl(path)).then().statusCode(200);
                String first = commit();
                fastlyCdn.publish(path, "/* app release=" + first + " */\n");
                flareCdn.publish(path, "/* app release=" + first + " */\n");
                long deploy = GenericWebhooks.deployCommitTo(service.url(""), "keys", first);
                awaitTrue(() -> "FRESH".equals(status(deploy)), "deploy FRESH, is " + status(deploy));
                assertEquals(List.of("key"), fastly.purges().stream().map(FakePurgeApi.Purge::kind).toList());
                assertEquals(List.of("app-js"), fastly.purges().get(0).items());
                assertEquals(List.of("prefixes"), cloudflare.purges().stream().map(FakePurgeApi.Purge::kind).toList());
                assertEquals(List.of("127.0.0.1:" + flareCdn.cdnPort() + "/keys/"), cloudflare.purges().get(0).items());
                assertEquals("/accounts/acct0001/tokens/verify", cloudflare.verifications().get(0));
            } finally {
                fastlyCdn.stop();
                flareCdn.stop();
            }
        }
    }

    static String commit() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String status(long deploy) {
        return String.valueOf(TestDatabase.queryIn(DATABASE, "select status from deploy where id = ?", deploy).get(0).get("status"));
    }

    static List<String> bodies(FakeReceiver receiver) {
        return receiver.received().stream().map(FakeReceiver.Received::body).toList();
    }

    static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}
