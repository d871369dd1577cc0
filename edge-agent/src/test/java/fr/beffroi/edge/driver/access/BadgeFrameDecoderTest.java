package fr.beffroi.edge.driver.access;

import fr.beffroi.edge.driver.access.BadgeFrameDecoder.Badge;
import fr.beffroi.edge.driver.access.BadgeFrameDecoder.Corrupt;
import fr.beffroi.edge.driver.access.BadgeFrameDecoder.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The badge reader's framing, against the golden frames in {@code access/badge-frames.txt}. */
class BadgeFrameDecoderTest {

    record Golden(byte[] raw, String expected) {
    }

    static List<Golden> golden() throws IOException {
        List<Golden> out = new ArrayList<>();
        try (InputStream in = BadgeFrameDecoderTest.class.getResourceAsStream("/access/badge-frames.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 2);
                out.add(new Golden(HexFormat.ofDelimiter(" ").parseHex(parts[0].trim()), parts[1].trim()));
            }
        }
        return out;
    }

    private static String describe(Result r) {
        return r instanceof Badge b ? "BADGE " + b.id() : "CORRUPT " + ((Corrupt) r).reason();
    }

    @Test
    void everyGoldenFrameDecodesAsRecorded() throws IOException {
        List<Golden> frames = golden();
        assertThat(frames).hasSizeGreaterThanOrEqualTo(9);
        for (Golden g : frames) {
            List<Result> results = new BadgeFrameDecoder().feed(g.raw());
            assertThat(results).as(g.expected()).hasSize(1);
            assertThat(describe(results.get(0))).isEqualTo(g.expected());
            assertThat(results.get(0).raw()).as("the raw bytes are kept as received").isEqualTo(g.raw());
        }
    }

    @Test
    void framesSplitAcrossReadsAndBackToBackAllComeOut() throws IOException {
        ByteArrayBuilder stream = new ByteArrayBuilder();
        for (Golden g : golden()) {
            stream.add(g.raw());
        }
        byte[] all = stream.bytes();
        BadgeFrameDecoder decoder = new BadgeFrameDecoder();
        List<Result> results = new ArrayList<>();
        // 3-byte reads cut every frame somewhere
        for (int i = 0; i < all.length; i += 3) {
            results.addAll(decoder.feed(all, i, Math.min(3, all.length - i)));
        }
        assertThat(results).extracting(BadgeFrameDecoderTest::describe)
                .containsExactlyElementsOf(golden().stream().map(Golden::expected).toList());
    }

    @Test
    void bytesOutsideAFrameAreRefusedNotSkipped() {
        BadgeFrameDecoder decoder = new BadgeFrameDecoder();
        byte[] good = HexFormat.ofDelimiter(" ").parseHex("02 30 34 41 32 42 33 43 34 44 31 0D 0A 03");

        List<Result> results = new ArrayList<>(decoder.feed(new byte[] {0x0D, 0x0A, 0x7F}));
        results.addAll(decoder.feed(good));

        assertThat(results).extracting(BadgeFrameDecoderTest::describe)
                .containsExactly("CORRUPT 3 byte(s) outside a frame", "BADGE 04A2B3C4");
    }

    @Test
    void aFrameCutByANewStxIsRefusedAndTheNextOneStillDecodes() {
        BadgeFrameDecoder decoder = new BadgeFrameDecoder();
        byte[] cut = HexFormat.ofDelimiter(" ").parseHex("02 30 34 41");
        byte[] good = HexFormat.ofDelimiter(" ").parseHex("02 30 34 41 32 42 33 43 34 44 31 0D 0A 03");

        List<Result> results = new ArrayList<>(decoder.feed(cut));
        results.addAll(decoder.feed(good));

        assertThat(results).extracting(BadgeFrameDecoderTest::describe)
                .containsExactly("CORRUPT frame cut by a new STX before its ETX", "BADGE 04A2B3C4");
    }

    @Test
    void aRunWithoutEtxIsRefusedAtTheMaximumLength() {
        byte[] run = new byte[BadgeFrameDecoder.MAX_FRAME + 5];
        java.util.Arrays.fill(run, (byte) '4');
        run[0] = BadgeFrameDecoder.STX;

        List<Result> results = new BadgeFrameDecoder().feed(run);

        assertThat(results).extracting(BadgeFrameDecoderTest::describe)
                .containsExactly("CORRUPT no ETX within " + BadgeFrameDecoder.MAX_FRAME + " bytes");
        assertThat(results.get(0).raw()).hasSize(BadgeFrameDecoder.MAX_FRAME);
    }

    private static final class ByteArrayBuilder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] b) {
            out.writeBytes(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
