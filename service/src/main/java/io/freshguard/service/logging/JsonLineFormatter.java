package io.freshguard.service.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One JSON object per log record and line. quarkus-logging-json is not served for this platform version, and
 * the log manager's own JSON formatter needs a JSON-P provider the service does not carry; Jackson is already here.
 */
public final class JsonLineFormatter extends Formatter {

    private final JsonFactory json = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            line.writeStringField("level", record.getLevel().getName());
            line.writeStringField("loggerName", record.getLoggerName());
            if (record instanceof ExtLogRecord ext) {
                line.writeStringField("threadName", ext.getThreadName());
                line.writeStringField("message", ext.getFormattedMessage());
            } else {
                line.writeStringField("message", formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.writeStringField("exception", trace.toString());
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.append('\n').toString();
    }
}
