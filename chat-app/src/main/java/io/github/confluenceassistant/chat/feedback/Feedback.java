package io.github.confluenceassistant.chat.feedback;

import io.github.confluenceassistant.chat.answer.Answer;

/**
 * A user's verdict on one answer, kept with what is needed to audit it later: the question, the answer, and the
 * snippets and page versions it cited.
 *
 * @param helpful thumbs up (true) or down (false)
 * @param comment optional free text
 */
public record Feedback(String username, String question, Answer answer, boolean helpful, String comment) {
}
