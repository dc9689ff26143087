package io.freshguard.service.support;

import org.eclipse.microprofile.config.ConfigProvider;

/** The management interface of the application a {@code @QuarkusTest} runs: health and metrics live there, not on 8080. */
public final class Management {

    private Management() {
    }

    /** An absolute URL of a path on the management port ({@code /q/health/ready}, {@code /q/metrics}). */
    public static String url(String path) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return "http://localhost:" + port + path;
    }
}
