package io.github.confluenceassistant.localstack.airbyte;

/** A schema-qualified table; both parts are already valid PostgreSQL names and are always quoted. */
record TableName(String schema, String name) {

    String qualified() {
        return quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
