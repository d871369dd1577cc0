package fr.beffroi.edge.driver.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A golden register image from {@code src/test/resources/sunspec/}: protocol address → word, plus
 * the readings it must decode to. Shared by the driver's unit test (as a fake link) and its
 * integration test (served by a real Modbus TCP server).
 */
final class RegisterImage {
    final Map<Integer, Short> words = new TreeMap<>();
    final JsonNode expected;

    private RegisterImage(JsonNode root) {
        expected = root.get("expected");
        for (JsonNode range : root.get("registers")) {
            int address = range.get("address").intValue();
            for (JsonNode row : range.get("words")) {
                for (String word : row.textValue().trim().split("\\s+")) {
                    words.put(address++, (short) Integer.parseInt(word, 16));
                }
            }
        }
    }

    static RegisterImage load(String name) {
        try (InputStream in = RegisterImage.class.getResourceAsStream("/sunspec/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no register image " + name);
            }
            return new RegisterImage(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected value of each point, by name. */
    Map<String, Double> expectedValues() {
        Map<String, Double> values = new TreeMap<>();
        expected.get("points").forEach(p -> values.put(p.get("point").textValue(), p.get("value").doubleValue()));
        return values;
    }

    Map<String, String> expectedUnits() {
        Map<String, String> units = new TreeMap<>();
        expected.get("points").forEach(p -> units.put(p.get("point").textValue(), p.get("unit").textValue()));
        return units;
    }
}
