package io.github.confluenceassistant.batch.snippet;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where text may be cut without cutting a sentence or a line. */
final class TextBoundaries {

    private TextBoundaries() {
    }

    /** The non-blank sentences of a text, trimmed. */
    static List<String> sentences(String text) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    /** Lines without their line ends; code keeps its indentation and blank lines, other text is trimmed. */
    static List<String> lines(String text, boolean verbatim) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String kept = verbatim ? line.stripTrailing() : line.strip();
            if (verbatim || !kept.isEmpty()) {
                lines.add(kept);
            }
        }
        return lines;
    }

    /**
     * The best place to cut a text in two near its middle: a line end, else a sentence end, else a space, else
     * the middle itself. Never 0 or the length, for texts of two characters or more.
     */
    static int middleCut(String text) {
        int middle = text.length() / 2;
        int cut = nearest(text, "\n", middle);
        if (cut < 0) {
            cut = nearest(text, ". ", middle);
            cut = cut < 0 ? -1 : cut + 1;
        }
        if (cut < 0) {
            cut = nearest(text, " ", middle);
        }
        if (cut <= 0 || cut >= text.length()) {
            cut = Math.max(1, middle);
        }
        if (cut < text.length() && Character.isLowSurrogate(text.charAt(cut)) && cut > 1) {
            cut--;
        }
        return cut;
    }

    private static int nearest(String text, String separator, int from) {
        int before = text.lastIndexOf(separator, from);
        int after = text.indexOf(separator, from);
        if (before <= 0) {
            return after;
        }
        if (after < 0) {
            return before;
        }
        return from - before <= after - from ? before : after;
    }
}
