package io.github.confluenceassistant.batch.confluence;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Streams the current pages from Airbyte's tables with a database cursor, in page-id order, never holding more
 * than one fetch of rows in memory. Restartable by key: the id of the last page of the last committed chunk is
 * kept in the step's execution context, and a restart continues after it.
 *
 * <p>Runs on its own connection, outside the chunk transactions, so the cursor survives each commit.
 *
 * <p>{@link #peek} reads the next pages ahead without handing them out, so their embedding can start while this
 * chunk is written. The restart point stays the last page handed out: a page only peeked at is read again after a
 * restart.
 */
public class PageReader implements ItemStreamReader<SourcePage> {

    static final String LAST_ID_KEY = "page-reader.last-id";
    /** Step context key: the pages this step reads in all, for the dashboard's progress bar. */
    public static final String TO_READ_KEY = "page-reader.to-read";
    private static final int FETCH_SIZE = 64;

    private final DataSource dataSource;
    private final PageQuery query;
    private final ConfluenceProperties confluence;
    private final String collection;
    private final PageSelection selection;

    private final Deque<SourcePage> peeked = new ArrayDeque<>();
    private String lastId = "";
    private long toRead = -1;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;

    public PageReader(DataSource dataSource, PageQuery query, ConfluenceProperties confluence, String collection,
                      PageSelection selection) {
        this.dataSource = dataSource;
        this.query = query;
        this.confluence = confluence;
        this.collection = collection;
        this.selection = selection;
    }

    @Override
    public void open(ExecutionContext context) {
        lastId = context.getString(LAST_ID_KEY, "");
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            toRead = count(connection);
            context.putLong(TO_READ_KEY, toRead);
            statement = connection.prepareStatement(query.pagesSql(selection));
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, collection);
            statement.setString(2, lastId);
            bindSelection(connection, statement, 3);
            rows = statement.executeQuery();
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read pages from Airbyte's tables: " + e.getMessage(), e);
        }
    }

    @Override
    public SourcePage read() throws SQLException {
        SourcePage page = peeked.isEmpty() ? next() : peeked.poll();
        if (page != null) {
            lastId = page.page().id();
        }
        return page;
    }

    /** The next pages {@link #read} will return, at most {@code count}, without handing them out. */
    public List<SourcePage> peek(int count) throws SQLException {
        while (peeked.size() < count) {
            SourcePage page = next();
            if (page == null) {
                break;
            }
            peeked.add(page);
        }
        return peeked.stream().limit(count).toList();
    }

    private SourcePage next() throws SQLException {
        return rows == null || !rows.next() ? null : map(rows);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(LAST_ID_KEY, lastId);
        if (toRead >= 0) {
            context.putLong(TO_READ_KEY, toRead);
        }
    }

    private long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(query.countSql(selection))) {
            bindSelection(connection, count, 1);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void bindSelection(Connection connection, PreparedStatement target, int firstIndex) throws SQLException {
        int index = firstIndex;
        for (Object parameter : PageQuery.selectionParameters(selection)) {
            target.setObject(index++, parameter instanceof String[] keys ? connection.createArrayOf("text", keys) : parameter);
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        } finally {
            peeked.clear();
            rows = null;
            statement = null;
            connection = null;
        }
    }

    private SourcePage map(ResultSet rs) throws SQLException {
        Timestamp modified = rs.getTimestamp("last_modified");
        Array ancestors = rs.getArray("ancestor_titles");
        ConfluencePage page = new ConfluencePage(
                rs.getString("id"),
                rs.getString("content_type"),
                rs.getString("status"),
                rs.getString("space_key"),
                rs.getString("space_name"),
                rs.getString("title"),
                rs.getInt("version"),
                modified == null ? Instant.EPOCH : modified.toInstant(),
                confluence.pageUrl(rs.getString("webui")),
                ancestors == null ? List.of() : Arrays.asList((String[]) ancestors.getArray()),
                rs.getString("body"));
        int storedVersion = rs.getInt("stored_version");
        return new SourcePage(page, rs.wasNull() ? null : storedVersion, rs.getString("stored_hash"));
    }
}
