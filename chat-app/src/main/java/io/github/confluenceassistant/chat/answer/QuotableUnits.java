package io.github.confluenceassistant.chat.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a passage into what an extractive answer can quote: sentences, list items, table rows, and fenced code
 * blocks whole (half a command is worse than none).
 */
final class QuotableUnits {

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])");
    private static final Pattern LIST_OR_ROW = Pattern.compile("^\\s*([-*+]|\\d+[.)]|\\|).*");

    private QuotableUnits() {
    }

    record Unit(String text, boolean code) {
    }

    static List<Unit> of(String passage) {
        List<Unit> units = new ArrayList<>();
        StringBuilder code = null;
        for (String line : passage.split("\n")) {
            if (code != null) {
                code.append('\n').append(line);
                if (FENCE.matcher(line).matches()) {
                    units.add(new Unit(code.toString(), true));
                    code = null;
                }
            } else if (FENCE.matcher(line).matches()) {
                code = new StringBuilder(line);
            } else if (LIST_OR_ROW.matcher(line).matches()) {
                units.add(new Unit(line.strip(), false));
            } else if (!line.isBlank()) {
                for (String sentence : SENTENCE_END.split(line.strip())) {
                    units.add(new Unit(sentence, false));
                }
            }
        }
        if (code != null) { // a block cut off at the passage end
            units.add(new Unit(code + "\n```", true));
        }
        return units;
    }
}
