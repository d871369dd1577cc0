package fr.beffroi.edge.driver.waste;

/** What a framer found in the byte stream: whole frames, and everything it refused. */
interface FrameListener {

    /** A frame whose framing and checksum hold; {@code payload} is its text between start and checksum. */
    void frame(byte[] raw, String payload);

    /** Bytes that are no trustworthy frame, and why. */
    void corrupt(byte[] raw, String reason);
}
