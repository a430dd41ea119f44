package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import java.sql.Timestamp;
import java.util.List;

/**
 * A hand-made index for tests that need particular snippets (a prompt injection, markup in a title): the
 * ingestion tables migrated with the batch job's own Flyway scripts, the snippets embedded with the real model
 * and written to Chroma and {@code assistant.ingest_snippet} as the job writes them.
 */
public record FixtureIndex(String database, String collectionPrefix, String collection, String chromaUrl) {

    public static FixtureIndex emptyDatabase(String name) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase(name);
        return new FixtureIndex(database, infra.uniqueName(name).replace('_', '-'), null, infra.chroma().url());
    }

    /** A database with the ingestion tables and a READY collection holding these snippets. */
    public static FixtureIndex of(String name, List<Snippet> snippets) {
        FixtureIndex empty = emptyDatabase(name);
        empty.migrate();
        EmbeddingModelIdentity model = TestIndexes.embeddingModel().identity();
        String collection = CollectionNames.forModel(empty.collectionPrefix(), model);
        FixtureIndex index = new FixtureIndex(empty.database(), empty.collectionPrefix(), collection, empty.chromaUrl());
        index.writeToChroma(snippets, model);
        index.writeToPostgres(snippets);
        index.register(collection, model, "READY");
        return index;
    }

    /** The batch job's migration: the tables the chat app reads. */
    public void migrate() {
        Flyway.configure()
                .dataSource(TestInfrastructure.shared().postgres().dataSource(database))
                .locations("classpath:db/migration/ingestion")
                .table("flyway_history_ingestion")
                .load()
                .migrate();
    }

    /** A row of {@code assistant.ingest_collection}, as the job's CollectionRegistry writes it. */
    public void register(String collectionName, EmbeddingModelIdentity model, String status) {
        jdbc().update("insert into assistant.ingest_collection (name, model_id, status, ready_at) values (?, ?, ?, now())",
                collectionName, model.id(), status);
    }

    public void markReady(String collectionName) {
        jdbc().update("update assistant.ingest_collection set status = 'READY', ready_at = now() where name = ?", collectionName);
    }

    public void createChromaCollection(String collectionName, EmbeddingModelIdentity model) {
        new ChromaCollections(WebClient.builder(), chromaProperties()).getOrCreate(collectionName, model);
    }

    public ChromaProperties chromaProperties() {
        return TestIndexes.chroma(chromaUrl, collectionPrefix);
    }

    public String r2dbcUrl() {
        return TestInfrastructure.shared().postgres().r2dbcUrl(database);
    }

    private void writeToChroma(List<Snippet> snippets, EmbeddingModelIdentity model) {
        ChromaCollections chroma = new ChromaCollections(WebClient.builder(), chromaProperties());
        String collectionId = chroma.getOrCreate(collection, model).id();
        List<Embedding> embeddings = TestIndexes.embeddingModel().model()
                .embedAll(snippets.stream().map(s -> TextSegment.from(s.textForEmbedding())).toList()).content();
        chroma.add(collectionId, snippets.stream().map(Snippet::id).toList(),
                embeddings.stream().map(Embedding::vector).toList(), snippets.stream().map(SnippetMetadata::of).toList());
    }

    private void writeToPostgres(List<Snippet> snippets) {
        jdbc().batchUpdate("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url, section,
                    breadcrumb, page_version, last_modified, chunk_index, text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                snippets.stream().map(s -> new Object[]{collection, s.id(), s.pageId(), s.spaceKey(), s.contentType(),
                        s.title(), s.url(), s.section(), s.breadcrumb(), s.pageVersion(), Timestamp.from(s.lastModified()),
                        s.chunkIndex(), s.text()}).toList());
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(TestInfrastructure.shared().postgres().dataSource(database));
    }

    /** Spring properties that point the chat app at this index. */
    public java.util.Map<String, String> appProperties() {
        return java.util.Map.of(
                "spring.datasource.url", TestInfrastructure.shared().postgres().jdbcUrl(database),
                "spring.datasource.username", EmbeddedPostgresServer.USER,
                "spring.datasource.password", EmbeddedPostgresServer.PASSWORD,
                "spring.r2dbc.url", r2dbcUrl(),
                "spring.r2dbc.username", EmbeddedPostgresServer.USER,
                "spring.r2dbc.password", EmbeddedPostgresServer.PASSWORD,
                "assistant.chroma.url", chromaUrl,
                "assistant.chroma.collection-prefix", collectionPrefix);
    }
}
