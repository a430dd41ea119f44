package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** Turns the dataset's REST v1 records into the records one source-confluence version emits. */
interface RecordMapper {

    /** The declared top-level fields of the stream's schema, in the order the final table gets them. */
    List<StreamColumn> columns(ConfluenceStream stream);

    /** The records the connector would emit for the stream, in dataset order. */
    List<ObjectNode> records(ConfluenceStream stream, ConfluenceDataset dataset);

    static RecordMapper forLayout(AirbyteLayout layout, BodyMode bodies) {
        return switch (layout.connectorVersion()) {
            case V0 -> new RecordMapper0x(bodies);
            case V1 -> new RecordMapper1x(bodies);
        };
    }
}
