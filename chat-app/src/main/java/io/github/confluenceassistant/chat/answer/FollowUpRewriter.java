package io.github.confluenceassistant.chat.answer;

/**
 * Turns a follow-up ("how do I roll it back?") into a question that can be searched on its own, using the
 * conversation before it. A question without conversation comes back as it is.
 */
public interface FollowUpRewriter {

    String standalone(Question question);
}
