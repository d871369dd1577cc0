package fr.beffroi.ingest.decode;

import fr.beffroi.ingest.auth.Gateway;
import fr.beffroi.profiles.wire.Reading;
import fr.beffroi.profiles.wire.ReadingBatch;
import fr.beffroi.profiles.wire.WireCodec;
import fr.beffroi.profiles.wire.WireFormatException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a payload into a batch the store can take, or says exactly why not. Beyond the contract's
 * own {@link ReadingBatch#problems()}, it refuses what PostgreSQL could not store (NUL in text,
 * timestamps outside the years 2000–2199), since one such reading would otherwise fail its whole
 * transaction on every resend.
 */
public final class BatchDecoder {
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    public Decoded decode(Gateway gateway, byte[] payload) {
        ReadingBatch batch;
        try {
            batch = WireCodec.decodeBatch(payload);
        } catch (WireFormatException e) {
            return new Decoded.Malformed(e.getMessage());
        } catch (RuntimeException e) {
            // A record constructor refusing a null field surfaces as a mapping error or an NPE.
            return new Decoded.Malformed("ReadingBatch: " + e.getMessage());
        }
        boolean named = batch.tenant() != null && !batch.tenant().isBlank()
                && batch.gateway() != null && !batch.gateway().isBlank();
        if (named && (!gateway.tenant().equals(batch.tenant()) || !gateway.id().equals(batch.gateway()))) {
            return new Decoded.Forbidden(batch, "batch names tenant " + batch.tenant() + " gateway " + batch.gateway()
                    + " but the sender is gateway " + gateway.id() + " of tenant " + gateway.tenant());
        }
        List<String> problems = new ArrayList<>(batch.problems());
        if (problems.size() <= 20) problems.addAll(storable(batch));
        if (!problems.isEmpty()) return new Decoded.Invalid(batch, String.join("; ", problems));
        return new Decoded.Valid(batch);
    }

    private static List<String> storable(ReadingBatch batch) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < batch.readings().size() && problems.size() < 10; i++) {
            Reading r = batch.readings().get(i);
            boolean nulInText = r.device().indexOf('\u0000') >= 0 || r.point().indexOf('\u0000') >= 0
                    || r.unit().indexOf('\u0000') >= 0;
            boolean outOfRange = r.ts().isBefore(EARLIEST) || !r.ts().isBefore(LATEST);
            // The common case builds no strings: this runs for every reading of every batch.
            if (!nulInText && !outOfRange) continue;
            String at = "readings[" + i + "]";
            if (r.device().indexOf('\u0000') >= 0) problems.add(at + ".device: contains NUL");
            if (r.point().indexOf('\u0000') >= 0) problems.add(at + ".point: contains NUL");
            if (r.unit().indexOf('\u0000') >= 0) problems.add(at + ".unit: contains NUL");
            if (outOfRange) {
                problems.add(at + ".ts: " + r.ts() + " outside [" + EARLIEST + ", " + LATEST + ")");
            }
        }
        return problems;
    }
}
