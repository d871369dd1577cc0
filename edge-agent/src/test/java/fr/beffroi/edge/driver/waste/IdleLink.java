package fr.beffroi.edge.driver.waste;

/** A port that never brings bytes: unit tests feed the driver directly, and its reading thread idles. */
final class IdleLink implements SerialLink {

    @Override
    public int read(byte[] buffer) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    public void close() {
    }
}
