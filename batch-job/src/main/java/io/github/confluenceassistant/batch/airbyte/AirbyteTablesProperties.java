package io.github.confluenceassistant.batch.airbyte;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Airbyte's Postgres destination writes the Confluence streams ({@code assistant.airbyte.tables.*}).
 * Identifiers only: they are put into SQL, so they are validated strictly.
 *
 * @param schema       the destination schema ("Destination namespace"); Airbyte's default is {@code public}
 * @param streamPrefix the connection's optional stream prefix, put before every table name
 * @param rawSchema    where destination 2.x (and 3.x without final tables) keeps raw tables
 * @param layout       AUTO detects the layout from information_schema at start-up
 */
@ConfigurationProperties("assistant.airbyte.tables")
public record AirbyteTablesProperties(
        @NotBlank @Pattern(regexp = IDENTIFIER) @DefaultValue("confluence") String schema,
        @NotNull @Pattern(regexp = "[a-zA-Z0-9_]*") @DefaultValue("") String streamPrefix,
        @NotBlank @Pattern(regexp = IDENTIFIER) @DefaultValue("airbyte_internal") String rawSchema,
        @NotNull @DefaultValue("AUTO") LayoutOverride layout,
        @NotBlank @Pattern(regexp = IDENTIFIER) @DefaultValue("pages") String pagesStream,
        @NotBlank @Pattern(regexp = IDENTIFIER) @DefaultValue("blog_posts") String blogPostsStream,
        @NotBlank @Pattern(regexp = IDENTIFIER) @DefaultValue("space") String spaceStream) {

    static final String IDENTIFIER = "[a-zA-Z_][a-zA-Z0-9_]*";

    public enum LayoutOverride {
        AUTO, CONNECTOR_1X_FINAL, CONNECTOR_1X_RAW, CONNECTOR_0X_FINAL, CONNECTOR_0X_RAW
    }

    public String finalTable(String stream) {
        return streamPrefix + stream;
    }

    /**
     * Airbyte's raw table name, {@code <namespace>_raw__stream_<prefix><stream>} lower-cased, where the {@code __} is
     * one underscore longer than the longest run of underscores in the names, so that two pairs of names never share
     * a raw table (the CDK's {@code TypingDedupingUtil.concatenateRawTableName}).
     */
    public String rawTable(String stream) {
        String name = streamPrefix + stream;
        int longestRun = java.util.regex.Pattern.compile("_+").matcher(schema + name).results()
                .mapToInt(run -> run.group().length()).max().orElse(0);
        String underscores = "_".repeat(Math.max(longestRun, 1) + 1);
        return (schema + "_raw" + underscores + "stream_" + name).toLowerCase(java.util.Locale.ROOT);
    }
}
