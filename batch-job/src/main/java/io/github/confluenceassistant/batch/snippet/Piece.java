package io.github.confluenceassistant.batch.snippet;

import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;

/** A block, or part of one too big to embed whole, with its size in tokens counted once. */
record Piece(String text, int tokens, Kind kind) {
}
