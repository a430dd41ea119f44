package io.github.confluenceassistant.localstack.dataset;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines file of objects; a bad line fails with the file name and line number. */
final class JsonLinesReader {

    private final JsonMapper json;

    JsonLinesReader(JsonMapper json) {
        this.json = json;
    }

    List<ObjectNode> read(BufferedReader reader, String source) {
        List<ObjectNode> objects = new ArrayList<>();
        int lineNumber = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    objects.add(parse(line, source, lineNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + " (after line " + lineNumber + ")", e);
        }
        return objects;
    }

    private ObjectNode parse(String line, String source, int lineNumber) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException(source + " line " + lineNumber + ": expected a JSON object, found "
                + node.getNodeType());
    }
}
