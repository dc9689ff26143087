package io.freshguard.audit.service.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** A keyset position: the time and id of the last row of the previous page, opaque to clients once encoded. */
public record Cursor(Instant at, long id) {

    public String encode() {
        String raw = (at == null ? "" : at.toString()) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
