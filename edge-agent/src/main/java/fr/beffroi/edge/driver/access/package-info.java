/**
 * Doors of sports halls and meeting rooms (profile {@code access/door-lock}): a lock relay, a door
 * contact and an exit button on GPIO lines through Pi4J, and a badge reader on a serial line.
 *
 * <p>Owns: the badge reader's ASCII framing ({@link fr.beffroi.edge.driver.access.BadgeFrameDecoder}),
 * its serial transport seam ({@code BadgeLink}, jSerialComm), the door's state machine (grants, exit
 * button, forced and held-open detection, pure and clock-driven) and the driver that wires them to
 * Pi4J. Access decisions are not made here: they come from an {@link fr.beffroi.edge.driver.access.AccessPolicy}
 * given to the driver; in production {@link fr.beffroi.edge.driver.access.AllowListPolicy}, the
 * latest allow-list the cloud made from the bookings (15 min early, bounded by its {@code validUntil}). Access logs are personal data: events and
 * log lines carry the badge id, nothing else about a person.
 */
package fr.beffroi.edge.driver.access;
