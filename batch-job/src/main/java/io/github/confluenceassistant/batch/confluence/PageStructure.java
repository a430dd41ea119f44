package io.github.confluenceassistant.batch.confluence;

import java.util.List;

/**
 * A cleaned page: its text in reading order, grouped by the heading it stands under.
 * Produced by {@link StorageFormatCleaner}, consumed by the snippet splitter.
 */
public record PageStructure(List<Section> sections) {

    public PageStructure {
        sections = List.copyOf(sections);
    }

    public boolean isEmpty() {
        return sections.stream().allMatch(s -> s.blocks().isEmpty());
    }

    /**
     * @param headingPath the headings above this section, outermost first; empty before the first heading
     * @param anchor      the section's anchor in Confluence's page URL ("" before the first heading)
     */
    public record Section(List<String> headingPath, String anchor, List<Block> blocks) {
        public Section {
            headingPath = List.copyOf(headingPath);
            blocks = List.copyOf(blocks);
        }
    }

    /** One unit the splitter should not cut if it can avoid it: a paragraph, a list item, a table row, a code block. */
    public record Block(Kind kind, String text) {
    }

    public enum Kind {
        PARAGRAPH, LIST_ITEM, TABLE_ROW, CODE, PANEL
    }
}
