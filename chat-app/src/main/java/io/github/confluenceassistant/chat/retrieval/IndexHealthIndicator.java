package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.r2dbc.spi.R2dbcException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The health contributor {@code index}: whether the collection the app answers from (the configured embedding
 * model's) is READY, with its name, model, registered status and the snippets keyword search holds.
 *
 * <p>UP when the app can answer from it, DOWN otherwise. It is deliberately not in the readiness group: a fresh
 * install has no index until its first run, and the app must serve its UI meanwhile (the dashboard is where an
 * admin starts that run; questions get "the index is empty"). So it shows in {@code /actuator/health} (overall
 * status, and details for admins), for monitoring, and never takes pods out of the Service.
 */
@Component
class IndexHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String UNDEFINED_TABLE = "42P01";

    private final ReadyCollectionLocator collections;
    private final DatabaseClient database;
    private final String modelId;

    IndexHealthIndicator(ReadyCollectionLocator collections, DatabaseClient database, ConfiguredEmbeddingModel embedding) {
        this.collections = collections;
        this.database = database;
        this.modelId = embedding.identity().id();
    }

    @Override
    public Health health() {
        String name = collections.expectedName();
        Registration registration = registration(name);
        Health.Builder health = usable(registration, name);
        health.withDetail("collection", name)
                .withDetail("model", modelId)
                .withDetail("status", registration.status())
                .withDetail("snippets", registration.snippets());
        registration.readyAt().ifPresent(at -> health.withDetail("readyAt", at.toInstant().toString()));
        return health.build();
    }

    private Health.Builder usable(Registration registration, String name) {
        try {
            return collections.current().isPresent() ? Health.up()
                    : Health.down().withDetail("reason", reason(registration, name));
        } catch (EmbeddingModelMismatchException e) {
            return Health.down().withDetail("reason", e.getMessage());
        }
    }

    private static String reason(Registration registration, String name) {
        return switch (registration.status()) {
            case "NONE" -> "No ingestion run has built " + name + " yet: start one from the dashboard or wait for the CronJob";
            case "BUILDING" -> "The first run building " + name + " has not completed yet";
            default -> name + " is READY in PostgreSQL but missing in Chroma: run the ingestion job again";
        };
    }

    /** The job's row for the collection (status NONE when there is none) and the snippets it has written. */
    private Registration registration(String name) {
        try {
            List<Registration> rows = database.sql("""
                            select c.status, c.ready_at,
                                   (select count(*) from assistant.ingest_snippet s where s.collection = c.name) as snippets
                            from assistant.ingest_collection c where c.name = :name""")
                    .bind("name", name)
                    .map(row -> new Registration(row.get("status", String.class),
                            Optional.ofNullable(row.get("ready_at", OffsetDateTime.class)),
                            row.get("snippets", Number.class).longValue()))
                    .all().collectList().block(TIMEOUT);
            return rows == null || rows.isEmpty() ? Registration.NONE : rows.getFirst();
        } catch (RuntimeException e) {
            if (isUndefinedTable(e)) {
                return Registration.NONE; // the ingestion job has never run against this database
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

    private record Registration(String status, Optional<OffsetDateTime> readyAt, long snippets) {
        static final Registration NONE = new Registration("NONE", Optional.empty(), 0);
    }
}
