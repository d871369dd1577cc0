package fr.beffroi.sim;

import com.digitalpetri.modbus.Modbus;
import fr.beffroi.sim.face.modbus.SunSpecModbusServer;
import fr.beffroi.sim.face.modbus.SunSpecUnit;
import fr.beffroi.sim.model.pv.InverterSnapshot;
import fr.beffroi.sim.model.pv.PvInverterConfig;
import fr.beffroi.sim.model.pv.PvInverterModel;
import fr.beffroi.sim.model.pv.PvSite;
import fr.beffroi.sim.time.ScaledClock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs simulated SunSpec PV inverters on Modbus TCP until interrupted, for developers. */
@Command(name = "pv-simulator", mixinStandardHelpOptions = true,
    description = "Serves simulated SunSpec PV inverters (models 1 and 103) on Modbus TCP.")
public final class PvSimulatorMain implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "5020", description = "TCP port, 0 for any free port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the first inverter; unit n uses seed + n - 1 (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--peak-kw", defaultValue = "36", description = "Array peak power, kWc (default ${DEFAULT-VALUE}).")
  double peakKw;

  @Option(names = "--units", defaultValue = "1", description = "Number of inverters, at unit ids 1..n (default ${DEFAULT-VALUE}).")
  int units;

  @Option(names = "--legacy-common", description = "Model 1 with L = 65, as older devices.")
  boolean legacyCommon;

  @Option(names = "--clear-sky", description = "No clouds: every day follows the clear-sky curve.")
  boolean clearSky;

  @Option(names = "--start", description = "Simulated start, ISO instant or offset date-time, or a local date-time in Europe/Paris (default: now).")
  String start;

  @Option(names = "--speed", defaultValue = "1", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--fault", description = "Start with unit 1 in fault (St 7, W 0, Evt1 ground fault).")
  boolean fault;

  @Option(names = "--status-seconds", defaultValue = "10", description = "Print unit 1's values every N real seconds, 0 for never (default ${DEFAULT-VALUE}).")
  int statusSeconds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PvSimulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (units < 1 || units > 247) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--units must be in [1, 247], got " + units);
    }
    Instant simulatedStart = startInstant();
    Clock clock = ScaledClock.starting(simulatedStart, speed, Clock.systemUTC());
    List<SunSpecUnit> served = new ArrayList<>();
    for (int unitId = 1; unitId <= units; unitId++) {
      PvInverterConfig config = PvInverterConfig.oise(seed + unitId - 1, peakKw);
      PvInverterModel model = PvInverterModel.create(clearSky ? config.withClearSky() : config, clock);
      SunSpecUnit unit = SunSpecUnit.of(unitId, model);
      served.add(legacyCommon ? unit.withLegacyCommonModel() : unit);
    }
    served.get(0).model().setFault(fault);

    SunSpecModbusServer server = SunSpecModbusServer.start(host, port, served);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      Modbus.releaseSharedResources();
      stopped.countDown();
    }, "pv-simulator-shutdown"));

    PrintWriter out = new PrintWriter(System.out, true);
    out.printf("pv-simulator: SunSpec on %s:%d, unit ids 1..%d, simulated start %s, speed x%s%n",
        server.host(), server.port(), units, simulatedStart, speed);
    while (!stopped.await(statusSeconds > 0 ? statusSeconds : 3600, TimeUnit.SECONDS)) {
      if (statusSeconds > 0) {
        InverterSnapshot s = served.get(0).model().snapshot();
        out.printf("%s unit 1: W=%.0f St=%s WH=%.0f DCV=%.1f Hz=%.2f%n",
            s.at(), s.acPowerW(), s.state(), s.energyWh(), s.dcVoltageV(), s.frequencyHz());
      }
    }
    return 0;
  }

  private Instant startInstant() {
    if (start == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(start).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(start).atZone(PvSite.OISE_ROOF.zone()).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--start must be like 2026-06-21T10:00 or 2026-06-21T08:00:00Z, got '" + start + "'");
      }
    }
  }
}
