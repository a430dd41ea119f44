package io.github.confluenceassistant.batch.airbyte;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Authentication against Airbyte: an application token from client credentials (refreshed at 80 % of its
 * lifetime and after a 401), a static bearer token, or basic auth for docker-compose installs.
 * Access tokens live in memory only and are never logged.
 */
class AirbyteAuth {

    private final WebClient http;
    private final AirbyteProperties properties;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    AirbyteAuth(WebClient http, AirbyteProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn) {
    }

    synchronized void apply(HttpHeaders headers) {
        if (properties.bearerToken() != null && !properties.bearerToken().isBlank()) {
            headers.setBearerAuth(properties.bearerToken());
        } else if (properties.hasClientCredentials()) {
            headers.setBearerAuth(currentToken());
        } else if (properties.username() != null && !properties.username().isBlank()) {
            headers.setBasicAuth(properties.username(), properties.password() == null ? "" : properties.password());
        }
    }

    /** After a 401: the token expired early or was revoked. */
    synchronized void invalidate() {
        token = null;
        refreshAt = Instant.MIN;
    }

    private String currentToken() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            TokenResponse response = http.post().uri(properties.effectiveTokenUrl())
                    .bodyValue(Map.of("client_id", properties.clientId(), "client_secret", properties.clientSecret(),
                            "grant-type", "client_credentials"))
                    .retrieve().bodyToMono(TokenResponse.class).block(properties.requestTimeout());
            if (response == null || response.accessToken() == null) {
                throw new IllegalStateException("Airbyte's token endpoint " + properties.effectiveTokenUrl() + " returned no access_token");
            }
            token = response.accessToken();
            long lifetime = response.expiresIn() == null ? 180 : response.expiresIn();
            refreshAt = clock.instant().plus(Duration.ofMillis(lifetime * 800));
        }
        return token;
    }
}
