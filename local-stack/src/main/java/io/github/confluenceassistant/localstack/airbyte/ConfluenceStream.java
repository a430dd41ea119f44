package io.github.confluenceassistant.localstack.airbyte;

/** The source-confluence streams the stand-in writes. */
enum ConfluenceStream {
    PAGES("pages"),
    BLOG_POSTS("blog_posts"),
    SPACE("space");

    private final String streamName;

    ConfluenceStream(String streamName) {
        this.streamName = streamName;
    }

    String streamName() {
        return streamName;
    }
}
