package io.github.confluenceassistant.batch.snippet;

import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;

import java.util.ArrayList;
import java.util.List;

/** The pieces one snippet is made of, the first possibly repeated from the end of the snippet before. */
final class Chunk {

    private final List<Piece> pieces = new ArrayList<>();
    private boolean startsWithOverlap;
    private int tokens;
    private int chars;

    void addOverlap(Piece overlap) {
        add(overlap);
        startsWithOverlap = true;
    }

    void add(Piece piece) {
        chars += (pieces.isEmpty() ? 0 : 2) + piece.text().length();
        tokens += piece.tokens();
        pieces.add(piece);
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    List<Piece> pieces() {
        return pieces;
    }

    List<Piece> ownPieces() {
        return startsWithOverlap ? pieces.subList(1, pieces.size()) : pieces;
    }

    int overlapTokens() {
        return startsWithOverlap ? pieces.getFirst().tokens() : 0;
    }

    /** Tokens of the pieces, as counted one by one. */
    int tokens() {
        return tokens;
    }

    int chars() {
        return chars;
    }

    int joins() {
        return Math.max(0, pieces.size() - 1);
    }

    /** Consecutive list items and table rows stay on adjacent lines; other blocks are separated by a blank line. */
    String text() {
        StringBuilder text = new StringBuilder(chars);
        Piece previous = null;
        for (Piece piece : pieces) {
            if (previous != null) {
                boolean sameList = previous.kind() == piece.kind()
                        && (piece.kind() == Kind.LIST_ITEM || piece.kind() == Kind.TABLE_ROW);
                text.append(sameList ? "\n" : "\n\n");
            }
            text.append(piece.text());
            previous = piece;
        }
        return text.toString();
    }
}
