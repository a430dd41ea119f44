package io.github.confluenceassistant.chat.retrieval;

/**
 * Joins the texts of consecutive snippets. The splitter starts a snippet with the last lines or sentences of
 * the one before (its overlap), so the join drops that repeated start: the longest run of whole lines at the
 * start of the second text that ends the first one, compared with whitespace collapsed (the splitter may join
 * the repeated pieces with other line breaks than the original). The second text's start is collapsed once and
 * each line's prefix read from it: collapsing every prefix anew made this 5 % of the chat app's CPU under load.
 */
final class PassageText {

    private static final int MAX_OVERLAP_CHARS = 3000;

    private PassageText() {
    }

    static String join(String first, String second) {
        String firstCollapsed = collapse(first, first.length(), null).strip();
        int searchUpTo = Math.min(second.length(), MAX_OVERLAP_CHARS);
        // the second text's start collapsed once; collapsedUpTo[i]: its length after the first i characters
        int[] collapsedUpTo = new int[searchUpTo + 1];
        String collapsed = collapse(second, searchUpTo, collapsedUpTo);
        int overlapEnd = -1;
        for (int lineEnd = second.indexOf('\n'); ; lineEnd = second.indexOf('\n', lineEnd + 1)) {
            int end = lineEnd < 0 || lineEnd > searchUpTo ? searchUpTo : lineEnd;
            String candidate = collapsed.substring(0, collapsedUpTo[end]).strip();
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

    /**
     * The first {@code length} characters with each run of whitespace (the regex class {@code \\s}) as one space;
     * when {@code collapsedUpTo} is given, it receives the collapsed length after each prefix.
     */
    private static String collapse(String text, int length, int[] collapsedUpTo) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isRegexSpace(c)) {
                out.append(c);
            } else if (i == 0 || !isRegexSpace(text.charAt(i - 1))) {
                out.append(' ');
            }
            if (collapsedUpTo != null) {
                collapsedUpTo[i + 1] = out.length();
            }
        }
        return out.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
