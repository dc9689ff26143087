package io.freshguard.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeAddressesTest {

    @Test
    void aPinnedHostIsReachedAtItsAddressAndStillNamedInTheHostHeader() {
        EdgeAddresses pins = EdgeAddresses.parse(List.of("D111.cloudfront.net:127.0.0.2", "v6.example:::1"));
        URI url = URI.create("http://d111.cloudfront.net:8080/embed.js?v=1");
        assertEquals(URI.create("http://127.0.0.2:8080/embed.js?v=1"), pins.connectTo(url));
        assertEquals(Optional.of("d111.cloudfront.net:8080"), pins.hostHeader(url));
        assertEquals(URI.create("http://[::1]/a.js"), pins.connectTo(URI.create("http://v6.example/a.js")));
        URI other = URI.create("http://other.example/a.js");
        assertEquals(other, pins.connectTo(other));
        assertTrue(pins.hostHeader(other).isEmpty());
    }

    @Test
    void malformedPinsAndPinnedHttpsFailNamingTheProperty() {
        for (List<String> bad : List.of(List.of("no-address"), List.of(":127.0.0.1"), List.of("host:"),
                List.of("h:127.0.0.1", "H:127.0.0.2"), List.of("h:http://x/"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EdgeAddresses.parse(bad));
            assertTrue(e.getMessage().startsWith("freshguard.probe.resolve"), e.getMessage());
        }
        EdgeAddresses pins = EdgeAddresses.parse(List.of("cdn.example:127.0.0.2"));
        pins.check(List.of("http://cdn.example/a.js", "https://unpinned.example/a.js"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pins.check(List.of("https://cdn.example/a.js")));
        assertTrue(e.getMessage().contains("http:// URLs only"), e.getMessage());
    }
}
