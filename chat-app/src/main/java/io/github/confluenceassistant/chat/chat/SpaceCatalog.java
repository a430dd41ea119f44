package io.github.confluenceassistant.chat.chat;

import io.github.confluenceassistant.chat.retrieval.ReadyCollectionLocator;
import io.github.confluenceassistant.chat.security.UserAccess;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;

/** The spaces in the index that a user may read: the choices of the chat's space filter. */
@Service
public class SpaceCatalog {

    private final DatabaseClient database;
    private final ReadyCollectionLocator collections;

    public SpaceCatalog(DatabaseClient database, ReadyCollectionLocator collections) {
        this.database = database;
        this.collections = collections;
    }

    public List<String> readableSpaces(UserAccess user) {
        return collections.current().map(collection -> database
                        .sql("select distinct space_key from assistant.ingest_snippet where collection = :c order by space_key")
                        .bind("c", collection.name())
                        .map(row -> row.get("space_key", String.class))
                        .all()
                        .filter(user::mayRead)
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .orElse(List.of());
    }
}
