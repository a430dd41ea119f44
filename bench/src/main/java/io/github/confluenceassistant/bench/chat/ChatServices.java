package io.github.confluenceassistant.bench.chat;

import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.chat.answer.AnswerService;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import io.github.confluenceassistant.chat.security.UserAccess;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The chat app's retrieval and answer services in this JVM, without a web server: its own {@code retrieval} and
 * {@code answer} configuration and its {@code application.properties} (floors, top-k, answer settings), so the
 * bench asks exactly what the app would, and times retrieval alone (see {@link RetrievalRecorder}). The web,
 * security and UI parts are left out (so not {@code ChatApplication} itself): they need a servlet context and
 * play no part in an answer.
 */
public final class ChatServices implements AutoCloseable {

    /** A user who may read every space, as the demo user. */
    public static final UserAccess READS_EVERYTHING = new UserAccess("bench", Set.of("*"), false);

    private final ConfigurableApplicationContext context;

    private ChatServices(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param settings chat-app properties for this run, e.g. {@code assistant.retrieval.mode}
     */
    public static ChatServices start(Database database, String chromaUrl, String collectionPrefix,
                                     Map<String, String> settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", database.user());
        properties.put("spring.r2dbc.password", database.password());
        // the chat app's Flyway (its feedback table) takes the JDBC side of the same database
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("assistant.chroma.url", chromaUrl);
        properties.put("assistant.chroma.collection-prefix", collectionPrefix);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.github.confluenceassistant", "WARN");
        properties.put("logging.level.ai.djl", "ERROR");
        properties.putAll(settings);
        // as command-line arguments, so they override the chat app's application.properties like its own arguments do
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatServicesConfiguration.class)
                .web(WebApplicationType.NONE)
                .run(args);
        return new ChatServices(context);
    }

    public AnswerService answers() {
        return context.getBean(AnswerService.class);
    }

    public SnippetRetriever retriever() {
        return context.getBean(SnippetRetriever.class);
    }

    public RetrievalRecorder recorder() {
        return context.getBean(RetrievalRecorder.class);
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Vaadin's and Spring Security's auto-configurations are left out: Vaadin's insists on a web application
     * context, and neither has a part in answering.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "com.vaadin.flow.spring.SpringBootAutoConfiguration",
            "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
            "com.vaadin.flow.spring.VaadinScopesConfig",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
    @ComponentScan(basePackages = {"io.github.confluenceassistant.chat.retrieval", "io.github.confluenceassistant.chat.answer"})
    @ConfigurationPropertiesScan(basePackages = {"io.github.confluenceassistant.chat.retrieval",
            "io.github.confluenceassistant.chat.answer", "io.github.confluenceassistant.shared"})
    static class ChatServicesConfiguration {

        @Bean
        static RetrievalRecorder retrievalRecorder() {
            return new RetrievalRecorder();
        }
    }
}
