package io.github.confluenceassistant.batch.airbyte;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Step 1: has Airbyte sync Confluence into PostgreSQL and waits for it. Records the Airbyte job id in the step's
 * execution context before waiting, so a restarted step re-joins the same sync instead of starting another.
 * Skipped, with a log line, when no Airbyte is configured.
 */
@Component
public class AirbyteSyncTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(AirbyteSyncTasklet.class);
    public static final String JOB_ID_KEY = "airbyte.job-id";
    public static final String ROWS_SYNCED_KEY = "airbyte.rows-synced";
    public static final String STATUS_KEY = "airbyte.status";

    private final AirbyteProperties properties;
    private final AirbyteClient client;
    private final Clock clock;

    public AirbyteSyncTasklet(AirbyteProperties properties, WebClient.Builder webClient) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.client = properties.isConfigured() ? createClient(properties, webClient.build(), clock) : null;
    }

    static AirbyteClient createClient(AirbyteProperties properties, WebClient http, Clock clock) {
        AirbyteAuth auth = new AirbyteAuth(http, properties, clock);
        HttpRetry retry = new HttpRetry(properties.maxRetries(), Duration.ofSeconds(1));
        return switch (properties.api()) {
            case PUBLIC -> new PublicApiAirbyteClient(http, auth, properties, retry, properties.pollInterval());
            case LEGACY -> new LegacyApiAirbyteClient(http, auth, properties, retry, properties.pollInterval());
        };
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (client == null) {
            log.info("Airbyte is not configured (assistant.airbyte.url is empty): skipping the sync, reading the tables as they are");
            contribution.setExitStatus(ExitStatus.NOOP.addExitDescription("Airbyte not configured"));
            return RepeatStatus.FINISHED;
        }
        if (properties.connectionId() == null || properties.connectionId().isBlank()) {
            throw new IllegalStateException("assistant.airbyte.url is set but assistant.airbyte.connection-id "
                    + "(ASSISTANT_AIRBYTE_CONNECTION_ID) is not: which connection should be synced?");
        }
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        SyncJob job = context.containsKey(JOB_ID_KEY)
                ? client.get(context.getLong(JOB_ID_KEY))
                : client.startOrJoin(properties.connectionId());
        context.putLong(JOB_ID_KEY, job.id());
        log.info("Airbyte sync job {} for connection {}: {}", job.id(), properties.connectionId(), job.status());
        Instant deadline = clock.instant().plus(properties.timeout());
        while (!job.isTerminal()) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("Airbyte sync job " + job.id() + " still " + job.status() + " after "
                        + properties.timeout() + "; restart the ingestion job to keep waiting for it");
            }
            sleep(properties.pollInterval());
            job = client.get(job.id());
        }
        context.putString(STATUS_KEY, job.normalizedStatus());
        if (job.failed()) {
            context.remove(JOB_ID_KEY); // a restart must start a new sync, not re-read this failed one
            throw new IllegalStateException("Airbyte sync job " + job.id() + " ended " + job.status()
                    + "; see the job in Airbyte. Restarting the ingestion job starts a new sync.");
        }
        if (job.rowsSynced() != null) {
            context.putLong(ROWS_SYNCED_KEY, job.rowsSynced());
        }
        log.info("Airbyte sync job {} succeeded ({} rows)", job.id(), job.rowsSynced());
        return RepeatStatus.FINISHED;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Airbyte", e);
        }
    }
}
