package io.github.confluenceassistant.localstack.dataset;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Confluence space as a dataset directory holds it (see {@code shared/datasets/README.md}): Confluence REST v1
 * records for the space, its pages and blog posts, plus the evaluation questions.
 * <p>
 * Immutable: the accessors hand out copies of the records, and the {@code with...} methods return a new
 * dataset, so a test can edit a page without disturbing another test that shares the original.
 */
public final class ConfluenceDataset {

    public static final String DEMO_SPACE_RESOURCE = "demo-space/";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final List<ObjectNode> spaces;
    private final List<ObjectNode> pages;
    private final List<ObjectNode> blogPosts;
    private final List<DatasetQuestion> questions;

    private ConfluenceDataset(List<ObjectNode> spaces, List<ObjectNode> pages, List<ObjectNode> blogPosts,
                              List<DatasetQuestion> questions) {
        this.spaces = spaces;
        this.pages = pages;
        this.blogPosts = blogPosts;
        this.questions = questions;
    }

    /** A dataset from records in memory (they are copied). */
    public static ConfluenceDataset of(List<ObjectNode> spaces, List<ObjectNode> pages, List<ObjectNode> blogPosts,
                                       List<DatasetQuestion> questions) {
        return new ConfluenceDataset(deepCopies(spaces), deepCopies(pages), deepCopies(blogPosts),
                List.copyOf(questions));
    }

    /**
     * Loads a dataset directory: {@code pages.jsonl} is required; {@code space.jsonl}, {@code blog_posts.jsonl} and
     * {@code questions.jsonl} are read when present.
     */
    public static ConfluenceDataset load(Path directory) {
        if (!Files.isRegularFile(directory.resolve("pages.jsonl"))) {
            throw new IllegalArgumentException("No pages.jsonl in " + directory.toAbsolutePath()
                    + ": a dataset directory holds space.jsonl, pages.jsonl, blog_posts.jsonl and questions.jsonl");
        }
        return read(file -> {
            Path path = directory.resolve(file);
            try {
                return Files.isRegularFile(path) ? Files.newBufferedReader(path, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open " + path, e);
            }
        }, directory.toString());
    }

    /** The small demo space shipped on the class path under {@code demo-space/}, used by the local mode. */
    public static ConfluenceDataset demoSpace() {
        ClassLoader classLoader = ConfluenceDataset.class.getClassLoader();
        if (classLoader.getResource(DEMO_SPACE_RESOURCE + "pages.jsonl") == null) {
            throw new IllegalStateException("The demo space is missing: no " + DEMO_SPACE_RESOURCE
                    + "pages.jsonl on the class path (local-stack/src/main/resources/demo-space/)");
        }
        return read(file -> {
            InputStream stream = classLoader.getResourceAsStream(DEMO_SPACE_RESOURCE + file);
            return stream == null ? null : new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }, "classpath:" + DEMO_SPACE_RESOURCE);
    }

    private static ConfluenceDataset read(Function<String, BufferedReader> opener, String location) {
        JsonLinesReader reader = new JsonLinesReader(JSON);
        Function<String, List<ObjectNode>> readFile = file -> {
            try (BufferedReader lines = opener.apply(file)) {
                return lines == null ? List.of() : List.copyOf(reader.read(lines, location + "/" + file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close " + location + "/" + file, e);
            }
        };
        List<DatasetQuestion> questions = readFile.apply("questions.jsonl").stream()
                .map(DatasetQuestion::fromJson)
                .toList();
        return new ConfluenceDataset(readFile.apply("space.jsonl"), readFile.apply("pages.jsonl"),
                readFile.apply("blog_posts.jsonl"), questions);
    }

    public List<ObjectNode> spaces() {
        return deepCopies(spaces);
    }

    public List<ObjectNode> pages() {
        return deepCopies(pages);
    }

    public List<ObjectNode> blogPosts() {
        return deepCopies(blogPosts);
    }

    public List<DatasetQuestion> questions() {
        return questions;
    }

    /** The page with this id, as a copy. */
    public Optional<ObjectNode> page(String id) {
        return pages.stream().filter(page -> id.equals(idOf(page))).findFirst().map(ObjectNode::deepCopy);
    }

    /** Adds the page, or replaces the page(s) with its id in place. */
    public ConfluenceDataset withPage(ObjectNode page) {
        String id = idOf(page);
        if (id == null) {
            throw new IllegalArgumentException("A page needs an \"id\": " + page);
        }
        List<ObjectNode> changed = new ArrayList<>(pages.size() + 1);
        boolean replaced = false;
        for (ObjectNode existing : pages) {
            if (id.equals(idOf(existing))) {
                if (!replaced) {
                    changed.add(page.deepCopy());
                    replaced = true;
                }
            } else {
                changed.add(existing);
            }
        }
        if (!replaced) {
            changed.add(page.deepCopy());
        }
        return withPages(changed);
    }

    public ConfluenceDataset withoutPage(String id) {
        return withPages(pages.stream().filter(page -> !id.equals(idOf(page))).toList());
    }

    /**
     * An edit as Confluence records it: the new storage body, the next version number and the edit time, in
     * {@code version} and in {@code history.lastUpdated} when the record has one.
     */
    public ConfluenceDataset withPageEdited(String id, String newStorageBody) {
        ObjectNode page = page(id).orElseThrow(() -> new IllegalArgumentException("No page with id " + id));
        ObjectNode storage = objectAt(objectAt(page, "body"), "storage");
        storage.put("value", newStorageBody);
        storage.put("representation", "storage");
        ObjectNode version = objectAt(page, "version");
        int number = version.path("number").asInt(0) + 1;
        String when = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        version.put("number", number);
        version.put("when", when);
        if (page.path("history").path("lastUpdated") instanceof ObjectNode lastUpdated) {
            lastUpdated.put("number", number);
            lastUpdated.put("when", when);
        }
        return withPage(page);
    }

    private ConfluenceDataset withPages(List<ObjectNode> changedPages) {
        return new ConfluenceDataset(spaces, List.copyOf(changedPages), blogPosts, questions);
    }

    private static ObjectNode objectAt(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode child ? child : parent.putObject(field);
    }

    private static String idOf(JsonNode record) {
        JsonNode id = record.get("id");
        return id == null || id.isNull() ? null : id.asString();
    }

    private static List<ObjectNode> deepCopies(List<ObjectNode> records) {
        return records.stream().map(ObjectNode::deepCopy).toList();
    }

    @Override
    public String toString() {
        return "ConfluenceDataset[" + spaces.size() + " spaces, " + pages.size() + " pages, " + blogPosts.size()
                + " blog posts, " + questions.size() + " questions]";
    }
}
