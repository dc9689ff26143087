package io.freshguard.webhook.service;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} (a body or a query string), decoded strictly: a broken percent escape
 * or bytes that are not UTF-8 are the sender's error, a 400 naming the field, never a silent replacement character.
 */
public final class FormFields {

    private FormFields() {
    }

    /** The fields of a form; the first value wins when a name repeats. A null or empty form has no fields. */
    public static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a field name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "form field '" + name + "'");
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    static String decode(String encoded, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    throw new MalformedWebhookException(what + " has a broken percent escape");
                }
                bytes.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c < 256) {
                // a body is read as ISO-8859-1, one char per byte: raw UTF-8 a sender did not escape stays as sent
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedWebhookException(what + " is not UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
