package io.freshguard.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The dashboard's sign-in and sessions: {@code freshguard.dashboard.*}. */
@ConfigMapping(prefix = "freshguard.dashboard")
public interface DashboardConfig {

    /** How long a session lasts; signing out, or any change to the audit token list, ends it sooner. */
    @WithDefault("PT12H")
    Duration sessionLifetime();

    /** The window failed sign-ins are counted in (and summarised in the log, one line per window). */
    @WithDefault("PT15M")
    Duration signInWindow();

    /** Failed sign-ins one address may make in a window; then 429 with Retry-After until the window ends. */
    @WithDefault("5")
    int signInFailuresPerAddress();

    /** Failed sign-ins from all addresses together in a window (a guess spread over many addresses); then 429 for all. */
    @WithDefault("100")
    int signInFailuresTotal();
}
