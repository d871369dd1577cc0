/**
 * Room bookings: validated slots ({@link fr.beffroi.ingest.booking.BookingRules}), stored in the
 * {@code booking} table ({@link fr.beffroi.ingest.booking.BookingStore}), and every change told to
 * whoever listens ({@link fr.beffroi.ingest.booking.BookingService}): the tenant's cloud rules
 * engine (heating before a booking) and the allow-lists of the doors of the room.
 */
package fr.beffroi.ingest.booking;
