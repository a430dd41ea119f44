package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.answer.AnswerEvent;
import io.github.confluenceassistant.chat.answer.AnswerService;
import io.github.confluenceassistant.chat.security.CurrentUser;
import io.github.confluenceassistant.chat.security.UserAccess;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.util.Map;

/**
 * The JSON API: {@code POST /api/ask} answers at once; {@code POST /api/ask/stream} sends Server-Sent Events,
 * {@code token} events ({@code {"text": "..."}}) as the answer is written, then one {@code answer} event with
 * the same JSON as {@code /api/ask}, or an {@code error} event ({@link ApiError}) if the answer fails midway.
 */
@RestController
@RequestMapping(path = "/api/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
class AskController {

    private static final Logger log = LoggerFactory.getLogger(AskController.class);

    private final AnswerService answers;
    private final CurrentUser currentUser;

    AskController(AnswerService answers, CurrentUser currentUser) {
        this.answers = answers;
        this.currentUser = currentUser;
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    AskResponse ask(@Valid @RequestBody AskRequest request) {
        return AskResponse.of(answers.answer(request.toQuestion(), currentUser.get()));
    }

    @PostMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> askStreaming(@Valid @RequestBody AskRequest request) {
        UserAccess access = currentUser.get(); // on the request thread, where the security context is
        return answers.stream(request.toQuestion(), access)
                .map(AskController::toEvent)
                .onErrorResume(e -> {
                    log.error("Streamed answer failed", e);
                    return Flux.just(event("error",
                            ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, "The answer failed midway; ask again")));
                });
    }

    private static ServerSentEvent<Object> toEvent(AnswerEvent event) {
        return switch (event) {
            case AnswerEvent.Token token -> event("token", Map.of("text", token.text()));
            case AnswerEvent.Completed completed -> event("answer", AskResponse.of(completed.answer()));
        };
    }

    private static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.<Object>builder().event(name).data(data).build();
    }
}
