package io.freshguard.service.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The test profile's configuration ({@code src/test/resources/application-test.properties}) for the packaged
 * application: an @QuarkusIntegrationTest starts the jar, which ships without test configuration, and receives
 * these entries as {@code -D} options. An @QuarkusTest reads the same file as its profile's own.
 */
public class TestProfileConfigResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Properties test = new Properties();
        try (InputStream in = TestProfileConfigResource.class.getResourceAsStream("/application-test.properties")) {
            if (in == null) {
                throw new IllegalStateException("application-test.properties is not on the test class path");
            }
            test.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        test.stringPropertyNames().forEach(name -> config.put(name, test.getProperty(name)));
        return config;
    }

    @Override
    public void stop() {
    }
}
