package fr.beffroi.sim.model.access;

/** What a person does to the door hardware; the face maps it to a GPIO level or a badge frame. */
public sealed interface DoorAction {

    /** Holds a badge to the reader. */
    record PresentBadge(String badge) implements DoorAction {
    }

    /** Opens ({@code true}) or closes the door: the contact follows. */
    record SetContact(boolean open) implements DoorAction {
    }

    /** Presses ({@code true}) or releases the exit button. */
    record SetExitButton(boolean pressed) implements DoorAction {
    }
}
