package io.github.confluenceassistant.localstack.airbyte;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An API request, read off the exchange.
 *
 * @param path    the path below the API's base path, e.g. {@code /jobs/12}
 * @param baseUrl the API's base URL as the client addressed it, for links in responses
 */
record ApiRequest(String method, String path, Map<String, String> query, String authorization, String body,
                  String baseUrl) {

    /** A request the API cannot make sense of: answered 400. */
    static final class BadRequestException extends RuntimeException {
        BadRequestException(String message) {
            super(message);
        }
    }

    static ApiRequest read(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String contextPath = exchange.getHttpContext().getPath();
        String path = uri.getPath().substring(contextPath.length());
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path.isEmpty() ? "/" : path,
                queryParameters(uri.getRawQuery()), exchange.getRequestHeaders().getFirst("Authorization"),
                readBody(exchange), "http://" + host + contextPath);
    }

    boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    /** The path's segments: {@code /jobs/12} gives {@code [jobs, 12]}. */
    List<String> segments() {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    /** The body as JSON; an empty body reads as a missing node. */
    JsonNode json(JsonMapper json) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The credentials after the scheme ({@code Bearer}, {@code Basic}), or null. */
    String credentials(String scheme) {
        if (authorization == null || !authorization.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
            return null;
        }
        return authorization.substring(scheme.length() + 1).trim();
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }
}
