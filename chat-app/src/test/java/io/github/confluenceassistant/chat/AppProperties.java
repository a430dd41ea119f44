package io.github.confluenceassistant.chat;

import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties every test of the whole chat app sets: its database (R2DBC and Flyway's JDBC), Chroma, its users. */
public final class AppProperties {

    private AppProperties() {
    }

    /** The test database of the shared PostgreSQL and the shared Chroma, under this collection prefix. */
    public static void index(DynamicPropertyRegistry registry, String database, String chromaUrl, String collectionPrefix) {
        TestInfrastructure infra = TestInfrastructure.shared();
        registry.add("spring.r2dbc.url", () -> infra.postgres().r2dbcUrl(database));
        registry.add("spring.r2dbc.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.r2dbc.password", () -> EmbeddedPostgresServer.PASSWORD);
        registry.add("spring.datasource.url", () -> infra.postgres().jdbcUrl(database));
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> EmbeddedPostgresServer.PASSWORD);
        registry.add("assistant.chroma.url", () -> chromaUrl);
        registry.add("assistant.chroma.collection-prefix", () -> collectionPrefix);
    }

    /** User number {@code i} of {@code assistant.security.users}. */
    public static void user(DynamicPropertyRegistry registry, int i, String name, String password, String roles,
                            String spaces) {
        String prefix = "assistant.security.users[" + i + "].";
        registry.add(prefix + "username", () -> name);
        registry.add(prefix + "password", () -> password);
        registry.add(prefix + "roles", () -> roles);
        registry.add(prefix + "spaces", () -> spaces);
    }
}
