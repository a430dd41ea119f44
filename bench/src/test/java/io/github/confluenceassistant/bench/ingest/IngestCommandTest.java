package io.github.confluenceassistant.bench.ingest;

import io.github.confluenceassistant.bench.BenchRun;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole ingest benchmark on the demo space, against the test run's PostgreSQL and Chroma (so the database it
 * leaves can be checked): its figures must describe what the job really wrote.
 */
class IngestCommandTest {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void ingestOfTheDemoSpaceTwiceReportsWhatTheJobWroteAndAFasterUnchangedRerun() {
        BenchRun run = BenchRun.of("ingest",
                "--dataset", TestInfrastructure.projectRoot().resolve("local-stack/src/main/resources/demo-space").toString(),
                "--postgres-url", infra.postgres().jdbcUrl("postgres"),
                "--chroma-url", infra.chroma().url(),
                "--repeat", "2");

        assertThat(run.exitCode()).as("exit code; result " + run.result()).isZero();
        assertThat(run.number("pages")).isEqualTo(34);
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(run.result().get("database").asString()));
        Integer rows = jdbc.queryForObject("select count(*) from assistant.ingest_snippet where collection = ?",
                Integer.class, run.result().get("collection").asString());
        assertThat(run.number("snippets")).as("rows in assistant.ingest_snippet").isEqualTo(rows.doubleValue()).isPositive();
        assertThat(run.number("rerun_unchanged_ratio")).isLessThan(1.0);
        assertThat(run.number("job_snippets_per_s")).isPositive();
        JsonNode pairs = run.result().get("pairs");
        assertThat(pairs).as("two ingestions, each with its limit").hasSize(2);
        double firstRatio = pairs.get(0).get("ratio_to_limit").asDouble();
        double secondRatio = pairs.get(1).get("ratio_to_limit").asDouble();
        assertThat(firstRatio).isCloseTo(pairs.get(0).get("job_snippets_per_s").asDouble()
                / pairs.get(0).get("embed_limit_snippets_per_s").asDouble(), within(0.01));
        assertThat(run.number("ratio_to_limit")).as("the median of two: their mean")
                .isCloseTo((firstRatio + secondRatio) / 2, within(0.002));
        assertThat(run.number("job_snippets_per_s")).isCloseTo((pairs.get(0).get("job_snippets_per_s").asDouble()
                + pairs.get(1).get("job_snippets_per_s").asDouble()) / 2, within(0.01));
        assertThat(run.number("speedup_vs_naive"))
                .isCloseTo(run.number("job_snippets_per_s") / run.number("naive_snippets_per_s"), within(0.01));
        assertThat(run.number("naive_snippets")).isPositive();
        assertThat(run.number("max_heap_mb")).isPositive();
        assertThat(run.number("bodies_fetched")).as("bodies came with Airbyte's rows").isZero();
        assertThat(run.result().get("layout").asString()).isEqualTo("1x-final");
        assertThat(run.result().get("machine").get("cores").asInt()).isPositive();
    }
}
