/**
 * The door simulator's protocol face: drives Pi4J's <em>mock</em> GPIO lines (door contact, exit
 * button) and reads the mock lock relay, for the people of a {@link fr.beffroi.sim.model.access.DoorScene};
 * writes their badges as the ASCII reader frames ({@link fr.beffroi.sim.face.gpio.BadgeFrames}) to a
 * serial line (one end of a socat pty pair). Pi4J's mock lines live in one JVM: the simulator and
 * the door driver share the {@code Context} built by {@link fr.beffroi.sim.face.gpio.MockGpio#context()}.
 */
package fr.beffroi.sim.face.gpio;
