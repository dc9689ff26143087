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

    /** Every property that holds a secret; they are read once, when logging starts. */
    static final List<String> SECRET_PROPERTIES = List.of(
            "freshguard.webhooks.heroku.secret",
            "freshguard.webhooks.github.secret",
            "freshguard.webhooks.generic.secret",
            "freshguard.webhooks.papertrail.token",
            "freshguard.audit.token",
            "freshguard.audit.chain-key",
            "quarkus.datasource.password",
            "aws.secretAccessKey",
            "aws.sessionToken");

    private static final Pattern CREDENTIAL_IN_TEXT = Pattern.compile(
            "(?i)((?:[?&;]|\\b)(?:token|secret|password|signature|key)=)[^&\\s\"',;]+|(bearer\\s+)[^\\s\"',;]+");

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

    private boolean mentionsSecret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().equals(redact(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the exception chain with every message redacted and every stack trace kept. */
    private Throwable redacted(Throwable thrown) {
        Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown ? null : redacted(thrown.getCause());
        RedactedException copy = new RedactedException(thrown.getClass().getName() + ": " + redact(thrown.getMessage()), cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    private static List<String> configuredSecrets() {
        Config config = ConfigProvider.getConfig();
        List<String> found = new ArrayList<>();
        for (String property : SECRET_PROPERTIES) {
            Optional<String> value = config.getOptionalValue(property, String.class);
            value.ifPresent(found::add);
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
