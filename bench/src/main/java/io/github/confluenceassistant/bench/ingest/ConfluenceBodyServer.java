package io.github.confluenceassistant.bench.ingest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;

/**
 * A simulated Confluence Cloud serving the page bodies that the Airbyte stand-in leaves empty ({@code --empty-bodies}):
 * REST v2 {@code GET /wiki/api/v2/pages/{id}?body-format=storage} and {@code /wiki/api/v2/blogposts/{id}?...},
 * with basic auth, answering each content's real body from the dataset. Counts the body requests it served.
 */
public final class ConfluenceBodyServer implements AutoCloseable {

    public static final String EMAIL = "bench@example.com";
    public static final String API_TOKEN = "bench";
    private static final String BODY_PATHS = "/wiki/api/v2/(pages|blogposts)/[^/]+";

    private final WireMockServer server;

    private ConfluenceBodyServer(WireMockServer server) {
        this.server = server;
    }

    public static ConfluenceBodyServer start(ConfluenceDataset dataset) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new Slf4jNotifier(false)));
        server.start();
        JsonMapper json = JsonMapper.shared();
        dataset.pages().forEach(page -> stub(server, json, "pages", page));
        dataset.blogPosts().forEach(post -> stub(server, json, "blogposts", post));
        return new ConfluenceBodyServer(server);
    }

    private static void stub(WireMockServer server, JsonMapper json, String collection, ObjectNode content) {
        String id = content.path("id").asString();
        ObjectNode response = json.createObjectNode();
        response.put("id", id);
        response.put("status", content.path("status").asString("current"));
        response.put("title", content.path("title").asString());
        response.putObject("version").put("number", content.path("version").path("number").asInt(1));
        response.putObject("body").putObject("storage")
                .put("representation", "storage")
                .put("value", content.path("body").path("storage").path("value").asString(""));
        server.stubFor(get(urlPathEqualTo("/wiki/api/v2/" + collection + "/" + id))
                .withQueryParam("body-format", equalTo("storage"))
                .withBasicAuth(EMAIL, API_TOKEN)
                .willReturn(okJson(json.writeValueAsString(response))));
    }

    /** The base URL the job gets as {@code assistant.confluence.site-url}. */
    public String siteUrl() {
        return "http://127.0.0.1:" + server.port() + "/wiki";
    }

    /** The job's properties for fetching bodies from here. */
    public Map<String, String> jobProperties() {
        return Map.of(
                "assistant.confluence.site-url", siteUrl(),
                "assistant.confluence.email", EMAIL,
                "assistant.confluence.api-token", API_TOKEN);
    }

    /** Body requests received so far, answered or not. */
    public int bodyRequests() {
        return server.countRequestsMatching(newRequestPattern(RequestMethod.GET, urlPathMatching(BODY_PATHS)).build())
                .getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
