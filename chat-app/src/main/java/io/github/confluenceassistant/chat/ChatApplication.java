package io.github.confluenceassistant.chat;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The chat web app: the Vaadin chat UI and the JSON API over the index the ingestion job builds. Also the
 * Vaadin app shell: Lumo styles, and server push so that answers appear token by token.
 */
@SpringBootApplication
@ConfigurationPropertiesScan(basePackages = {"io.github.confluenceassistant.chat", "io.github.confluenceassistant.shared"})
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("assistant.css")
@Push
public class ChatApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
