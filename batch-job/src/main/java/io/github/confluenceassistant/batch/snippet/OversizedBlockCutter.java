package io.github.confluenceassistant.batch.snippet;

import dev.langchain4j.model.TokenCountEstimator;
import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts a block too big for one snippet into pieces of about the target size, at the gentlest boundaries that
 * work: lines (code, panels), then cells (table rows) or sentences (prose), and only as a last resort inside a
 * sentence or line, by characters. Fenced code is re-fenced in every piece so each one still reads as code.
 */
final class OversizedBlockCutter {

    private static final String FENCE = "```";
    /** Attempts at finding a character cut before giving up and taking a single character. */
    private static final int MAX_ATTEMPTS = 40;

    private enum Level { BLOCK, LINES, CELLS, SENTENCES, CHARACTERS }

    /** Part of a block that fits the budget, and what joins it to the part before. */
    private record Unit(String text, int tokens, String separator) {
    }

    /** Budget: hard limit per piece; target: size pieces are filled to; chars: length limit per piece. */
    private record Limits(int budget, int target, int chars) {
    }

    private final TokenCountEstimator tokens;
    private final int maxChars;
    private final Map<String, Integer> separatorTokens = new ConcurrentHashMap<>();

    OversizedBlockCutter(TokenCountEstimator tokens, int maxChars) {
        this.tokens = tokens;
        this.maxChars = maxChars;
    }

    /** Pieces of at most {@code budget} tokens and the character limit, filled up to about {@code target}. */
    List<Piece> cut(String text, Kind kind, int budget, int target) {
        if (kind == Kind.CODE && isFenced(text)) {
            return cutFencedCode(text, budget, target);
        }
        List<Unit> units = new ArrayList<>();
        split(text, kind, new Limits(budget, target, maxChars), Level.BLOCK, "", units);
        return pack(units, kind, new Limits(budget, target, maxChars));
    }

    private List<Piece> cutFencedCode(String text, int budget, int target) {
        String open = text.substring(0, text.indexOf('\n'));
        String inner = text.substring(text.indexOf('\n') + 1, text.lastIndexOf('\n'));
        String close = text.substring(text.lastIndexOf('\n') + 1);
        int fenceTokens = tokens.estimateTokenCountInText(open + "\n" + close);
        int fenceChars = open.length() + close.length() + 2;
        Limits limits = new Limits(Math.max(1, budget - fenceTokens), Math.max(1, target - fenceTokens),
                Math.max(1, maxChars - fenceChars));
        List<Unit> units = new ArrayList<>();
        split(inner, Kind.CODE, limits, Level.BLOCK, "", units);
        List<Piece> pieces = new ArrayList<>();
        for (Piece piece : pack(units, Kind.CODE, limits)) {
            pieces.add(new Piece(open + "\n" + piece.text() + "\n" + close, piece.tokens() + fenceTokens, Kind.CODE));
        }
        return pieces;
    }

    /** Adds to {@code units} the parts of a text too big to be one, each at the coarsest level where it fits. */
    private void split(String text, Kind kind, Limits limits, Level level, String separator, List<Unit> units) {
        Level next = finer(level, kind);
        if (next == Level.CHARACTERS) {
            cutCharacters(text, kind == Kind.CODE, limits, separator, units);
            return;
        }
        List<String> parts = parts(text, kind, next);
        if (parts.size() <= 1) {
            split(text, kind, limits, next, separator, units);
            return;
        }
        String joiner = joiner(text, next);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String before = i == 0 ? separator : joiner;
            int count = part.length() <= limits.chars() ? tokens.estimateTokenCountInText(part) : Integer.MAX_VALUE;
            if (count <= limits.budget()) {
                units.add(new Unit(part, count + separatorTokens(before), before));
            } else {
                split(part, kind, limits, next, before, units);
            }
        }
    }

    /** Tokens of the separator a unit is joined with ("; " is one, spaces and line ends none), counted once. */
    private int separatorTokens(String separator) {
        return separator.isBlank() ? 0 : separatorTokens.computeIfAbsent(separator, tokens::estimateTokenCountInText);
    }

    private static Level finer(Level level, Kind kind) {
        return switch (level) {
            case BLOCK -> Level.LINES;
            case LINES -> kind == Kind.CODE ? Level.CHARACTERS : kind == Kind.TABLE_ROW ? Level.CELLS : Level.SENTENCES;
            case CELLS, SENTENCES, CHARACTERS -> Level.CHARACTERS;
        };
    }

    private static List<String> parts(String text, Kind kind, Level level) {
        return switch (level) {
            case LINES -> TextBoundaries.lines(text, kind == Kind.CODE);
            case CELLS -> List.of(text.split(cellSeparator(text), -1));
            case SENTENCES -> TextBoundaries.sentences(text);
            case BLOCK, CHARACTERS -> List.of(text);
        };
    }

    private static String joiner(String text, Level level) {
        return switch (level) {
            case LINES -> "\n";
            case CELLS -> cellSeparator(text).equals("; ") ? "; " : " | ";
            case SENTENCES, BLOCK, CHARACTERS -> " ";
        };
    }

    /** As a regular expression: rows are "Header: value; Header: value" or "value | value". */
    private static String cellSeparator(String row) {
        return row.contains("; ") ? "; " : " \\| ";
    }

    /**
     * Cuts a line or sentence with no better boundary into parts of about the target size, preferring spaces.
     * Counting a prefix of about the right size, never the whole remainder, keeps this linear in the text's length.
     */
    private void cutCharacters(String text, boolean verbatim, Limits limits, String separator, List<Unit> units) {
        String before = separator;
        int start = 0;
        while (start < text.length()) {
            int length = Math.min(text.length() - start, limits.chars());
            int end = start;
            int count = 0;
            for (int attempt = 0; attempt < MAX_ATTEMPTS && length > 0; attempt++) {
                end = snap(text, start, start + length);
                count = tokens.estimateTokenCountInText(text.substring(start, end));
                if (count <= limits.target()) {
                    break;
                }
                length = Math.min(end - start - 1, (int) ((long) (end - start) * limits.target() / count * 9 / 10));
            }
            if (count > limits.target() || end <= start) {
                end = start + Character.charCount(text.codePointAt(start));
                count = tokens.estimateTokenCountInText(text.substring(start, end));
            }
            String part = text.substring(start, end);
            units.add(new Unit(verbatim ? part : part.strip(), count + separatorTokens(before), before));
            before = end < text.length() && Character.isWhitespace(text.charAt(end)) ? " " : "";
            start = end;
            while (!verbatim && start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
    }

    /** Moves a cut back to the last space in its final third, if any, and off the middle of a surrogate pair. */
    private static int snap(String text, int start, int end) {
        if (end >= text.length()) {
            return text.length();
        }
        int floor = start + (end - start) * 2 / 3;
        for (int i = end; i > floor; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(end)) && end - 1 > start ? end - 1 : end;
    }

    /** Joins consecutive units into pieces up to the target, never past the budget or the character limit. */
    private static List<Piece> pack(List<Unit> units, Kind kind, Limits limits) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (Unit unit : units) {
            int length = text.length() + unit.separator().length() + unit.text().length();
            if (!text.isEmpty() && (count + unit.tokens() > limits.target() || length > limits.chars())) {
                addPiece(pieces, text, count, kind);
                text.setLength(0);
                count = 0;
            }
            if (!text.isEmpty()) {
                text.append(unit.separator());
            }
            text.append(unit.text());
            count += unit.tokens();
        }
        addPiece(pieces, text, count, kind);
        return pieces;
    }

    private static void addPiece(List<Piece> pieces, StringBuilder text, int count, Kind kind) {
        String piece = kind == Kind.CODE ? withoutBlankLinesAround(text.toString()) : text.toString().strip();
        if (!piece.isBlank()) {
            pieces.add(new Piece(piece, count, kind));
        }
    }

    private static String withoutBlankLinesAround(String code) {
        int first = 0;
        while (first < code.length() && Character.isWhitespace(code.charAt(first))) {
            first++;
        }
        return code.substring(code.lastIndexOf('\n', first) + 1).stripTrailing();
    }

    private static boolean isFenced(String text) {
        int firstLineEnd = text.indexOf('\n');
        int lastLineStart = text.lastIndexOf('\n');
        return text.startsWith(FENCE) && firstLineEnd > 0 && lastLineStart > firstLineEnd
                && text.substring(lastLineStart + 1).equals(FENCE);
    }
}
