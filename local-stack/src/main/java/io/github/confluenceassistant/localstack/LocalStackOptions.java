package io.github.confluenceassistant.localstack;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;

import java.nio.file.Path;

/**
 * Options of {@code ./run-local}.
 *
 * @param dataDirectory where PostgreSQL, Chroma and the logs keep their data between runs
 * @param dataset       a dataset directory to serve instead of the demo space (format: shared/datasets/README.md)
 */
record LocalStackOptions(Path dataDirectory, Path projectRoot, int chatPort, Path dataset, AirbyteLayout layout,
                         BodyMode bodies, boolean help) {

    static final String USAGE = """
            Usage: ./run-local [options]
              --data-dir DIR      where data and logs are kept (default .local; env ASSISTANT_LOCAL_DIR)
              --port N            the chat app's HTTP port (default 8080)
              --dataset DIR       serve this dataset directory instead of the demo space
              --layout L          Airbyte table layout: 1x-final (default), 1x-raw-final, 0x-raw-final, raw-only
              --empty-bodies      write pages without bodies, as the current Airbyte connector does
              --help              this text
            """;

    static LocalStackOptions parse(String[] args) {
        Path data = Path.of(".local");
        int port = 8080;
        Path dataset = null;
        AirbyteLayout layout = AirbyteLayout.CONNECTOR_1X_FINAL;
        BodyMode bodies = BodyMode.PRESENT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> data = Path.of(value(args, ++i));
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--dataset" -> dataset = Path.of(value(args, ++i));
                case "--layout" -> layout = AirbyteLayout.fromCliName(value(args, ++i));
                case "--empty-bodies" -> bodies = BodyMode.EMPTY;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new LocalStackOptions(data.toAbsolutePath().normalize(), Path.of("").toAbsolutePath(), port, dataset,
                layout, bodies, help);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
