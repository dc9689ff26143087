package io.freshguard.service.logging;

import io.freshguard.service.config.LogConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * {@code freshguard.log.json=true}: the console handler writes {@link JsonLineFormatter} lines from the first
 * start-up observer on (before the start-up summary). Filters on the handler, the secret redaction among them, stay.
 */
@ApplicationScoped
public class JsonConsoleSwitch {

    void switchToJson(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            LogConfig config) {
        if (config.json()) {
            apply(LogContext.getLogContext().getLogger("").getHandlers(), new JsonLineFormatter());
        }
    }

    private static void apply(Handler[] handlers, JsonLineFormatter formatter) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(formatter);
            }
            if (handler instanceof ExtHandler nested) {
                apply(nested.getHandlers(), formatter);
            }
        }
    }
}
