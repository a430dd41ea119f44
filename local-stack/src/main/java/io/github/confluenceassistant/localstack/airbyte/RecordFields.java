package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads optional fields of dataset records, which may lack any of them (see the dataset README). */
final class RecordFields {

    private RecordFields() {
    }

    /** The text at the path, or null when a step is missing or null. Numbers come back as their digits. */
    static String text(JsonNode record, String... path) {
        JsonNode node = at(record, path);
        if (node == null) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    /** The node at the path, or null when a step is missing or JSON null. */
    static JsonNode at(JsonNode record, String... path) {
        JsonNode node = record;
        for (String step : path) {
            node = node.get(step);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return node;
    }

    /** Copies the node at the path under {@code field}, leaving the field out when there is nothing there. */
    static void copy(ObjectNode target, String field, JsonNode record, String... path) {
        JsonNode node = at(record, path);
        if (node != null) {
            target.set(field, node.deepCopy());
        }
    }

    /** Puts the text under {@code field}, or JSON null (the APIs send null for unset fields). */
    static void putText(ObjectNode target, String field, String value) {
        if (value == null) {
            target.putNull(field);
        } else {
            target.put(field, value);
        }
    }
}
