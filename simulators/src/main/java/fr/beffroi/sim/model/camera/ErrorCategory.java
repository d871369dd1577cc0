package fr.beffroi.sim.model.camera;

/** What a hopper camera flags as not belonging in the bin's stream. */
public enum ErrorCategory {
  /** Glass goes to the bottle bank, never in recycling or residual waste. */
  GLASS,
  /** Residual waste (food-soiled, nappies...) in a recycling bin. */
  RESIDUAL,
  TEXTILE,
  GREEN_WASTE,
  /** Bulky items that belong at the recycling centre. */
  BULKY
}
