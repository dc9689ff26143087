package io.freshguard.service.fakes;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The fakes every test runs against, declared once and globally so that all test classes share one application
 * start (the test profile's configuration, PostgreSQL through a cuttable proxy, CloudFront, and the origin/CDN pair).
 */
@WithTestResource(value = TestProfileConfigResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeCloudFrontResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeCdnResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
