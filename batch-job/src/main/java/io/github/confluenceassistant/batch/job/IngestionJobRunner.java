package io.github.confluenceassistant.batch.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import io.github.confluenceassistant.batch.vectorstore.CollectionTarget;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the ingestion job once, by the rule the CronJob relies on:
 * <ul>
 *   <li>after a successful run (or none), a new job instance starts, with the next {@code run.id};</li>
 *   <li>after a failed or stopped run, that same instance is restarted and resumes from its last commit;</li>
 *   <li>an execution left STARTED by a killed process is first marked FAILED (we hold the lock, so nothing else
 *       runs it), then restarted.</li>
 * </ul>
 * Two processes never run at once: the second finds the advisory lock taken and returns without running.
 */
@Component
public class IngestionJobRunner {

    private static final Logger log = LoggerFactory.getLogger(IngestionJobRunner.class);
    static final String RUN_ID = "run.id";
    private static final Set<BatchStatus> RESTARTABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);
    private static final Set<BatchStatus> LEFT_RUNNING = Set.of(BatchStatus.STARTED, BatchStatus.STARTING, BatchStatus.STOPPING);

    private final Job job;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final String lockName;

    public IngestionJobRunner(Job job, JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource,
                              IngestionProperties properties, CollectionTarget target) {
        this.job = job;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        // the full job and the processing-only job write the same collection: they share one lock
        // (each shard has its own lock: shards write disjoint spaces of the collection)
        this.lockName = properties.steps() == IngestionProperties.Steps.SYNC ? job.getName()
                : "collection:" + target.name() + properties.shard().suffix();
    }

    /** @return the execution that ran, or empty when another process holds the lock */
    public Optional<JobExecution> runOnce() throws Exception {
        Optional<IngestionLock> lock = IngestionLock.tryAcquire(dataSource, lockName);
        if (lock.isEmpty()) {
            log.warn("Another ingestion run holds the lock (PostgreSQL advisory lock); this one exits without running");
            return Optional.empty();
        }
        try (IngestionLock held = lock.get()) {
            JobExecution execution = launch();
            log.info("Ingestion job execution {} ended {} ({}){}", execution.getId(), execution.getStatus(),
                    execution.getExitStatus().getExitCode(),
                    execution.getExitStatus().getExitDescription().isBlank() ? ""
                            : ": " + execution.getExitStatus().getExitDescription());
            return Optional.of(execution);
        }
    }

    private JobExecution launch() throws Exception {
        JobInstance lastInstance = jobRepository.getLastJobInstance(job.getName());
        JobExecution last = lastInstance == null ? null : jobRepository.getLastJobExecution(lastInstance);
        if (last != null && LEFT_RUNNING.contains(last.getStatus())) {
            log.warn("Execution {} was left {} by a process that died; marking it FAILED and restarting it",
                    last.getId(), last.getStatus());
            last = jobOperator.recover(last);
        }
        if (last != null && RESTARTABLE.contains(last.getStatus())) {
            log.info("Restarting job instance {} (execution {} ended {})", lastInstance.getInstanceId(), last.getId(),
                    last.getStatus());
            return jobOperator.restart(last);
        }
        long runId = lastInstance == null ? 1 : nextRunId(last == null ? null : last.getJobParameters());
        JobParameters parameters = new JobParametersBuilder().addLong(RUN_ID, runId).toJobParameters();
        log.info("Starting job {} with run.id={}", job.getName(), runId);
        return jobOperator.start(job, parameters);
    }

    private static long nextRunId(JobParameters previous) {
        Long id = previous == null ? null : previous.getLong(RUN_ID);
        return id == null ? 1 : id + 1;
    }
}
