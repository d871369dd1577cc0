package fr.beffroi.edge.driver.camera;

import java.io.IOException;

/** The camera's HTTP API as the driver uses it: the transport seam that unit tests replace. */
interface CameraApi extends AutoCloseable {

    /** An HTTP answer, whatever its status. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** {@code GET} of a path (with its query) relative to the camera's base URI. */
    Answer get(String pathAndQuery) throws IOException;

    /** {@code DELETE} of a path relative to the camera's base URI. */
    Answer delete(String path) throws IOException;

    @Override
    void close();
}
