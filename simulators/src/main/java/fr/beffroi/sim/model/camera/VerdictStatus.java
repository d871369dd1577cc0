package fr.beffroi.sim.model.camera;

/** The camera's conclusion about one lift. */
public enum VerdictStatus {
  CLEAN,
  ERRORS,
  /** Triggered, but no usable picture (dirty lens, bin emptied too fast, night glare). */
  UNREADABLE
}
