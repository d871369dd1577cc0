package fr.beffroi.edge.poll;

import fr.beffroi.profiles.wire.Reading;

import java.util.List;

/**
 * Told of the readings of one poll right after the buffer stored them (the edge rules listen here).
 * Called on the polling thread: hand the readings off, never block.
 */
@FunctionalInterface
public interface ReadingListener {
    ReadingListener NONE = readings -> {
    };

    void stored(List<Reading> readings);
}
