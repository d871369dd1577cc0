package fr.beffroi.sim.face.serial;

import fr.beffroi.sim.model.waste.SimulatedLift;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The bin-lift reader's ASCII frames, as the profile {@code waste/binlift-rfid} states them:
 * {@code STX side;tag;status;gross;tare;weighing;stream XX CR LF ETX}, {@code XX} the XOR of the
 * payload bytes in two upper-case hex digits. Also the ways a line spoils them, for tests.
 */
public final class LiftFrames {

  public static final byte STX = 0x02;
  public static final byte ETX = 0x03;

  /** How {@link #corrupt} spoiled a frame; each makes the driver refuse exactly one frame. */
  public enum Spoil {
    /** One checksum digit changed. */
    CHECKSUM,
    /** The ETX lost: the driver refuses it when the next STX comes. */
    NO_ETX,
    /** Line noise before the frame (the frame itself stays good). */
    NOISE
  }

  private LiftFrames() {
  }

  /** The payload of one read of {@code lift}. */
  public static String payload(SimulatedLift lift, TagForm form) {
    String side = switch (lift.side()) {
      case "LEFT" -> "L";
      case "RIGHT" -> "R";
      case "COMB" -> "C";
      case "MANUAL" -> "M";
      default -> throw new IllegalArgumentException("side " + lift.side());
    };
    String status = switch (lift.status()) {
      case OK -> "O";
      case NO_TAG -> "N";
      case UNKNOWN_TAG -> "U";
      case BLOCKED -> "B";
      case DUPLICATE -> "D";
    };
    String tag = lift.tag().isPresent() ? form.render(lift.tag().getAsLong()) : "";
    String gross = lift.gross().isPresent() ? kg(lift.gross().getAsDouble()) : "";
    String tare = lift.tare().isPresent() ? kg(lift.tare().getAsDouble()) : "";
    String weighing = lift.gross().isPresent() ? (lift.dynamic() ? "D" : "S") : "";
    return side + ";" + tag + ";" + status + ";" + gross + ";" + tare + ";" + weighing + ";" + lift.stream();
  }

  /** One whole frame around {@code payload}. */
  public static byte[] frame(String payload) {
    return ("\u0002" + payload + checksum(payload) + "\r\n\u0003").getBytes(StandardCharsets.US_ASCII);
  }

  public static String checksum(String payload) {
    int x = 0;
    for (byte b : payload.getBytes(StandardCharsets.US_ASCII)) {
      x ^= b & 0xFF;
    }
    return String.format(Locale.ROOT, "%02X", x);
  }

  /** {@code frame} spoiled the way {@code spoil} says; the noise is drawn from {@code random}. */
  public static byte[] corrupt(byte[] frame, Spoil spoil, Random random) {
    return switch (spoil) {
      case CHECKSUM -> {
        byte[] b = frame.clone();
        int i = b.length - 4; // the second checksum digit
        b[i] = (byte) (b[i] == '0' ? '1' : '0');
        yield b;
      }
      case NO_ETX -> Arrays.copyOf(frame, frame.length - 1);
      case NOISE -> {
        byte[] noise = new byte[1 + random.nextInt(6)];
        for (int i = 0; i < noise.length; i++) {
          noise[i] = (byte) (0x20 + random.nextInt(0x5F)); // printable: never STX nor ETX
        }
        byte[] b = new byte[noise.length + frame.length];
        System.arraycopy(noise, 0, b, 0, noise.length);
        System.arraycopy(frame, 0, b, noise.length, frame.length);
        yield b;
      }
    };
  }

  private static String kg(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
