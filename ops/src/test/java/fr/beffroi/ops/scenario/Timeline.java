package fr.beffroi.ops.scenario;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What went into the rules and what came out, in local time, one line per instant:
 * {@code Mon 12/01 08:00  presence=1 → bms-ecole zone1.light1=1}. A scenario asserts through
 * {@link #verify} so that a failure shows the whole story, not just the one value that differed.
 */
final class Timeline {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd/MM HH:mm", Locale.ENGLISH);

  private final ZoneId zone;
  private final List<String> lines = new ArrayList<>();
  private Instant lastAt;
  private final StringBuilder inputs = new StringBuilder();
  private final StringBuilder outputs = new StringBuilder();

  Timeline(ZoneId zone) {
    this.zone = zone;
  }

  /** Something the rules saw (a reading, a booking) or a state worth showing (a room temperature). */
  void input(Instant at, String text) {
    moveTo(at);
    inputs.append(inputs.length() == 0 ? "" : ", ").append(text);
  }

  /** Something the rules asked for. */
  void output(Instant at, String text) {
    moveTo(at);
    outputs.append(outputs.length() == 0 ? "" : ", ").append(text);
  }

  /**
   * Runs the assertions; on failure, rethrows with the timeline appended. With
   * {@code -Dscenario.print=true} the timeline is printed even when they pass.
   */
  void verify(Runnable assertions) {
    if (Boolean.getBoolean("scenario.print")) {
      System.out.println("--- timeline (local time) ---\n" + this);
    }
    try {
      assertions.run();
    } catch (AssertionError e) {
      AssertionError withStory = new AssertionError(e.getMessage() + "\n--- timeline (local time) ---\n" + this, e);
      throw withStory;
    }
  }

  @Override
  public String toString() {
    flush();
    return String.join("\n", lines);
  }

  private void moveTo(Instant at) {
    if (lastAt != null && !lastAt.equals(at)) {
      flush();
    }
    lastAt = at;
  }

  private void flush() {
    if (lastAt == null || (inputs.length() == 0 && outputs.length() == 0)) {
      return;
    }
    lines.add(TIME.format(lastAt.atZone(zone)) + "  " + inputs + (outputs.length() == 0 ? "" : " → " + outputs));
    inputs.setLength(0);
    outputs.setLength(0);
  }
}
