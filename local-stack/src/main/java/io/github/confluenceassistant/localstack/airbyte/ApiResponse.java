package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/** A JSON answer with its status and any extra headers. */
record ApiResponse(int status, JsonNode body, Map<String, String> headers) {

    static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body, Map.of());
    }

    static ApiResponse ok(JsonNode body) {
        return of(200, body);
    }

    ApiResponse withHeader(String name, String value) {
        return new ApiResponse(status, body, Map.of(name, value));
    }
}
