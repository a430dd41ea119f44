package io.github.confluenceassistant.chat.answer;

import java.util.regex.Pattern;

/**
 * Keeps answer Markdown from carrying markup: whatever a page or a model wrote, a renderer shows it as text.
 * Code (fenced blocks and inline spans) is left alone, since Markdown never interprets it.
 */
final class MarkdownSafety {

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*");

    private MarkdownSafety() {
    }

    /** Plain text quoted into Markdown: no HTML, and no [n] that could pass for a citation. */
    static String quotePlainText(String text) {
        return text.replace("\\", "\\\\").replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]");
    }

    /** Model output: raw HTML outside code is turned into text ("&lt;img ..."). */
    static String neutralizeHtml(String markdown) {
        StringBuilder safe = new StringBuilder(markdown.length());
        boolean inFence = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                safe.append(line);
            } else if (inFence) {
                safe.append(line);
            } else {
                safe.append(outsideInlineCode(line));
            }
            if (i < lines.length - 1) {
                safe.append('\n');
            }
        }
        return safe.toString();
    }

    private static String outsideInlineCode(String line) {
        String[] parts = line.split("`", -1);
        if (parts.length % 2 == 0) { // an unpaired backtick: no code span, escape all
            return line.replace("<", "&lt;");
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 0 ? parts[i].replace("<", "&lt;") : parts[i]);
            if (i < parts.length - 1) {
                out.append('`');
            }
        }
        return out.toString();
    }
}
