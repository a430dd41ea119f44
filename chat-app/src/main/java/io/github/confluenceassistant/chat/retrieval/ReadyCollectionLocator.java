package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaCollections.CollectionInfo;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the collection to search: the one named after the configured embedding model, marked READY by the
 * ingestion job, whose Chroma metadata names the same model.
 *
 * <p>Checked at start-up. A collection built by another model fails the start with what to set. No collection
 * yet (a fresh install whose job has not run) is not an error: the app starts, answers that the index is
 * empty, and looks again on each question until the job has built it.
 */
public class ReadyCollectionLocator implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadyCollectionLocator.class);
    private static final String UNDEFINED_TABLE = "42P01";

    private final DatabaseClient database;
    private final ChromaCollections chroma;
    private final ChromaProperties chromaProperties;
    private final EmbeddingModelIdentity model;
    private final Duration timeout;
    private volatile ReadyCollection ready;

    public ReadyCollectionLocator(DatabaseClient database, ChromaCollections chroma, ChromaProperties chromaProperties,
                                  EmbeddingModelIdentity model) {
        this.database = database;
        this.chroma = chroma;
        this.chromaProperties = chromaProperties;
        this.model = model;
        this.timeout = chromaProperties.timeout();
    }

    @Override
    public void afterPropertiesSet() {
        Optional<ReadyCollection> found = current();
        if (found.isPresent()) {
            log.info("Answering from Chroma collection '{}' ({})", found.get().name(), model);
        } else {
            log.warn("No READY collection for {} yet: questions are answered with 'the index is empty' until the "
                    + "ingestion job has built '{}'", model, expectedName());
        }
    }

    /** The collection to search, once the ingestion job has completed it. */
    public Optional<ReadyCollection> current() {
        ReadyCollection known = ready;
        if (known == null) {
            known = locate().orElse(null);
            ready = known;
        }
        return Optional.ofNullable(known);
    }

    /** The name the collection of the configured model has (or will have). */
    public String expectedName() {
        return CollectionNames.forModel(chromaProperties.collectionPrefix(), model);
    }

    private Optional<ReadyCollection> locate() {
        String expected = expectedName();
        List<RegisteredCollection> registered = registeredCollections();
        boolean ours = registered.stream().anyMatch(c -> c.name().equals(expected) && c.isReady());
        if (!ours) {
            registered.stream()
                    .filter(c -> c.isReady() && c.hasPrefix(chromaProperties.collectionPrefix()))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new EmbeddingModelMismatchException(other.name(), other.model(), model);
                    });
            return Optional.empty();
        }
        Optional<CollectionInfo> info = chroma.find(expected);
        if (info.isEmpty()) {
            log.warn("Collection '{}' is READY in PostgreSQL but missing in Chroma at {}: run the ingestion job again",
                    expected, chromaProperties.url());
            return Optional.empty();
        }
        info.get().model().filter(builtWith -> !builtWith.equals(model)).ifPresent(builtWith -> {
            throw new EmbeddingModelMismatchException(expected, builtWith, model);
        });
        return Optional.of(new ReadyCollection(expected, info.get().id()));
    }

    private List<RegisteredCollection> registeredCollections() {
        try {
            return database.sql("select name, model_id, status from assistant.ingest_collection order by ready_at desc nulls last")
                    .map((row, metadata) -> new RegisteredCollection(row.get("name", String.class),
                            row.get("model_id", String.class), row.get("status", String.class)))
                    .all()
                    .collectList()
                    .block(timeout);
        } catch (RuntimeException e) {
            if (isUndefinedTable(e)) {
                return List.of(); // the ingestion job has never run against this database
            }
            throw e;
        }
    }

    private static boolean isUndefinedTable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && UNDEFINED_TABLE.equals(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** A row of {@code assistant.ingest_collection}. */
    private record RegisteredCollection(String name, String modelId, String status) {

        boolean isReady() {
            return "READY".equals(status);
        }

        EmbeddingModelIdentity model() {
            return EmbeddingModelIdentity.parse(modelId);
        }

        /** Whether the collection is one this deployment's prefix names (and not another's sharing the database). */
        boolean hasPrefix(String prefix) {
            try {
                return CollectionNames.forModel(prefix, model()).equals(name);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
