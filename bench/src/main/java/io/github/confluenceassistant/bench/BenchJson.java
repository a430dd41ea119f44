package io.github.confluenceassistant.bench;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The result line: one JSON object, fields in the order they were put, numbers rounded for reading. */
public final class BenchJson {

    private static final JsonMapper JSON = JsonMapper.shared();

    private BenchJson() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ObjectNode result(String command) {
        return object().put("command", command);
    }

    /** Puts a rounded number, or null when there is none (JSON has no NaN or infinity). */
    public static ObjectNode put(ObjectNode node, String field, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return node.putNull(field);
        }
        return node.put(field, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
    }

    /** The quotient, or NaN when the divisor is zero (printed as null). */
    public static double ratio(double dividend, double divisor) {
        return divisor == 0 ? Double.NaN : dividend / divisor;
    }

    public static String line(ObjectNode result) {
        return JSON.writeValueAsString(result);
    }

    static String error(String command, String message) {
        return line(result(command).put("error", message));
    }

    public static ObjectNode parse(String line) {
        return (ObjectNode) JSON.readTree(line);
    }
}
