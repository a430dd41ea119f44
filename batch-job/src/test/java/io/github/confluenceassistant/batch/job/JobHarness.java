package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.BatchJobApplication;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.batch.vectorstore.CollectionTarget;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the real batch-job application context against a test database and the shared Chroma, and runs the
 * job the way the program does. One harness per scenario; properties can be overridden per scenario.
 */
public final class JobHarness implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private JobHarness(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Properties every scenario needs: its database, the shared Chroma, its own collection prefix. */
    public static Map<String, Object> baseProperties(TestInfrastructure infra, String database, String collectionPrefix) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", infra.postgres().jdbcUrl(database));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("assistant.chroma.url", infra.chroma().url());
        properties.put("assistant.chroma.collection-prefix", collectionPrefix);
        properties.put("assistant.chroma.timeout", "10s");
        properties.put("assistant.ingestion.chroma-retry-for", "5s");
        properties.put("assistant.airbyte.url", "");
        return properties;
    }

    public static JobHarness start(Map<String, Object> properties) {
        // as command-line arguments, so they override application.properties like the real program's arguments do
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchJobApplication.class)
                .initializers(JobHarness::ownHttpResources)
                .run(args);
        return new JobHarness(context);
    }

    /**
     * Boot shares Reactor Netty's global event loops between contexts and disposes them when a context closes: with
     * several harnesses in one test JVM, closing one would break the WebClients of the others. The program has one
     * context per JVM, so this only concerns tests.
     */
    private static void ownHttpResources(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            resources.setShutdownQuietPeriod(Duration.ZERO);
            return resources;
        });
    }

    public JobExecution run() {
        return runOnce().orElseThrow(() -> new IllegalStateException("the ingestion lock was taken"));
    }

    /** As the program runs the job: empty when another run holds the lock. */
    public Optional<JobExecution> runOnce() {
        try {
            return context.getBean(IngestionJobRunner.class).runOnce();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Chroma collection this context writes. */
    public String collection() {
        return bean(CollectionTarget.class).name();
    }

    /** What the index holds now: the snippet table and Chroma's record ids. */
    public IndexSnapshot index() {
        return IndexSnapshot.of(this);
    }

    public static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + execution.getStepExecutions()));
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
