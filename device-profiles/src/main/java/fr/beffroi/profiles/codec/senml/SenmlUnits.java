package fr.beffroi.profiles.codec.senml;

import java.util.Map;
import java.util.Optional;

/**
 * SenML unit symbols (the IANA "SenML Units" registry, RFC 8428 §12.1 and RFC 8798) to the UCUM
 * codes Beffroi stores. Most symbols are the same; the registry's percentages of a kind
 * ({@code %EL} battery, {@code %RH} humidity) are UCUM's {@code %}. A closed list: an unknown symbol
 * is a mismatch the decoder reports, never a guess.
 */
public final class SenmlUnits {

    private static final Map<String, String> TO_UCUM = Map.ofEntries(
            Map.entry("m", "m"), Map.entry("Cel", "Cel"), Map.entry("K", "K"),
            Map.entry("%", "%"), Map.entry("%EL", "%"), Map.entry("%RH", "%"), Map.entry("/", "1"),
            Map.entry("W", "W"), Map.entry("Wh", "W.h"), Map.entry("kWh", "kW.h"),
            Map.entry("V", "V"), Map.entry("A", "A"), Map.entry("Hz", "Hz"),
            Map.entry("s", "s"), Map.entry("min", "min"), Map.entry("h", "h"), Map.entry("d", "d"),
            Map.entry("m3", "m3"), Map.entry("l", "L"), Map.entry("L", "L"),
            Map.entry("Pa", "Pa"), Map.entry("hPa", "hPa"), Map.entry("bar", "bar"),
            Map.entry("kg", "kg"), Map.entry("lx", "lx"));

    private SenmlUnits() {
    }

    /** The UCUM code of a SenML unit symbol, if Beffroi knows it. */
    public static Optional<String> toUcum(String senmlUnit) {
        return Optional.ofNullable(TO_UCUM.get(senmlUnit));
    }
}
