package fr.beffroi.edge.app;

import com.pi4j.context.Context;
import fr.beffroi.edge.buffer.WhenFull;
import fr.beffroi.edge.driver.access.AllowListPolicy;
import fr.beffroi.edge.driver.access.DoorPins;
import fr.beffroi.edge.testing.CloudResponder;
import fr.beffroi.edge.testing.Mosquitto;
import fr.beffroi.profiles.load.ProfileLoader;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.wire.AllowList;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.Topics;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.sim.face.gpio.GpioDoorFace;
import fr.beffroi.sim.face.gpio.MockGpio;
import fr.beffroi.sim.face.modbusrtu.PtyPair;
import fr.beffroi.sim.model.access.DoorScene;
import fr.beffroi.sim.model.access.Visit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 3's door scenario: the cloud delivers the allow-list once (a retained message on the
 * gateway's {@code down/allowlist}); the agent stores it and stops; the broker goes away; a new
 * agent starts with the link down and its door (Pi4J mock lines shared with the simulated door,
 * badge reader on a socat pty pair) decides from the stored list: the badge of a booking starting
 * in ten minutes opens, a badge with no booking and one whose booking is tonight stay shut. Once
 * the broker is back, the door's events with their reasons reach the cloud. Skipped without socat
 * or mosquitto.
 */
class OfflineDoorAccessIT {
    private static final DeviceProfile PROFILE = new ProfileLoader().load("access", "door-lock");
    private static final DoorPins PINS = new DoorPins(17, 27, 22);
    private static final int BAUD = 9_600;
    private static final String BOOKED = "0A1B2C3D4E";
    private static final String NOT_BOOKED = "DEADBEEF";
    private static final String TONIGHT = "0F0F0F0F0F";

    @TempDir
    Path dir;

    private final List<PtyPair> pairs = new ArrayList<>();
    private final List<Context> contexts = new ArrayList<>();

    @BeforeEach
    void needs() {
        assumeTrue(PtyPair.socat().isPresent(), "socat is not installed at " + PtyPair.SOCAT
                + ": no virtual serial line for the badge reader (apt-get install socat)");
        Mosquitto.assumeInstalled();
    }

    @AfterEach
    void close() {
        contexts.forEach(Context::shutdown);
        pairs.forEach(PtyPair::close);
    }

    private PtyPair pair() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        PtyPair p = PtyPair.open(Path.of("/tmp/door-" + id + "-sim"), Path.of("/tmp/door-" + id + "-reader"),
                Duration.ofSeconds(5));
        pairs.add(p);
        return p;
    }

    private Context gpio() {
        Context c = MockGpio.context();
        contexts.add(c);
        return c;
    }

    @Test
    void aBookedBadgeOpensWithTheLinkDownAndAfterARestartOthersStayShut() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        AllowList list = new AllowList("liancourt", "gw-gym", 12, now, now.plus(Duration.ofDays(1)), List.of(
                new AllowList.Entry("gym-door", BOOKED, "bk-basket-1", now.plus(Duration.ofMinutes(10)),
                        now.plus(Duration.ofHours(2))),
                new AllowList.Entry("gym-door", TONIGHT, "bk-yoga-7", now.plus(Duration.ofHours(5)),
                        now.plus(Duration.ofHours(6)))));

        try (Mosquitto broker = Mosquitto.start(dir)) {
            // The cloud sends the list once.
            MqttAsyncClient cloudSide = new MqttAsyncClient(broker.url(), "cloud-allowlist", new MemoryPersistence());
            cloudSide.connect(new MqttConnectionOptions()).waitForCompletion(5_000);
            MqttMessage m = new MqttMessage(WireCodec.encode(list));
            m.setQos(1);
            m.setRetained(true);
            cloudSide.publish(Topics.allowList("liancourt", "gw-gym"), m).waitForCompletion(5_000);
            cloudSide.disconnect().waitForCompletion(5_000);
            cloudSide.close();

            PtyPair first = pair();
            AllowListPolicy firstAccess = new AllowListPolicy();
            try (EdgeAgent agent = new EdgeAgent(config(broker.url(), first.b()),
                    new DefaultDriverFactory(clock, gpio(), firstAccess), firstAccess, clock, name -> null)) {
                agent.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> firstAccess.current().map(AllowList::version).orElse(0L) == 12);
            }

            broker.kill(); // the village's link goes down
            PtyPair pair = pair();
            Context pi4j = gpio();
            AllowListPolicy access = new AllowListPolicy();
            try (EdgeAgent agent = new EdgeAgent(config(broker.url(), pair.b()),
                    new DefaultDriverFactory(clock, pi4j, access), access, clock, name -> null)) {
                agent.start();
                assertThat(access.current()).as("restored from the store, offline").isPresent();
                Instant t = clock.instant().plusSeconds(2);
                DoorScene scene = new DoorScene(List.of(
                        Visit.badge(t, BOOKED, Duration.ofSeconds(1)),
                        Visit.badge(t.plusSeconds(4), NOT_BOOKED, Duration.ofSeconds(1)),
                        Visit.badge(t.plusSeconds(8), TONIGHT, Duration.ofSeconds(1))));
                try (GpioDoorFace face = GpioDoorFace.start("gym-door", scene, pi4j, PINS.relay(), PINS.contact(),
                        PINS.exitButton(), pair.a(), BAUD, clock)) {
                    await().atMost(Duration.ofSeconds(45)).until(scene::finished);
                }
                assertThat(agent.stats().connected()).isFalse();
                assertThat(scene.entered()).isEqualTo(1);
                assertThat(scene.gaveUp()).extracting(Visit::badge).containsExactly(NOT_BOOKED, TONIGHT);

                broker.startProcess();
                try (CloudResponder cloud = new CloudResponder(broker.url(), "liancourt", "gw-gym")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> events(cloud, "denied").size() == 2
                            && events(cloud, "unlocked").size() == 1);
                    assertThat(events(cloud, "unlocked").get(0).attrs()).containsEntry("badge", BOOKED)
                            .hasEntrySatisfying("decision", d -> assertThat(d).startsWith("booking bk-basket-1 "));
                    assertThat(events(cloud, "denied")).extracting(r -> r.attrs().get("badge"), r -> r.attrs().get("reason"))
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(NOT_BOOKED, "no booking for this badge on this door"),
                                    org.assertj.core.groups.Tuple.tuple(TONIGHT, "outside booking bk-yoga-7 "
                                            + list.entries().get(1).from() + ".." + list.entries().get(1).until()
                                            + ": opens at " + list.entries().get(1).from().minus(Duration.ofMinutes(15))));
                    for (String point : List.of("unlocked", "denied")) {
                        for (Reading r : events(cloud, point)) {
                            assertThat(PROFILE.event(point).orElseThrow().problems(r.attrs())).as(r.toString()).isEmpty();
                        }
                    }
                }
            }
        }
    }

    private static List<Reading> events(CloudResponder cloud, String point) {
        return cloud.received.stream().flatMap(b -> b.readings().stream())
                .filter(r -> r.device().equals("gym-door") && r.point().equals(point)).distinct().toList();
    }

    private AgentConfig config(String brokerUrl, String badgePort) {
        BufferConfig buffer = new BufferConfig(dir.resolve("buffer.db"), 100_000, WhenFull.REFUSE_NEW);
        return new AgentConfig(new GatewayConfig("gw-gym", "liancourt"),
                new UplinkConfig(brokerUrl, "gw-gym", Optional.empty(), 100, 2, Duration.ofSeconds(5),
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(1)),
                buffer, new MetricsConfig("127.0.0.1", 0),
                List.of(new DeviceConfig("gym-door", DriverFactory.DOOR_LOCK_GPIO,
                        new DeviceAddress.GpioDoor(PINS, badgePort, BAUD, Duration.ofMillis(1500), Duration.ofSeconds(30)),
                        Duration.ofMillis(200), Duration.ofSeconds(2))),
                new GpioConfig(Optional.of(GpioConfig.Platform.MOCK)), CommandsConfig.besides(buffer.path()),
                RulesConfig.none(buffer.path()), AccessConfig.besides(buffer.path()));
    }
}
