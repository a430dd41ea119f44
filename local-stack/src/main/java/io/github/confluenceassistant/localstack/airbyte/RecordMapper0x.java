package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.github.confluenceassistant.localstack.airbyte.RecordFields.copy;
import static io.github.confluenceassistant.localstack.airbyte.RecordFields.putText;
import static io.github.confluenceassistant.localstack.airbyte.RecordFields.text;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.integer;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.json;
import static io.github.confluenceassistant.localstack.airbyte.StreamColumn.string;

/**
 * Records as source-confluence 0.2.x-0.3.x emits them: REST v1 content expanded with history, version, body
 * (storage and view), descendants and restrictions, but not space or ancestors, which stay links in
 * {@code _expandable}. Columns follow the connector's manifest (airbytehq/airbyte
 * {@code source-confluence/manifest.yaml} @5df25b9c), in their order; its blog_posts schema declares no body.
 */
final class RecordMapper0x implements RecordMapper {

    private static final List<StreamColumn> PAGE_COLUMNS = List.of(
            json("version"), string("type"), json("_expandable"), json("_links"), json("body"),
            json("descendants"), json("history"), string("id"), json("restrictions"), string("status"),
            string("title"));
    private static final List<StreamColumn> BLOG_POST_COLUMNS = List.of(
            json("version"), string("type"), json("_expandable"), json("_links"),
            json("descendants"), json("history"), string("id"), json("restrictions"), string("status"),
            string("title"));
    private static final List<StreamColumn> SPACE_COLUMNS = List.of(
            string("type"), json("_expandable"), json("_links"), json("description"), json("icon"),
            integer("id"), string("key"), string("name"), json("permissions"), string("status"));

    private final BodyMode bodies;
    private final JsonMapper json = JsonMapper.shared();

    RecordMapper0x(BodyMode bodies) {
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
            case PAGES -> dataset.pages().stream().map(page -> content(page, "page")).toList();
            case BLOG_POSTS -> dataset.blogPosts().stream().map(post -> content(post, "blogpost")).toList();
            case SPACE -> dataset.spaces().stream().map(this::space).toList();
        };
    }

    private ObjectNode content(ObjectNode v1, String defaultType) {
        String id = text(v1, "id");
        String spacePath = "/rest/api/space/" + text(v1, "space", "key");
        ObjectNode record = json.createObjectNode();
        putText(record, "id", id);
        putText(record, "type", v1.path("type").asString(defaultType));
        putText(record, "status", text(v1, "status"));
        putText(record, "title", text(v1, "title"));
        copy(record, "history", v1, "history");
        copy(record, "version", v1, "version");
        record.set("descendants", descendants());
        record.set("restrictions", restrictions());
        // The 0.x blog_posts schema has no body, but the API returns one: it lands in _airbyte_data only.
        record.set("body", body(v1, id));
        ObjectNode expandable = record.putObject("_expandable");
        expandable.put("container", spacePath);
        expandable.put("space", spacePath);
        expandable.put("ancestors", "");
        expandable.put("children", "/rest/api/content/" + id + "/child");
        ObjectNode links = record.putObject("_links");
        putText(links, "webui", text(v1, "_links", "webui"));
        putText(links, "editui", "/pages/resumedraft.action?draftId=" + id);
        putText(links, "tinyui", text(v1, "_links", "tinyui"));
        putText(links, "self", text(v1, "_links", "self"));
        return record;
    }

    private ObjectNode body(ObjectNode v1, String id) {
        ObjectNode body = json.createObjectNode();
        String storage = text(v1, "body", "storage", "value");
        if (bodies == BodyMode.PRESENT && storage != null) {
            ObjectNode storageNode = body.putObject("storage");
            storageNode.put("value", storage);
            storageNode.put("representation", "storage");
            storageNode.putArray("embeddedContent");
            storageNode.putObject("_expandable").put("content", "/rest/api/content/" + id);
            // Confluence renders storage to HTML for "view"; the storage XHTML is a close enough stand-in.
            ObjectNode view = body.putObject("view");
            view.put("value", storage);
            view.put("representation", "view");
        }
        return body;
    }

    private ObjectNode descendants() {
        ObjectNode comments = json.createObjectNode();
        comments.putArray("results");
        comments.put("start", 0);
        comments.put("limit", 25);
        comments.put("size", 0);
        ObjectNode descendants = json.createObjectNode();
        descendants.set("comment", comments);
        return descendants;
    }

    private ObjectNode restrictions() {
        ObjectNode read = json.createObjectNode();
        read.put("operation", "read");
        ObjectNode users = read.putObject("restrictions").putObject("user");
        users.putArray("results");
        users.put("size", 0);
        ObjectNode restrictions = json.createObjectNode();
        restrictions.set("read", read);
        return restrictions;
    }

    private ObjectNode space(ObjectNode v1) {
        ObjectNode space = json.createObjectNode();
        copy(space, "id", v1, "id");
        putText(space, "key", text(v1, "key"));
        putText(space, "name", text(v1, "name"));
        putText(space, "type", text(v1, "type"));
        putText(space, "status", text(v1, "status"));
        copy(space, "description", v1, "description");
        copy(space, "icon", v1, "icon");
        space.putArray("permissions");
        ObjectNode expandable = space.putObject("_expandable");
        String homepageId = text(v1, "homepage", "id");
        if (homepageId != null) {
            expandable.put("homepage", "/rest/api/content/" + homepageId);
        }
        expandable.put("settings", "/rest/api/space/" + text(v1, "key") + "/settings");
        copy(space, "_links", v1, "_links");
        return space;
    }
}
