package fr.beffroi.sim.model.pv;

/** Bits of the SunSpec model 101–103 Evt1 bitfield32 that this simulator can raise. */
public final class Evt1 {

  public static final int GROUND_FAULT = 1;
  public static final int DC_OVER_VOLT = 1 << 1;
  public static final int AC_DISCONNECT = 1 << 2;
  public static final int DC_DISCONNECT = 1 << 3;
  public static final int GRID_DISCONNECT = 1 << 4;
  public static final int MANUAL_SHUTDOWN = 1 << 6;
  public static final int OVER_TEMP = 1 << 7;

  private Evt1() {}
}
