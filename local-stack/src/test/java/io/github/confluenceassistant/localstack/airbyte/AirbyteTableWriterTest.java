package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

class AirbyteTableWriterTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgresServer postgres;
    private static ConfluenceDataset dataset;

    private DataSource database;
    private Tables tables;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dataset = TestDatasets.demoOrMtrag();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = postgres.dataSource(postgres.createDatabase("writer_" + databases.incrementAndGet()));
        tables = new Tables(database);
    }

    @ParameterizedTest
    @EnumSource(AirbyteLayout.class)
    void everyLayoutWritesOneRowPerRecordStampedWithTheSyncId(AirbyteLayout layout) {
        AirbyteTableWriter writer = writer(layout, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);

        SyncResult result = writer.write(dataset, 41);

        assertThat(result.syncId()).isEqualTo(41);
        assertThat(result.rowsWritten()).isEqualTo(TestDatasets.recordCount(dataset));
        assertThat(result.rowsPerStream()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pages", dataset.pages().size(),
                "blog_posts", dataset.blogPosts().size(),
                "space", dataset.spaces().size()));
        assertThat(result.bytesWritten()).isPositive();
        for (String stream : List.of("pages", "blog_posts", "space")) {
            String table = writer.tableToRead(stream);
            assertThat(tables.count("select count(*) from " + table)).isEqualTo(result.rows(stream));
            assertThat(tables.count("select count(*) from " + table + " where _airbyte_meta->>'sync_id' <> '41'"))
                    .isZero();
        }
    }

    @Test
    void connector1xFinalWritesOnlyFinalTablesWithTheRestV2Columns() {
        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);

        assertThat(tables.tablesIn("confluence")).containsExactly("blog_posts", "pages", "space");
        assertThat(tables.tablesIn("airbyte_internal")).isEmpty();
        assertThat(tables.columns("confluence", "pages")).containsExactly(
                entry("_airbyte_raw_id", "character varying"),
                entry("_airbyte_extracted_at", "timestamp with time zone"),
                entry("_airbyte_meta", "jsonb"),
                entry("_airbyte_generation_id", "bigint"),
                entry("version", "jsonb"),
                entry("id", "character varying"),
                entry("status", "character varying"),
                entry("title", "character varying"),
                entry("spaceId", "character varying"),
                entry("parentId", "character varying"),
                entry("parentType", "character varying"),
                entry("position", "bigint"),
                entry("authorId", "character varying"),
                entry("ownerId", "character varying"),
                entry("lastOwnerId", "character varying"),
                entry("createdAt", "timestamp with time zone"),
                entry("body", "jsonb"),
                entry("_links", "jsonb"));
        assertThat(tables.columns("confluence", "pages")).doesNotContainKeys("space", "ancestors", "type", "history");
        assertThat(tables.columns("confluence", "blog_posts").keySet()).containsExactly(
                "_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id",
                "version", "id", "status", "title", "spaceId", "authorId", "createdAt", "body", "_links");
        assertThat(tables.columns("confluence", "space").keySet()).containsExactly(
                "_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id",
                "type", "description", "id", "key", "name", "status", "authorId", "createdAt", "homepageId",
                "icon", "_links");
    }

    @Test
    void connector1xRecordsCarryParentSpaceVersionBodyAndLinks() {
        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);
        ObjectNode child = dataset.pages().stream().filter(page -> !page.path("ancestors").isEmpty())
                .findFirst().orElseThrow();
        ObjectNode root = dataset.pages().stream().filter(page -> page.path("ancestors").isEmpty())
                .findFirst().orElseThrow();
        String lastAncestor = child.path("ancestors").get(child.path("ancestors").size() - 1).path("id").asString();

        assertThat(tables.rows("""
                select "parentId", "parentType", "spaceId", (version->>'number')::int, version->>'authorId',
                       body->'storage'->>'value', _links->>'webui', "authorId", "createdAt" is not null
                from confluence.pages where id = '%s'""".formatted(child.path("id").asString())))
                .containsExactly(List.of(lastAncestor, "page", child.at("/space/id").asString(),
                        child.at("/version/number").asString(), child.at("/version/by/accountId").asString(),
                        child.at("/body/storage/value").asString(), child.at("/_links/webui").asString(),
                        child.at("/history/createdBy/accountId").asString(), "t"));
        assertThat(tables.rows("select \"parentId\", \"parentType\" from confluence.pages where id = '"
                + root.path("id").asString() + "'")).containsExactly(Arrays.asList(null, null));
        assertThat(tables.count("""
                select count(*) from confluence.pages p join confluence.space s on s.id = p."spaceId"
                """)).isEqualTo(dataset.pages().size());
        ObjectNode space = dataset.spaces().getFirst();
        assertThat(tables.rows("""
                select key, "homepageId", "authorId" is not null, "createdAt" is not null,
                       description->'plain'->>'value' is not null, _links->>'webui'
                from confluence.space""")).containsExactly(List.of(space.path("key").asString(),
                space.at("/homepage/id").asString(), "t", "t", "t", space.at("/_links/webui").asString()));
    }

    @Test
    void connector1xRawAndFinalWritesBothWithSharedRawIds() {
        writer(AirbyteLayout.CONNECTOR_1X_RAW_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 5);

        assertThat(tables.tablesIn("confluence")).containsExactly("blog_posts", "pages", "space");
        assertThat(tables.tablesIn("airbyte_internal")).containsExactly("confluence_raw__stream_blog_posts",
                "confluence_raw__stream_pages", "confluence_raw__stream_space");
        assertThat(tables.columns("airbyte_internal", "confluence_raw__stream_pages")).containsExactly(
                entry("_airbyte_raw_id", "character varying"),
                entry("_airbyte_data", "jsonb"),
                entry("_airbyte_extracted_at", "timestamp with time zone"),
                entry("_airbyte_loaded_at", "timestamp with time zone"),
                entry("_airbyte_meta", "jsonb"),
                entry("_airbyte_generation_id", "bigint"));
        assertThat(tables.count("""
                select count(*) from airbyte_internal.confluence_raw__stream_pages r
                join confluence.pages p on p._airbyte_raw_id = r._airbyte_raw_id
                where r._airbyte_loaded_at is not null and r._airbyte_data->>'spaceId' = p."spaceId"
                  and r._airbyte_meta->>'sync_id' = '5'""")).isEqualTo(dataset.pages().size());
    }

    @Test
    void connector0xHasRestV1ColumnsAndNoBodyOnBlogPosts() {
        writer(AirbyteLayout.CONNECTOR_0X_RAW_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 1);

        assertThat(tables.columns("confluence", "pages")).containsExactly(
                entry("_airbyte_raw_id", "character varying"),
                entry("_airbyte_extracted_at", "timestamp with time zone"),
                entry("_airbyte_meta", "jsonb"),
                entry("_airbyte_generation_id", "bigint"),
                entry("version", "jsonb"),
                entry("type", "character varying"),
                entry("_expandable", "jsonb"),
                entry("_links", "jsonb"),
                entry("body", "jsonb"),
                entry("descendants", "jsonb"),
                entry("history", "jsonb"),
                entry("id", "character varying"),
                entry("restrictions", "jsonb"),
                entry("status", "character varying"),
                entry("title", "character varying"));
        assertThat(tables.columns("confluence", "blog_posts")).doesNotContainKey("body").containsKey("history");
        assertThat(tables.columns("confluence", "space")).contains(entry("id", "bigint"))
                .containsKeys("key", "name", "type", "status", "_links", "_expandable");
        String spaceKey = dataset.spaces().getFirst().path("key").asString();
        assertThat(tables.count("""
                select count(*) from confluence.pages
                where _expandable->>'space' = '/rest/api/space/%s' and type = 'page'
                  and body->'storage'->>'value' is not null and body->'view'->>'value' is not null
                  and (version->>'number')::int > 0 and version->>'when' is not null"""
                .formatted(spaceKey))).isEqualTo(dataset.pages().size());
        assertThat(tables.count("select count(*) from confluence.space where key = '" + spaceKey + "'")).isOne();
    }

    @Test
    void rawOnlyWritesNoFinalTablesAndLeavesRowsUnloaded() {
        writer(AirbyteLayout.RAW_ONLY, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(dataset, 9);

        assertThat(tables.tablesIn("confluence")).isEmpty();
        assertThat(tables.columns("airbyte_internal", "confluence_raw__stream_pages").keySet()).containsExactly(
                "_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id",
                "_airbyte_loaded_at", "_airbyte_data");
        assertThat(tables.count("""
                select count(*) from airbyte_internal.confluence_raw__stream_pages
                where _airbyte_loaded_at is null and _airbyte_data->>'spaceId' is not null
                  and _airbyte_data->'body'->'storage'->>'value' is not null
                  and not _airbyte_data ? 'ancestors'""")).isEqualTo(dataset.pages().size());
    }

    @Test
    void emptyBodyModeWritesEmptyObjectsAsTheCurrentConnectorDoes() {
        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.EMPTY).write(dataset, 1);

        assertThat(tables.count("select count(*) from confluence.pages where body = '{}'::jsonb"))
                .isEqualTo(dataset.pages().size());
        assertThat(tables.count("select count(*) from confluence.blog_posts where body = '{}'::jsonb"))
                .isEqualTo(dataset.blogPosts().size());
    }

    @Test
    void emptyBodyModeReachesTheRawRecordsToo() {
        writer(AirbyteLayout.RAW_ONLY, SyncMode.OVERWRITE, BodyMode.EMPTY).write(dataset, 1);

        assertThat(tables.count("select count(*) from airbyte_internal.confluence_raw__stream_pages "
                + "where _airbyte_data->'body' = '{}'::jsonb")).isEqualTo(dataset.pages().size());
    }

    @Test
    void appendKeepsEveryCopyWithItsSyncId() {
        AirbyteTableWriter writer = writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.APPEND, BodyMode.PRESENT);

        writer.write(dataset, 1);
        writer.write(dataset.withPageEdited(firstPageId(), "<p>Edited</p>"), 2);

        int pages = dataset.pages().size();
        assertThat(tables.count("select count(*) from confluence.pages")).isEqualTo(2L * pages);
        assertThat(tables.count("select count(distinct id) from confluence.pages")).isEqualTo(pages);
        assertThat(tables.strings("select distinct _airbyte_meta->>'sync_id' from confluence.pages order by 1"))
                .containsExactly("1", "2");
        assertThat(tables.strings("select distinct _airbyte_generation_id from confluence.pages"))
                .containsExactly("0");
        assertThat(tables.strings("select body->'storage'->>'value' from confluence.pages where id = '"
                + firstPageId() + "' order by (version->>'number')::int desc limit 1")).containsExactly("<p>Edited</p>");
    }

    @Test
    void overwriteDedupedTwiceKeepsOneRowPerPageFromTheNewestSync() {
        AirbyteTableWriter writer = writer(AirbyteLayout.CONNECTOR_1X_RAW_FINAL, SyncMode.OVERWRITE_DEDUPED,
                BodyMode.PRESENT);

        writer.write(dataset, 1);
        writer.write(dataset, 2);

        assertThat(tables.count("select count(*) from confluence.pages")).isEqualTo(dataset.pages().size());
        assertThat(tables.strings("select distinct _airbyte_meta->>'sync_id' from confluence.pages"))
                .containsExactly("2");
        assertThat(tables.strings("select distinct _airbyte_generation_id from confluence.pages"))
                .containsExactly("2");
        assertThat(tables.count("select count(*) from airbyte_internal.confluence_raw__stream_pages"))
                .isEqualTo(dataset.pages().size());
    }

    @Test
    void aPageRemovedFromConfluenceDisappearsAfterAnOverwriteSync() {
        AirbyteTableWriter writer = writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE, BodyMode.PRESENT);
        writer.write(dataset, 1);

        writer.write(dataset.withoutPage(firstPageId()), 2);

        assertThat(tables.count("select count(*) from confluence.pages where id = '" + firstPageId() + "'")).isZero();
        assertThat(tables.count("select count(*) from confluence.pages")).isEqualTo(dataset.pages().size() - 1);
    }

    @Test
    void aRecordListedTwiceIsWrittenTwiceByOverwriteButOnceByDeduped() {
        List<ObjectNode> pages = new ArrayList<>(dataset.pages());
        pages.add(dataset.pages().getFirst());
        ConfluenceDataset twice = ConfluenceDataset.of(dataset.spaces(), pages, dataset.blogPosts(), List.of());

        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE, BodyMode.PRESENT).write(twice, 1);
        long overwritten = tables.count("select count(*) from confluence.pages");
        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(twice, 2);
        long deduped = tables.count("select count(*) from confluence.pages");

        assertThat(overwritten).isEqualTo(dataset.pages().size() + 1);
        assertThat(deduped).isEqualTo(dataset.pages().size());
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsNulledAndNotedInTheMeta() {
        ObjectNode page = dataset.pages().getFirst();
        ((ObjectNode) page.path("history")).put("createdDate", "last Tuesday");

        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT)
                .write(dataset.withPage(page), 1);

        assertThat(tables.rows("""
                select "createdAt", _airbyte_meta->'changes'->0->>'field', _airbyte_meta->'changes'->0->>'change'
                from confluence.pages where id = '%s'""".formatted(firstPageId())))
                .containsExactly(Arrays.asList(null, "createdAt", "NULLED"));
    }

    @Test
    void schemaAndStreamPrefixNameTheTables() {
        AirbyteTableWriter writer = new AirbyteTableWriter(database, "knowledge", "cf_",
                AirbyteLayout.CONNECTOR_1X_RAW_FINAL, SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT);

        writer.write(dataset, 1);

        assertThat(tables.tablesIn("knowledge")).containsExactly("cf_blog_posts", "cf_pages", "cf_space");
        assertThat(tables.tablesIn("airbyte_internal")).contains("knowledge_raw__stream_cf_pages");
        assertThat(writer.finalTable("pages")).isEqualTo("\"knowledge\".\"cf_pages\"");
    }

    @Test
    void rawTableNamesGetLongerSeparatorsWhenTheNamesHoldUnderscoreRuns() {
        assertThat(AirbyteTableNames.concatenateRawTableName("confluence", "pages"))
                .isEqualTo("confluence_raw__stream_pages");
        assertThat(AirbyteTableNames.concatenateRawTableName("my__schema", "pages"))
                .isEqualTo("my__schema_raw___stream_pages");
    }

    @Test
    void switchingLayoutInTheSameDatabaseRebuildsTheTables() {
        writer(AirbyteLayout.CONNECTOR_0X_RAW_FINAL, SyncMode.OVERWRITE, BodyMode.PRESENT).write(dataset, 1);

        writer(AirbyteLayout.CONNECTOR_1X_FINAL, SyncMode.OVERWRITE, BodyMode.PRESENT).write(dataset, 2);

        assertThat(tables.columns("confluence", "pages")).containsKeys("spaceId").doesNotContainKeys("type");
        assertThat(tables.count("select count(*) from confluence.pages")).isEqualTo(dataset.pages().size());
    }

    private AirbyteTableWriter writer(AirbyteLayout layout, SyncMode mode, BodyMode bodies) {
        return new AirbyteTableWriter(database, "confluence", "", layout, mode, bodies);
    }

    private static String firstPageId() {
        return dataset.pages().getFirst().path("id").asString();
    }
}
