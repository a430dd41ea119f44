package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.security.UserAccess;
import reactor.core.publisher.Flux;

/** Answers questions from the snippets the user may read; the UI and the JSON API both call this. */
public interface AnswerService {

    Answer answer(Question question, UserAccess access);

    /** Tokens as they arrive, then exactly one {@link AnswerEvent.Completed}. */
    Flux<AnswerEvent> stream(Question question, UserAccess access);
}
