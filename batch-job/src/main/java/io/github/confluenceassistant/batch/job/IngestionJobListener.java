package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.state.PageStateRepository;
import io.github.confluenceassistant.batch.state.SkippedPageRepository;
import io.github.confluenceassistant.batch.state.SkippedPageRepository.SkipCounts;
import io.github.confluenceassistant.batch.vectorstore.CollectionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import java.util.List;

/**
 * Registers the collection as BUILDING before a run and marks it READY after a successful one, so the chat app
 * switches to a new model's collection only once it is complete. Also lifts a warning exit status of the page
 * step (missing bodies, skipped pages) to the job, where the dashboard and the CronJob's logs show it.
 */
public class IngestionJobListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(IngestionJobListener.class);

    private final JobRepository jobRepository;
    private final CollectionRegistry registry;
    private final String collection;
    private final String modelId;

    private final List<String> otherShardJobNames;
    private final SkippedPageRepository skipped;
    private final PageStateRepository state;

    /**
     * @param otherShardJobNames the job names of the other shards when sharded: the collection is READY only once
     *                           every shard's last run completed
     */
    public IngestionJobListener(JobRepository jobRepository, CollectionRegistry registry, SkippedPageRepository skipped,
                                PageStateRepository state, String collection, String modelId, List<String> otherShardJobNames) {
        this.jobRepository = jobRepository;
        this.skipped = skipped;
        this.state = state;
        this.otherShardJobNames = List.copyOf(otherShardJobNames);
        this.registry = registry;
        this.collection = collection;
        this.modelId = modelId;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        registry.registerBuilding(collection, modelId);
    }

    /** Job execution context key: the JVM's peak heap use during the run, in MiB (benchmarks and sizing read it). */
    public static final String PEAK_HEAP_MB = "jvm.peak-heap-mb";

    @Override
    public void afterJob(JobExecution jobExecution) {
        jobExecution.getExecutionContext().putLong(PEAK_HEAP_MB, peakHeapMegabytes());
        jobRepository.updateExecutionContext(jobExecution); // the job saves only its status after this listener
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        state.refreshKeywordStatistics();
        long instance = jobExecution.getJobInstance().getInstanceId();
        SkipCounts skips = skipped.countsForJobInstance(instance);
        SkippedPageRecorder.exitStatusFor(skips, skipped.pagesReadInJobInstance(instance, IngestionJobConfig.INGEST_STEP))
                .ifPresent(warning -> {
                    if (SkippedPageRecorder.MISSING_BODIES.equals(warning.getExitCode())) {
                        log.error(warning.getExitDescription());
                    } else {
                        log.warn(warning.getExitDescription());
                    }
                    jobExecution.setExitStatus(warning);
                });
        if (skips.withoutBody() > 0 && registry.pageCount(collection) == 0) {
            log.error("Collection {} holds no page at all because no page had a body: it is not marked READY, so a "
                    + "chat app never switches to it", collection);
            return;
        }
        List<String> unfinished = otherShardJobNames.stream().filter(name -> !lastRunCompleted(name)).toList();
        if (unfinished.isEmpty()) {
            registry.markReady(collection);
        } else if (log.isInfoEnabled()) {
            log.info("Collection {} stays as it is until these shards have completed a run too: {}", collection, unfinished);
        }
    }

    private boolean lastRunCompleted(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        return last != null && last.getStatus() == BatchStatus.COMPLETED;
    }

    private static long peakHeapMegabytes() {
        long bytes = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        return bytes / (1024 * 1024);
    }
}
