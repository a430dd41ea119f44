package io.github.confluenceassistant.localstack.airbyte;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates the tables of a layout with the columns destination-postgres gives them ({@code PostgresColumnUtils},
 * 2.x {@code PostgresSqlGenerator}). A table whose columns differ (the layout changed between runs) is dropped and
 * created again, as Airbyte's soft reset would rebuild it.
 */
final class TableDdl {

    /** One column definition. */
    record Column(String name, String sqlType, boolean notNull) {

        String definition() {
            return TableName.quote(name) + " " + sqlType + (notNull ? " not null" : "");
        }
    }

    static final String RAW_ID = "_airbyte_raw_id";
    static final String EXTRACTED_AT = "_airbyte_extracted_at";
    static final String META = "_airbyte_meta";
    static final String GENERATION_ID = "_airbyte_generation_id";
    static final String LOADED_AT = "_airbyte_loaded_at";
    static final String DATA = "_airbyte_data";

    private static final Logger log = LoggerFactory.getLogger(TableDdl.class);
    private static final String TIMESTAMPTZ = ColumnType.TIMESTAMP_WITH_TIMEZONE.sqlType();

    private TableDdl() {
    }

    /** The typed table: the four Airbyte columns, then one per declared field. */
    static List<Column> finalTableColumns(List<StreamColumn> declared) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(RAW_ID, "varchar", true),
                new Column(EXTRACTED_AT, TIMESTAMPTZ, true),
                new Column(META, "jsonb", true),
                new Column(GENERATION_ID, "bigint", false)));
        declared.forEach(field -> columns.add(new Column(field.name(), field.type().sqlType(), false)));
        return columns;
    }

    /** The raw table of destination 2.x. */
    static List<Column> rawTableColumns2x() {
        return List.of(
                new Column(RAW_ID, "varchar", true),
                new Column(DATA, "jsonb", true),
                new Column(EXTRACTED_AT, TIMESTAMPTZ, true),
                new Column(LOADED_AT, TIMESTAMPTZ, false),
                new Column(META, "jsonb", false),
                new Column(GENERATION_ID, "bigint", false));
    }

    /** The raw table destination 3.x writes instead of the final one when final tables are disabled. */
    static List<Column> rawTableColumns3x() {
        return List.of(
                new Column(RAW_ID, "varchar", true),
                new Column(EXTRACTED_AT, TIMESTAMPTZ, true),
                new Column(META, "jsonb", true),
                new Column(GENERATION_ID, "bigint", false),
                new Column(LOADED_AT, TIMESTAMPTZ, false),
                new Column(DATA, "jsonb", true));
    }

    static void ensureTable(Connection connection, TableName table, List<Column> columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + TableName.quote(table.schema()));
            List<String> existing = existingColumns(connection, table);
            List<String> wanted = columns.stream().map(Column::name).toList();
            if (!existing.isEmpty() && !existing.equals(wanted)) {
                log.info("Recreating {}: it has columns {}, this layout wants {}", table, existing, wanted);
                statement.execute("drop table " + table.qualified());
            }
            statement.execute("create table if not exists " + table.qualified() + " ("
                    + columns.stream().map(Column::definition).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static List<String> existingColumns(Connection connection, TableName table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position""")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
