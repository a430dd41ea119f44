package io.github.confluenceassistant.chat.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG chart of the runs, oldest left: bars for duration (minutes), a line for throughput (pages/s).
 * Built from numbers only, so nothing a user or Confluence controls ever reaches the markup.
 */
final class HistoryChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 160;
    private static final int PAD = 24;

    private HistoryChart() {
    }

    static String svg(List<JobExecutionSummary> newestFirst, Instant now) {
        List<JobExecutionSummary> runs = newestFirst.reversed().stream().filter(r -> r.duration(now).isPresent()).toList();
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' role='img' width='" + WIDTH
                + "' height='" + HEIGHT + "' viewBox='0 0 " + WIDTH + " " + HEIGHT + "'>");
        svg.append("<text x='4' y='14' font-size='11' fill='#555'>bars: duration (max %s min) · line: pages/s (max %s)</text>"
                .formatted(number(maxMinutes(runs, now)), number(maxRate(runs, now))));
        if (!runs.isEmpty()) {
            double maxMinutes = Math.max(maxMinutes(runs, now), 0.01);
            double maxRate = Math.max(maxRate(runs, now), 0.01);
            double slot = (WIDTH - 2.0 * PAD) / runs.size();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                JobExecutionSummary run = runs.get(i);
                double minutes = run.duration(now).orElseThrow().toMillis() / 60000.0;
                double barHeight = (HEIGHT - 2.0 * PAD) * minutes / maxMinutes;
                double x = PAD + i * slot;
                svg.append("<rect x='%s' y='%s' width='%s' height='%s' fill='%s'/>".formatted(number(x + slot * 0.15),
                        number(HEIGHT - PAD - barHeight), number(slot * 0.7), number(barHeight), color(run.health())));
                double rate = run.pagesPerSecond(now).orElse(0.0);
                line.append(number(x + slot / 2)).append(',')
                        .append(number(HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * rate / maxRate)).append(' ');
            }
            svg.append("<polyline fill='none' stroke='#1a73e8' stroke-width='2' points='").append(line.toString().strip())
                    .append("'/>");
        }
        svg.append("<line x1='" + PAD + "' y1='" + (HEIGHT - PAD) + "' x2='" + (WIDTH - PAD) + "' y2='" + (HEIGHT - PAD)
                + "' stroke='#999'/></svg>");
        return svg.toString();
    }

    private static double maxMinutes(List<JobExecutionSummary> runs, Instant now) {
        return runs.stream().mapToDouble(r -> r.duration(now).orElseThrow().toMillis() / 60000.0).max().orElse(0);
    }

    private static double maxRate(List<JobExecutionSummary> runs, Instant now) {
        return runs.stream().mapToDouble(r -> r.pagesPerSecond(now).orElse(0.0)).max().orElse(0);
    }

    private static String color(ExecutionHealth health) {
        return switch (health) {
            case OK -> "#4caf50";
            case WARNING -> "#ff9800";
            case FAILED -> "#e53935";
            case RUNNING -> "#90caf9";
        };
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
