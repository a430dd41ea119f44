package io.github.confluenceassistant.batch.snippet;

/**
 * How big snippets are, in tokens of the embedding model.
 *
 * @param targetTokens  a snippet is filled with whole blocks up to about this size
 * @param maxTokens     hard limit for the embedded text, context included: the model's input window
 * @param overlapTokens how much of the previous snippet's end the next one in the same section repeats
 */
public record SplitterSettings(int targetTokens, int maxTokens, int overlapTokens) {

    public static final int DEFAULT_TARGET_TOKENS = 350;
    /** The BGE window: BERT's 512 positions minus [CLS] and [SEP]. */
    public static final int DEFAULT_MAX_TOKENS = 510;
    public static final int DEFAULT_OVERLAP_TOKENS = 40;

    public SplitterSettings {
        if (overlapTokens <= 0 || overlapTokens >= targetTokens || targetTokens > maxTokens) {
            throw new IllegalArgumentException("Snippet sizes need 0 < overlapTokens < targetTokens <= maxTokens, got "
                    + "overlapTokens=" + overlapTokens + ", targetTokens=" + targetTokens + ", maxTokens=" + maxTokens);
        }
    }

    public static SplitterSettings defaults() {
        return new SplitterSettings(DEFAULT_TARGET_TOKENS, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }
}
