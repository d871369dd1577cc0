package fr.beffroi.sim.model.building;

/**
 * One zone at one instant.
 *
 * @param roomC            room temperature
 * @param comfortC         comfort setpoint (the writable one)
 * @param mode             current mode
 * @param activeSetpointC  setpoint of the current mode; NaN when the mode is ARRET
 * @param presence         occupancy detected
 * @param light1           lighting circuit 1 on
 * @param light2           lighting circuit 2 on
 * @param heating          the thermostat calls for heat
 * @param powerKw          heating power delivered to the zone
 */
public record ZoneSnapshot(String name, double roomC, double comfortC, ZoneMode mode, double activeSetpointC,
    boolean presence, boolean light1, boolean light2, boolean heating, double powerKw) {}
