package io.freshguard.probe.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The freshness probe: {@code freshguard.probe.*}. */
@ConfigMapping(prefix = "freshguard.probe")
public interface ProbeConfig {

    /** How often every asset is fetched through the CDN. */
    @WithDefault("PT60S")
    Duration interval();

    /**
     * While CloudFront works on a site's invalidation, its assets are probed this often, so the chain turns FRESH as
     * soon as the edge serves the build, often before CloudFront reports Completed.
     */
    @WithDefault("PT2S")
    Duration inFlightInterval();

    /** Time limit of one fetch, from connecting to the last byte read. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Reading stops here if no marker was found before. */
    @WithDefault("262144")
    int maxBytes();

    /** Fetches in flight at once. */
    @WithDefault("16")
    int concurrency();

    /**
     * The copies fetched per asset, as browsers ask for them ({@code br}, {@code gzip}, {@code identity}); the
     * asset's verdict is the worst of them.
     */
    @WithDefault("br,gzip,identity")
    List<String> encodings();

    /**
     * Who probes on schedule: {@code leader} (one replica at a time, by lease) or {@code every-replica} (each replica
     * probes from where it runs, so replicas in several regions see several CDN edges).
     */
    @WithDefault("leader")
    ProbeMode mode();

    /**
     * The response header naming the CDN edge that answered; none: recognised from the vendor's own (CloudFront's
     * {@code X-Amz-Cf-Pop}, Fastly's {@code X-Served-By}, Cloudflare's {@code CF-Ray}).
     */
    Optional<String> edgeHeader();

    /**
     * {@code host:address} pairs: fetches of http:// URLs on that host connect to that address instead of what DNS
     * says (the Host header still names the host), to pin one replica to one edge. Empty: DNS decides.
     */
    Optional<List<String>> resolve();

    /** User-Agent of the probe's requests, so CDN logs can tell them from customers. */
    @WithDefault("Freshguard-Probe/1.0")
    String userAgent();
}
