package fr.beffroi.sim.model.waste;

/** The reader's verdict on a lift, as DOMAIN lists them. */
public enum LiftStatus {
  OK, NO_TAG, UNKNOWN_TAG, BLOCKED, DUPLICATE
}
