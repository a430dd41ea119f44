package io.github.confluenceassistant.batch.airbyte;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Airbyte instance whose sync the job triggers ({@code assistant.airbyte.*}). Leave {@code url} empty to
 * skip the sync step and read the tables as they are.
 *
 * @param url          PUBLIC: http://HOST:8000/api/public/v1 or https://api.airbyte.com/v1; LEGACY: http://HOST:8000/api/v1
 * @param api          PUBLIC (preferred; Cloud and every abctl install) or LEGACY (older self-hosted)
 * @param tokenUrl     where client credentials are exchanged for a token; defaults to the public API's
 *                     {@code /applications/token} (for LEGACY: set it to http://HOST:8000/api/public/v1/applications/token)
 * @param clientId     application client id (abctl: {@code abctl local credentials})
 * @param clientSecret application client secret (secret)
 * @param bearerToken  a static token instead of client credentials (secret)
 * @param username     basic auth user of docker-compose installs (LEGACY)
 * @param password     basic auth password (secret)
 * @param connectionId the Confluence → Postgres connection
 * @param pollInterval how often the job's status is polled
 * @param timeout      how long to wait for the sync before the step fails (a restart re-joins the same sync)
 */
@ConfigurationProperties("assistant.airbyte")
public record AirbyteProperties(
        String url,
        @NotNull @DefaultValue("PUBLIC") Api api,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String bearerToken,
        String username,
        String password,
        String connectionId,
        @NotNull @DefaultValue("10s") Duration pollInterval,
        @NotNull @DefaultValue("2h") Duration timeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("6") int maxRetries) {

    public enum Api { PUBLIC, LEGACY }

    public boolean isConfigured() {
        return url != null && !url.isBlank();
    }

    String effectiveTokenUrl() {
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            return tokenUrl;
        }
        return url.replaceAll("/+$", "") + "/applications/token";
    }

    boolean hasClientCredentials() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() { // secrets stay out of logs
        return "AirbyteProperties[url=" + url + ", api=" + api + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret) + ", bearerToken=" + mask(bearerToken) + ", username=" + username
                + ", password=" + mask(password) + ", connectionId=" + connectionId + ", pollInterval=" + pollInterval
                + ", timeout=" + timeout + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isBlank() ? "<none>" : "<set>";
    }
}
