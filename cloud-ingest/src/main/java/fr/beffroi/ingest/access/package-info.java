/**
 * Door access from bookings: which door devices open which room ({@code rooms:} config), which
 * gateway holds each door ({@code device_location}), and the {@link fr.beffroi.profiles.wire.AllowList}
 * each such gateway gets on {@code down/allowlist}: built purely by {@link
 * fr.beffroi.ingest.access.AllowListBuilder}, served by {@link fr.beffroi.ingest.access.AllowLists}
 * when a gateway subscribes, when a booking of its rooms changes, and periodically so that its
 * validity slides.
 */
package fr.beffroi.ingest.access;
