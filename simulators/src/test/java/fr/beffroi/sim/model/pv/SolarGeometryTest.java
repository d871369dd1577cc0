package fr.beffroi.sim.model.pv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SolarGeometryTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final PvSite OISE = PvSite.OISE_ROOF;

  @Test
  void solsticeDeclinationsAreTheTropics() {
    SunPosition june = SolarGeometry.position(OISE, LocalDateTime.of(2026, 6, 21, 13, 52).atZone(PARIS).toInstant());
    SunPosition december = SolarGeometry.position(OISE, LocalDateTime.of(2026, 12, 21, 12, 49).atZone(PARIS).toInstant());

    assertThat(june.declinationDeg()).isCloseTo(23.44, within(0.3));
    assertThat(december.declinationDeg()).isCloseTo(-23.44, within(0.3));
  }

  @Test
  void solarNoonElevationIsNinetyMinusLatitudePlusDeclination() {
    // Solar noon in the Oise is about 13:52 CEST in June and 12:49 CET in December.
    SunPosition june = SolarGeometry.position(OISE, LocalDateTime.of(2026, 6, 21, 13, 52).atZone(PARIS).toInstant());
    SunPosition december = SolarGeometry.position(OISE, LocalDateTime.of(2026, 12, 21, 12, 49).atZone(PARIS).toInstant());

    assertThat(june.hourAngleDeg()).isCloseTo(0, within(1.0));
    assertThat(june.elevationDeg()).isCloseTo(90 - 49.5 + 23.44, within(0.5));
    assertThat(december.hourAngleDeg()).isCloseTo(0, within(1.0));
    assertThat(december.elevationDeg()).isCloseTo(90 - 49.5 - 23.44, within(0.5));
  }

  @Test
  void aSouthPanelTiltedThirtyDegreesFacesTheJuneNoonSunAlmostSquarely() {
    SunPosition june = SolarGeometry.position(OISE, LocalDateTime.of(2026, 6, 21, 13, 52).atZone(PARIS).toInstant());

    // Incidence = latitude − declination − tilt ≈ 3.9°.
    assertThat(Math.toDegrees(Math.acos(june.cosIncidence()))).isCloseTo(3.9, within(1.0));
  }

  @Test
  void theSunIsDownAtMidnight() {
    SunPosition midnight = SolarGeometry.position(OISE, LocalDateTime.of(2026, 6, 21, 0, 30).atZone(PARIS).toInstant());

    assertThat(midnight.isUp()).isFalse();
  }
}
