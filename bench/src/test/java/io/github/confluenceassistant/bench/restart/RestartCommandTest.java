package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.BenchRun;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart benchmark on the demo space with one kill, starting its own PostgreSQL and Chroma. Seed 35 puts
 * the kill about half-way through the reference run's step time, after the Airbyte sync, among the page chunks.
 */
class RestartCommandTest {

    @Test
    void oneKillAndRestartLeaveExactlyTheReferenceIndex() {
        BenchRun run = BenchRun.of("restart",
                "--dataset", TestInfrastructure.projectRoot().resolve("local-stack/src/main/resources/demo-space").toString(),
                "--kills", "1", "--seed", "35", "--chunk-size", "8");

        assertThat(run.exitCode()).as("exit code; result " + run.result()).isZero();
        assertThat(run.result().get("completed").asBoolean()).isTrue();
        assertThat(run.number("kills")).isEqualTo(1);
        assertThat(run.number("seed")).isEqualTo(35);
        assertThat(run.number("expected_snippets")).isPositive().isEqualTo(run.number("actual_snippets"));
        assertThat(run.number("missing")).isZero();
        assertThat(run.number("duplicates")).isZero();
        assertThat(run.number("stale")).isZero();
        assertThat(run.number("state_mismatches")).isZero();
    }
}
