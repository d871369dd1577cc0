package fr.beffroi.sim.face.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.sim.model.camera.HopperCameraConfig;
import fr.beffroi.sim.model.camera.HopperCameraModel;
import fr.beffroi.sim.time.LeapClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The camera's HTTP API on 127.0.0.1, read with the JDK's HTTP client. */
class HopperCameraHttpServerIT {

  private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
  private final LeapClock clock = LeapClock.at(T0);
  private final HopperCameraModel model = new HopperCameraModel(HopperCameraConfig.typical(), 1, clock);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private HopperCameraHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HopperCameraHttpServer.start("127.0.0.1", 0, "cam-1", model);
    for (int i = 0; i < 30; i++) {
      model.trigger(String.format("%016X", 0x3E71CBE99000L + i), "EMB", T0.plusSeconds(20L * i));
    }
    clock.leap(Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesVerdictsByCursorAndImagesUntilDeleted() throws Exception {
    HttpResponse<byte[]> page = send("GET", "/api/v1/verdicts?after=10&limit=5");
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(page.body());
    assertThat(body.get("verdicts")).hasSize(5);
    assertThat(body.get("verdicts").get(0).get("cursor").asLong()).isEqualTo(11);
    assertThat(body.get("next").asLong()).isEqualTo(15);
    JsonNode first = body.get("verdicts").get(0);
    assertThat(first.get("tag").asText()).matches("[0-9A-F]{16}");
    assertThat(Instant.parse(first.get("liftAt").asText())).isEqualTo(T0.plusSeconds(20L * 10));

    String image = first.get("image").asText();
    HttpResponse<byte[]> photo = send("GET", "/api/v1/images/" + image);
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(send("DELETE", "/api/v1/images/" + image).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/api/v1/images/" + image).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/images/" + image).statusCode()).isEqualTo(404);

    assertThat(json.readTree(send("GET", "/api/v1/verdicts?after=30").body()).get("next").asLong()).isEqualTo(30);
    assertThat(send("GET", "/api/v1/verdicts?after=x").statusCode()).isEqualTo(400);
  }

  @Test
  void faultModesAnswer503OrGarbageThenRecover() throws Exception {
    server.setFault(CameraFault.UNAVAILABLE);
    assertThat(send("GET", "/api/v1/verdicts").statusCode()).isEqualTo(503);

    server.setFault(CameraFault.GARBAGE);
    HttpResponse<byte[]> garbage = send("GET", "/api/v1/verdicts");
    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThat(new String(garbage.body())).startsWith("<html>");

    server.setFault(CameraFault.NONE);
    assertThat(json.readTree(send("GET", "/api/v1/verdicts").body()).get("verdicts")).hasSize(30);
  }
}
