package io.github.confluenceassistant.bench;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** One PostgreSQL database a benchmark created for itself: Airbyte's tables, the job repository and ours. */
public record Database(String name, String jdbcUrl, String user, String password) {

    public String r2dbcUrl() {
        return jdbcUrl.replaceFirst("^jdbc:", "r2dbc:");
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }
}
