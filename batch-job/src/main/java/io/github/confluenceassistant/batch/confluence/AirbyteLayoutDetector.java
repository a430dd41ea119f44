package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.airbyte.AirbyteTablesProperties;
import io.github.confluenceassistant.batch.airbyte.AirbyteTablesProperties.LayoutOverride;
import io.github.confluenceassistant.batch.confluence.AirbyteLayout.Connector;
import io.github.confluenceassistant.batch.confluence.AirbyteLayout.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds out from {@code information_schema} which layout Airbyte wrote: connector 1.x or 0.x columns,
 * final tables (destination 2.x and 3.x) or raw tables only. A configured layout overrides detection.
 */
@Component
public class AirbyteLayoutDetector {

    private static final Logger log = LoggerFactory.getLogger(AirbyteLayoutDetector.class);

    private final JdbcTemplate jdbc;
    private final AirbyteTablesProperties tables;

    public AirbyteLayoutDetector(JdbcTemplate jdbc, AirbyteTablesProperties tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    public AirbyteLayout detect() {
        AirbyteLayout layout = tables.layout() == LayoutOverride.AUTO ? detectFromCatalog() : fromOverride();
        log.info("Airbyte layout: {}", layout.describe());
        return layout;
    }

    private AirbyteLayout detectFromCatalog() {
        String schema = tables.schema();
        Set<String> pageColumns = columns(schema, tables.finalTable(tables.pagesStream()));
        if (!pageColumns.isEmpty()) {
            Connector connector = pageColumns.contains("spaceId") ? Connector.V1X
                    : pageColumns.contains("_expandable") || pageColumns.contains("type") ? Connector.V0X
                    : Connector.V1X;
            return finalLayout(connector, pageColumns);
        }
        String raw = tables.rawSchema();
        if (!columns(raw, tables.rawTable(tables.pagesStream())).isEmpty()) {
            return rawLayout(rawConnector());
        }
        throw new IllegalStateException("No Airbyte pages table found: looked for " + schema + "."
                + tables.finalTable(tables.pagesStream()) + " and " + raw + "." + tables.rawTable(tables.pagesStream())
                + ". Has Airbyte synced yet? Otherwise set assistant.airbyte.tables.schema (ASSISTANT_AIRBYTE_TABLES_SCHEMA)"
                + " and assistant.airbyte.tables.stream-prefix to the connection's destination namespace and prefix.");
    }

    private AirbyteLayout fromOverride() {
        return switch (tables.layout()) {
            case CONNECTOR_1X_FINAL -> finalLayout(Connector.V1X, columns(tables.schema(), tables.finalTable(tables.pagesStream())));
            case CONNECTOR_0X_FINAL -> finalLayout(Connector.V0X, columns(tables.schema(), tables.finalTable(tables.pagesStream())));
            case CONNECTOR_1X_RAW -> rawLayout(Connector.V1X);
            case CONNECTOR_0X_RAW -> rawLayout(Connector.V0X);
            case AUTO -> throw new IllegalStateException("AUTO is not an override");
        };
    }

    private AirbyteLayout finalLayout(Connector connector, Set<String> pageColumns) {
        String schema = tables.schema();
        Set<String> blogColumns = columns(schema, tables.finalTable(tables.blogPostsStream()));
        boolean hasSpace = !columns(schema, tables.finalTable(tables.spaceStream())).isEmpty();
        String blogTable = blogColumns.isEmpty() ? null : qualified(schema, tables.finalTable(tables.blogPostsStream()));
        Source blogSource = Source.FINAL;
        String rawBlogTable = tables.rawTable(tables.blogPostsStream());
        if (blogTable != null && !blogColumns.contains("body") && !columns(tables.rawSchema(), rawBlogTable).isEmpty()) {
            // connector 0.x declares no body for blog posts; destination 2.x keeps it in the raw record
            blogTable = qualified(tables.rawSchema(), rawBlogTable);
            blogSource = Source.RAW;
            blogColumns = Set.of();
        }
        return new AirbyteLayout(connector, Source.FINAL, schema,
                qualified(schema, tables.finalTable(tables.pagesStream())), blogTable,
                hasSpace ? qualified(schema, tables.finalTable(tables.spaceStream())) : null,
                pageColumns, blogColumns, blogSource);
    }

    private AirbyteLayout rawLayout(Connector connector) {
        String raw = tables.rawSchema();
        boolean hasBlog = !columns(raw, tables.rawTable(tables.blogPostsStream())).isEmpty();
        boolean hasSpace = !columns(raw, tables.rawTable(tables.spaceStream())).isEmpty();
        return new AirbyteLayout(connector, Source.RAW, raw,
                qualified(raw, tables.rawTable(tables.pagesStream())),
                hasBlog ? qualified(raw, tables.rawTable(tables.blogPostsStream())) : null,
                hasSpace ? qualified(raw, tables.rawTable(tables.spaceStream())) : null,
                Set.of(), Set.of(), Source.RAW);
    }

    /** Raw tables hold whole records: the first one tells which connector wrote them (1.x has spaceId). */
    private Connector rawConnector() {
        List<Boolean> hasSpaceId = jdbc.queryForList("select _airbyte_data ? 'spaceId' from "
                + qualified(tables.rawSchema(), tables.rawTable(tables.pagesStream())) + " limit 1", Boolean.class);
        return hasSpaceId.isEmpty() || hasSpaceId.getFirst() ? Connector.V1X : Connector.V0X;
    }

    private Set<String> columns(String schema, String table) {
        return new LinkedHashSet<>(jdbc.queryForList("""
                select column_name from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position""", String.class, schema, table));
    }

    static String qualified(String schema, String table) {
        return '"' + schema + "\".\"" + table + '"';
    }
}
