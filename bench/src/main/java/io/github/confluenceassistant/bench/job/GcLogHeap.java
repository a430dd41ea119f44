package io.github.confluenceassistant.bench.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap use read from a unified GC log ({@code -Xlog:gc}): every collection logs {@code used-before->used-after(committed)},
 * e.g. {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 52M->9M(128M) 4.1ms}. The largest "before" is the
 * highest heap use seen at a collection; the largest "after" is the largest live set. A run short enough to
 * need no collection has no such line, and so no peaks.
 *
 * @param beforeGcMb  highest heap use before a collection, MiB
 * @param afterGcMb   highest heap use after a collection (live set), MiB
 * @param collections how many collections the log shows
 */
public record GcLogHeap(long beforeGcMb, long afterGcMb, int collections) {

    private static final Pattern TRANSITION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    public static Optional<GcLogHeap> read(Path gcLog) {
        if (!Files.isRegularFile(gcLog)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readAllLines(gcLog));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + gcLog, e);
        }
    }

    public static Optional<GcLogHeap> parse(List<String> lines) {
        long before = 0;
        long after = 0;
        int collections = 0;
        for (String line : lines) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                before = Math.max(before, megabytes(m.group(1), m.group(2)));
                after = Math.max(after, megabytes(m.group(3), m.group(4)));
                collections++;
            }
        }
        return collections == 0 ? Optional.empty() : Optional.of(new GcLogHeap(before, after, collections));
    }

    private static long megabytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}
