package io.github.confluenceassistant.chat.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a passage into what an extractive answer can quote: sentences, list items, table rows, and fenced code
 * blocks whole (half a command is worse than none). A table row is one line as the ingestion job writes it,
 * "Header: value; Header: value" (or "value | value" without a header row), and stays whole even when a cell
 * holds sentences: a value without its row's other cells answers nothing.
 */
final class QuotableUnits {

    /** Line starts, tested with {@code lookingAt}: the rest of the line need not be scanned. */
    private static final Pattern FENCE = Pattern.compile("\\s{0,3}(```|~~~)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])");
    private static final Pattern LIST_OR_ROW = Pattern.compile("\\s*([-*+]|\\d+[.)]|\\|)");
    private static final Pattern LABELLED_ROW = Pattern.compile("^[^;:\\n]{1,80}: .*; [^;:\\n]{1,80}: .*");

    private QuotableUnits() {
    }

    /** @param paragraph which line of the passage the unit starts on: sentences of one paragraph share it */
    record Unit(String text, boolean code, int paragraph) {
    }

    /**
     * "value | value": a " | " with text on both sides. A plain test rather than the pattern {@code .+ \\| .+},
     * which tried every split of a long line without a pipe.
     */
    private static boolean isUnlabelledRow(String line) {
        int pipe = line.indexOf(" | ", 1);
        return pipe >= 0 && pipe <= line.length() - 4;
    }

    static List<Unit> of(String passage) {
        List<Unit> units = new ArrayList<>();
        StringBuilder code = null;
        int codeStart = 0;
        String[] lines = passage.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (code != null) {
                code.append('\n').append(line);
                if (FENCE.matcher(line).lookingAt()) {
                    units.add(new Unit(code.toString(), true, codeStart));
                    code = null;
                }
            } else if (FENCE.matcher(line).lookingAt()) {
                code = new StringBuilder(line);
                codeStart = i;
            } else if (LIST_OR_ROW.matcher(line).lookingAt() || LABELLED_ROW.matcher(line).matches()
                    || isUnlabelledRow(line)) {
                units.add(new Unit(line.strip(), false, i));
            } else if (!line.isBlank()) {
                for (String sentence : SENTENCE_END.split(line.strip())) {
                    units.add(new Unit(sentence, false, i));
                }
            }
        }
        if (code != null) { // a block cut off at the passage end
            units.add(new Unit(code + "\n```", true, codeStart));
        }
        return units;
    }
}
