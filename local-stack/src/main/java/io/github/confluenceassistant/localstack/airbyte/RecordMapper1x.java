package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.confluenceassistant.localstack.airbyte.RecordFields.at;
import static io.github.confluenceassistant.localstack.airbyte.RecordFields.copy;
import static io.github.confluenceassistant.localstack.airbyte.RecordFields.putText;
import static io.github.confluenceassistant.localstack.airbyte.RecordFields.text;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.integer;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.json;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.string;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.timestamp;

/**
 * Records as source-confluence 1.x emits them: Confluence REST v2 objects ({@code spaceId}, {@code parentId}, no
 * {@code space}, {@code history} or {@code ancestors}). The columns follow the connector's manifest schemas
 * (airbytehq/airbyte {@code source-confluence/manifest.yaml} @25db9624), in their order.
 */
final class RecordMapper1x implements RecordMapper {

    private static final List<StreamColumn> PAGE_COLUMNS = List.of(
            json("version"), string("id"), string("status"), string("title"), string("spaceId"),
            string("parentId"), string("parentType"), integer("position"), string("authorId"), string("ownerId"),
            string("lastOwnerId"), timestamp("createdAt"), json("body"), json("_links"));
    // The manifest's blog_posts schema declares no owner or parent fields.
    private static final List<StreamColumn> BLOG_POST_COLUMNS = List.of(
            json("version"), string("id"), string("status"), string("title"), string("spaceId"),
            string("authorId"), timestamp("createdAt"), json("body"), json("_links"));
    private static final List<StreamColumn> SPACE_COLUMNS = List.of(
            string("type"), json("description"), string("id"), string("key"), string("name"), string("status"),
            string("authorId"), timestamp("createdAt"), string("homepageId"), json("icon"), json("_links"));

    private final BodyMode bodies;
    private final JsonMapper json = JsonMapper.shared();

    RecordMapper1x(BodyMode bodies) {
        this.bodies = bodies;
    }

    @Override
    public List<StreamColumn> columns(ConfluenceStream stream) {
        return switch (stream) {
            case PAGES -> PAGE_COLUMNS;
            case BLOG_POSTS -> BLOG_POST_COLUMNS;
            case SPACE -> SPACE_COLUMNS;
        };
    }

    @Override
    public List<ObjectNode> records(ConfluenceStream stream, ConfluenceDataset dataset) {
        return switch (stream) {
            case PAGES -> pages(dataset.pages());
            case BLOG_POSTS -> dataset.blogPosts().stream().map(this::blogPost).toList();
            case SPACE -> dataset.spaces().stream().map(space -> space(space, dataset.pages())).toList();
        };
    }

    private List<ObjectNode> pages(List<ObjectNode> v1Pages) {
        // v2 gives each page a position among its siblings; numbering siblings in dataset order keeps it stable.
        Map<String, Integer> siblingsSeen = new HashMap<>();
        List<ObjectNode> records = new ArrayList<>(v1Pages.size());
        for (ObjectNode v1 : v1Pages) {
            String parentId = parentId(v1);
            int position = siblingsSeen.merge(String.valueOf(parentId), 1, Integer::sum) - 1;
            records.add(page(v1, parentId, position));
        }
        return records;
    }

    /** v2's parent is the last entry of v1's ancestor chain (root first). */
    private static String parentId(ObjectNode v1) {
        JsonNode ancestors = v1.path("ancestors");
        return ancestors.isArray() && !ancestors.isEmpty() ? text(ancestors.get(ancestors.size() - 1), "id") : null;
    }

    private ObjectNode page(ObjectNode v1, String parentId, int position) {
        ObjectNode page = content(v1);
        putText(page, "parentId", parentId);
        putText(page, "parentType", parentId == null ? null : "page");
        page.put("position", position);
        String creator = text(v1, "history", "createdBy", "accountId");
        // REST v1 has no owner; Confluence makes the creator the owner until ownership is transferred.
        putText(page, "ownerId", creator);
        page.putNull("lastOwnerId");
        return finish(page, v1);
    }

    private ObjectNode blogPost(ObjectNode v1) {
        return finish(content(v1), v1);
    }

    /** The fields pages and blog posts share, in the order v2 returns them. */
    private ObjectNode content(ObjectNode v1) {
        ObjectNode record = json.createObjectNode();
        putText(record, "id", text(v1, "id"));
        putText(record, "status", text(v1, "status"));
        putText(record, "title", text(v1, "title"));
        putText(record, "spaceId", text(v1, "space", "id"));
        return record;
    }

    private ObjectNode finish(ObjectNode record, ObjectNode v1) {
        putText(record, "authorId", text(v1, "history", "createdBy", "accountId"));
        putText(record, "createdAt", text(v1, "history", "createdDate"));
        record.set("version", version(v1));
        record.set("body", body(v1));
        ObjectNode links = record.putObject("_links");
        putText(links, "editui", "/pages/resumedraft.action?draftId=" + text(v1, "id"));
        putText(links, "webui", text(v1, "_links", "webui"));
        putText(links, "tinyui", text(v1, "_links", "tinyui"));
        return record;
    }

    private ObjectNode version(ObjectNode v1) {
        ObjectNode version = json.createObjectNode();
        version.put("number", v1.path("version").path("number").asInt(1));
        putText(version, "createdAt", text(v1, "version", "when"));
        version.put("message", v1.path("version").path("message").asString(""));
        version.put("minorEdit", v1.path("version").path("minorEdit").asBoolean(false));
        putText(version, "authorId", text(v1, "version", "by", "accountId"));
        return version;
    }

    private ObjectNode body(ObjectNode v1) {
        ObjectNode body = json.createObjectNode();
        String storage = text(v1, "body", "storage", "value");
        if (bodies == BodyMode.PRESENT && storage != null) {
            ObjectNode storageNode = body.putObject("storage");
            storageNode.put("value", storage);
            storageNode.put("representation", "storage");
        }
        return body;
    }

    private ObjectNode space(ObjectNode v1, List<ObjectNode> v1Pages) {
        String homepageId = text(v1, "homepage", "id");
        JsonNode homepage = v1Pages.stream()
                .filter(page -> homepageId != null && homepageId.equals(text(page, "id")))
                .findFirst()
                .orElse(null);
        ObjectNode space = json.createObjectNode();
        putText(space, "id", text(v1, "id"));
        putText(space, "key", text(v1, "key"));
        putText(space, "name", text(v1, "name"));
        putText(space, "type", text(v1, "type"));
        putText(space, "status", text(v1, "status"));
        putText(space, "authorId", historyText(v1, homepage, "createdBy", "accountId"));
        putText(space, "createdAt", historyText(v1, homepage, "createdDate"));
        putText(space, "homepageId", homepageId);
        ObjectNode description = space.putObject("description");
        copy(description, "plain", v1, "description", "plain");
        copy(space, "icon", v1, "icon");
        ObjectNode links = space.putObject("_links");
        putText(links, "webui", text(v1, "_links", "webui"));
        return space;
    }

    /** v1 space records rarely carry a history; the home page's creator and date then stand in for the space's. */
    private static String historyText(ObjectNode space, JsonNode homepage, String... field) {
        JsonNode history = at(space, "history");
        if (history == null && homepage != null) {
            history = at(homepage, "history");
        }
        return history == null ? null : text(history, field);
    }
}
