package io.freshguard.webhook.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhook authenticity and limits: {@code freshguard.webhooks.*}. */
@ConfigMapping(prefix = "freshguard.webhooks")
public interface WebhooksConfig {

    /** Largest webhook body accepted; larger ones get 413 and change nothing. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Heroku app webhooks, signed with {@code Heroku-Webhook-Hmac-SHA256}. */
    SignedSource heroku();

    /** GitHub webhooks, signed with {@code X-Hub-Signature-256}. */
    SignedSource github();

    /** Papertrail search alerts, which cannot sign: a shared token in the URL instead. */
    PapertrailSource papertrail();

    /**
     * The generic endpoint, signed with {@code X-Freshguard-Signature: t=…,v1=…} or Standard Webhooks'
     * {@code webhook-id}/{@code webhook-timestamp}/{@code webhook-signature}.
     */
    GenericSource generic();

    interface SignedSource {

        /**
         * HMAC secrets shared with the sender, comma-separated: a signature by any of them is accepted, so old and new
         * work together during a rotation. Without one the source is refused unless allow-unsigned is set.
         */
        Optional<List<String>> secret();

        /** Accept this source without a signature when no secret is configured (never do this in production). */
        @WithDefault("false")
        boolean allowUnsigned();
    }

    interface TokenSource {

        /** Tokens the sender may put in the webhook URL as {@code ?token=}, comma-separated (old and new in a rotation). */
        Optional<List<String>> token();

        /** Accept this source without a token when none is configured (never do this in production). */
        @WithDefault("false")
        boolean allowUnsigned();
    }

    interface PapertrailSource extends TokenSource {

        /** Log programs whose lines count as deploys; a line from any other program is user-controlled text. */
        @WithDefault("app/api")
        List<String> programs();

        /** Per Papertrail {@code source_name}: the programs that count for that source, instead of {@code programs}. */
        Map<String, List<String>> sourcePrograms();

        /** The programs that count for one Papertrail source. */
        default List<String> programsFor(String sourceName) {
            return sourcePrograms().getOrDefault(sourceName, programs());
        }
    }

    interface GenericSource extends SignedSource {

        /** How far a signature's timestamp (either form) may be from now before the request counts as a replay. */
        @WithDefault("PT5M")
        Duration tolerance();
    }
}
