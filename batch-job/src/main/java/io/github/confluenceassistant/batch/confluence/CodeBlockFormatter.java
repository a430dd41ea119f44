package io.github.confluenceassistant.batch.confluence;

/**
 * Writes a code or preformatted body as a fenced block (```bash ... ```): the fence tells both the chat model and
 * a reader where code starts and ends, and the language says what it is. The code itself is kept verbatim,
 * indentation included; only blank lines around it are dropped.
 */
final class CodeBlockFormatter {

    private CodeBlockFormatter() {
    }

    /** The fenced block, or "" when the body holds only whitespace. */
    static String format(String language, String body) {
        String code = withoutBlankLinesAround(body);
        if (code.isEmpty()) {
            return "";
        }
        String tag = TextNormalizer.collapseWhitespace(language).replace(" ", "");
        return "```" + tag + "\n" + code + "\n```";
    }

    private static String withoutBlankLinesAround(String body) {
        int first = 0;
        while (first < body.length() && Character.isWhitespace(body.charAt(first))) {
            first++;
        }
        if (first == body.length()) {
            return "";
        }
        int lineStart = body.lastIndexOf('\n', first) + 1;
        return body.substring(lineStart).stripTrailing();
    }
}
