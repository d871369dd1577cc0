package fr.beffroi.sim.face.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.beffroi.sim.model.groundwater.AquiferConfig;
import fr.beffroi.sim.model.groundwater.AquiferModel;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import fr.beffroi.sim.time.LeapClock;
import java.time.Instant;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;

/** The CoAP face on 127.0.0.1 with a plain Californium client. */
class GroundwaterCoapServerIT {

  private final LeapClock clock = LeapClock.at(Instant.parse("2026-09-20T08:30:00Z"));
  private final AquiferModel model = new AquiferModel(AquiferConfig.plateau(9), clock);

  @Test
  void getAnswersTheLatestSampleAsSenmlJson() throws Exception {
    try (GroundwaterCoapServer server = GroundwaterCoapServer.start("127.0.0.1", 0, "catillon", model)) {
      CoapClient client = new CoapClient(server.uri());
      client.setTimeout(5000L);
      try {
        CoapResponse r = client.get();
        ProbeSample s = model.snapshot();

        assertThat(server.port()).isPositive();
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_JSON);
        JsonNode pack = new ObjectMapper().readTree(r.getPayload());
        assertThat(pack.get(0).get("bn").asText()).isEqualTo("urn:dev:piezo:catillon:");
        assertThat(pack.get(0).get("bt").asLong()).isEqualTo(s.time().getEpochSecond());
        assertThat(pack.get(0).get("v").asDouble()).isCloseTo(s.levelM(), org.assertj.core.api.Assertions.within(0.0005));
        assertThat(pack.get(3).get("u").asText()).isEqualTo("%EL");
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void anotherContentFormatIsNotAcceptable() throws Exception {
    try (GroundwaterCoapServer server = GroundwaterCoapServer.start("127.0.0.1", 0, "catillon", model)) {
      CoapClient client = new CoapClient(server.uri());
      client.setTimeout(5000L);
      try {
        Request get = Request.newGet();
        get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);

        assertThat(client.advanced(get).getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
      } finally {
        client.shutdown();
      }
    }
  }
}
