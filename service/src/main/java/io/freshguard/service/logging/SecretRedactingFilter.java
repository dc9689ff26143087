package io.freshguard.service.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The last line of defence for secrets in logs, whoever writes the line: our code, the HTTP layer's error and access
 * logs (which print request URIs, and Papertrail's token travels in one), the AWS SDK or the driver. Every configured
 * secret is replaced wherever it appears, and so is any {@code token=}/{@code secret=} query value and bearer
 * credential, configured or not. It only rewrites; it never drops a line.
 */
@LoggingFilter(name = "freshguard-secrets")
public final class SecretRedactingFilter implements Filter {

    static final String REDACTED = "[redacted]";

    /** How deep an exception's causes and suppressed exceptions are followed (a cycle must not hang logging). */
    private static final int MAX_DEPTH = 16;

    /** Every property that holds a secret; they are read once, when logging starts. */
    static final List<String> SECRET_PROPERTIES = List.of(
            "freshguard.webhooks.heroku.secret",
            "freshguard.webhooks.github.secret",
            "freshguard.webhooks.generic.secret",
            "freshguard.webhooks.papertrail.token",
            "freshguard.audit.token",
            "freshguard.audit.ci-token",
            "freshguard.audit.chain-key",
            "freshguard.fastly.token",
            "freshguard.cloudflare.token",
            "quarkus.datasource.password",
            "aws.secretAccessKey",
            "aws.sessionToken");

    /** Per-site notification settings that are credentials: a receiver's signing secret, a token, a Slack hook URL. */
    static final Pattern SECRET_SITE_PROPERTY = Pattern.compile("freshguard\\.sites\\.[^.]+\\.notify\\.[^.]+\\.(secret|token|url)");

    /**
     * A credential by its common parameter names ({@code token=}, {@code access_token=}, {@code api_key=},
     * {@code client-secret=}, {@code X-Amz-Signature=}, …) or a bearer/basic credential, configured or not.
     */
    private static final Pattern CREDENTIAL_IN_TEXT = Pattern.compile("(?i)((?:[?&;]|\\b)[a-z0-9_.-]*(?:token|secret|password|passwd"
            + "|signature|sig|key|credential|auth)=)[^&\\s\"',;]+|((?:bearer|basic)\\s+)[^\\s\"',;]+");

    private final List<String> secrets;

    public SecretRedactingFilter() {
        this(configuredSecrets());
    }

    SecretRedactingFilter(List<String> secrets) {
        // longest first, so a secret that contains another is replaced whole
        this.secrets = secrets.stream().filter(s -> s.length() >= 4).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String redacted = redact(message);
            if (message != null && !message.equals(redacted)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(redact(record.getMessage()));
        }
        if (record.getThrown() != null && mentionsSecret(record.getThrown())) {
            record.setThrown(redacted(record.getThrown()));
        }
        return true;
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        Matcher m = CREDENTIAL_IN_TEXT.matcher(result);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + REDACTED));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether any message in the exception, its causes or its suppressed exceptions (at any depth) holds a secret. */
    private boolean mentionsSecret(Throwable thrown) {
        return mentionsSecret(thrown, 0);
    }

    private boolean mentionsSecret(Throwable thrown, int depth) {
        if (thrown == null || depth > MAX_DEPTH) {
            return false;
        }
        if (thrown.getMessage() != null && !thrown.getMessage().equals(redact(thrown.getMessage()))) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (mentionsSecret(suppressed, depth + 1)) {
                return true;
            }
        }
        return thrown.getCause() != thrown && mentionsSecret(thrown.getCause(), depth + 1);
    }

    /** A copy of the exception with every message redacted (causes and suppressed ones too), stack traces kept. */
    private Throwable redacted(Throwable thrown) {
        return redacted(thrown, 0);
    }

    private Throwable redacted(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown || depth >= MAX_DEPTH ? null
                : redacted(thrown.getCause(), depth + 1);
        RedactedException copy = new RedactedException(thrown.getClass().getName() + ": " + redact(thrown.getMessage()), cause);
        copy.setStackTrace(thrown.getStackTrace());
        if (depth < MAX_DEPTH) {
            for (Throwable suppressed : thrown.getSuppressed()) {
                copy.addSuppressed(redacted(suppressed, depth + 1));
            }
        }
        return copy;
    }

    private static List<String> configuredSecrets() {
        Config config = ConfigProvider.getConfig();
        List<String> found = new ArrayList<>();
        List<String> properties = new ArrayList<>(SECRET_PROPERTIES);
        for (String name : config.getPropertyNames()) {
            if (SECRET_SITE_PROPERTY.matcher(name).matches()) {
                properties.add(name);
            }
        }
        for (String property : properties) {
            // a credential is a comma-separated list (old and new during a rotation): each entry is a secret, and so
            // is the whole value
            config.getOptionalValue(property, String.class).ifPresent(value -> {
                found.add(value);
                for (String entry : value.split(",")) {
                    found.add(entry.trim());
                }
            });
        }
        Optional.ofNullable(System.getenv("AWS_SECRET_ACCESS_KEY")).ifPresent(found::add);
        Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")).ifPresent(found::add);
        return found;
    }

    /** Stands in for an exception whose message held a secret; its text names the original class. */
    static final class RedactedException extends RuntimeException {

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
