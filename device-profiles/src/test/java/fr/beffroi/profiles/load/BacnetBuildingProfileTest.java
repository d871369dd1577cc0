package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.SignalSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled BACnet building profile loads, and bounds commands as the edge-bacnet driver relies on. */
class BacnetBuildingProfileTest {

    private final DeviceProfile profile = new ProfileLoader().load("bms", "bacnet-building");

    @Test
    void loadsBuildingSignalsAndFourSignalsPerZoneForEightZones() {
        assertThat(profile.family()).isEqualTo("bms");
        assertThat(profile.signals()).hasSize(5 + 8 * 4);
        assertThat(profile.signals()).extracting(SignalSpec::name).startsWith(
                "outdoor_temperature", "heat_energy", "heat_power", "supply_temperature", "return_temperature",
                "zone1_temperature", "zone1_setpoint", "zone1_mode", "zone1_presence");
        assertThat(profile.signal("zone8_presence")).isPresent();
        assertThat(profile.signal("heat_energy").orElseThrow().unit()).isEqualTo("kW.h");
        assertThat(profile.signal("zone3_temperature").orElseThrow().unit()).isEqualTo("Cel");
    }

    @Test
    void onlySetpointsAndModesAreWritableWithinTheirRanges() {
        assertThat(profile.signals()).filteredOn(SignalSpec::writable).extracting(SignalSpec::name)
                .allMatch(n -> n.endsWith("_setpoint") || n.endsWith("_mode"))
                .hasSize(16);

        SignalSpec setpoint = profile.signal("zone1_setpoint").orElseThrow();
        assertThat(setpoint.commandProblem(19)).isEmpty();
        assertThat(setpoint.commandProblem(5)).isEmpty();
        assertThat(setpoint.commandProblem(28.5)).hasValueSatisfying(m -> assertThat(m).contains("outside"));
        assertThat(setpoint.commandProblem(4)).isPresent();

        SignalSpec mode = profile.signal("zone1_mode").orElseThrow();
        assertThat(mode.commandProblem(1)).isEmpty();
        assertThat(mode.commandProblem(4)).isEmpty();
        assertThat(mode.commandProblem(0)).isPresent();
        assertThat(mode.commandProblem(5)).isPresent();

        assertThat(profile.signal("zone1_temperature").orElseThrow().commandProblem(19))
                .hasValue("point 'zone1_temperature' is not writable");
    }
}
