package io.github.confluenceassistant.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract scripts rely on: whatever happens, the last line on stdout is one JSON object. */
class BenchMainTest {

    @Test
    void anUnknownCommandEndsWithAJsonErrorLineAndExitCodeTwo() {
        BenchRun run = BenchRun.of("benchmark-everything");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.result().get("error").asString()).contains("unknown command");
        assertThat(run.result().get("command").asString()).isEqualTo("benchmark-everything");
    }

    @Test
    void anOptionTheCommandDoesNotTakeIsAUsageError() {
        BenchRun run = BenchRun.of("ingest", "--dataset", "x", "--users", "5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.result().get("error").asString()).contains("--users");
    }

    @Test
    void aMissingDatasetIsNamed() {
        BenchRun run = BenchRun.of("restart", "--kills", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.result().get("error").asString()).contains("--dataset");
    }

    @Test
    void resultNumbersAreRoundedAndMissingOnesAreNull() {
        ObjectNode result = BenchJson.result("test");
        BenchJson.put(result, "rate", 12.3456, 2);
        BenchJson.put(result, "none", BenchJson.ratio(1, 0), 2);

        assertThat(BenchJson.line(result)).isEqualTo("{\"command\":\"test\",\"rate\":12.35,\"none\":null}");
    }
}
