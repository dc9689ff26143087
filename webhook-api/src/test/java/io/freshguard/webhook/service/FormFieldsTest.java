package io.freshguard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    @Test
    void decodesEscapesPlusAndRawUtf8() {
        Map<String, String> fields = FormFields.parse("payload=%7B%22a%22%3A1%7D+x&token=t%C3%A9&payload=second");
        assertEquals("{\"a\":1} x", fields.get("payload"));
        assertEquals("té", fields.get("token"));
        String raw = new String("k=é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("é", FormFields.parse(raw).get("k"));
    }

    @Test
    void emptyAndValuelessFields() {
        assertTrue(FormFields.parse(null).isEmpty());
        assertTrue(FormFields.parse("&&").isEmpty());
        assertEquals("", FormFields.parse("flag").get("flag"));
    }

    @Test
    void brokenEscapesAndInvalidUtf8AreMalformedNamingTheField() {
        for (String bad : new String[] {"payload=%", "payload=%4", "payload=%zz", "payload=%E0%A4%A"}) {
            MalformedWebhookException e = assertThrows(MalformedWebhookException.class, () -> FormFields.parse(bad));
            assertTrue(e.getMessage().contains("payload"), e.getMessage());
        }
        assertThrows(MalformedWebhookException.class, () -> FormFields.parse("payload=%C3%28"));
    }
}
