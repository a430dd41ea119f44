package io.github.confluenceassistant.batch.confluence;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.Set;

/** The ids of the pages that are current in Airbyte's tables, as the page reader sees them. */
public class CurrentPages {

    private final JdbcTemplate jdbc;
    private final PageQuery query;
    private final PageSelection selection;

    public CurrentPages(JdbcTemplate jdbc, PageQuery query, PageSelection selection) {
        this.jdbc = jdbc;
        this.query = query;
        this.selection = selection;
    }

    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        jdbc.query(query.currentIdsSql(selection), rs -> {
            ids.add(rs.getString(1));
        }, PageQuery.selectionParameters(selection).toArray());
        return ids;
    }
}
