package io.github.confluenceassistant.chat.answer;

import java.util.List;
import java.util.Objects;

/**
 * What a user asks.
 *
 * @param spaces       space keys to search in (empty: every space the user may read)
 * @param conversation earlier turns, oldest first, for follow-up questions
 */
public record Question(String text, List<String> spaces, List<Turn> conversation) {

    public Question {
        Objects.requireNonNull(text, "text");
        spaces = spaces == null ? List.of() : List.copyOf(spaces);
        conversation = conversation == null ? List.of() : List.copyOf(conversation);
    }

    public static Question of(String text) {
        return new Question(text, List.of(), List.of());
    }
}
