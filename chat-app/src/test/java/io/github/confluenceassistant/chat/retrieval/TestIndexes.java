package io.github.confluenceassistant.chat.retrieval;

import org.flywaydb.core.Flyway;

import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;
import java.util.Map;

/**
 * The retrieval pipeline wired by hand on a test index (no Spring context): the real embedding model, the
 * real Chroma and PostgreSQL of {@link TestInfrastructure}.
 */
public final class TestIndexes {

    private static volatile ConfiguredEmbeddingModel embeddingModel;

    private TestIndexes() {
    }

    /** The in-process BGE model, loaded once per test JVM. */
    public static ConfiguredEmbeddingModel embeddingModel() {
        if (embeddingModel == null) {
            synchronized (TestIndexes.class) {
                if (embeddingModel == null) {
                    embeddingModel = EmbeddingModelFactory.create(bind("assistant.embedding", EmbeddingProperties.class, Map.of()));
                }
            }
        }
        return embeddingModel;
    }

    /** A properties record with its defaults, as Spring would bind it, plus the given overrides. */
    public static <T> T bind(String prefix, Class<T> type, Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate(prefix, type);
    }

    /** A new database with the batch job's tables (its Flyway migrations), for tests that fill them by hand. */
    public static String ingestionDatabase(String namePrefix) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String name = infra.newDatabase(namePrefix);
        Flyway.configure().dataSource(infra.postgres().dataSource(name)).locations("classpath:db/migration/ingestion")
                .schemas("assistant").table("flyway_history_ingestion").load().migrate();
        return name;
    }

    public static DatabaseClient database(String database) {
        String url = TestInfrastructure.shared().postgres().r2dbcUrl(database);
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, EmbeddedPostgresServer.USER)
                .option(ConnectionFactoryOptions.PASSWORD, EmbeddedPostgresServer.PASSWORD)
                .build();
        return DatabaseClient.create(ConnectionFactories.get(options));
    }

    public static ChromaProperties chroma(String chromaUrl, String collectionPrefix) {
        return bind("assistant.chroma", ChromaProperties.class,
                Map.of("assistant.chroma.url", chromaUrl, "assistant.chroma.collection-prefix", collectionPrefix));
    }

    public static ReadyCollectionLocator locator(String database, String chromaUrl, String collectionPrefix) {
        ChromaProperties chroma = chroma(chromaUrl, collectionPrefix);
        return new ReadyCollectionLocator(database(database), new ChromaCollections(WebClient.builder(), chroma), chroma,
                embeddingModel().identity());
    }

    public static SnippetRetriever retriever(IngestedIndex index, Map<String, String> retrievalOverrides) {
        return retriever(index.database(), index.chromaUrl(), index.collectionPrefix(), retrievalOverrides);
    }

    public static SnippetRetriever retriever(String database, String chromaUrl, String collectionPrefix,
                                             Map<String, String> retrievalOverrides) {
        RetrievalProperties properties = bind("assistant.retrieval", RetrievalProperties.class, retrievalOverrides);
        return new SnippetRetriever(locator(database, chromaUrl, collectionPrefix), embeddingModel().model(),
                new VectorSearch(new ChromaCollections(WebClient.builder(), chroma(chromaUrl, collectionPrefix)),
                        new SnippetRows(database(database))),
                new KeywordSearch(database(database), properties), properties, Clock.systemUTC());
    }
}
