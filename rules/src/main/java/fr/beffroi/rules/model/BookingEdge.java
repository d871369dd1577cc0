package fr.beffroi.rules.model;

/** Which end of a booking a trigger is anchored on. */
public enum BookingEdge {
    START, END
}
