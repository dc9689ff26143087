package io.freshguard.audit.rest;

import io.freshguard.audit.service.query.CsvRow;
import io.freshguard.audit.service.query.Cursor;
import io.freshguard.audit.service.query.Page;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** {@code Accept: text/csv} for audit listings: RFC 4180, a header line, then one line per item; the cursor goes in a header. */
@Provider
@Produces("text/csv")
public class CsvPageWriter implements MessageBodyWriter<Page<?>> {

    public static final String NEXT_HEADER = "X-Next-Cursor";

    /** First characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Page.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Page<?> page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        if (page.next() != null) {
            headers.putSingle(NEXT_HEADER, page.next());
        }
        StringBuilder csv = new StringBuilder();
        line(csv, List.copyOf(page.columns()));
        for (CsvRow row : page.items()) {
            line(csv, row.csvValues());
        }
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder csv, List<?> cells) {
        csv.append(cells.stream().map(CsvPageWriter::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            // OWASP CSV injection: a spreadsheet would run "=HYPERLINK(…)" from a sender-chosen actor; a leading
            // quote makes it text. Numbers are ours and stay numbers (a negative duration is not a formula).
            text = "'" + text;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
