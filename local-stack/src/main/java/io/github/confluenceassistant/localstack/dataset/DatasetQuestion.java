package io.github.confluenceassistant.localstack.dataset;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation question of a dataset ({@code questions.jsonl}).
 *
 * @param conversation    the earlier turns, oldest first; empty for single-turn questions
 * @param relevantPageIds the pages that hold the answer; empty when the space does not hold it
 * @param referenceAnswer a correct answer written by people, or null
 */
public record DatasetQuestion(String id, String question, List<Turn> conversation, List<String> relevantPageIds,
                              boolean answerable, String referenceAnswer) {

    /** One earlier turn of a conversation; {@code speaker} is {@code user} or {@code agent}. */
    public record Turn(String speaker, String text) {
    }

    public DatasetQuestion {
        conversation = List.copyOf(conversation);
        relevantPageIds = List.copyOf(relevantPageIds);
    }

    public boolean isConversation() {
        return !conversation.isEmpty();
    }

    static DatasetQuestion fromJson(JsonNode json) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode turn : json.path("conversation")) {
            turns.add(new Turn(turn.path("speaker").asString(), turn.path("text").asString()));
        }
        List<String> pageIds = new ArrayList<>();
        for (JsonNode pageId : json.path("relevant_page_ids")) {
            pageIds.add(pageId.asString());
        }
        JsonNode answer = json.path("reference_answer");
        return new DatasetQuestion(
                json.path("id").asString(),
                json.path("question").asString(),
                turns,
                pageIds,
                // The README makes the field mandatory; a record without it is treated as answerable.
                json.path("answerable").asBoolean(true),
                answer.isString() ? answer.stringValue() : null);
    }
}
