package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.http.HttpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches a page body from Confluence when Airbyte's row has none (the current connector never syncs bodies):
 * Cloud {@code GET /wiki/api/v2/pages/{id}?body-format=storage} (blog posts: {@code /blogposts/{id}}),
 * Data Center {@code GET /rest/api/content/{id}?expand=body.storage}. Throttling (429 with Retry-After, and
 * Data Center's 403) and 5xx are retried a bounded number of times. Every fetched body is stored by
 * (page id, version) in its own transaction, so a restarted run never fetches it again.
 */
public class ConfluenceBodyFetcher implements BodySource {

    private static final Logger log = LoggerFactory.getLogger(ConfluenceBodyFetcher.class);

    private final WebClient http;
    private final ConfluenceProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final HttpRetry retry;
    private final Semaphore inFlight;
    private final AtomicLong fetched = new AtomicLong();

    public ConfluenceBodyFetcher(WebClient.Builder webClient, ConfluenceProperties properties, JdbcTemplate jdbc,
                                 PlatformTransactionManager transactions) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.http = webClient.clone()
                .baseUrl(properties.siteUrl().replaceAll("/+$", ""))
                .defaultHeaders(this::authenticate)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        boolean dataCenter = properties.flavour() == ConfluenceProperties.Flavour.DATA_CENTER;
        this.retry = new HttpRetry(properties.maxThrottleRetries(), Duration.ofSeconds(1),
                e -> dataCenter && e.getStatusCode().value() == 403);
        this.inFlight = new Semaphore(properties.maxConcurrentRequests());
    }

    @Override
    public String fetchBody(ConfluencePage page) {
        List<String> cached = jdbc.queryForList(
                "select body from assistant.ingest_fetched_body where page_id = ? and version = ?",
                String.class, page.id(), page.version());
        if (!cached.isEmpty()) {
            return cached.getFirst();
        }
        String body = fetch(page);
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                insert into assistant.ingest_fetched_body (page_id, version, body) values (?, ?, ?)
                on conflict (page_id, version) do nothing""", page.id(), page.version(), body));
        long count = fetched.incrementAndGet();
        if (count % 100 == 0) {
            log.info("Fetched {} page bodies from Confluence", count);
        }
        return body;
    }

    /** How many bodies this process fetched from Confluence (not from the cache). */
    public long fetchedCount() {
        return fetched.get();
    }

    private String fetch(ConfluencePage page) {
        String uri = switch (properties.flavour()) {
            case CLOUD -> ("blogpost".equals(page.contentType()) ? "/api/v2/blogposts/{id}" : "/api/v2/pages/{id}")
                    + "?body-format=storage";
            case DATA_CENTER -> "/rest/api/content/{id}?expand=body.storage";
        };
        inFlight.acquireUninterruptibly();
        try {
            JsonNode response = retry.call("Confluence: fetch body of page " + page.id(), () -> http.get()
                    .uri(uri, page.id()).retrieve().bodyToMono(JsonNode.class).block(properties.timeout()));
            String body = response == null ? null : response.path("body").path("storage").path("value").asText(null);
            if (body == null) {
                throw new UnprocessablePageException("Confluence returned no storage body for this page");
            }
            // PostgreSQL cannot store U+0000 (the cache insert would fail the step); Airbyte's destination drops it too
            return body.replace("\0", "");
        } catch (WebClientResponseException e) {
            throw new UnprocessablePageException("fetching the body from Confluence failed: HTTP "
                    + e.getStatusCode().value() + (e.getStatusCode().value() == 404 ? " (deleted since the sync?)" : ""), e);
        } finally {
            inFlight.release();
        }
    }

    private void authenticate(HttpHeaders headers) {
        switch (properties.flavour()) {
            case CLOUD -> headers.setBasicAuth(properties.email(), properties.apiToken());
            case DATA_CENTER -> headers.setBearerAuth(properties.personalAccessToken());
        }
    }
}
