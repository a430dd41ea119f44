package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks a parsed storage body once, in document order, and turns it into blocks.
 * <p>
 * Text is gathered into a buffer that every block boundary flushes; what a flushed line becomes (heading,
 * paragraph, list item, line of a panel) depends on the open elements around it. Working on boundaries rather
 * than on element nesting keeps the output sensible when tags are unclosed: a {@code <p>} that swallows the rest
 * of the page still yields one paragraph per inner block, and an unclosed heading ends at its first block.
 */
final class StorageFormatWalker implements NodeFilter {

    /** Deeper lists are not indented further: nobody reads them, and unclosed tags could nest them thousands deep. */
    private static final int MAX_INDENT_LEVELS = 8;

    private sealed interface Context permits Heading, ListOf, Item, Panel {
        Element element();
    }

    private record Heading(Element element, int level) implements Context {
    }

    private static final class ListOf implements Context {
        private final Element element;
        private final boolean ordered;
        private final int depth;
        private int next;

        ListOf(Element element, boolean ordered, int depth, int start) {
            this.element = element;
            this.ordered = ordered;
            this.depth = depth;
            this.next = start;
        }

        @Override
        public Element element() {
            return element;
        }
    }

    private static final class Item implements Context {
        private final Element element;
        private final String indent;
        private final String marker;
        private boolean started;

        Item(Element element, String indent, String marker) {
            this.element = element;
            this.indent = indent;
            this.marker = marker;
        }

        /** The item's first line carries its marker; later lines (after a nested list) are aligned under it. */
        String format(String line) {
            String lead = started ? " ".repeat(marker.length()) : marker;
            started = true;
            return indent + lead + line;
        }

        @Override
        public Element element() {
            return element;
        }
    }

    private static final class Panel implements Context {
        private final Element element;
        private final String label;
        private final List<String> lines = new ArrayList<>();

        Panel(Element element, String label) {
            this.element = element;
            this.label = label;
        }

        String text() {
            String lead = label.isEmpty() ? ""
                    : Character.isLetterOrDigit(label.charAt(label.length() - 1)) ? label + ": " : label + " ";
            return lead + String.join("\n", lines);
        }

        @Override
        public Element element() {
            return element;
        }
    }

    private final PageStructureBuilder page;
    private final StringBuilder text = new StringBuilder();
    // Stacks, innermost first. Kept apart so that each decision looks at one top element: deeply nested
    // unclosed tags must not make every flush walk the whole stack.
    /** Every open context, to close it at its element's end. */
    private final Deque<Context> open = new ArrayDeque<>();
    /** Headings still waiting for their title, panels and items: the top one decides what text becomes. */
    private final Deque<Context> writers = new ArrayDeque<>();
    private final Deque<ListOf> lists = new ArrayDeque<>();
    /** Only the innermost panel ever holds lines not yet emitted. */
    private final Deque<Panel> panels = new ArrayDeque<>();
    private int openTables;

    StorageFormatWalker(PageStructureBuilder page) {
        this.page = page;
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
            if (!isCode(textNode)) {
                text.append(textNode.getWholeText());
                page.ensureRoomFor(text.length());
            }
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
        }
        if (StorageElements.isNeverContent(e)) {
            return FilterResult.SKIP_ENTIRELY;
        }
        String words = StorageElements.wordsFor(e);
        if (words != null) {
            text.append(words);
        }
        return enter(e);
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
        }
        if (!open.isEmpty() && open.peek().element() == e) {
            flushText();
            close(open.pop());
        } else if (e.normalName().equals("table")) {
            flushText();
            openTables--;
        } else if (StorageElements.separatesWords(e) && !e.normalName().equals("br")) {
            flushText(); // not after <br>: in XML an unclosed <br> holds the rest of its line
        }
        return FilterResult.CONTINUE;
    }

    /** Flushes what the last elements left open; the builder then holds the whole page. */
    void finish() {
        flushText();
        flushPanels();
    }

    private void push(Context context) {
        open.push(context);
        switch (context) {
            case ListOf list -> lists.push(list);
            case Panel panel -> {
                panels.push(panel);
                writers.push(panel);
            }
            case Heading heading -> writers.push(heading);
            case Item item -> writers.push(item);
        }
    }

    private void close(Context context) {
        switch (context) {
            case ListOf list -> lists.pop();
            case Panel panel -> {
                emitPanel(panel);
                panels.pop();
                removeWriter(panel);
            }
            case Heading heading -> removeWriter(heading);
            case Item item -> removeWriter(item);
        }
    }

    /** A closing writer is on top: the ones inside it closed first. A heading that got its title left already. */
    private void removeWriter(Context writer) {
        if (writers.peek() == writer) {
            writers.pop();
        }
    }

    private FilterResult enter(Element e) {
        String name = e.normalName();
        int level = StorageElements.headingLevel(e);
        if (level > 0) {
            flushText();
            push(new Heading(e, level));
            return FilterResult.CONTINUE;
        }
        String panelLabel = StorageElements.panelLabel(e);
        if (panelLabel != null) {
            flushText();
            flushPanels();
            push(new Panel(e, panelLabel));
            return FilterResult.CONTINUE;
        }
        switch (name) {
            case "table" -> {
                flushText();
                flushPanels();
                TableRowRenderer.rows(e).forEach(row -> page.add(Kind.TABLE_ROW, row));
                openTables++;
            }
            case "td", "th" -> {
                if (openTables > 0) {
                    return FilterResult.SKIP_ENTIRELY; // rendered with its table
                }
                flushText();
            }
            case "pre" -> {
                flushText();
                flushPanels();
                addCode("", e.wholeText());
                return FilterResult.SKIP_ENTIRELY;
            }
            case "ac:plain-text-body" -> {
                flushText();
                flushPanels();
                Element macro = e.parent();
                boolean code = macro != null && StorageElements.isCodeMacro(macro);
                addCode(code ? StorageElements.parameter(macro, "language") : "", ownText(e));
            }
            case "ul", "ol", "ac:task-list" -> {
                flushText();
                int depth = lists.isEmpty() ? 1 : lists.peek().depth + 1;
                push(new ListOf(e, name.equals("ol"), depth, start(e)));
            }
            case "li", "ac:task" -> {
                flushText();
                push(item(e));
            }
            case "br" -> text.append(' ');
            default -> {
                if (StorageElements.separatesWords(e)) {
                    flushText();
                }
            }
        }
        return FilterResult.CONTINUE;
    }

    /**
     * Turns the buffered text into whatever the innermost open element makes of it: the heading's title, a line
     * of a panel, a list item (inside a panel: a line of it) or a paragraph.
     */
    private void flushText() {
        if (text.isEmpty()) {
            return;
        }
        String line = TextNormalizer.collapseWhitespace(text);
        text.setLength(0);
        if (line.isEmpty()) {
            return;
        }
        switch (writers.peek()) {
            case Heading heading -> {
                writers.pop();
                flushPanels();
                page.startSection(heading.level(), line);
            }
            case Panel panel -> panel.lines.add(line);
            case Item item when panels.isEmpty() -> page.add(Kind.LIST_ITEM, item.format(line));
            case Item item -> panels.peek().lines.add(item.format(line));
            case null, default -> page.add(Kind.PARAGRAPH, line);
        }
    }

    /** Emits the lines the open panel has gathered so far, so that a block that follows them keeps its place. */
    private void flushPanels() {
        if (!panels.isEmpty()) {
            emitPanel(panels.peek());
        }
    }

    private void emitPanel(Panel panel) {
        if (!panel.lines.isEmpty()) {
            page.add(Kind.PANEL, panel.text());
            panel.lines.clear();
        }
    }

    private void addCode(String language, String body) {
        String code = CodeBlockFormatter.format(language, body);
        if (!code.isEmpty()) {
            page.add(Kind.CODE, code);
        }
    }

    private Item item(Element e) {
        ListOf list = lists.peek();
        String indent = list == null ? "" : "  ".repeat(Math.min(list.depth - 1, MAX_INDENT_LEVELS));
        String marker;
        if (e.normalName().equals("ac:task")) {
            marker = isComplete(e) ? "- [x] " : "- [ ] ";
        } else if (list != null && list.ordered) {
            marker = list.next++ + ". ";
        } else {
            marker = "- ";
        }
        return new Item(e, indent, marker);
    }

    private static int start(Element list) {
        try {
            return list.hasAttr("start") ? Integer.parseInt(list.attr("start").strip()) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isComplete(Element task) {
        for (Element child : task.children()) {
            if (child.normalName().equals("ac:task-status")) {
                return child.text().strip().equalsIgnoreCase("complete");
            }
        }
        return false;
    }

    /** The verbatim text of a plain-text body: its text and CDATA children, not elements an unclosed tag swallowed. */
    private static String ownText(Element body) {
        StringBuilder code = new StringBuilder();
        for (Node child : body.childNodes()) {
            if (child instanceof TextNode textNode) {
                code.append(textNode.getWholeText());
            }
        }
        return code.toString();
    }

    private static boolean isCode(TextNode textNode) {
        Node parent = textNode.parentNode();
        return parent instanceof Element e && e.normalName().equals("ac:plain-text-body");
    }
}
