package fr.beffroi.profiles.codec.sunspec;

/** The device answered, but its registers break SunSpec: no marker, or a broken model chain. */
public final class SunSpecException extends Exception {
    public SunSpecException(String message) {
        super(message);
    }
}
