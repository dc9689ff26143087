package io.freshguard.audit.service.chain;

import java.util.Locale;

/** How a notice was taken: the answer the sender gets. */
public record IntakeResult(long deployId, String site, Outcome outcome, String reason) {

    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        IGNORED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
