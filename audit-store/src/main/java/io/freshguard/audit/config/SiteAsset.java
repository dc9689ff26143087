package io.freshguard.audit.config;

import java.util.Optional;

/**
 * One URL the probe fetches for a site: a configured asset, or the same asset's path on another target's host (named
 * {@code <asset>@<target>}), so that FRESH means every host customers load it from serves the build.
 *
 * @param target the key of the target this URL is served by, when it is known
 */
public record SiteAsset(String name, String url, Optional<String> originUrl, Optional<String> marker,
        Optional<String> target) {
}
