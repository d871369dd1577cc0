package fr.beffroi.sim.face.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import fr.beffroi.profiles.codec.modbus.ModbusValue;
import fr.beffroi.profiles.codec.modbus.ReadSpan;
import fr.beffroi.profiles.codec.modbus.RegisterLayout;
import fr.beffroi.sim.model.building.BuildingConfig;
import fr.beffroi.sim.model.building.BuildingModel;
import fr.beffroi.sim.model.building.BuildingSnapshot;
import fr.beffroi.sim.model.building.ZoneMode;
import fr.beffroi.sim.time.LeapClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BmsRegisterMapTest {

  private final LeapClock clock = LeapClock.at(Instant.parse("2027-01-12T09:00:00Z"));
  private final BuildingModel school = BuildingModel.create(BuildingConfig.school(3), clock, 1234.5);
  private final BmsRegisterMap map = BmsRegisterMap.forZones(school.zoneCount());

  private Map<String, Double> decode(int[] image) {
    RegisterLayout layout = map.layout();
    List<ReadSpan> spans = List.of(new ReadSpan(0, image.length));
    short[] words = new short[image.length];
    for (int i = 0; i < image.length; i++) {
      words[i] = (short) image[i];
    }
    return layout.decode(spans, List.of(words)).stream()
        .collect(Collectors.toMap(ModbusValue::point, ModbusValue::value));
  }

  @Test
  void theImageDecodesThroughTheProfileToTheSnapshot() {
    clock.leap(Duration.ofHours(2));
    BuildingSnapshot s = school.snapshot();

    Map<String, Double> v = decode(map.encode(s));

    assertThat(map.size()).isEqualTo(16 + 5 * 12);
    assertThat(v.get("zoneCount")).isEqualTo(5);
    assertThat(v.get("outdoorTemp")).isEqualTo(Math.round(s.outdoorC() * 10) / 10.0);
    assertThat(v.get("heatEnergy")).isEqualTo(Math.round(s.heatEnergyKwh() * 10) / 10.0);
    assertThat(v.get("heatPower")).isEqualTo((double) (float) s.heatPowerKw(), within(1e-4));
    assertThat(v.get("zone3.roomTemp")).isEqualTo(Math.round(s.zones().get(2).roomC() * 10) / 10.0);
    assertThat(v.get("zone3.setpoint")).isEqualTo(19.0);
    assertThat(v.get("zone3.mode")).isEqualTo(3.0);
    assertThat(v.get("zone5.presence")).isIn(0.0, 1.0);
  }

  @Test
  void writesOfWritablePointsBecomeCommands() throws Exception {
    map.write(school, 16 + 12 + 2, new short[] {1});           // zone2.mode = HORS_GEL
    map.write(school, 16 + 1, new short[] {205});              // zone1.setpoint = 20.5 °C
    map.write(school, 16 + 5, new short[] {1, 1});             // zone1.light1, light2 on, one write

    var zones = school.snapshot().zones();
    assertThat(zones.get(1).mode()).isEqualTo(ZoneMode.HORS_GEL);
    assertThat(zones.get(0).comfortC()).isEqualTo(20.5);
    assertThat(zones.get(0).light1()).isTrue();
    assertThat(zones.get(0).light2()).isTrue();
  }

  @Test
  void readOnlyRegistersAndOutOfRangeValuesAreRefused() {
    BmsRegisterMap.WriteRefused readOnly = catchThrowableOfType(BmsRegisterMap.WriteRefused.class,
        () -> map.write(school, 16, new short[] {250}));
    BmsRegisterMap.WriteRefused tooHot = catchThrowableOfType(BmsRegisterMap.WriteRefused.class,
        () -> map.write(school, 17, new short[] {300}));
    BmsRegisterMap.WriteRefused noMode = catchThrowableOfType(BmsRegisterMap.WriteRefused.class,
        () -> map.write(school, 18, new short[] {9}));

    assertThat(readOnly.badAddress()).isTrue();
    assertThat(readOnly).hasMessage("no writable point starts at register 16");
    assertThat(tooHot.badAddress()).isFalse();
    assertThat(tooHot).hasMessage("zone1.setpoint: point 'setpoint': 30.0 outside 5.0..25.0 Cel");
    assertThat(noMode.badAddress()).isFalse();
    assertThat(school.snapshot().zones().get(0).comfortC()).isEqualTo(19);
    assertThat(Arrays.stream(map.encode(school.snapshot())).allMatch(w -> w >= 0 && w <= 0xFFFF)).isTrue();
  }
}
