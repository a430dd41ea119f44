package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.confluence.PageStructure.Block;
import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;
import io.github.confluenceassistant.batch.confluence.PageStructure.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects blocks into sections as the cleaner meets them, keeps the stack of open headings, and stops the page
 * once its text passes the size limit.
 */
final class PageStructureBuilder {

    private record OpenHeading(int level, String text) {
    }

    private final int maxTextChars;
    private final List<Section> sections = new ArrayList<>();
    private final List<OpenHeading> openHeadings = new ArrayList<>();
    private List<String> headingPath = List.of();
    private String anchor = "";
    private List<Block> blocks = new ArrayList<>();
    private long textChars;

    PageStructureBuilder(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** A heading of the given level (1..6): closes the current section and the headings at its level or deeper. */
    void startSection(int level, String heading) {
        countText(heading.length());
        closeSection();
        while (!openHeadings.isEmpty() && openHeadings.getLast().level() >= level) {
            openHeadings.removeLast();
        }
        openHeadings.add(new OpenHeading(level, heading));
        headingPath = openHeadings.stream().map(OpenHeading::text).toList();
        anchor = anchorFor(heading);
    }

    void add(Kind kind, String text) {
        if (text.isBlank()) {
            return;
        }
        countText(text.length());
        blocks.add(new Block(kind, text));
    }

    /** Fails early when text still waiting to become a block already passes the limit. */
    void ensureRoomFor(int pendingChars) {
        if (textChars + pendingChars > maxTextChars) {
            throw tooMuchText();
        }
    }

    PageStructure build() {
        closeSection();
        return new PageStructure(sections);
    }

    /** The anchor rule is documented on {@link StorageFormatCleaner}. */
    static String anchorFor(String heading) {
        String text = heading.strip();
        StringBuilder anchor = new StringBuilder(text.length());
        boolean inWhitespace = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean whitespace = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (whitespace && !inWhitespace) {
                anchor.append('-');
            } else if (!whitespace && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                anchor.appendCodePoint(c);
            }
            inWhitespace = whitespace;
        }
        return anchor.toString();
    }

    private void closeSection() {
        if (!blocks.isEmpty()) {
            sections.add(new Section(headingPath, anchor, blocks));
            blocks = new ArrayList<>();
        }
    }

    private void countText(int chars) {
        textChars += chars;
        if (textChars > maxTextChars) {
            throw tooMuchText();
        }
    }

    private UnprocessablePageException tooMuchText() {
        return new UnprocessablePageException("Page text exceeds the limit of " + maxTextChars
                + " characters after cleaning; split the page in Confluence or raise the limit");
    }
}
