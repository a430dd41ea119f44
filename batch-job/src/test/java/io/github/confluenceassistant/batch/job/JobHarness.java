package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.BatchJobApplication;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

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
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchJobApplication.class).run(args);
        return new JobHarness(context);
    }

    public JobExecution run() {
        try {
            return context.getBean(IngestionJobRunner.class).runOnce()
                    .orElseThrow(() -> new IllegalStateException("the ingestion lock was taken"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
