/**
 * People at a door, apart from any protocol: who arrives when, what they do (present a badge, press
 * the exit button, force the door, leave it open) and how they react to the lock relay. The face
 * {@code fr.beffroi.sim.face.gpio} turns their actions into GPIO levels and badge frames.
 */
package fr.beffroi.sim.model.access;
