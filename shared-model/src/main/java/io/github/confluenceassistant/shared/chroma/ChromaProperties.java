package io.github.confluenceassistant.shared.chroma;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the snippets live ({@code assistant.chroma.*}). Chroma's API v2 only.
 *
 * @param url              base URL of the Chroma server, e.g. http://chroma:8000
 * @param collectionPrefix collections are named prefix + model, so a model change builds a new collection
 */
@ConfigurationProperties("assistant.chroma")
public record ChromaProperties(
        @NotBlank @DefaultValue("http://localhost:8000") String url,
        @NotBlank @DefaultValue("default_tenant") String tenant,
        @NotBlank @DefaultValue("default_database") String database,
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9][a-zA-Z0-9._-]*") @DefaultValue("confluence") String collectionPrefix,
        @DefaultValue("60s") Duration timeout) {
}
