package io.github.confluenceassistant.localstack.airbyte;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looks into the database the way the assertions need: catalog queries and single values. */
final class Tables {

    private final DataSource database;

    Tables(DataSource database) {
        this.database = database;
    }

    /** The columns of a table in order, with their data types as information_schema names them. */
    Map<String, String> columns(String schema, String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (List<String> row : rows("select column_name, data_type from information_schema.columns where "
                + "table_schema = '" + schema + "' and table_name = '" + table + "' order by ordinal_position")) {
            columns.put(row.get(0), row.get(1));
        }
        return columns;
    }

    List<String> tablesIn(String schema) {
        return strings("select table_name from information_schema.tables where table_schema = '" + schema
                + "' order by table_name");
    }

    long count(String sql) {
        return Long.parseLong(strings(sql).getFirst());
    }

    String string(String sql) {
        return strings(sql).getFirst();
    }

    List<String> strings(String sql) {
        return rows(sql).stream().map(List::getFirst).toList();
    }

    List<List<String>> rows(String sql) {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(width);
                for (int column = 1; column <= width; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }
}
