package fr.beffroi.ops.bench;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CPU time spent by this JVM and by the PostgreSQL processes (backends and background workers,
 * from {@code pg_stat_activity} and Linux's {@code /proc}), so that a phase's cost can be told
 * apart from the other load of a shared machine: rows/s moves with the neighbours, CPU per row
 * much less. Where {@code /proc} or the JVM's counter is missing, the figures are -1.
 */
final class CpuMeter {
    /** Linux reports /proc times in USER_HZ, 100 on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** CPU nanoseconds at one instant: this JVM and PostgreSQL. */
    record Sample(long jvmNanos, long postgresNanos) {
        /** Milliseconds spent since {@code before}: [jvm, postgres]. */
        long[] millisSince(Sample before) {
            return new long[]{diff(jvmNanos, before.jvmNanos), diff(postgresNanos, before.postgresNanos)};
        }

        private static long diff(long after, long before) {
            return after < 0 || before < 0 ? -1 : (after - before) / 1_000_000;
        }
    }

    private final DataSource dataSource;

    CpuMeter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Sample sample() {
        return new Sample(jvmNanos(), postgresNanos());
    }

    private static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private long postgresNanos() {
        if (!Files.isDirectory(Path.of("/proc/self"))) return -1;
        long ticks = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity")) {
            while (rs.next()) ticks += ticks(rs.getInt(1));
        } catch (SQLException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime of one process; 0 when it is gone (a backend that closed meanwhile). */
    private static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // The command name is in parentheses and may hold spaces: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
