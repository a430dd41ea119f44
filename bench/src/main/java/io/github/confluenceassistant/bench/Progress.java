package io.github.confluenceassistant.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Progress lines on stderr, each with the seconds since the command started; stdout stays for the result. */
public final class Progress {

    private final PrintStream err;
    private final Instant start = Instant.now();

    public Progress(PrintStream err) {
        this.err = err;
    }

    public void say(String line) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        err.printf("[bench %7.1fs] %s%n", seconds, line);
        err.flush();
    }
}
