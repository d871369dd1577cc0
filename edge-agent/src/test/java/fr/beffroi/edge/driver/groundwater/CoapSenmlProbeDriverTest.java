package fr.beffroi.edge.driver.groundwater;

import fr.beffroi.edge.driver.DeviceException;
import fr.beffroi.edge.driver.DeviceException.Kind;
import fr.beffroi.edge.testing.MutableClock;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.Quality;
import fr.beffroi.profiles.wire.Reading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The CoAP probe driver against a scripted link: answers in, readings or classified failures out. */
class CoapSenmlProbeDriverTest {

    private static final DeviceProfile PROFILE = new ProfileLoader().load("groundwater", "senml-probe");
    private static final int SENML_JSON = 110;

    private final MutableClock clock = MutableClock.at("2026-03-21T12:00:30Z");
    private final FakeLink link = new FakeLink();
    private int opened;

    private CoapSenmlProbeDriver driver(boolean observe) {
        return new CoapSenmlProbeDriver("piezo-cuvilly", () -> {
            opened++;
            link.closed = false;
            return link;
        }, observe, PROFILE, clock);
    }

    private static String pack(long bt, double level) {
        return "[{\"bn\":\"urn:dev:piezo:cuvilly:\",\"bt\":" + bt + ",\"n\":\"level\",\"u\":\"m\",\"v\":" + level + "},"
                + "{\"n\":\"depth\",\"u\":\"m\",\"v\":" + (110 - level) + "},"
                + "{\"n\":\"temp\",\"u\":\"Cel\",\"v\":10.84},{\"n\":\"battery\",\"u\":\"%EL\",\"v\":87.5}]";
    }

    private static CoapLink.Answer content(String json) {
        return new CoapLink.Answer("2.05", true, SENML_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static final long NOON = Instant.parse("2026-03-21T12:00:00Z").getEpochSecond();

    @Test
    void pollReturnsOneReadingPerPointStampedWithTheProbeTime() throws Exception {
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));

        List<Reading> readings = driver(false).poll();

        assertThat(readings).extracting(Reading::point).containsExactlyInAnyOrder("level", "depth", "temp", "battery");
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.device()).isEqualTo("piezo-cuvilly");
            assertThat(r.ts()).isEqualTo(Instant.parse("2026-03-21T12:00:00Z"));
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
            assertThat(r.seq()).isZero();
        });
        assertThat(readings).filteredOn(r -> r.point().equals("level")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(74.312)).extracting(Reading::unit).isEqualTo("m");
        assertThat(readings).filteredOn(r -> r.point().equals("battery")).singleElement()
                .extracting(Reading::unit).isEqualTo("%");
    }

    @Test
    void theSameHourlySampleIsReturnedOnce() throws Exception {
        CoapSenmlProbeDriver driver = driver(false);
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));
        link.answers.add(Optional.of(content(pack(NOON + 3600, 74.309))));

        assertThat(driver.poll()).hasSize(4);
        assertThat(driver.poll()).isEmpty();
        assertThat(driver.poll()).hasSize(4).allSatisfy(r -> assertThat(r.ts()).isEqualTo("2026-03-21T13:00:00Z"));
    }

    @Test
    void notificationsBetweenPollsComeWithTheNextPollInTimeOrderWithoutDuplicates() throws Exception {
        CoapSenmlProbeDriver driver = driver(true);
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));
        driver.poll();
        assertThat(link.listener).as("observing after the first poll").isNotNull();

        link.listener.accept(content(pack(NOON + 3600, 74.309)));
        link.listener.accept(content(pack(NOON + 7200, 74.305)));
        link.answers.add(Optional.of(content(pack(NOON + 7200, 74.305))));
        List<Reading> next = driver.poll();

        assertThat(next).filteredOn(r -> r.point().equals("level")).extracting(Reading::ts)
                .containsExactly(Instant.parse("2026-03-21T13:00:00Z"), Instant.parse("2026-03-21T14:00:00Z"));
        assertThat(next).hasSize(8);
        assertThat(driver.queuedReadings()).isZero();
    }

    @Test
    void noAnswerIsUnreachableAndTheNextPollOpensANewLink() throws Exception {
        CoapSenmlProbeDriver driver = driver(true);
        link.answers.add(Optional.empty());

        DeviceException e = catchThrowableOfType(DeviceException.class, driver::poll);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("piezo-cuvilly").contains("no CoAP answer");
        assertThat(link.closed).isTrue();
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));
        assertThat(driver.poll()).hasSize(4);
        assertThat(opened).isEqualTo(2);
    }

    @Test
    void corruptSenmlIsProtocolNamingRecordAndField() {
        link.answers.add(Optional.of(content(pack(NOON, 74.312).replace("\"v\":10.84", "\"v\":\"10.84\""))));

        DeviceException e = catchThrowableOfType(DeviceException.class, () -> driver(false).poll());

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).isEqualTo("device piezo-cuvilly: corrupt SenML: record 2, field 'v': "
                + "expected a number, found string \"10.84\"");
    }

    @Test
    void errorCodeAndForeignContentFormatAreProtocol() {
        link.answers.add(Optional.of(new CoapLink.Answer("4.04", false, -1, new byte[0])));
        DeviceException notFound = catchThrowableOfType(DeviceException.class, () -> driver(false).poll());
        link.answers.add(Optional.of(new CoapLink.Answer("2.05", true, 50, "[]".getBytes(StandardCharsets.UTF_8))));
        DeviceException json = catchThrowableOfType(DeviceException.class, () -> driver(false).poll());

        assertThat(notFound.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(notFound.getMessage()).isEqualTo("device piezo-cuvilly answered CoAP 4.04");
        assertThat(json.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(json.getMessage()).contains("content format 50");
    }

    @Test
    void corruptNotificationIsCountedAndFailsNoPoll() throws Exception {
        CoapSenmlProbeDriver driver = driver(true);
        link.answers.add(Optional.of(content(pack(NOON, 74.312))));
        driver.poll();

        link.listener.accept(content("[{\"n\":\"level\""));
        link.answers.add(Optional.of(content(pack(NOON + 3600, 74.309))));

        assertThat(driver.poll()).hasSize(4);
        assertThat(driver.corruptNotifications()).isEqualTo(1);
    }

    /** Answers GETs from a script; keeps the observer it is given. */
    private static final class FakeLink implements CoapLink {
        final Deque<Optional<Answer>> answers = new ArrayDeque<>();
        Consumer<Answer> listener;
        boolean closed;

        @Override
        public Optional<Answer> get() {
            return answers.removeFirst();
        }

        @Override
        public void observe(Consumer<Answer> l) {
            listener = l;
        }

        @Override
        public void close() {
            closed = true;
            listener = null;
        }
    }
}
