package io.github.confluenceassistant.batch.confluence;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeFilter.FilterResult;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Renders each body row of a table as one line that still makes sense alone ("Owner: Payments; On call: Ana"),
 * labelling cells with the header row when the table has one, else joining them with " | ".
 * <p>
 * Rows and cells are found by ownership rather than by position, so nested tables stay inside their cell and
 * unclosed {@code <td>} or {@code <tr>} tags (which nest the next cell or row inside) do not duplicate text.
 */
final class TableRowRenderer {

    private static final int MAX_COLSPAN = 100;

    private TableRowRenderer() {
    }

    static List<String> rows(Element table) {
        List<Element> rows = collect(table, "tr");
        if (rows.isEmpty()) {
            return List.of();
        }
        Element headerRow = headerRow(rows);
        List<String> headers = headerRow == null ? List.of() : columnTexts(headerRow);
        List<String> lines = new ArrayList<>();
        for (Element row : rows) {
            if (row != headerRow) {
                String line = headers.isEmpty() ? unlabelled(row) : labelled(row, headers);
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        if (lines.isEmpty() && headerRow != null) {
            String line = unlabelled(headerRow);
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The row in {@code <thead>}, else the first row when all its cells are {@code <th>}. */
    private static Element headerRow(List<Element> rows) {
        for (Element row : rows) {
            Element parent = row.parent();
            if (parent != null && parent.normalName().equals("thead")) {
                return row;
            }
        }
        List<Element> firstCells = cells(rows.getFirst());
        boolean allHeaders = !firstCells.isEmpty()
                && firstCells.stream().allMatch(cell -> cell.normalName().equals("th"));
        return allHeaders ? rows.getFirst() : null;
    }

    private static String labelled(Element row, List<String> headers) {
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (Element cell : cells(row)) {
            String value = cellText(cell);
            String header = column < headers.size() ? headers.get(column) : "";
            column += colspan(cell);
            if (value.isEmpty()) {
                continue;
            }
            if (!line.isEmpty()) {
                line.append("; ");
            }
            if (!header.isEmpty() && !header.equals(value)) {
                line.append(header).append(": ");
            }
            line.append(value);
        }
        return line.toString();
    }

    private static String unlabelled(Element row) {
        StringBuilder line = new StringBuilder();
        for (Element cell : cells(row)) {
            String value = cellText(cell);
            if (!value.isEmpty()) {
                line.append(line.isEmpty() ? "" : " | ").append(value);
            }
        }
        return line.toString();
    }

    /** One text per column: a header spanning two columns labels both. */
    private static List<String> columnTexts(Element row) {
        List<String> columns = new ArrayList<>();
        for (Element cell : cells(row)) {
            columns.addAll(Collections.nCopies(colspan(cell), cellText(cell)));
        }
        return columns;
    }

    private static List<Element> cells(Element row) {
        return collect(row, "td", "th");
    }

    /**
     * Descendants with one of the names that belong to this table or row: nested tables are not entered, and
     * neither are nested rows when collecting cells (an unclosed {@code <tr>} nests the next row inside it).
     */
    private static List<Element> collect(Element root, String... names) {
        List<String> wanted = List.of(names);
        List<Element> found = new ArrayList<>();
        NodeTraversor.filter((node, depth) -> {
            if (node == root || !(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String name = e.normalName();
            if (name.equals("table") || (name.equals("tr") && !wanted.contains("tr"))) {
                return FilterResult.SKIP_ENTIRELY;
            }
            if (wanted.contains(name)) {
                found.add(e);
            }
            return FilterResult.CONTINUE;
        }, root);
        return found;
    }

    /** A cell's words on one line; rows and cells of the same table inside it (unclosed tags) are left out. */
    private static String cellText(Element cell) {
        StringBuilder text = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            private int nestedTables;

            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.getWholeText());
                } else if (node instanceof Element e && e != cell) {
                    if (StorageElements.isNeverContent(e) || (nestedTables == 0 && isTablePart(e))) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (e.normalName().equals("table")) {
                        nestedTables++;
                    }
                    String words = StorageElements.wordsFor(e);
                    if (words != null) {
                        text.append(words);
                    }
                    if (StorageElements.separatesWords(e)) {
                        text.append(' ');
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && e != cell && e.normalName().equals("table")) {
                    nestedTables--;
                }
                return FilterResult.CONTINUE;
            }
        }, cell);
        return TextNormalizer.collapseWhitespace(text);
    }

    private static boolean isTablePart(Element e) {
        String name = e.normalName();
        return name.equals("tr") || name.equals("td") || name.equals("th");
    }

    private static int colspan(Element cell) {
        try {
            return Math.clamp(Integer.parseInt(cell.attr("colspan").strip()), 1, MAX_COLSPAN);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
