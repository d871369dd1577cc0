package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import fr.beffroi.profiles.model.SignalSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The waste profiles load, and say what a lift may and may not carry. */
class WasteProfilesTest {

    private final ProfileLoader loader = new ProfileLoader();

    @Test
    void aWeighedLiftWithPositionConformsAndANoTagLiftNeedsNoTag() {
        EventSpec lift = loader.load("waste", "binlift-rfid").event("lift").orElseThrow();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("tag", "0000FA0FA3D5C9E0");
        attrs.put("status", "OK");
        attrs.put("side", "RIGHT");
        attrs.put("truck", "BOM-12");
        attrs.put("truckSeq", "17");
        attrs.put("reads", "2");
        attrs.put("lat", "49.401234");
        attrs.put("lon", "2.101234");
        attrs.put("hdop", "0.9");
        attrs.put("fix", "GPS");
        attrs.put("gross", "31.5");
        attrs.put("tare", "12.0");
        attrs.put("weighing", "STABLE");
        attrs.put("stream", "OMR");
        assertThat(lift.problems(attrs)).isEmpty();

        assertThat(lift.problems(Map.of("status", "NO_TAG", "side", "LEFT", "truck", "BOM-12", "truckSeq", "18",
                "reads", "1", "fix", "NONE", "weighing", "NONE"))).isEmpty();
    }

    @Test
    void householdDataOrAMalformedTagIsRefused() {
        EventSpec lift = loader.load("waste", "binlift-rfid").event("lift").orElseThrow();
        assertThat(lift.problems(Map.of("tag", "250004000123456", "status", "OK", "side", "LEFT", "truck", "T1",
                "truckSeq", "1", "reads", "1", "fix", "NONE", "weighing", "NONE", "address", "12 rue X")))
                .containsExactly("lift.tag: '250004000123456' does not match [0-9A-F]{16}",
                        "lift.address: not an attribute of this event (declared: tag, status, side, truck, truckSeq,"
                                + " reads, lat, lon, hdop, fix, gross, tare, weighing, stream)");
    }

    @Test
    void gpsSignalsCarryDegreesAndKilometresPerHour() {
        DeviceProfile gps = loader.load("waste", "nmea-gps");
        assertThat(gps.signals()).extracting(SignalSpec::name)
                .containsExactly("fix", "lat", "lon", "hdop", "sats", "alt", "speed", "course");
        assertThat(gps.signal("speed").orElseThrow().unit()).isEqualTo("km/h");
        assertThat(gps.signal("lat").orElseThrow().unit()).isEqualTo("deg");
    }
}
