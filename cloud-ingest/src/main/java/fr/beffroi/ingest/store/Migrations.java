package fr.beffroi.ingest.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the numbered SQL files under {@code db/migration/} ({@code V<n>__<name>.sql}) once each,
 * in order, each in its own transaction, recording them in {@code schema_migration}. A file changed
 * after it was applied stops the node: the schema would no longer be what the file says.
 * Nodes starting together serialise on an advisory lock.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String LOCATION = "db/migration/";
    private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final long LOCK_KEY = 0x62656666726F69L; // "beffroi"

    /** One migration file. */
    public record Migration(int version, String name, String sql) {
        String checksum() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(sql.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Migrations() {
    }

    /** Brings the database behind {@code dataSource} to the latest schema; returns the versions applied now. */
    public static List<Integer> apply(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return apply(c);
        }
    }

    /** As {@link #apply(DataSource)} on an open connection (left open, auto-commit restored). */
    public static List<Integer> apply(Connection c) throws SQLException {
        List<Migration> all = bundled();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
        }
        try {
            // Under the lock: CREATE TABLE IF NOT EXISTS is not safe against itself, and two nodes
            // starting together on an empty database failed on pg_type's unique index (IngestClusterIT).
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL,"
                        + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            Map<Integer, String> applied = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migration")) {
                while (rs.next()) applied.put(rs.getInt(1), rs.getString(2));
            }
            List<Integer> done = new ArrayList<>();
            for (Migration m : all) {
                String known = applied.get(m.version());
                if (known != null) {
                    if (!known.equals(m.checksum())) {
                        throw new SQLException("migration V" + m.version() + "__" + m.name()
                                + " changed after it was applied; add a new migration instead");
                    }
                    continue;
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement();
                     PreparedStatement record = c.prepareStatement(
                             "INSERT INTO schema_migration (version, name, checksum) VALUES (?, ?, ?)")) {
                    s.execute(m.sql());
                    record.setInt(1, m.version());
                    record.setString(2, m.name());
                    record.setString(3, m.checksum());
                    record.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("migration V" + m.version() + "__" + m.name() + " failed: " + e.getMessage(),
                            e.getSQLState(), e);
                } finally {
                    c.setAutoCommit(true);
                }
                LOG.info("applied migration V{}__{}", m.version(), m.name());
                done.add(m.version());
            }
            return done;
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
            c.setAutoCommit(autoCommit);
        }
    }

    /** The migration files on the class path, by version. */
    public static List<Migration> bundled() {
        URL dir = Migrations.class.getClassLoader().getResource(LOCATION);
        if (dir == null) throw new IllegalStateException("no " + LOCATION + " on the class path");
        List<String> names = new ArrayList<>();
        try {
            if ("jar".equals(dir.getProtocol())) {
                JarURLConnection conn = (JarURLConnection) dir.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(LOCATION) && n.length() > LOCATION.length())
                            .map(n -> n.substring(LOCATION.length()))
                            .forEach(names::add);
                }
            } else {
                try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
                    files.map(f -> f.getFileName().toString()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + LOCATION, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Migration> out = new ArrayList<>();
        for (String n : names) {
            Matcher m = FILE.matcher(n);
            if (!m.matches()) continue;
            try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + n)) {
                out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + LOCATION + n, e);
            }
        }
        out.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).version() == out.get(i - 1).version()) {
                throw new IllegalStateException("two migrations numbered V" + out.get(i).version());
            }
        }
        return out;
    }
}
