package fr.beffroi.edge.buffer;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How the gateway opens each of its SQLite files (buffer, command log, rule state, allow-list,
 * corrupt frames): its folder created, WAL journal, the durability the store asks for, a busy
 * timeout long enough for the other stores' writers, and its schema created if missing.
 */
public final class SqliteFiles {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteFiles() {
    }

    /**
     * @param synchronous {@code FULL} for what must survive a power cut (readings, commands, state);
     *                    {@code NORMAL} for diagnostics
     * @param schema      statements run once at open, e.g. {@code CREATE TABLE IF NOT EXISTS ...}
     */
    public static Connection open(Path path, SQLiteConfig.SynchronousMode synchronous, String... schema)
            throws SQLException, IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection db = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            for (String statement : schema) s.execute(statement);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }
}
