package io.freshguard.service.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Heroku webhook contract against the packaged jar. */
@QuarkusIntegrationTest
class HerokuWebhookIT extends HerokuWebhookTest {
}
