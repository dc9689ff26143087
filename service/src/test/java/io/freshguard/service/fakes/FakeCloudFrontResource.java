package io.freshguard.service.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts {@link FakeCloudFront} and points the service at it with static test credentials and an explicit
 * region, so the SDK never looks beyond 127.0.0.1 (no instance metadata, no real endpoint).
 */
public class FakeCloudFrontResource implements QuarkusTestResourceLifecycleManager {

    public static final FakeCloudFront CLOUDFRONT = new FakeCloudFront();

    @Override
    public Map<String, String> start() {
        int port = CLOUDFRONT.start();
        Map<String, String> aws = Map.of(
                "aws.accessKeyId", FakeCloudFront.ACCESS_KEY,
                "aws.secretAccessKey", FakeCloudFront.SECRET_KEY,
                "aws.region", "us-east-1",
                "aws.disableEc2Metadata", "true");
        // @QuarkusTest shares this JVM; a @QuarkusIntegrationTest gets the same values as -D options
        aws.forEach(System::setProperty);
        return Map.of(
                "freshguard.cloudfront.endpoint", "http://127.0.0.1:" + port,
                "aws.accessKeyId", FakeCloudFront.ACCESS_KEY,
                "aws.secretAccessKey", FakeCloudFront.SECRET_KEY,
                "aws.region", "us-east-1",
                "aws.disableEc2Metadata", "true");
    }

    @Override
    public void stop() {
        CLOUDFRONT.stop();
    }
}
