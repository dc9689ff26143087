package io.freshguard.probe.service;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code freshguard.probe.resolve}: pins a CDN host to one edge's address. The connection goes to the address and
 * the Host header still names the host, so the CDN serves the same distribution it would by DNS.
 */
public final class EdgeAddresses {

    static final String PROPERTY = "freshguard.probe.resolve";

    private final Map<String, String> addresses;

    private EdgeAddresses(Map<String, String> addresses) {
        this.addresses = addresses;
    }

    /** Parses {@code host:address} pairs (an IPv6 address may hold colons; a host name never does). */
    public static EdgeAddresses parse(List<String> entries) {
        Map<String, String> addresses = new HashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String host = colon < 0 ? "" : entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String address = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (host.isEmpty() || address.isEmpty() || address.contains("/")) {
                throw new IllegalStateException(PROPERTY + ": '" + entry + "' is not host:address");
            }
            if (addresses.put(host, address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address) != null) {
                throw new IllegalStateException(PROPERTY + ": host " + host + " is given twice");
            }
        }
        return new EdgeAddresses(Map.copyOf(addresses));
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /**
     * Refuses a pin on an https:// asset: TLS checks the certificate against the name the client connects to, so a
     * pinned https fetch would either fail or need the check turned off, and the probe does neither.
     */
    public void check(List<String> urls) {
        for (String url : urls) {
            URI uri = URI.create(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && pinned(uri).isPresent()) {
                throw new IllegalStateException(PROPERTY + ": " + uri.getHost() + " is pinned but " + url
                        + " is https; pins apply to http:// URLs only (TLS checks the name it connects to)");
            }
        }
    }

    /** Where to connect for this URL: the pinned address in place of the host, or the URL as it is. */
    public URI connectTo(URI url) {
        Optional<String> address = pinned(url);
        if (address.isEmpty()) {
            return url;
        }
        return URI.create(url.getScheme() + "://" + address.get() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** The Host header a pinned fetch must send, with the port when the URL names one. */
    public Optional<String> hostHeader(URI url) {
        return pinned(url).map(address -> url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
    }

    private Optional<String> pinned(URI url) {
        return url.getHost() == null ? Optional.empty()
                : Optional.ofNullable(addresses.get(url.getHost().toLowerCase(Locale.ROOT)));
    }
}
