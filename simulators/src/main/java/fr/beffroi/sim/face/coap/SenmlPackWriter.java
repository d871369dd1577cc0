package fr.beffroi.sim.face.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.beffroi.sim.model.groundwater.ProbeSample;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * One sample as the SenML JSON pack a real probe sends: the probe in the base name, the sample time
 * as base time (seconds since the epoch), one record per measurement with its SenML unit
 * ({@code %EL} for the battery, the registry's unit for remaining energy). Values carry the
 * probe's resolution: level and depth to the millimetre, temperature to 0.01 °C, battery to 0.1 %.
 */
final class SenmlPackWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SenmlPackWriter() {}

  static byte[] write(String baseName, ProbeSample s) {
    ArrayNode pack = JSON.createArrayNode();
    ObjectNode first = record(pack, "level", "m", s.levelM(), 3);
    first.put("bn", baseName);
    first.put("bt", s.time().getEpochSecond());
    record(pack, "depth", "m", s.depthM(), 3);
    record(pack, "temp", "Cel", s.temperature(), 2);
    record(pack, "battery", "%EL", s.batteryPct(), 1);
    return pack.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The same pack with the depth as a JSON string: what a buggy firmware sends. */
  static byte[] writeCorrupt(String baseName, ProbeSample s) {
    String good = new String(write(baseName, s), StandardCharsets.UTF_8);
    String depth = "\"n\":\"depth\",\"u\":\"m\",\"v\":";
    int at = good.indexOf(depth) + depth.length();
    int end = good.indexOf('}', at);
    return (good.substring(0, at) + "\"" + good.substring(at, end) + "\"" + good.substring(end))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode record(ArrayNode pack, String name, String unit, double value, int decimals) {
    ObjectNode r = pack.addObject();
    r.put("n", name);
    r.put("u", unit);
    r.put("v", BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN));
    return r;
  }
}
