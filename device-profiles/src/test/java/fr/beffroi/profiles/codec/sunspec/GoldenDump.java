package fr.beffroi.profiles.codec.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A golden register dump from {@code src/test/resources/sunspec/}: raw words at their protocol
 * addresses beside what they must decode to. As a {@link RegisterReader}, it refuses registers the
 * dump does not hold, as a device answers "illegal data address".
 */
final class GoldenDump implements RegisterReader {
    final String name;
    final JsonNode expected;
    private final Map<Integer, Short> registers = new HashMap<>();
    int reads;

    private GoldenDump(String name, JsonNode root) {
        this.name = name;
        this.expected = root.get("expected");
        for (JsonNode range : root.get("registers")) {
            int address = range.get("address").intValue();
            for (JsonNode row : range.get("words")) {
                for (String word : row.textValue().trim().split("\\s+")) {
                    registers.put(address++, (short) Integer.parseInt(word, 16));
                }
            }
        }
    }

    static GoldenDump load(String name) {
        try (InputStream in = GoldenDump.class.getResourceAsStream("/sunspec/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden dump " + name);
            }
            return new GoldenDump(name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public short[] read(int address, int count) throws IOException {
        reads++;
        short[] words = new short[count];
        for (int i = 0; i < count; i++) {
            Short w = registers.get(address + i);
            if (w == null) {
                throw new UnreadableRegistersException("illegal data address " + (address + i));
            }
            words[i] = w;
        }
        return words;
    }

    @Override
    public String toString() {
        return name;
    }
}
