package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.answer.Turn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/ask}: {@code {"question": "...", "spaces": ["ENG"], "conversation": [{"speaker": "user", "text": "..."}]}}.
 *
 * @param spaces       optional: search only these spaces (each must be one the caller may read)
 * @param conversation optional: the earlier turns, oldest first, for a follow-up question
 */
public record AskRequest(
        @NotBlank @Size(max = 4000) String question,
        @Size(max = 100) List<@NotBlank String> spaces,
        @Size(max = 50) List<@Valid TurnJson> conversation) {

    public record TurnJson(@NotBlank String speaker, @NotBlank @Size(max = 20000) String text) {
    }

    Question toQuestion() {
        List<Turn> turns = conversation == null ? List.of()
                : conversation.stream().map(turn -> new Turn(turn.speaker(), turn.text())).toList();
        return new Question(question.strip(), spaces, turns);
    }
}
