package fr.beffroi.ops.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator parts a demo simulation started, closed in reverse order of start; a part that
 * fails to close is reported and the others still close.
 */
final class OwnedParts implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();

    <T extends AutoCloseable> T keep(T part) {
        parts.add(part);
        return part;
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("demo: closing " + parts.get(i) + ": " + e);
            }
        }
        parts.clear();
    }
}
