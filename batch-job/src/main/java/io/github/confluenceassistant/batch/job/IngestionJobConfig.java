package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.airbyte.AirbyteSyncTasklet;
import io.github.confluenceassistant.batch.confluence.AirbyteLayoutDetector;
import io.github.confluenceassistant.batch.confluence.BodySource;
import io.github.confluenceassistant.batch.confluence.ConfluenceProperties;
import io.github.confluenceassistant.batch.confluence.CurrentPages;
import io.github.confluenceassistant.batch.confluence.PageQuery;
import io.github.confluenceassistant.batch.confluence.PageReader;
import io.github.confluenceassistant.batch.confluence.PageSelection;
import io.github.confluenceassistant.batch.confluence.PageToSnippetsProcessor;
import io.github.confluenceassistant.batch.confluence.SourcePage;
import io.github.confluenceassistant.batch.confluence.StorageFormatCleaner;
import io.github.confluenceassistant.batch.embedding.EmbeddingLane;
import io.github.confluenceassistant.batch.embedding.EmbeddingsAhead;
import io.github.confluenceassistant.batch.embedding.NextPagesAhead;
import io.github.confluenceassistant.batch.embedding.SnippetEmbedder;
import io.github.confluenceassistant.batch.partition.IngestionScope;
import io.github.confluenceassistant.batch.partition.PagePartitionPlanner;
import io.github.confluenceassistant.batch.partition.SpacePageCounts;
import io.github.confluenceassistant.batch.partition.SpacePartitioner;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.batch.snippet.SnippetSplitter;
import io.github.confluenceassistant.batch.snippet.SplitterSettings;
import io.github.confluenceassistant.batch.state.PageStateRepository;
import io.github.confluenceassistant.batch.state.SkippedPageRepository;
import io.github.confluenceassistant.batch.vectorstore.ChromaSnippetWriter;
import io.github.confluenceassistant.batch.vectorstore.ChromaSnippetWriter.VectorStoreOperations;
import io.github.confluenceassistant.batch.vectorstore.ChromaVectorStore;
import io.github.confluenceassistant.batch.vectorstore.CollectionRegistry;
import io.github.confluenceassistant.batch.vectorstore.CollectionTarget;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.reactive.function.client.WebClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ingestion job, as it reads: sync Airbyte → ingest pages (read → clean + split → embed → write) → prune.
 * With {@code assistant.ingestion.steps} the sync and the processing can run on their own schedules.
 */
@Configuration
public class IngestionJobConfig {

    public static final String INGEST_STEP = "ingestPages";
    public static final String PRUNE_STEP = "pruneStalePages";
    public static final String SYNC_STEP = "airbyteSync";
    /**
     * Pages of the next chunk whose embedding starts while a chunk is written: about what the in-process model
     * embeds while the chunk's last group goes to Chroma and it commits (a few hundred milliseconds).
     */
    static final int READ_AHEAD_PAGES = 8;

    /** The most snippets the embedding lane puts in one call to a remote endpoint (about one chunk of long pages). */
    static final int EMBEDDING_LANE_BATCH_SNIPPETS = 256;

    /**
     * Execution contexts as readable JSON, not Java serialization: the dashboard reads them (Airbyte job id, rows
     * synced, pages pruned, peak heap) straight from the job repository.
     */
    @Bean
    ExecutionContextSerializer executionContextSerializer() {
        return new JacksonExecutionContextStringSerializer();
    }

    @Bean
    ConfiguredEmbeddingModel embeddingModel(EmbeddingProperties properties) {
        return EmbeddingModelFactory.create(properties);
    }

    @Bean
    CollectionTarget collectionTarget(ChromaProperties chroma, ConfiguredEmbeddingModel embedding) {
        return new CollectionTarget(CollectionNames.forModel(chroma.collectionPrefix(), embedding.identity()),
                embedding.identity());
    }

    @Bean
    ChromaCollections chromaCollections(WebClient.Builder webClient, ChromaProperties chroma) {
        return new ChromaCollections(webClient, chroma);
    }

    @Bean
    Job ingestionJob(JobRepository jobs, IngestionProperties properties, Step airbyteSyncStep, Step ingestPagesStep,
                     Step pruneStalePagesStep, CollectionRegistry registry, SkippedPageRepository skipped,
                     CollectionTarget target, PageStateRepository state) {
        JobBuilder job = new JobBuilder(jobName(properties), jobs);
        if (properties.steps() == IngestionProperties.Steps.SYNC) {
            return job.start(airbyteSyncStep).build();
        }
        job.listener(new IngestionJobListener(jobs, registry, skipped, state, target.name(), target.model().id(),
                otherShardJobNames(properties)));
        SimpleJobBuilder steps = properties.steps() == IngestionProperties.Steps.ALL
                ? job.start(airbyteSyncStep).next(ingestPagesStep)
                : job.start(ingestPagesStep);
        return steps.next(pruneStalePagesStep).build();
    }

    /** The job's name: one per kind of run and per shard, so each shard is its own series of job instances. */
    public static String jobName(IngestionProperties properties) {
        return jobName(properties.steps()) + properties.shard().suffix();
    }

    private static List<String> otherShardJobNames(IngestionProperties properties) {
        IngestionProperties.Shard shard = properties.shard();
        return java.util.stream.IntStream.range(0, shard.count()).filter(i -> i != shard.index())
                .mapToObj(i -> jobName(properties.steps()) + new IngestionProperties.Shard(i, shard.count()).suffix())
                .toList();
    }

    public static String jobName(IngestionProperties.Steps steps) {
        return switch (steps) {
            case ALL -> "confluenceIngestion";
            case SYNC -> "confluenceAirbyteSync";
            case PROCESS -> "confluenceProcessing";
        };
    }

    @Bean
    Step airbyteSyncStep(JobRepository jobs, PlatformTransactionManager tx, AirbyteSyncTasklet tasklet) {
        return new StepBuilder(SYNC_STEP, jobs).tasklet(tasklet, tx).build();
    }

    /**
     * The page step. With one partition (the default) a plain chunk step; with more, a manager step of that name
     * whose workers ({@code ingestPages:p0}, {@code ingestPages:p1}, …) each read their own spaces or slice on
     * their own thread, commit on their own and are restarted on their own.
     */
    @Bean
    Step ingestPagesStep(JobRepository jobs, PlatformTransactionManager tx, IngestionProperties properties,
                         PageReader pageReader, ChromaSnippetWriter snippetWriter,
                         SkippedPageRecorder skippedPageRecorder, SpacePartitioner spacePartitioner,
                         EmbeddingsAhead embeddingsAhead, NextPagesAhead nextPagesAhead) {
        Step pages = new StepBuilder(INGEST_STEP, jobs)
                .<SourcePage, PageSnippets>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(pageReader)
                .processor(nextPagesAhead) // pageProcessor, or what it did ahead for the page
                .writer(snippetWriter)
                .faultTolerant()
                .skipPolicy(new PageSkipPolicy(properties.skipLimit()))
                .skipListener(skippedPageRecorder)
                .listener(skippedPageRecorder)
                .listener((StepListener) embeddingsAhead) // as a process listener and a chunk listener
                .listener((StepListener) nextPagesAhead) // as a write listener
                .build();
        if (properties.partitions() == 1) {
            return pages;
        }
        SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("ingest-partition-");
        workers.setConcurrencyLimit(properties.partitions());
        return new StepBuilder(INGEST_STEP, jobs)
                .partitioner(INGEST_STEP, spacePartitioner)
                .step(pages)
                .gridSize(properties.partitions())
                .taskExecutor(workers)
                .build();
    }

    @Bean
    IngestionScope ingestionScope(IngestionProperties properties) {
        return new IngestionScope(properties);
    }

    @Bean
    @StepScope
    SpacePageCounts spacePageCounts(JdbcTemplate jdbc, PageQuery pageQuery) {
        return new SpacePageCounts(jdbc, pageQuery);
    }

    @Bean
    @StepScope
    SpacePartitioner spacePartitioner(SpacePageCounts counts, IngestionScope scope, IngestionProperties properties,
                                      JobRepository jobs, @Value("#{stepExecution}") StepExecution managerExecution) {
        return new SpacePartitioner(() -> {
            Map<String, Long> pagesPerSpace = new TreeMap<>(counts.count());
            pagesPerSpace.keySet().removeIf(key -> !scope.includes(key));
            return PagePartitionPlanner.plan(pagesPerSpace, properties.partitions());
        }, managerExecution, jobs);
    }

    @Bean
    Step pruneStalePagesStep(JobRepository jobs, PlatformTransactionManager tx, StalePagePruner stalePagePruner) {
        return new StepBuilder(PRUNE_STEP, jobs).tasklet(stalePagePruner, tx).build();
    }

    @Bean
    @StepScope
    PageQuery pageQuery(AirbyteLayoutDetector detector) {
        return new PageQuery(detector.detect());
    }

    @Bean
    @StepScope
    PageReader pageReader(DataSource dataSource, PageQuery pageQuery, ConfluenceProperties confluence,
                          CollectionTarget target, IngestionScope scope, SpacePageCounts counts,
                          @Value("#{stepExecution}") StepExecution stepExecution) {
        PageSelection selection = SpacePartitioner.selectionOf(stepExecution.getExecutionContext())
                .orElseGet(() -> wholeScope(scope, counts));
        return new PageReader(dataSource, pageQuery, confluence, target.name(), selection);
    }

    private static PageSelection wholeScope(IngestionScope scope, SpacePageCounts counts) {
        return scope.selection(scope.needsCurrentSpaces() ? counts.count().keySet() : List.of());
    }

    @Bean
    SnippetSplitter snippetSplitter(ConfiguredEmbeddingModel embedding, IngestionProperties properties) {
        return new SnippetSplitter(embedding.tokenCounter(), new SplitterSettings(
                Math.min(properties.targetTokens(), embedding.maxInputTokens()), embedding.maxInputTokens(),
                properties.overlapTokens()));
    }

    @Bean
    StorageFormatCleaner storageFormatCleaner() {
        return new StorageFormatCleaner();
    }

    @Bean
    PageToSnippetsProcessor pageProcessor(BodySource bodySource, StorageFormatCleaner cleaner, SnippetSplitter splitter) {
        return new PageToSnippetsProcessor(bodySource, cleaner, splitter);
    }

    @Bean
    @StepScope
    VectorStoreOperations vectorStore(ChromaCollections collections, CollectionTarget target,
                                      IngestionProperties properties) {
        String collectionId = collections.getOrCreate(target.name(), target.model()).id();
        return new ChromaVectorStore(collections, collectionId, collections.maxBatchSize(), properties.chromaRetryFor());
    }

    /** One lane for the whole process: the in-process model takes every core, partitions take turns on it. */
    @Bean(destroyMethod = "close")
    EmbeddingLane embeddingLane(SnippetEmbedder embedder) {
        return EmbeddingLane.forModel(embedder, EMBEDDING_LANE_BATCH_SNIPPETS);
    }

    @Bean
    @StepScope
    EmbeddingsAhead embeddingsAhead(EmbeddingLane lane, SnippetEmbedder embedder) {
        return new EmbeddingsAhead(lane, embedder);
    }

    @Bean
    @StepScope
    NextPagesAhead nextPagesAhead(PageReader pageReader, PageToSnippetsProcessor pageProcessor,
                                  EmbeddingsAhead embeddingsAhead, IngestionProperties properties) {
        return new NextPagesAhead(pageReader, pageProcessor, embeddingsAhead,
                Math.min(READ_AHEAD_PAGES, properties.chunkSize()));
    }

    @Bean
    @StepScope
    ChromaSnippetWriter snippetWriter(EmbeddingsAhead embeddingsAhead, VectorStoreOperations vectorStore,
                                      PageStateRepository state, CollectionTarget target,
                                      @Value("#{stepExecution}") StepExecution stepExecution) {
        return new ChromaSnippetWriter(embeddingsAhead, vectorStore, state, target.name(),
                stepExecution.getJobExecutionId());
    }

    @Bean
    @StepScope
    SkippedPageRecorder skippedPageRecorder(SkippedPageRepository skipped,
                                            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new SkippedPageRecorder(skipped, stepExecution.getJobExecutionId(), stepExecution.getId());
    }

    @Bean
    @StepScope
    StalePagePruner stalePagePruner(JdbcTemplate jdbc, PageQuery pageQuery, PageStateRepository state,
                                    VectorStoreOperations vectorStore, CollectionTarget target, IngestionScope scope,
                                    SpacePageCounts counts, IngestionProperties properties) {
        return new StalePagePruner(new CurrentPages(jdbc, pageQuery, wholeScope(scope, counts)), state, vectorStore,
                target.name(), scope, properties);
    }
}
