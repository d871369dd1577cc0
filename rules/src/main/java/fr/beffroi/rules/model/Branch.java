package fr.beffroi.rules.model;

/** Which of a rule's two action sequences: {@code then:} or {@code else:}. */
public enum Branch {
    THEN, ELSE
}
