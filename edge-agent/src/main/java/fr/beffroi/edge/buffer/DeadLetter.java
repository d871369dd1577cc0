package fr.beffroi.edge.buffer;

import fr.beffroi.profiles.wire.Reading;

import java.time.Instant;

/**
 * A reading the cloud refused, kept locally for a person to look at.
 *
 * @param reading the reading as it was sent
 * @param reason  the cloud's reason from the REJECTED BatchAck
 * @param at      when it was moved out of the buffer
 */
public record DeadLetter(Reading reading, String reason, Instant at) {
}
