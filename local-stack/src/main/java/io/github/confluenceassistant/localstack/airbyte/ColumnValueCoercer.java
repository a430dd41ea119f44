package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns a record field into the text PostgreSQL casts to the column type. A value that does not fit is written as
 * null and noted in {@code _airbyte_meta.changes}, as the destination does with typing errors.
 */
final class ColumnValueCoercer {

    private ColumnValueCoercer() {
    }

    /** @return the SQL text for the column, or null; records a change in {@code changes} when it nulls a value */
    static String coerce(StreamColumn column, JsonNode record, ArrayNode changes) {
        JsonNode value = record.get(column.name());
        if (value == null || value.isNull()) {
            return null;
        }
        String text = switch (column.type()) {
            case STRING -> value.isValueNode() ? value.asString() : value.toString();
            case JSON -> value.toString();
            case INTEGER -> integer(value);
            case NUMBER -> number(value);
            case BOOLEAN -> value.isBoolean() ? Boolean.toString(value.booleanValue()) : null;
            case TIMESTAMP_WITH_TIMEZONE -> timestamp(value);
        };
        if (text == null) {
            ObjectNode change = changes.addObject();
            change.put("field", column.name());
            change.put("change", "NULLED");
            change.put("reason", "DESTINATION_TYPECAST_ERROR");
        }
        return text;
    }

    private static String integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        if (value.isString()) {
            try {
                return Long.toString(Long.parseLong(value.stringValue().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String number(JsonNode value) {
        if (value.isNumber()) {
            return value.asString();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue().trim()).toPlainString();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String timestamp(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.stringValue()).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
