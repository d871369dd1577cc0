package fr.beffroi.edge.bacnet;

import com.serotonin.bacnet4j.type.constructed.Scale;
import com.serotonin.bacnet4j.type.constructed.StatusFlags;
import com.serotonin.bacnet4j.type.enumerated.BinaryPV;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.primitive.Boolean;
import com.serotonin.bacnet4j.type.primitive.CharacterString;
import com.serotonin.bacnet4j.type.primitive.Null;
import com.serotonin.bacnet4j.type.primitive.Real;
import com.serotonin.bacnet4j.type.primitive.SignedInteger;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;
import fr.beffroi.profiles.unit.UcumUnits;
import fr.beffroi.profiles.wire.Quality;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BACnet values, scales, units and status flags to our numbers, UCUM codes and qualities, and back for commands. */
class BacnetValuesTest {

    @Test
    void realsKeepTheDecimalTheControllerMeant() {
        assertThat(BacnetValues.number(new Real(21.3f))).isEqualTo(21.3);
        assertThat(BacnetValues.number(new Real(-4.7f))).isEqualTo(-4.7);
        assertThat(BacnetValues.number(new Real(19f))).isEqualTo(19.0);
    }

    @Test
    void integersBinaryStatesAndBooleansAreNumbers() {
        assertThat(BacnetValues.number(new UnsignedInteger(3))).isEqualTo(3.0);
        assertThat(BacnetValues.number(new UnsignedInteger(4_294_967_295L))).isEqualTo(4_294_967_295.0);
        assertThat(BacnetValues.number(new SignedInteger(-12))).isEqualTo(-12.0);
        assertThat(BacnetValues.number(BinaryPV.active)).isEqualTo(1.0);
        assertThat(BacnetValues.number(BinaryPV.inactive)).isEqualTo(0.0);
        assertThat(BacnetValues.number(Boolean.TRUE)).isEqualTo(1.0);
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNotGuessed() {
        assertThatThrownBy(() -> BacnetValues.number(new CharacterString("19 °C")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CharacterString");
        assertThatThrownBy(() -> BacnetValues.number(Null.instance)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccumulatorIsPresentValueTimesItsScale() {
        // 0.1 kWh steps: integer scale −1 is 10^−1
        assertThat(BacnetValues.scaled(123_456, new Scale(new SignedInteger(-1)))).isEqualTo(12_345.6);
        assertThat(BacnetValues.scaled(7, new Scale(new SignedInteger(2)))).isEqualTo(700.0);
        assertThat(BacnetValues.scaled(7, new Scale(new SignedInteger(0)))).isEqualTo(7.0);
        assertThat(BacnetValues.scaled(3, new Scale(new Real(0.1f)))).isEqualTo(0.3);
        assertThat(BacnetValues.scaled(5, null)).isEqualTo(5.0);
    }

    @Test
    void engineeringUnitsMapToAllowedUcumCodesOnly() {
        assertThat(BacnetValues.ucum(EngineeringUnits.degreesCelsius)).hasValue("Cel");
        assertThat(BacnetValues.ucum(EngineeringUnits.kilowattHours)).hasValue("kW.h");
        assertThat(BacnetValues.ucum(EngineeringUnits.kilowatts)).hasValue("kW");
        assertThat(BacnetValues.ucum(EngineeringUnits.noUnits)).hasValue("1");
        assertThat(BacnetValues.ucum(EngineeringUnits.degreesFahrenheit)).isEmpty();

        Arrays.stream(new EngineeringUnits[] {EngineeringUnits.degreesCelsius, EngineeringUnits.degreesKelvin,
                        EngineeringUnits.watts, EngineeringUnits.kilowattHours, EngineeringUnits.percent,
                        EngineeringUnits.cubicMetersPerHour, EngineeringUnits.litersPerMinute, EngineeringUnits.luxes,
                        EngineeringUnits.hectopascals, EngineeringUnits.hertz})
                .forEach(u -> assertThat(UcumUnits.isAllowed(BacnetValues.ucum(u).orElseThrow())).as(u.toString()).isTrue());
    }

    @Test
    void statusFlagsSayHowFarTheValueCanBeTrusted() {
        assertThat(BacnetValues.quality(new StatusFlags(false, false, false, false))).isEqualTo(Quality.GOOD);
        assertThat(BacnetValues.quality(new StatusFlags(true, false, false, false))).isEqualTo(Quality.GOOD); // in alarm
        assertThat(BacnetValues.quality(new StatusFlags(false, true, false, false))).isEqualTo(Quality.BAD); // fault
        assertThat(BacnetValues.quality(new StatusFlags(false, false, true, false))).isEqualTo(Quality.UNCERTAIN);
        assertThat(BacnetValues.quality(new StatusFlags(false, false, false, true))).isEqualTo(Quality.UNCERTAIN);
        assertThat(BacnetValues.quality(new StatusFlags(false, true, false, true))).isEqualTo(Quality.BAD);
    }

    @Test
    void commandsAreEncodedForTheirObjectType() {
        assertThat(BacnetValues.command(BacnetObjectType.ANALOG_VALUE, 21.5)).isEqualTo(new Real(21.5f));
        assertThat(BacnetValues.command(BacnetObjectType.MULTI_STATE_VALUE, 4)).isEqualTo(new UnsignedInteger(4));
        assertThat(BacnetValues.command(BacnetObjectType.BINARY_VALUE, 1)).isEqualTo(BinaryPV.active);
        assertThat(BacnetValues.command(BacnetObjectType.BINARY_OUTPUT, 0)).isEqualTo(BinaryPV.inactive);

        assertThatThrownBy(() -> BacnetValues.command(BacnetObjectType.MULTI_STATE_VALUE, 2.5))
                .hasMessageContaining("state number");
        assertThatThrownBy(() -> BacnetValues.command(BacnetObjectType.MULTI_STATE_VALUE, 0))
                .hasMessageContaining("state number");
        assertThatThrownBy(() -> BacnetValues.command(BacnetObjectType.BINARY_VALUE, 3)).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> BacnetValues.command(BacnetObjectType.ANALOG_INPUT, 20))
                .hasMessageContaining("AI objects cannot be commanded");
    }
}
