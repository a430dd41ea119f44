package io.github.confluenceassistant.chat.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an extractive answer can quote: sentences, list items, table rows whole, code blocks whole. */
class QuotableUnitsTest {

    @Test
    void sentencesListItemsRowsAndCodeBlocks() {
        String passage = """
                Deployments need approval. The on-call engineer approves.
                - Roll back with the previous tag.
                Service: payments-api; Owner: Team Pay. It has two sentences.
                payments-api | Team Pay | 2 approvals
                ```
                kubectl rollout undo deployment/payments-api
                ```""";

        assertThat(QuotableUnits.of(passage)).extracting(QuotableUnits.Unit::text).containsExactly(
                "Deployments need approval.", "The on-call engineer approves.",
                "- Roll back with the previous tag.",
                "Service: payments-api; Owner: Team Pay. It has two sentences.",
                "payments-api | Team Pay | 2 approvals",
                "```\nkubectl rollout undo deployment/payments-api\n```");
    }

    @Test
    void aPipeNeedsTextOnBothSidesToMakeARow() {
        assertThat(QuotableUnits.of("First part. Second part | ")).as("nothing after the pipe").hasSize(2);
        assertThat(QuotableUnits.of("First part. Second | x")).hasSize(1);
        assertThat(QuotableUnits.of("a | b. C d.")).extracting(QuotableUnits.Unit::text).containsExactly("a | b. C d.");
        assertThat(QuotableUnits.of(" | b. C d.")).as("a line starting with a pipe is a row too").hasSize(1);
        assertThat(QuotableUnits.of("Long text without any pipe. ".repeat(200))).hasSize(200);
    }
}
