package io.freshguard.probe.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * A copy of an asset as browsers get it: CloudFront with compression on caches the brotli, gzip and uncompressed
 * copies apart, each filled whenever it was first asked for, so each can serve a different build.
 */
public enum ContentEncoding {
    BR("br"),
    GZIP("gzip"),
    IDENTITY("identity");

    private final String token;

    ContentEncoding(String token) {
        this.token = token;
    }

    /** What the probe sends as {@code Accept-Encoding} to get this copy. */
    public String token() {
        return token;
    }

    public static Optional<ContentEncoding> parse(String value) {
        for (ContentEncoding e : values()) {
            if (e.token.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The body decoded by what the server says it sent ({@code Content-Encoding}), which is not always what was
     * asked for. Only as much is decompressed as the reader takes, so a small bomb costs no more than
     * {@code max-bytes} of output.
     */
    static InputStream decode(InputStream body, String contentEncoding) throws IOException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> body;
            case "gzip", "x-gzip" -> new GZIPInputStream(body, 8192);
            case "br" -> new BrotliInputStream(body);
            default -> throw new IOException("unsupported Content-Encoding " + encoding);
        };
    }
}
