package io.github.confluenceassistant.batch.confluence;

/**
 * Character-level clean-up of page text. Bodies copied out of other tools carry NULs, stray control characters,
 * byte-order marks and replacement characters; none of them mean anything to a reader or to the embedding model.
 */
final class TextNormalizer {

    private TextNormalizer() {
    }

    /**
     * Drops characters no text should contain and turns CR and CRLF line ends into LF; keeps tabs and newlines,
     * which code blocks need. Returns the input itself when there is nothing to change (the usual case).
     */
    static String stripControlCharacters(String markup) {
        int first = firstCharacterToChange(markup);
        if (first < 0) {
            return markup;
        }
        StringBuilder out = new StringBuilder(markup.length()).append(markup, 0, first);
        for (int i = first; i < markup.length(); i++) {
            char c = markup.charAt(i);
            if (c == '\r') {
                if (i + 1 >= markup.length() || markup.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (Character.isSurrogate(c)) {
                i += appendSurrogatePair(markup, i, out);
            } else if (!isJunk(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Collapses every run of whitespace (including no-break and other Unicode spaces) into one space, drops
     * junk characters and trims. Used for everything but code.
     */
    static String collapseWhitespace(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = !out.isEmpty();
                continue;
            }
            if (isJunk(c) || (Character.isSurrogate(c) && !isPairAt(text, i))) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            if (Character.isHighSurrogate(c)) {
                out.append(text.charAt(++i));
            }
        }
        return out.toString();
    }

    private static int firstCharacterToChange(String markup) {
        for (int i = 0; i < markup.length(); i++) {
            char c = markup.charAt(i);
            if (c == '\r' || isJunk(c)) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (!isPairAt(markup, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** Appends a valid surrogate pair starting at {@code i}; returns how many extra chars were consumed. */
    private static int appendSurrogatePair(String markup, int i, StringBuilder out) {
        if (isPairAt(markup, i)) {
            out.append(markup, i, i + 2);
            return 1;
        }
        return 0;
    }

    private static boolean isPairAt(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static boolean isJunk(char c) {
        return (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')
                || c == '\uFEFF' || c == '\u200B' || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF';
    }
}
