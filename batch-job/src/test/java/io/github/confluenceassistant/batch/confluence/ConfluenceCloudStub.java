package io.github.confluenceassistant.batch.confluence;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Confluence Cloud's REST API v2 as far as the body fetcher uses it: {@code GET /wiki/api/v2/pages/{id}} and
 * {@code /wiki/api/v2/blogposts/{id}} with {@code body-format=storage} and basic auth (e-mail + API token), answering
 * the v2 content shape with the storage bodies of a dataset. Can throttle or hold the first request for a page.
 */
final class ConfluenceCloudStub implements AutoCloseable {

    static final String EMAIL = "ingest-bot@example.com";
    /** Looks like an Atlassian API token; must never show up in a log. */
    static final String API_TOKEN = "ATATT3xFfGF0TestTokenThatMustNeverBeLogged9f8e7d6c";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    ConfluenceCloudStub() {
        server.start();
    }

    /** What {@code assistant.confluence.site-url} is set to: the base that {@code /api/v2/...} goes after. */
    String siteUrl() {
        return server.baseUrl() + "/wiki";
    }

    /** Answers every page and blog post of the dataset with its body, or with the body given for its id. */
    ConfluenceCloudStub serve(ConfluenceDataset dataset, Map<String, String> bodiesById) {
        Stream.concat(dataset.pages().stream(), dataset.blogPosts().stream()).forEach(content ->
                server.stubFor(request(content).willReturn(ok(v2(content, bodiesById.get(content.get("id").asString()))))));
        return this;
    }

    ConfluenceCloudStub serve(ConfluenceDataset dataset) {
        return serve(dataset, Map.of());
    }

    /** The first request for the content answers 429 with {@code Retry-After: 1}, as Cloud's rate limit does. */
    ConfluenceCloudStub throttleFirstRequest(ConfluenceDataset dataset, String id) {
        return firstRequestThen(dataset, id, aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":429,\"message\":\"Rate limit exceeded\"}"));
    }

    /** The first request for the content gets no answer for a minute: a process killed meanwhile never sees one. */
    ConfluenceCloudStub holdFirstRequest(ConfluenceDataset dataset, String id) {
        ObjectNode content = find(dataset, id);
        return firstRequestThen(dataset, id, ok(v2(content, null)).withFixedDelay(60_000));
    }

    private ConfluenceCloudStub firstRequestThen(ConfluenceDataset dataset, String id, ResponseDefinitionBuilder first) {
        ObjectNode content = find(dataset, id);
        String scenario = "first request for " + id;
        server.stubFor(request(content).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("answered"));
        server.stubFor(request(content).inScenario(scenario).whenScenarioStateIs("answered")
                .willReturn(ok(v2(content, null))));
        return this;
    }

    /** Requests received, by content id (page or blog post). */
    Map<String, Long> requestsById() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest().getUrl())
                .filter(url -> url.startsWith("/wiki/api/v2/"))
                .collect(Collectors.groupingBy(ConfluenceCloudStub::contentId, TreeMap::new, Collectors.counting()));
    }

    List<LoggedRequest> requestsWithoutTheRightCredentials() {
        return server.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !new BasicCredentials(EMAIL, API_TOKEN).asAuthorizationHeaderValue()
                        .equals(r.getHeader("Authorization")))
                .toList();
    }

    int requestCount() {
        return server.getAllServeEvents().size();
    }

    private static String contentId(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static MappingBuilder request(JsonNode content) {
        String kind = "blogpost".equals(content.path("type").asString("page")) ? "blogposts" : "pages";
        return get(urlPathEqualTo("/wiki/api/v2/" + kind + "/" + content.get("id").asString()))
                .withQueryParam("body-format", equalTo("storage"))
                .withBasicAuth(EMAIL, API_TOKEN);
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    /** The REST v2 page (or blog post) object for a dataset record, which is REST v1-shaped; {@code body} overrides. */
    private static String v2(JsonNode v1, String body) {
        ObjectNode page = JSON.createObjectNode();
        page.put("id", v1.get("id").asString());
        page.put("status", v1.path("status").asString("current"));
        page.put("title", v1.path("title").asString());
        page.put("spaceId", v1.path("space").path("id").asString());
        JsonNode ancestors = v1.path("ancestors");
        if (!"blogpost".equals(v1.path("type").asString()) && ancestors.isArray() && !ancestors.isEmpty()) {
            page.put("parentId", ancestors.get(ancestors.size() - 1).path("id").asString());
            page.put("parentType", "page");
        }
        page.put("authorId", v1.path("history").path("createdBy").path("accountId").asString());
        page.put("createdAt", v1.path("history").path("createdDate").asString());
        ObjectNode version = page.putObject("version");
        version.put("createdAt", v1.path("version").path("when").asString());
        version.put("message", v1.path("version").path("message").asString(""));
        version.put("number", v1.path("version").path("number").asInt());
        version.put("minorEdit", v1.path("version").path("minorEdit").asBoolean(false));
        ObjectNode storage = page.putObject("body").putObject("storage");
        storage.put("representation", "storage");
        storage.put("value", body != null ? body : v1.path("body").path("storage").path("value").asString(""));
        ObjectNode links = page.putObject("_links");
        links.put("webui", v1.path("_links").path("webui").asString());
        links.put("editui", "/pages/resumedraft.action?draftId=" + v1.get("id").asString());
        links.put("tinyui", "/x/" + Integer.toHexString(v1.get("id").asString().hashCode()));
        return JSON.writeValueAsString(page);
    }

    private static ObjectNode find(ConfluenceDataset dataset, String id) {
        return Stream.concat(dataset.pages().stream(), dataset.blogPosts().stream())
                .filter(p -> id.equals(p.get("id").asString())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No content " + id + " in " + dataset));
    }

    @Override
    public void close() {
        server.stop();
    }
}
