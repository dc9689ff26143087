package io.freshguard.service.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The generic webhook contract against the packaged jar. */
@QuarkusIntegrationTest
class GenericWebhookIT extends GenericWebhookTest {
}
