/**
 * The durable store-and-forward buffer (SQLite, WAL, synchronous=FULL for appends; a confirm's
 * delete skips its own fsync, since losing it only causes a deduplicated resend). It assigns the
 * gateway's sequence numbers and is the only place readings wait; they leave only when the
 * cloud's BatchAck committed them (deleted) or refused them (moved to the local dead-letter table).
 * An event's attributes travel with it as JSON text (NULL for a sample); a file from before them is
 * upgraded in place when opened. Beside it, {@link fr.beffroi.edge.buffer.CommandLog}: the command
 * ids handled (each executed once, across restarts) and the results waiting for the broker; and
 * {@link fr.beffroi.edge.buffer.AllowListStore}: the latest allow-list of the doors, for offline access.
 */
package fr.beffroi.edge.buffer;
