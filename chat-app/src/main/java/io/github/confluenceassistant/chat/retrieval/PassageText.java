package io.github.confluenceassistant.chat.retrieval;

/**
 * Joins the texts of consecutive snippets. The splitter starts a snippet with the last lines or sentences of
 * the one before (its overlap), so the join drops that repeated start: the longest run of whole lines at the
 * start of the second text that ends the first one, compared with whitespace collapsed (the splitter may join
 * the repeated pieces with other line breaks than the original).
 */
final class PassageText {

    private static final int MAX_OVERLAP_CHARS = 3000;

    private PassageText() {
    }

    static String join(String first, String second) {
        String firstCollapsed = collapse(first);
        int overlapEnd = -1;
        int searchUpTo = Math.min(second.length(), MAX_OVERLAP_CHARS);
        for (int lineEnd = second.indexOf('\n'); ; lineEnd = second.indexOf('\n', lineEnd + 1)) {
            int end = lineEnd < 0 || lineEnd > searchUpTo ? Math.min(second.length(), searchUpTo) : lineEnd;
            String candidate = collapse(second.substring(0, end));
            if (!candidate.isEmpty() && firstCollapsed.endsWith(candidate)) {
                overlapEnd = end;
            }
            if (lineEnd < 0 || lineEnd > searchUpTo) {
                break;
            }
        }
        String rest = overlapEnd < 0 ? second : second.substring(overlapEnd).stripLeading();
        return rest.isEmpty() ? first : first + "\n\n" + rest;
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
