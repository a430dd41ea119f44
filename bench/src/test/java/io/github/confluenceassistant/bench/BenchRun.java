package io.github.confluenceassistant.bench;

import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One bench command run in the test's JVM: its exit code and the JSON of the last line it printed on stdout. */
public record BenchRun(int exitCode, ObjectNode result) {

    public static BenchRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("stdout").isNotEmpty();
        return new BenchRun(exitCode, BenchJson.parse(lines.getLast()));
    }

    public double number(String field) {
        assertThat(result.has(field)).as("field " + field + " in " + result).isTrue();
        return result.get(field).asDouble();
    }
}
