package io.github.confluenceassistant.localstack.airbyte;

/** A JSON schema type of a declared stream field and the PostgreSQL type the destination gives its column. */
enum ColumnType {
    STRING("varchar"),
    TIMESTAMP_WITH_TIMEZONE("timestamp with time zone"),
    INTEGER("bigint"),
    NUMBER("decimal"),
    BOOLEAN("boolean"),
    /** objects, arrays and unions */
    JSON("jsonb");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    String sqlType() {
        return sqlType;
    }
}
