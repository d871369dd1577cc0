package fr.beffroi.rules.model;

/** The two solar events a rule can be scheduled on (upper limb on the horizon, refraction included). */
public enum SunEvent {
    SUNRISE, SUNSET
}
