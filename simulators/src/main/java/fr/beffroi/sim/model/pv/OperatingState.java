package fr.beffroi.sim.model.pv;

/** SunSpec inverter operating state (model 101–103 point St), with its enum16 code. */
public enum OperatingState {
  OFF(1),
  SLEEPING(2),
  STARTING(3),
  MPPT(4),
  THROTTLED(5),
  SHUTTING_DOWN(6),
  FAULT(7),
  STANDBY(8);

  private final int code;

  OperatingState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
