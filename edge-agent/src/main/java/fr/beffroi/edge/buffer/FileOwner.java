package fr.beffroi.edge.buffer;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which gateway a state file (buffer, command log, rule state, allow-list) belongs to, written in the
 * file by the first gateway that opens it. The command log, rule state and allow-list default to
 * files beside the buffer, so two agents whose buffers share a folder would share them unnoticed:
 * command ids one gateway handled would be refused by the other, and results sent through the wrong
 * gateway (it happened in the demo). A file that names another gateway is refused before any store
 * opens it.
 */
public final class FileOwner {
    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1),"
            + " gateway TEXT NOT NULL)";

    private FileOwner() {
    }

    /**
     * Records {@code gateway} as the file's owner when it has none (a new file, or one from before
     * owners were recorded), and returns the owner the file names, which is {@code gateway} unless
     * another gateway claimed it first.
     */
    public static String claim(Path file, String gateway) {
        try (Connection db = SqliteFiles.open(file, SQLiteConfig.SynchronousMode.FULL, SCHEMA)) {
            try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO owner (id, gateway) VALUES (1, ?)")) {
                insert.setString(1, gateway);
                insert.executeUpdate();
            }
            try (PreparedStatement select = db.prepareStatement("SELECT gateway FROM owner WHERE id = 1");
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException | IOException e) {
            throw new BufferException("state file " + file + ": cannot read or record its owner", e);
        }
    }
}
