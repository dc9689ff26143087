package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The edge that answered, as each CDN names it in its responses. */
class EdgeHeadersTest {

    static String edge(Map<String, String> headers, String configured) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return EdgeHeaders.edgeOf(name -> Optional.ofNullable(byName.get(name)), Optional.ofNullable(configured));
    }

    @Test
    void eachVendorsOwnHeaderNamesTheEdge() {
        assertEquals("FRA56-P1", edge(Map.of("x-amz-cf-pop", "FRA56-P1", "Via", "1.1 abc.cloudfront.net (CloudFront)"), null));
        // behind a shield, Fastly lists the shield first and the edge that answered the client last
        assertEquals("cache-lhr7326-LHR", edge(Map.of("X-Served-By", "cache-fra-etou8220143-FRA, cache-lhr7326-LHR"), null));
        assertEquals("cache-iad-kiad7000123-IAD", edge(Map.of("X-Served-By", "cache-iad-kiad7000123-IAD"), null));
        assertEquals("cloudflare-FRA", edge(Map.of("CF-Ray", "8c2f1d2e9b1a2c3d-FRA"), null));
    }

    @Test
    void aConfiguredHeaderWinsAndNothingKnownIsNoEdge() {
        assertEquals("edge-7", edge(Map.of("X-Edge", "edge-7", "X-Amz-Cf-Pop", "FRA56-P1"), "X-Edge"));
        assertNull(edge(Map.of("X-Amz-Cf-Pop", "FRA56-P1"), "X-Edge"));
        assertNull(edge(Map.of("Server", "nginx"), null));
        assertNull(edge(Map.of("CF-Ray", "8c2f1d2e9b1a2c3d"), null));
    }
}
