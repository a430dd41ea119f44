package io.github.confluenceassistant.chat.api;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/ask} and {@code /api/ask/stream} on the demo space, without a chat model. */
class AskApiTest extends DemoSpaceAppTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void anAnswerableQuestionIsAnsweredWithQuotesAndACitationOfItsPage() {
        JsonNode answer = askJson("demo", "demo", question(PORT_QUESTION, null));

        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("mode").asString()).isEqualTo("extractive");
        assertThat(answer.path("answer").asString()).startsWith("Quoted from Confluence:").contains("55432").contains("[1]");
        assertThat(answer.path("citations").valueStream().map(c -> c.path("url").asString()))
                .anySatisfy(url -> assertThat(url).contains("/pages/200004/"));
        JsonNode first = answer.path("citations").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("n", "pageId", "title", "url", "section", "snippet");
        assertThat(first.path("snippet").asString()).isNotBlank();
    }

    @Test
    void aQuestionConfluenceDoesNotAnswerSaysSoAndCitesNothing() {
        JsonNode answer = askJson("demo", "demo", question("How many weeks of paid parental leave does Brightlane offer?", null));

        assertThat(answer.path("answered").asBoolean()).isFalse();
        assertThat(answer.path("answer").asString()).isEqualTo("I found nothing relevant to this question in Confluence.");
        assertThat(answer.path("citations").isEmpty()).isTrue();
    }

    @Test
    void aFollowUpIsReadWithItsConversation() {
        JsonNode answer = askJson("demo", "demo", Map.of(
                "question", "And if the release misbehaves, how do I roll it back?",
                "conversation", List.of(
                        Map.of("speaker", "user", "text", "How do I get a new version of payments-api into production?"),
                        Map.of("speaker", "agent", "text", "Run brightlane-cli deploy promote payments-api --from staging --to prod."))));

        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("citations").valueStream().map(c -> c.path("pageId").asString())).contains("200021");
    }

    @Test
    void theSpacesFilterSearchesOnlyTheSpacesAsked() {
        JsonNode inEng = askJson("alice", "alice-secret", question(PORT_QUESTION, List.of("ENG")));
        JsonNode inHr = askJson("demo", "demo", question(PORT_QUESTION, List.of("HR")));

        assertThat(inEng.path("answered").asBoolean()).isTrue();
        assertThat(inHr.path("answered").asBoolean()).isFalse();
        assertThat(inHr.path("citations").isEmpty()).isTrue();
    }

    @Test
    void aUserFindsNothingInSpacesTheyMayNotRead() {
        JsonNode answer = askJson("bob", "bob-secret", question(PORT_QUESTION, null));

        assertThat(answer.path("answered").asBoolean()).isFalse();
        assertThat(answer.path("citations").isEmpty()).isTrue();
    }

    @Test
    void theStreamSendsTokensThenTheSameAnswerAsTheJsonEndpoint() {
        List<ServerSentEvent<String>> events = client().post().uri("/api/ask/stream")
                .headers(h -> h.setBasicAuth("demo", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(question(PORT_QUESTION, null))
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody().collectList().block();

        assertThat(events).extracting(ServerSentEvent::event).startsWith("token").endsWith("answer")
                .filteredOn("answer"::equals).hasSize(1);
        String streamedText = events.stream().filter(e -> "token".equals(e.event()))
                .map(e -> JSON.readTree(e.data()).path("text").asString()).reduce("", String::concat);
        JsonNode finalAnswer = JSON.readTree(events.getLast().data());
        assertThat(finalAnswer).isEqualTo(askJson("demo", "demo", question(PORT_QUESTION, null)));
        assertThat(streamedText).isEqualTo(finalAnswer.path("answer").asString());
    }

    private JsonNode askJson(String user, String password, Map<String, ?> body) {
        byte[] json = ask(user, password, body)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(json);
    }
}
