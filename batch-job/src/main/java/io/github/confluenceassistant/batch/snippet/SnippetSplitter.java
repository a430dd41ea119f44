package io.github.confluenceassistant.batch.snippet;

import dev.langchain4j.model.TokenCountEstimator;
import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.batch.confluence.PageStructure;
import io.github.confluenceassistant.batch.confluence.PageStructure.Block;
import io.github.confluenceassistant.batch.confluence.PageStructure.Section;
import io.github.confluenceassistant.shared.snippet.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a cleaned page into snippets that fit the embedding model's window.
 * <p>
 * A snippet never spans two sections, so its section and anchor are exact. Within a section whole blocks are
 * packed up to the target size; a block is cut only when it cannot fit one snippet on its own. Every snippet's
 * {@link Snippet#textForEmbedding()} (breadcrumb and section included) stays within the maximum: sizes are
 * planned from token counts taken once per block, and a snippet whose planned size comes close to the maximum is
 * counted again as a whole and halved until it fits.
 */
public class SnippetSplitter {

    /** Longer snippets are cut even if the tokenizer says they fit: one unknown "word" can be thousands of characters. */
    private static final int MAX_CHARS_PER_TOKEN = 8;
    /** Counts of pieces may not add up exactly to the count of their joined text; closer than this, count again. */
    private static final int RECOUNT_MARGIN_TOKENS = 8;
    private static final String SECTION_SEPARATOR = " › ";

    private final TokenCountEstimator tokens;
    private final SplitterSettings settings;
    private final OversizedBlockCutter cutter;
    private final SectionPacker packer;
    private final int maxChars;

    public SnippetSplitter(TokenCountEstimator tokens, SplitterSettings settings) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxChars = settings.maxTokens() * MAX_CHARS_PER_TOKEN;
        this.cutter = new OversizedBlockCutter(tokens, maxChars);
        this.packer = new SectionPacker(tokens, settings, maxChars);
    }

    /** The page's snippets in reading order, indexed from 0; none when the structure holds no text. */
    public List<Snippet> split(ConfluencePage page, PageStructure structure) {
        List<Snippet> snippets = new ArrayList<>();
        for (Section section : structure.sections()) {
            if (section.blocks().isEmpty()) {
                continue;
            }
            SnippetContext context = contextOf(page, section);
            int budget = settings.maxTokens() - context.tokens();
            for (Chunk chunk : packer.pack(pieces(section.blocks(), budget), budget)) {
                for (String text : fitted(chunk, context)) {
                    snippets.add(context.snippet(page, snippets.size(), text));
                }
            }
        }
        return List.copyOf(snippets);
    }

    private List<Piece> pieces(List<Block> blocks, int budget) {
        int target = Math.min(settings.targetTokens(), budget);
        List<Piece> pieces = new ArrayList<>();
        for (Block block : blocks) {
            String text = block.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            int count = text.length() <= maxChars ? tokens.estimateTokenCountInText(text) : Integer.MAX_VALUE;
            if (count <= budget) {
                pieces.add(new Piece(text, count, block.kind()));
            } else {
                pieces.addAll(cutter.cut(text, block.kind(), budget, target));
            }
        }
        return pieces;
    }

    /** The chunk's text as one snippet, or, if counting the whole says it is too big after all, as several. */
    private List<String> fitted(Chunk chunk, SnippetContext context) {
        String text = chunk.text();
        int planned = context.tokens() + chunk.tokens() + chunk.joins();
        if (planned <= settings.maxTokens() - RECOUNT_MARGIN_TOKENS) {
            return List.of(text);
        }
        List<String> texts = new ArrayList<>();
        halveUntilFits(text, context, texts);
        return texts;
    }

    private void halveUntilFits(String text, SnippetContext context, List<String> texts) {
        if (text.length() < 2 || tokens.estimateTokenCountInText(context.embeddingText(text)) <= settings.maxTokens()) {
            texts.add(text);
            return;
        }
        int cut = TextBoundaries.middleCut(text);
        for (String half : List.of(text.substring(0, cut).stripTrailing(), text.substring(cut).strip())) {
            if (!half.isEmpty()) {
                halveUntilFits(half, context, texts);
            }
        }
    }

    /**
     * Breadcrumb and section as the snippet will carry them. Context that would take more than half the window
     * (absurdly deep or long headings) is shortened from the front, keeping the most specific part.
     */
    private SnippetContext contextOf(ConfluencePage page, Section section) {
        String breadcrumb = page.breadcrumb();
        String heading = String.join(SECTION_SEPARATOR, section.headingPath());
        int count = tokens.estimateTokenCountInText(SnippetContext.prefix(breadcrumb, heading));
        while (count > settings.maxTokens() / 2 && (breadcrumb.length() > 1 || heading.length() > 1)) {
            if (heading.length() >= breadcrumb.length()) {
                heading = keepEnd(heading);
            } else {
                breadcrumb = keepEnd(breadcrumb);
            }
            count = tokens.estimateTokenCountInText(SnippetContext.prefix(breadcrumb, heading));
        }
        return new SnippetContext(breadcrumb, heading, urlOf(page.url(), section.anchor()), count);
    }

    private static String keepEnd(String text) {
        return "…" + text.substring(text.length() / 2).strip();
    }

    private static String urlOf(String pageUrl, String anchor) {
        int fragment = pageUrl.indexOf('#');
        String base = fragment < 0 ? pageUrl : pageUrl.substring(0, fragment);
        return base.isEmpty() || anchor.isEmpty() ? base : base + "#" + anchor;
    }
}
