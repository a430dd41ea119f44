package io.github.confluenceassistant.chat.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.confluenceassistant.chat.retrieval.ReadyCollectionLocator;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wires the dashboard: readers of the job repository and the index, the run launcher, metrics, push refresh. */
@Configuration(proxyBeanMethods = false)
class DashboardConfig {

    @Bean
    JobRepositoryReader jobRepositoryReader(DatabaseClient database, JsonMapper json) {
        return new JobRepositoryReader(database, json);
    }

    @Bean
    IngestionDashboard ingestionDashboard(JobRepositoryReader jobs, DatabaseClient database, ChromaCollections chroma,
                                          ReadyCollectionLocator collections, ConfiguredEmbeddingModel embedding,
                                          DashboardProperties properties, RunLauncher launcher) {
        Clock clock = Clock.systemUTC();
        IndexHealthReader index = new IndexHealthReader(database, chroma, collections, embedding.identity(), jobs,
                properties.expectedInterval(), clock);
        return new IngestionDashboard(jobs, index, launcher, properties, clock);
    }

    @Bean
    RunLauncher runLauncher(DashboardProperties properties, Environment environment, ChromaProperties chroma) {
        if (properties.kubernetes().enabled()) {
            KubernetesClient client = new KubernetesClientBuilder().build();
            return new KubernetesRunLauncher(client, properties.kubernetes().namespace(),
                    properties.kubernetes().cronjobName(), Clock.systemUTC());
        }
        if (properties.localStartConfigured()) {
            return new LocalProcessRunLauncher(properties.localJobCommand(), jobArguments(environment, chroma),
                    environment.getProperty("spring.datasource.password"), properties.localJobLog());
        }
        return RunLauncher.none();
    }

    /** The job reads the same database (over JDBC) and writes the same Chroma collection the app reads. */
    private static Map<String, String> jobArguments(Environment environment, ChromaProperties chroma) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("spring.datasource.url", environment.getRequiredProperty("spring.datasource.url"));
        arguments.put("spring.datasource.username", environment.getProperty("spring.datasource.username", ""));
        arguments.put("assistant.chroma.url", chroma.url());
        arguments.put("assistant.chroma.collection-prefix", chroma.collectionPrefix());
        arguments.put("assistant.embedding.provider", environment.getProperty("assistant.embedding.provider", ""));
        arguments.values().removeIf(String::isBlank);
        return arguments;
    }

    @Bean
    IngestionMetrics ingestionMetrics(JobRepositoryReader jobs) {
        return new IngestionMetrics(jobs, Clock.systemUTC());
    }

    /** Refreshes the open dashboards' progress (server push); one thread for all of them. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService dashboardRefresher() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dashboard-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }
}
