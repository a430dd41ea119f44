package io.github.confluenceassistant.localstack.airbyte;

/** A declared top-level field of a stream, which becomes a final-table column with the same (case-kept) name. */
record StreamColumn(String name, ColumnType type) {

    static StreamColumn string(String name) {
        return new StreamColumn(name, ColumnType.STRING);
    }

    static StreamColumn timestamp(String name) {
        return new StreamColumn(name, ColumnType.TIMESTAMP_WITH_TIMEZONE);
    }

    static StreamColumn integer(String name) {
        return new StreamColumn(name, ColumnType.INTEGER);
    }

    static StreamColumn json(String name) {
        return new StreamColumn(name, ColumnType.JSON);
    }
}
