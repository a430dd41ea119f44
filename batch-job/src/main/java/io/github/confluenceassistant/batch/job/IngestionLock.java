package io.github.confluenceassistant.batch.job;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session advisory lock held for a whole run: a second job process started at the same time finds
 * it taken and exits with a clear message. The lock dies with the database session, so a killed process never
 * leaves it behind; a run that ends unlocks it explicitly, because closing a pooled connection keeps the session.
 */
public final class IngestionLock implements AutoCloseable {

    /** Arbitrary, fixed: "conf" in ASCII. */
    static final long LOCK_KEY = 0x636f6e66L;

    private final Connection connection;
    private final int nameKey;

    private IngestionLock(Connection connection, int nameKey) {
        this.connection = connection;
        this.nameKey = nameKey;
    }

    public static Optional<IngestionLock> tryAcquire(DataSource dataSource, String name) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, (int) LOCK_KEY);
                lock.setInt(2, name.hashCode());
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return Optional.of(new IngestionLock(connection, name.hashCode()));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the ingestion lock in PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection session = connection;
             PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, (int) LOCK_KEY);
            unlock.setInt(2, nameKey);
            unlock.execute();
        } catch (SQLException ignored) {
            // a broken connection is not returned to the pool: the lock goes with its session
        }
    }
}
