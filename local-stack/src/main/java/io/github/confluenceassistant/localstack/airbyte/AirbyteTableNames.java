package io.github.confluenceassistant.localstack.airbyte;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table names as destination-postgres derives them from the connection's schema (namespace), the stream prefix and
 * the stream name: {@code PostgresFinalTableNameGenerator} and the CDK's {@code TypingDedupingUtil}.
 */
final class AirbyteTableNames {

    static final String RAW_SCHEMA = "airbyte_internal";

    private static final Pattern UNDERSCORE_RUNS = Pattern.compile("_+");
    private static final int MAX_IDENTIFIER_LENGTH = 63;

    private final String schema;
    private final String streamPrefix;

    AirbyteTableNames(String schema, String streamPrefix) {
        this.schema = schema;
        this.streamPrefix = streamPrefix;
    }

    /** The final table keeps the case of the names (it is always quoted). */
    TableName finalTable(String stream) {
        return new TableName(compatibleName(schema), compatibleName(streamPrefix + stream));
    }

    /** {@code airbyte_internal.<schema>_raw__stream_<prefix><stream>}, lowercased. */
    TableName rawTable(String stream) {
        String name = concatenateRawTableName(schema, streamPrefix + stream).toLowerCase(Locale.ROOT);
        return new TableName(RAW_SCHEMA, compatibleName(name));
    }

    /**
     * Namespace and name joined by {@code _raw__stream_}, with one more underscore than the longest underscore run
     * in either, so that two different pairs never share a raw table.
     */
    static String concatenateRawTableName(String namespace, String name) {
        int longestRun = 1;
        Matcher runs = UNDERSCORE_RUNS.matcher(namespace + name);
        while (runs.find()) {
            longestRun = Math.max(longestRun, runs.group().length());
        }
        return namespace + "_raw" + "_".repeat(longestRun + 1) + "stream_" + name;
    }

    /** Letters, digits and underscores only, not starting with a digit, at most 63 characters. */
    static String compatibleName(String name) {
        String transformed = name.replaceAll("[^\\p{L}\\p{Nd}_]", "_");
        if (!transformed.isEmpty() && Character.isDigit(transformed.charAt(0))) {
            transformed = "_" + transformed;
        }
        if (transformed.isEmpty()) {
            throw new IllegalArgumentException("An empty table or schema name");
        }
        if (transformed.length() > MAX_IDENTIFIER_LENGTH) {
            String hash = Integer.toString(transformed.hashCode());
            transformed = transformed.substring(0, 54) + "_" + hash.substring(Math.max(0, hash.length() - 8));
        }
        return transformed;
    }
}
