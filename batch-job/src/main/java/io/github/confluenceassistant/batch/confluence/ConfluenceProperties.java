package io.github.confluenceassistant.batch.confluence;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Confluence site ({@code assistant.confluence.*}): its URL makes citation links, and its credentials let the
 * job fetch page bodies that Airbyte's current connector leaves empty.
 *
 * @param siteUrl             base URL that {@code _links.webui} is relative to, e.g. https://acme.atlassian.net/wiki
 * @param flavour             CLOUD (REST v2, e-mail + API token) or DATA_CENTER (REST v1, personal access token)
 * @param email               Cloud account e-mail, for basic auth with the API token
 * @param apiToken            Cloud API token (secret: environment or Kubernetes Secret)
 * @param personalAccessToken Data Center token (secret)
 * @param maxConcurrentRequests body fetches in flight at once
 * @param maxThrottleRetries  how often one request is retried on 429 (or Data Center's 403 throttling) and 5xx
 */
@ConfigurationProperties("assistant.confluence")
public record ConfluenceProperties(
        @NotBlank @DefaultValue("https://example.atlassian.net/wiki") String siteUrl,
        @NotNull @DefaultValue("CLOUD") Flavour flavour,
        String email,
        String apiToken,
        String personalAccessToken,
        @Min(1) @DefaultValue("4") int maxConcurrentRequests,
        @Min(0) @DefaultValue("6") int maxThrottleRetries,
        @DefaultValue("30s") Duration timeout) {

    public enum Flavour { CLOUD, DATA_CENTER }

    /** Whether bodies can be fetched from Confluence: credentials for the configured flavour are present. */
    public boolean canFetchBodies() {
        return switch (flavour) {
            case CLOUD -> notBlank(email) && notBlank(apiToken);
            case DATA_CENTER -> notBlank(personalAccessToken);
        };
    }

    /** An absolute link to a page from its {@code _links.webui}. */
    public String pageUrl(String webui) {
        if (webui == null || webui.isBlank()) {
            return "";
        }
        if (webui.startsWith("http://") || webui.startsWith("https://")) {
            return webui;
        }
        String base = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
        return base + (webui.startsWith("/") ? webui : "/" + webui);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() { // secrets stay out of logs
        return "ConfluenceProperties[siteUrl=" + siteUrl + ", flavour=" + flavour + ", email=" + email
                + ", apiToken=" + (notBlank(apiToken) ? "<set>" : "<none>")
                + ", personalAccessToken=" + (notBlank(personalAccessToken) ? "<set>" : "<none>")
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", maxThrottleRetries=" + maxThrottleRetries
                + ", timeout=" + timeout + "]";
    }
}
