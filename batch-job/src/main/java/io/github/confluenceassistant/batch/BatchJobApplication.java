package io.github.confluenceassistant.batch;

import io.github.confluenceassistant.batch.job.IngestionJobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Optional;

/**
 * The ingestion job as a program: runs the job once and exits. Exit code 0 when the run completed (warnings
 * such as skipped pages are in its exit status), 1 when it failed, 3 when another run holds the lock.
 */
@SpringBootApplication(scanBasePackages = {"io.github.confluenceassistant.batch"})
@ConfigurationPropertiesScan(basePackages = {"io.github.confluenceassistant.batch", "io.github.confluenceassistant.shared"})
public class BatchJobApplication {

    public static void main(String[] args) throws Exception {
        int exitCode;
        try (ConfigurableApplicationContext context = SpringApplication.run(BatchJobApplication.class, args)) {
            Optional<JobExecution> execution = context.getBean(IngestionJobRunner.class).runOnce();
            exitCode = execution.map(e -> e.getStatus() == BatchStatus.COMPLETED ? 0 : 1).orElse(3);
        }
        System.exit(exitCode);
    }
}
