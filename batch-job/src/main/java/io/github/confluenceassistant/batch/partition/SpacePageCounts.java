package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.confluence.PageQuery;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.TreeMap;

/** How many current pages each space has in Airbyte's tables. */
public class SpacePageCounts {

    private final JdbcTemplate jdbc;
    private final PageQuery query;

    public SpacePageCounts(JdbcTemplate jdbc, PageQuery query) {
        this.jdbc = jdbc;
        this.query = query;
    }

    public Map<String, Long> count() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(query.pagesPerSpaceSql(), rs -> {
            String key = rs.getString(1);
            if (key != null) {
                counts.put(key, rs.getLong(2));
            }
        });
        return counts;
    }
}
