package io.github.confluenceassistant.batch.confluence;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ids of the pages that are current in Airbyte's tables, as the page reader sees them. */
public class CurrentPages {

    private final JdbcTemplate jdbc;
    private final PageQuery query;
    private final List<String> spaceKeys;

    public CurrentPages(JdbcTemplate jdbc, PageQuery query, List<String> spaceKeys) {
        this.jdbc = jdbc;
        this.query = query;
        this.spaceKeys = List.copyOf(spaceKeys);
    }

    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        if (spaceKeys.isEmpty()) {
            jdbc.query(query.currentIdsSql(false), rs -> {
                ids.add(rs.getString(1));
            });
        } else {
            jdbc.query(query.currentIdsSql(true), rs -> {
                ids.add(rs.getString(1));
            }, (Object) spaceKeys.toArray(String[]::new));
        }
        return ids;
    }
}
