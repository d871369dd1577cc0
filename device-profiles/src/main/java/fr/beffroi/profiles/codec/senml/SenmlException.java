package fr.beffroi.profiles.codec.senml;

import java.util.OptionalInt;

/**
 * A SenML pack that breaks RFC 8428 or its profile. The message names the record (0-based index in
 * the pack) and the field, e.g. {@code record 2, field 'v': expected a number, found string "12"}.
 */
public final class SenmlException extends Exception {

    private final OptionalInt record;

    public SenmlException(String message, Throwable cause) {
        super(message, cause);
        this.record = OptionalInt.empty();
    }

    public SenmlException(int record, String field, String problem) {
        super("record " + record + (field == null ? "" : ", field '" + field + "'") + ": " + problem);
        this.record = OptionalInt.of(record);
    }

    /** The index of the offending record, when the problem lies in one. */
    public OptionalInt record() {
        return record;
    }
}
