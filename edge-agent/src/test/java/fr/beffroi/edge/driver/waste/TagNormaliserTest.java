package fr.beffroi.edge.driver.waste;

import fr.beffroi.edge.driver.waste.TagNormaliser.HexOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every form a reader may display becomes the ISO 11784 64-bit code, 16 hex digits MSB left. */
class TagNormaliserTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
            // country 999 (test range), national id 123456789012 = 0x1CBE991A14
            "3E7.1CBE991A14,   MSB_FIRST,    0000F9DCBE991A14",
            "999123456789012,  MSB_FIRST,    0000F9DCBE991A14",
            "999 123456789012, MSB_FIRST,    0000F9DCBE991A14",
            "0000f9dcbe991a14, MSB_FIRST,    0000F9DCBE991A14",
            "2858997D3B9F0000, BIT_REVERSED, 0000F9DCBE991A14",
            // France (250), national id 4000123456
            "250004000123456,  MSB_FIRST,    00003E80EE6D0A40",
            "0FA.00EE6D0A40,   MSB_FIRST,    00003E80EE6D0A40",
            "0250B677017C0000, BIT_REVERSED, 00003E80EE6D0A40",
            // animal flag and additional-data flag set: only the 64-bit forms carry them
            "80013E80075BCD15, MSB_FIRST,    80013E80075BCD15",
            "A8B3DAE0017C8001, BIT_REVERSED, 80013E80075BCD15",
            // the largest country and national id
            "3FF.3FFFFFFFFF,   MSB_FIRST,    0000FFFFFFFFFFFF",
            "  250004000123456 , MSB_FIRST,  00003E80EE6D0A40",
    })
    void normalises(String raw, HexOrder order, String expected) {
        assertThat(new TagNormaliser(order).normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "12345                | in no known form",
            "250-004000123456     | in no known form",
            "3E7.1CBE991A1        | in no known form",
            "0000F9DCBE991A14FF   | in no known form",
            "250999999999999      | national id 999999999999 is past 38 bits (274877906943)",
            "400.0000000001       | country code 1024 is past 10 bits (1023)",
            "3E7.FFFFFFFFFF       | national id 1099511627775 is past 38 bits",
    })
    void refusesWhatIsNoTag(String raw, String reason) {
        assertThatThrownBy(() -> new TagNormaliser(HexOrder.MSB_FIRST).normalise(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
