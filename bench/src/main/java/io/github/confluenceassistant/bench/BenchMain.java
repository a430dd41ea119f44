package io.github.confluenceassistant.bench;

import io.github.confluenceassistant.bench.eval.EvalCommand;
import io.github.confluenceassistant.bench.ingest.IngestCommand;
import io.github.confluenceassistant.bench.latency.QueryLatencyCommand;
import io.github.confluenceassistant.bench.load.LoadCommand;
import io.github.confluenceassistant.bench.restart.RestartCommand;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar bench/target/bench.jar COMMAND [options]}: runs one benchmark, prints its progress on stderr
 * and exactly one JSON object as the last line of stdout, also when it fails ({@code {"command":..,"error":..}}).
 * Exit code 0 on success, 1 when the benchmark failed, 2 on a usage error.
 */
public final class BenchMain {

    static final String USAGE = """
            Usage: java -jar bench/target/bench.jar COMMAND [options]
              ingest        --dataset DIR [--layout 1x-final|1x-raw-final|0x-raw-final|raw-only] [--empty-bodies]
                            [--partitions N] [--chunk-size N] [--repeat N]
              eval          --dataset DIR [--k 10] [--mode vector|keyword|hybrid | --all-modes]
                            [--llm-base-url URL --llm-model NAME]   (key from env OPENAI_API_KEY)
              load          --dataset DIR [--users 50] [--seconds 60] [--max-requests 100000]
              restart       --dataset DIR [--kills 20] [--seed S]
              query-latency [--dataset DIR] [--snippets 50000] [--queries 200] [--mode hybrid]
            Every command also takes:
              --postgres-url JDBC_URL [--postgres-user U --postgres-password P]   use a running PostgreSQL
                            (the bench creates its own databases there, so the user needs CREATEDB)
              --chroma-url URL      use a running Chroma (API v2); the bench uses its own collection names
              --project-root DIR    the checkout (default: found from the jar's location or the working directory)
              --keep                keep the work directory (logs, Chroma data) after a successful run
            Without URLs a command starts an embedded PostgreSQL and a local Chroma in a temporary directory.
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; what it prints on {@code out} ends with one line of JSON. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Progress progress = new Progress(err);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            out.println(BenchJson.error(args.length > 0 ? args[0] : "", e.getMessage()));
            return 2;
        }
        BenchCommand command = commands().get(options.command());
        if (command == null) {
            err.print(USAGE);
            out.println(BenchJson.error(options.command(), "unknown command '" + options.command() + "'"));
            return 2;
        }
        try {
            options.allowOnly(command.options());
            ObjectNode result = command.run(options, progress);
            out.println(BenchJson.line(result));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            out.println(BenchJson.error(options.command(), e.getMessage()));
            return 2;
        } catch (Exception e) {
            progress.say("FAILED: " + e);
            e.printStackTrace(err);
            out.println(BenchJson.error(options.command(), String.valueOf(e.getMessage())));
            return 1;
        }
    }

    static Map<String, BenchCommand> commands() {
        Map<String, BenchCommand> commands = new LinkedHashMap<>();
        commands.put("ingest", new IngestCommand());
        commands.put("eval", new EvalCommand());
        commands.put("load", new LoadCommand());
        commands.put("restart", new RestartCommand());
        commands.put("query-latency", new QueryLatencyCommand());
        return commands;
    }
}
