package io.github.confluenceassistant.batch.confluence;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

import java.util.List;

/**
 * Turns a page's Confluence storage format (XHTML with {@code ac:} and {@code ri:} elements) into its text,
 * grouped by heading, in blocks the splitter should not cut: paragraphs, list items, table rows, code, panels.
 * <p>
 * The body is parsed with jsoup's XML parser: it keeps namespaced elements and CDATA exactly as written (an HTML
 * parser would re-nest macros around {@code <p>} and {@code <table>} by HTML rules) and, like every jsoup parser,
 * never rejects input; an unclosed tag just extends to its parent's end, which the walker tolerates.
 * <p>
 * Sections: every non-empty {@code h1}..{@code h6} starts one, under the headings of lower level still open.
 * Its anchor follows Confluence Cloud: the heading's text with each run of whitespace replaced by '-', then every
 * character other than a letter, digit, '-', '_' or '.' removed ("Roll back & retry!" becomes "Roll-back--retry").
 * Headings that repeat within a page get the same anchor, so a link lands on the first of them.
 * <p>
 * Macros: code and noformat become code blocks; info, note, tip, warning, panel and expand keep their body as
 * panel blocks led by their kind or title; toc, children, recently-updated, pagetree, contentbylabel, attachments,
 * livesearch and similar listings are dropped; any other macro keeps its body.
 */
public class StorageFormatCleaner {

    /** About a thousand printed pages: far beyond any real page, small enough to keep a run's memory bounded. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 5_000_000;
    /** Storage markup is rarely ten times longer than its text; a body beyond that is not worth parsing. */
    private static final int MAX_MARKUP_PER_TEXT_CHAR = 10;

    private final int maxTextChars;

    public StorageFormatCleaner() {
        this(DEFAULT_MAX_TEXT_CHARS);
    }

    /** @param maxTextChars pages whose cleaned text is longer are rejected as unprocessable */
    public StorageFormatCleaner(int maxTextChars) {
        if (maxTextChars <= 0) {
            throw new IllegalArgumentException("maxTextChars must be positive, got " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
    }

    /**
     * @return the page's text by section; empty when the body holds no text
     * @throws UnprocessablePageException when the body or its text is over the size limit, or cannot be read
     */
    public PageStructure clean(String storageXhtml) {
        if (storageXhtml == null || storageXhtml.isBlank()) {
            return new PageStructure(List.of());
        }
        long maxMarkupChars = (long) maxTextChars * MAX_MARKUP_PER_TEXT_CHAR;
        if (storageXhtml.length() > maxMarkupChars) {
            throw new UnprocessablePageException("Storage body is " + storageXhtml.length()
                    + " characters, over the limit of " + maxMarkupChars);
        }
        PageStructureBuilder page = new PageStructureBuilder(maxTextChars);
        try {
            Document document = Jsoup.parse(TextNormalizer.stripControlCharacters(storageXhtml), "",
                    Parser.xmlParser());
            StorageFormatWalker walker = new StorageFormatWalker(page);
            NodeTraversor.filter(walker, document);
            walker.finish();
        } catch (StackOverflowError | RuntimeException e) {
            if (e instanceof UnprocessablePageException unprocessable) {
                throw unprocessable;
            }
            throw new UnprocessablePageException("Cannot read the storage body: " + e, e);
        }
        return page.build();
    }
}
