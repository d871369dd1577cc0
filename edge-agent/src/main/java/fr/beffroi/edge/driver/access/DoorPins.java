package fr.beffroi.edge.driver.access;

/**
 * The door's GPIO lines, as BCM numbers (the numbering Pi4J's Raspberry Pi providers use).
 *
 * @param relay      digital output driving the lock relay: high = energised = unlocked (a
 *                   fail-secure strike; a magnetic lock is wired through the relay's NC contact)
 * @param contact    digital input, high = door open (pulled down; the reed switch pulls it up)
 * @param exitButton digital input, high = exit button pressed (pulled down)
 */
public record DoorPins(int relay, int contact, int exitButton) {
    /** BCM 0..27 are the header's GPIO lines on every Raspberry Pi with a 40-pin header. */
    static final int MAX_BCM = 27;

    public DoorPins {
        check("relay", relay);
        check("contact", contact);
        check("exitButton", exitButton);
        if (relay == contact || relay == exitButton || contact == exitButton) {
            throw new IllegalArgumentException("door pins must differ: relay " + relay + ", contact " + contact
                    + ", exitButton " + exitButton);
        }
    }

    private static void check(String name, int pin) {
        if (pin < 0 || pin > MAX_BCM) {
            throw new IllegalArgumentException(name + " pin " + pin + " is not a BCM GPIO line 0.." + MAX_BCM);
        }
    }
}
