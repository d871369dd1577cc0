/**
 * The poll scheduler: polls each device on its own schedule, backs off a failing device without
 * slowing the others, records health and per-outcome metrics, and appends readings to the buffer,
 * then tells a {@link fr.beffroi.edge.poll.ReadingListener} (the edge rules) what was stored.
 */
package fr.beffroi.edge.poll;
