package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.chat.retrieval.ReadyCollectionLocator;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads what is in the index: pages and snippets per space, the collection's state in PostgreSQL and Chroma. */
public class IndexHealthReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient database;
    private final ChromaCollections chroma;
    private final ReadyCollectionLocator collections;
    private final EmbeddingModelIdentity model;
    private final JobRepositoryReader jobs;
    private final Duration expectedInterval;
    private final Clock clock;

    public IndexHealthReader(DatabaseClient database, ChromaCollections chroma, ReadyCollectionLocator collections,
                             EmbeddingModelIdentity model, JobRepositoryReader jobs, Duration expectedInterval,
                             Clock clock) {
        this.database = database;
        this.chroma = chroma;
        this.collections = collections;
        this.model = model;
        this.jobs = jobs;
        this.expectedInterval = expectedInterval;
        this.clock = clock;
    }

    public IndexHealth read() {
        String name = collections.expectedName();
        Registration registered = registration(name);
        List<IndexHealth.SpaceCount> spaces = spaces(name);
        long stateSnippets = spaces.stream().mapToLong(IndexHealth.SpaceCount::snippets).sum();
        Long chromaCount = null;
        String chromaProblem = null;
        try {
            Optional<ChromaCollections.CollectionInfo> info = chroma.find(name);
            if (info.isPresent()) {
                chromaCount = chroma.count(info.get().id());
            } else {
                chromaProblem = "Chroma has no collection " + name;
            }
        } catch (RuntimeException e) {
            chromaProblem = "Chroma is unreachable: " + e.getMessage();
        }
        Optional<JobExecutionSummary> lastSuccess = jobs.lastIndexingRun(true);
        Instant lastEnd = lastSuccess.map(JobExecutionSummary::end).orElse(null);
        boolean stale = lastEnd == null
                || Duration.between(lastEnd, clock.instant()).compareTo(expectedInterval.multipliedBy(2)) > 0;
        return new IndexHealth(name, model.id(), registered.status(), registered.readyAt(), chromaCount, chromaProblem,
                stateSnippets, spaces, lastEnd, lastSuccess.map(JobExecutionSummary::id).orElse(null),
                expectedInterval, stale);
    }

    /** Pages in the index now: a lower bound of the pages a run reads. */
    public long pagesInIndex() {
        return spaces(collections.expectedName()).stream().mapToLong(IndexHealth.SpaceCount::pages).sum();
    }

    private Registration registration(String name) {
        return query(() -> database.sql("select status, ready_at from assistant.ingest_collection where name = :name")
                .bind("name", name)
                .map(row -> new Registration(row.get("status", String.class),
                        Optional.ofNullable(row.get("ready_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
                .all().collectList().block(TIMEOUT))
                .stream().findFirst().orElse(new Registration("NONE", null));
    }

    private record Registration(String status, Instant readyAt) {
    }

    private List<IndexHealth.SpaceCount> spaces(String name) {
        return query(() -> database.sql("""
                        select space_key, count(*) as pages, coalesce(sum(snippet_count), 0) as snippets
                        from assistant.ingest_page_state where collection = :name
                        group by space_key order by space_key""")
                .bind("name", name)
                .map(row -> new IndexHealth.SpaceCount(row.get("space_key", String.class),
                        row.get("pages", Number.class).longValue(), row.get("snippets", Number.class).longValue()))
                .all().collectList().block(TIMEOUT));
    }

    private static <T> List<T> query(java.util.function.Supplier<List<T>> query) {
        try {
            List<T> result = query.get();
            return result == null ? List.of() : result;
        } catch (RuntimeException e) {
            if (JobRepositoryReader.isUndefinedTable(e)) {
                return List.of();
            }
            throw e;
        }
    }
}
