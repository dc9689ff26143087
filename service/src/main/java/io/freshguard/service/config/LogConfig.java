package io.freshguard.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Freshguard writes its log: {@code freshguard.log.*}. */
@ConfigMapping(prefix = "freshguard.log")
public interface LogConfig {

    /**
     * One JSON object per line on the console (timestamp, level, logger, thread, message, exception) for log
     * shippers that parse JSON; from the moment the application starts, framework boot lines before it stay plain.
     */
    @WithDefault("false")
    boolean json();
}
