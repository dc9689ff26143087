package io.freshguard.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A parsed webhook body with the lenient, null-safe reads every source parser needs. */
final class JsonPayload {

    private final JsonNode root;

    private JsonPayload(JsonNode root) {
        this.root = root;
    }

    static JsonPayload parse(ObjectMapper json, byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedWebhookException("body must be a JSON object");
            }
            return new JsonPayload(root);
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedWebhookException("body could not be read");
        }
    }

    JsonNode root() {
        return root;
    }

    /** The text at a path of field names, or null when any step is missing or null. */
    String text(String... path) {
        JsonNode node = node(path);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    JsonNode node(String... path) {
        JsonNode node = root;
        for (String field : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node;
    }

    /** An ISO-8601 instant with offset at a path; absent is null, unparseable is a 400. */
    Instant instant(String... path) {
        String value = text(path);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException(String.join(".", path) + " is not an ISO-8601 time: " + value);
        }
    }
}
