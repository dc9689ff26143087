package io.freshguard.probe.service;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which CDN edge answered, from the vendor's own response headers: CloudFront's {@code X-Amz-Cf-Pop} ({@code FRA56-P1}),
 * Fastly's {@code X-Served-By} (the last cache in the list is the one that answered the client, after any shield:
 * {@code cache-fra-etou8220143-FRA, cache-lhr7326-LHR}), Cloudflare's {@code CF-Ray} (the data centre is the suffix:
 * {@code 8c2f1d2e9b1a2c3d-FRA}). A configured header wins over all of them.
 */
final class EdgeHeaders {

    private EdgeHeaders() {
    }

    /** The edge, or null when the response names none. */
    static String edgeOf(Function<String, Optional<String>> header, Optional<String> configured) {
        if (configured.isPresent()) {
            return header.apply(configured.get()).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        }
        Optional<String> cloudfront = header.apply("X-Amz-Cf-Pop").map(String::trim).filter(s -> !s.isEmpty());
        if (cloudfront.isPresent()) {
            return cloudfront.get();
        }
        Optional<String> fastly = header.apply("X-Served-By").map(EdgeHeaders::lastCache);
        if (fastly.isPresent()) {
            return fastly.get();
        }
        return header.apply("CF-Ray").map(EdgeHeaders::rayColo).orElse(null);
    }

    private static String lastCache(String servedBy) {
        String[] caches = servedBy.split(",");
        String last = caches[caches.length - 1].trim();
        return last.isEmpty() ? null : last;
    }

    private static String rayColo(String ray) {
        int dash = ray.trim().lastIndexOf('-');
        String colo = dash < 0 ? "" : ray.trim().substring(dash + 1);
        return colo.isEmpty() ? null : "cloudflare-" + colo;
    }
}
