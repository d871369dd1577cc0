package fr.beffroi.profiles.codec.sunspec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SunSpecScannerTest {

    /** A device whose unset registers read as 0, as many do, recording every request. */
    private static final class Image implements RegisterReader {
        final Map<Integer, Short> words = new HashMap<>();
        final List<int[]> requests = new ArrayList<>();

        Image put(int address, int... values) {
            for (int v : values) {
                words.put(address++, (short) v);
            }
            return this;
        }

        @Override
        public short[] read(int address, int count) {
            requests.add(new int[]{address, count});
            short[] out = new short[count];
            for (int i = 0; i < count; i++) {
                out[i] = words.getOrDefault(address + i, (short) 0);
            }
            return out;
        }
    }

    @Test
    void noMarkerAnywhereIsAProtocolError() {
        Image image = new Image();

        assertThatThrownBy(() -> new SunSpecScanner(image).scan())
                .isInstanceOf(SunSpecException.class)
                .hasMessageContaining("no SunSpec marker");
        assertThat(image.requests).extracting(r -> r[0]).containsExactly(40000, 0, 50000);
    }

    @Test
    void markerAt50000IsFoundAfterTheOtherBases() throws Exception {
        Image image = new Image().put(50000, 0x5375, 0x6E53, 1, 2, 0, 0, 0xFFFF, 0);

        SunSpecModelMap map = new SunSpecScanner(image).scan();

        assertThat(map.base()).isEqualTo(50000);
        assertThat(map.blocks()).containsExactly(new ModelBlock(1, 2, 50002));
    }

    @Test
    void aChainThatDoesNotStartWithTheCommonModelIsRefused() {
        Image image = new Image().put(40000, 0x5375, 0x6E53, 103, 50);

        assertThatThrownBy(() -> new SunSpecScanner(image).scan())
                .isInstanceOf(SunSpecException.class)
                .hasMessage("first model at 40002 is 103, not the common model 1");
    }

    @Test
    void aChainRunningOffTheAddressSpaceIsRefused() {
        // model 1 announces a length that jumps past the last register
        Image image = new Image().put(40000, 0x5375, 0x6E53, 1, 0xFFF0);

        assertThatThrownBy(() -> new SunSpecScanner(image).scan())
                .isInstanceOf(SunSpecException.class)
                .hasMessageContaining("past register 65535");
    }

    @Test
    void anEmptyChainIsRefused() {
        Image image = new Image().put(40000, 0x5375, 0x6E53, 0xFFFF, 0);

        assertThatThrownBy(() -> new SunSpecScanner(image).scan())
                .isInstanceOf(SunSpecException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void transportFailuresPropagateInsteadOfSkippingToTheNextBase() {
        RegisterReader dead = (address, count) -> {
            throw new IOException("connection reset");
        };

        assertThatThrownBy(() -> new SunSpecScanner(dead).scan())
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(UnreadableRegistersException.class);
    }

    @Test
    void longBlocksAreReadIn125RegisterChunks() throws Exception {
        Image image = new Image().put(40002, 64110, 200);

        short[] block = SunSpecScanner.readBlock(image, new ModelBlock(64110, 200, 40002));

        assertThat(block).hasSize(202);
        assertThat(image.requests).extracting(r -> r[0] + ":" + r[1]).containsExactly("40002:125", "40127:77");
    }
}
