package io.github.confluenceassistant.localstack.airbyte;

import com.sun.net.httpserver.HttpServer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Airbyte as far as our job can tell: an HTTP server on 127.0.0.1 that speaks the public and the legacy API of
 * spec section 1 for one connection, and on each sync writes the current dataset into PostgreSQL with an
 * {@link AirbyteTableWriter}, then reports the job {@code succeeded} with {@code rowsSynced}. It can also
 * misbehave on demand (hold, fail, 500, delay, expire tokens, 409) to test the job's error handling.
 */
public final class AirbyteStandIn implements AutoCloseable {

    public static final String DEFAULT_CONNECTION_ID = "8f3c2a41-5b7d-4e29-9c16-2d0a7e5b9f01";
    public static final String PUBLIC_API_PATH = "/api/public/v1";
    public static final String LEGACY_API_PATH = "/api/v1";

    private static final Logger log = LoggerFactory.getLogger(AirbyteStandIn.class);

    private final Builder config;
    private final AirbyteTableWriter writer;
    private final FaultInjection faults = new FaultInjection();
    private final AccessTokens tokens;
    private final SyncJobs jobs;
    /** Serialises the table writes of API jobs and direct syncs. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile ConfluenceDataset dataset;
    private HttpServer server;
    private ExecutorService requestThreads;

    private AirbyteStandIn(Builder config) {
        this.config = config;
        this.dataset = config.dataset != null ? config.dataset : ConfluenceDataset.demoSpace();
        this.writer = new AirbyteTableWriter(config.target, config.schema, config.streamPrefix, config.layout,
                config.syncMode, config.bodyMode);
        this.tokens = new AccessTokens(config.clientId, config.clientSecret, config.tokenLifetime);
        this.jobs = new SyncJobs(config.connectionId, faults, this::writeSync);
    }

    public static Builder builder(DataSource target) {
        return new Builder(target);
    }

    /** Starts the HTTP server; the API is reachable when this returns. */
    public synchronized AirbyteStandIn start() {
        if (server != null) {
            throw new IllegalStateException("The Airbyte stand-in is already running on " + baseUrl());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + config.port
                    + " for the Airbyte stand-in (port in use? use 0 for a free one)", e);
        }
        // A thread per request, so a delayed answer does not hold up the others.
        requestThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(requestThreads);
        server.createContext(PUBLIC_API_PATH, new PublicApiHandler(faults, tokens, jobs, config.connectionId));
        server.createContext(LEGACY_API_PATH, new LegacyApiHandler(faults, tokens, jobs, config.connectionId,
                config.basicUser, config.basicPassword));
        server.start();
        log.info("Airbyte stand-in on {} for connection {}: layout {}, mode {}, bodies {}, {} into schema {}",
                baseUrl(), config.connectionId, config.layout.cliName(), config.syncMode, config.bodyMode, dataset,
                config.schema);
        return this;
    }

    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("The Airbyte stand-in is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String publicApiUrl() {
        return baseUrl() + PUBLIC_API_PATH;
    }

    public String legacyApiUrl() {
        return baseUrl() + LEGACY_API_PATH;
    }

    public String connectionId() {
        return config.connectionId;
    }

    public String clientId() {
        return config.clientId;
    }

    public String clientSecret() {
        return config.clientSecret;
    }

    /** The writer behind the syncs, which also names the tables it writes. */
    public AirbyteTableWriter tableWriter() {
        return writer;
    }

    public ConfluenceDataset dataset() {
        return dataset;
    }

    /** The dataset the next sync writes (as a change in Confluence would show up in the next sync). */
    public void setDataset(ConfluenceDataset dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    /** Writes the tables now, without HTTP or injected faults; recorded as a succeeded job. */
    public SyncResult syncDirectly() {
        return jobs.runNow();
    }

    /** Every job so far, oldest first. */
    public List<SyncJob> jobs() {
        return jobs.all();
    }

    public Optional<SyncJob> job(long jobId) {
        return jobs.get(jobId);
    }

    /** Jobs stay {@code running} this long before they sync; a change applies to jobs already held. */
    public void holdSyncs(Duration hold) {
        faults.holdSyncs(hold);
    }

    /** The next {@code count} jobs end {@code failed} and leave the tables as they were. */
    public void failNextSyncs(int count) {
        faults.failNextSyncs(count);
    }

    /** The next {@code count} API requests, of either flavour, answer 500 and do nothing. */
    public void respondWithServerError(int count) {
        faults.respondWithServerError(count);
    }

    /** Every API answer comes this much later (after the work is done), so clients can hit their timeouts. */
    public void delayResponses(Duration delay) {
        faults.delayResponses(delay);
    }

    /** Every token issued so far answers 401 until the client fetches a new one. */
    public void expireTokensNow() {
        tokens.expireAll();
    }

    /** The next {@code count} starts answer 409 although nothing runs, as when a job the client raced finished. */
    public void answerConflictOnNextStart(int count) {
        faults.answerConflictOnNextStart(count);
    }

    private SyncResult writeSync(long syncId) {
        writeLock.lock();
        try {
            return writer.write(dataset, syncId);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            requestThreads.shutdownNow();
            server = null;
        }
        jobs.close();
    }

    /** The stand-in's configuration; every setting has a default that works locally. */
    public static final class Builder {

        private final DataSource target;
        private String schema = "confluence";
        private String streamPrefix = "";
        private AirbyteLayout layout = AirbyteLayout.CONNECTOR_1X_FINAL;
        private SyncMode syncMode = SyncMode.OVERWRITE_DEDUPED;
        private BodyMode bodyMode = BodyMode.PRESENT;
        private ConfluenceDataset dataset;
        private String connectionId = DEFAULT_CONNECTION_ID;
        private String clientId = "local-client";
        private String clientSecret = "local-secret";
        private Duration tokenLifetime = Duration.ofSeconds(900);
        private String basicUser;
        private String basicPassword;
        private int port;

        private Builder(DataSource target) {
            this.target = Objects.requireNonNull(target, "target DataSource");
        }

        public Builder schema(String schema) {
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException("The destination schema must not be blank");
            }
            this.schema = schema;
            return this;
        }

        public Builder streamPrefix(String streamPrefix) {
            this.streamPrefix = Objects.requireNonNullElse(streamPrefix, "");
            return this;
        }

        public Builder layout(AirbyteLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder syncMode(SyncMode syncMode) {
            this.syncMode = Objects.requireNonNull(syncMode, "syncMode");
            return this;
        }

        public Builder bodyMode(BodyMode bodyMode) {
            this.bodyMode = Objects.requireNonNull(bodyMode, "bodyMode");
            return this;
        }

        /** The dataset the syncs write; the demo space when not set. */
        public Builder dataset(ConfluenceDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        public Builder connectionId(String connectionId) {
            this.connectionId = UUID.fromString(connectionId).toString();
            return this;
        }

        /** The client id and secret the token endpoint accepts. */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("The token lifetime must be positive: " + tokenLifetime);
            }
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        /** Basic auth for the legacy API (docker-compose installs); null user: Bearer tokens instead. */
        public Builder legacyBasicAuth(String user, String password) {
            if (user != null && password == null) {
                throw new IllegalArgumentException("Basic auth needs a password for user " + user);
            }
            this.basicUser = user;
            this.basicPassword = password;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public AirbyteStandIn build() {
            return new AirbyteStandIn(copy());
        }

        /** The stand-in keeps its own copy, so later changes to this builder do not reach it. */
        private Builder copy() {
            Builder copy = new Builder(target);
            copy.schema = schema;
            copy.streamPrefix = streamPrefix;
            copy.layout = layout;
            copy.syncMode = syncMode;
            copy.bodyMode = bodyMode;
            copy.dataset = dataset;
            copy.connectionId = connectionId;
            copy.clientId = clientId;
            copy.clientSecret = clientSecret;
            copy.tokenLifetime = tokenLifetime;
            copy.basicUser = basicUser;
            copy.basicPassword = basicPassword;
            copy.port = port;
            return copy;
        }
    }
}
