package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.confluenceassistant.localstack.airbyte.TableDdl.DATA;
import static io.github.confluenceassistant.localstack.airbyte.TableDdl.EXTRACTED_AT;
import static io.github.confluenceassistant.localstack.airbyte.TableDdl.GENERATION_ID;
import static io.github.confluenceassistant.localstack.airbyte.TableDdl.LOADED_AT;
import static io.github.confluenceassistant.localstack.airbyte.TableDdl.META;
import static io.github.confluenceassistant.localstack.airbyte.TableDdl.RAW_ID;

/**
 * Writes one sync of a dataset into PostgreSQL the way an Airbyte source-confluence to destination-postgres
 * connection leaves it: the tables, columns and Airbyte columns of the chosen {@link AirbyteLayout}, the
 * semantics of the {@link SyncMode}. All streams of a sync are written in one transaction, so a failed sync
 * leaves the previous contents, as Airbyte's table swap does.
 */
public final class AirbyteTableWriter {

    private static final Logger log = LoggerFactory.getLogger(AirbyteTableWriter.class);
    private static final int BATCH_SIZE = 500;

    private final DataSource target;
    private final String schema;
    private final AirbyteTableNames names;
    private final AirbyteLayout layout;
    private final SyncMode mode;
    private final RecordMapper mapper;
    private final JsonMapper json = JsonMapper.shared();

    public AirbyteTableWriter(DataSource target, String schema, String streamPrefix, AirbyteLayout layout,
                              SyncMode mode, BodyMode bodies) {
        this.target = Objects.requireNonNull(target, "target");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.names = new AirbyteTableNames(schema,
                Objects.requireNonNullElse(streamPrefix, ""));
        this.layout = Objects.requireNonNull(layout, "layout");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.mapper = RecordMapper.forLayout(layout, Objects.requireNonNull(bodies, "bodies"));
    }

    /** The table a reader of this layout reads for the stream: the final table, or the raw one in raw-only. */
    public String tableToRead(String stream) {
        return (layout.writesFinalTables() ? names.finalTable(stream) : names.rawTable(stream)).qualified();
    }

    /** The final table of the stream, quoted ({@code "confluence"."pages"}). */
    public String finalTable(String stream) {
        return names.finalTable(stream).qualified();
    }

    /** The raw table of the stream, quoted ({@code "airbyte_internal"."confluence_raw__stream_pages"}). */
    public String rawTable(String stream) {
        return names.rawTable(stream).qualified();
    }

    /** One sync: every stream's records, stamped with {@code syncId} (the Airbyte job id). */
    public SyncResult write(ConfluenceDataset dataset, long syncId) {
        Instant extractedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Integer> rowsPerStream = new LinkedHashMap<>();
        long bytes = 0;
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (ConfluenceStream stream : ConfluenceStream.values()) {
                    List<Row> rows = mapper.records(stream, dataset).stream().map(Row::new).toList();
                    writeStream(connection, stream, rows, syncId, extractedAt);
                    rowsPerStream.put(stream.streamName(), rows.size());
                    bytes += rows.stream().mapToLong(Row::bytes).sum();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sync " + syncId + " into schema " + schema
                    + " failed: " + e.getMessage(), e);
        }
        long rows = rowsPerStream.values().stream().mapToLong(Integer::longValue).sum();
        log.info("Sync {} wrote {} records ({}) as layout {}, mode {}", syncId, rows, rowsPerStream,
                layout.cliName(), mode);
        return new SyncResult(syncId, rows, rowsPerStream, bytes);
    }

    private void writeStream(Connection connection, ConfluenceStream stream, List<Row> rows, long syncId,
                             Instant extractedAt) throws SQLException {
        List<StreamColumn> declared = mapper.columns(stream);
        TableName finalTable = names.finalTable(stream.streamName());
        TableName rawTable = names.rawTable(stream.streamName());
        if (layout.writesFinalTables()) {
            TableDdl.ensureTable(connection, finalTable, TableDdl.finalTableColumns(declared));
        }
        if (layout.writesRawTables()) {
            TableDdl.ensureTable(connection, rawTable,
                    layout.writesFinalTables() ? TableDdl.rawTableColumns2x() : TableDdl.rawTableColumns3x());
        }
        long generation = generation(connection, layout.writesFinalTables() ? finalTable : rawTable);
        if (layout.writesFinalTables()) {
            replaceUnlessAppending(connection, finalTable);
            insertFinal(connection, finalTable, declared, dedupeIfAsked(rows), syncId, extractedAt, generation);
        }
        if (layout.writesRawTables()) {
            replaceUnlessAppending(connection, rawTable);
            // 2.x stamps a raw row as loaded once typing and deduping put it in the final table; raw-only never does.
            Instant loadedAt = layout.writesFinalTables() ? Instant.now() : null;
            insertRaw(connection, rawTable, rows, syncId, extractedAt, generation, loadedAt);
        }
    }

    /** Each overwrite sync starts a new generation; append keeps generation 0. */
    private long generation(Connection connection, TableName table) throws SQLException {
        if (mode == SyncMode.APPEND) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select coalesce(max(" + TableName.quote(GENERATION_ID)
                     + "), 0) + 1 from " + table.qualified())) {
            result.next();
            return result.getLong(1);
        }
    }

    private void replaceUnlessAppending(Connection connection, TableName table) throws SQLException {
        if (mode != SyncMode.APPEND) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("delete from " + table.qualified());
            }
        }
    }

    /** Deduped mode keeps one row per id, the last one read, where the first copy stood. */
    private List<Row> dedupeIfAsked(List<Row> rows) {
        if (mode != SyncMode.OVERWRITE_DEDUPED) {
            return rows;
        }
        Map<Object, Row> byId = new LinkedHashMap<>();
        for (Row row : rows) {
            String id = RecordFields.text(row.record(), "id");
            byId.put(id == null ? new Object() : id, row);
        }
        return List.copyOf(byId.values());
    }

    private void insertFinal(Connection connection, TableName table, List<StreamColumn> declared, List<Row> rows,
                             long syncId, Instant extractedAt, long generation) throws SQLException {
        String columns = declared.stream().map(column -> TableName.quote(column.name()))
                .collect(Collectors.joining(", "));
        String values = declared.stream().map(column -> "cast(? as " + column.type().sqlType() + ")")
                .collect(Collectors.joining(", "));
        String sql = "insert into " + table.qualified() + " (" + quoted(RAW_ID, EXTRACTED_AT, META, GENERATION_ID)
                + ", " + columns + ") values (?, ?, cast(? as jsonb), ?, " + values + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Row row : rows) {
                ArrayNode changes = json.createArrayNode();
                List<String> fieldValues = new ArrayList<>(declared.size());
                for (StreamColumn column : declared) {
                    fieldValues.add(ColumnValueCoercer.coerce(column, row.record(), changes));
                }
                insert.setString(1, row.rawId());
                insert.setObject(2, OffsetDateTime.ofInstant(extractedAt, ZoneOffset.UTC));
                insert.setString(3, meta(syncId, changes));
                insert.setLong(4, generation);
                for (int i = 0; i < fieldValues.size(); i++) {
                    insert.setString(5 + i, fieldValues.get(i));
                }
                insert.addBatch();
                pending = flushWhenFull(insert, pending + 1);
            }
            insert.executeBatch();
        }
    }

    private void insertRaw(Connection connection, TableName table, List<Row> rows, long syncId, Instant extractedAt,
                           long generation, Instant loadedAt) throws SQLException {
        String sql = "insert into " + table.qualified() + " ("
                + quoted(RAW_ID, DATA, EXTRACTED_AT, LOADED_AT, META, GENERATION_ID)
                + ") values (?, cast(? as jsonb), ?, ?, cast(? as jsonb), ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Row row : rows) {
                insert.setString(1, row.rawId());
                insert.setString(2, row.json());
                insert.setObject(3, OffsetDateTime.ofInstant(extractedAt, ZoneOffset.UTC));
                insert.setObject(4, loadedAt == null ? null : OffsetDateTime.ofInstant(loadedAt, ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(5, meta(syncId, json.createArrayNode()));
                insert.setLong(6, generation);
                insert.addBatch();
                pending = flushWhenFull(insert, pending + 1);
            }
            insert.executeBatch();
        }
    }

    private static int flushWhenFull(PreparedStatement insert, int pending) throws SQLException {
        if (pending < BATCH_SIZE) {
            return pending;
        }
        insert.executeBatch();
        return 0;
    }

    private String meta(long syncId, ArrayNode changes) {
        ObjectNode meta = json.createObjectNode();
        meta.set("changes", changes);
        meta.put("sync_id", syncId);
        return meta.toString();
    }

    private static String quoted(String... columns) {
        return Arrays.stream(columns).map(TableName::quote).collect(Collectors.joining(", "));
    }

    /** A record with the id Airbyte gives it; the raw and the final row of a record share the id. */
    private record Row(String rawId, ObjectNode record, String json) {

        Row(ObjectNode record) {
            this(UUID.randomUUID().toString(), record, record.toString());
        }

        long bytes() {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
