package io.github.confluenceassistant.batch.snippet;

import dev.langchain4j.model.TokenCountEstimator;
import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Packs the pieces of one section into chunks: greedily up to the target size, each chunk after the first opening
 * with the last whole sentences or lines of the one before (never code), and a tiny last chunk folded back into
 * the one before when that stays small.
 */
final class SectionPacker {

    private final TokenCountEstimator tokens;
    private final SplitterSettings settings;
    private final int maxChars;

    SectionPacker(TokenCountEstimator tokens, SplitterSettings settings, int maxChars) {
        this.tokens = tokens;
        this.settings = settings;
        this.maxChars = maxChars;
    }

    /** @param budget tokens a chunk may hold at most, the section's context left out; every piece fits it */
    List<Chunk> pack(List<Piece> pieces, int budget) {
        int target = Math.min(settings.targetTokens(), budget);
        List<Chunk> chunks = new ArrayList<>();
        Chunk current = new Chunk();
        for (Piece piece : pieces) {
            boolean fits = current.tokens() + piece.tokens() <= target
                    && current.chars() + 2 + piece.text().length() <= maxChars;
            if (!current.isEmpty() && !fits) {
                chunks.add(current);
                Piece overlap = overlapAfter(current, Math.min(settings.overlapTokens(), budget - piece.tokens()),
                        maxChars - piece.text().length() - 2);
                current = new Chunk();
                if (overlap != null) {
                    current.addOverlap(overlap);
                }
            }
            current.add(piece);
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        foldTinyLastChunk(chunks, budget);
        return chunks;
    }

    /**
     * The end of a chunk, in whole pieces, lines or sentences, of at most {@code limit} tokens and never more than
     * half the chunk; null when nothing fits or the chunk ends in code (repeating half a script helps no one).
     */
    private Piece overlapAfter(Chunk previous, int limit, int charLimit) {
        int room = Math.min(limit, previous.tokens() / 2);
        List<String> parts = new ArrayList<>();
        int taken = 0;
        Kind kind = null;
        List<Piece> pieces = previous.pieces();
        for (int i = pieces.size() - 1; i >= 0 && taken < room; i--) {
            Piece piece = pieces.get(i);
            if (piece.kind() == Kind.CODE) {
                break;
            }
            kind = kind == null ? piece.kind() : kind;
            if (taken + piece.tokens() <= room) {
                parts.add(piece.text());
                taken += piece.tokens();
                continue;
            }
            Piece tail = tailOf(piece, room - taken);
            if (tail != null) {
                parts.add(tail.text());
                taken += tail.tokens();
            }
            break;
        }
        if (parts.isEmpty()) {
            return null;
        }
        Collections.reverse(parts);
        String text = String.join("\n", parts);
        return text.length() <= charLimit ? new Piece(text, taken, kind) : null;
    }

    /** The last lines of a piece that fit, or else the last sentences of its last line. */
    private Piece tailOf(Piece piece, int room) {
        if (piece.kind() == Kind.TABLE_ROW) {
            return null; // half a row has lost its meaning
        }
        List<String> lines = TextBoundaries.lines(piece.text(), false);
        Piece tail = lastUnits(lines, room, "\n");
        if (tail == null && !lines.isEmpty()) {
            tail = lastUnits(TextBoundaries.sentences(lines.getLast()), room, " ");
        }
        return tail;
    }

    private Piece lastUnits(List<String> units, int room, String joiner) {
        List<String> taken = new ArrayList<>();
        int count = 0;
        for (int i = units.size() - 1; i >= 0; i--) {
            int unitTokens = tokens.estimateTokenCountInText(units.get(i));
            if (count + unitTokens > room) {
                break;
            }
            taken.add(units.get(i));
            count += unitTokens;
        }
        if (taken.isEmpty()) {
            return null;
        }
        Collections.reverse(taken);
        return new Piece(String.join(joiner, taken), count, Kind.PARAGRAPH);
    }

    private void foldTinyLastChunk(List<Chunk> chunks, int budget) {
        if (chunks.size() < 2) {
            return;
        }
        Chunk last = chunks.getLast();
        Chunk previous = chunks.get(chunks.size() - 2);
        int ownTokens = last.tokens() - last.overlapTokens();
        int ownChars = 0;
        for (Piece piece : last.ownPieces()) {
            ownChars += piece.text().length() + 2;
        }
        boolean tiny = ownTokens < settings.targetTokens() / 4;
        boolean staysSmall = previous.tokens() + ownTokens <= Math.min(settings.targetTokens() + settings.overlapTokens(), budget)
                && previous.chars() + ownChars <= maxChars;
        if (tiny && staysSmall) {
            last.ownPieces().forEach(previous::add);
            chunks.removeLast();
        }
    }
}
