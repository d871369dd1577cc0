package fr.beffroi.edge.driver.camera;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A camera API answering what the test scripted, and remembering what it was asked. */
final class FakeCamera implements CameraApi {

    static final Answer EMPTY = json("{\"verdicts\":[]}");

    /** Answers to the verdict list, by the cursor asked after; EMPTY otherwise. */
    final Map<Long, Answer> pages = new HashMap<>();
    final List<String> gets = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    boolean unreachable;
    int deleteStatus = 204;

    static Answer json(String body) {
        return new Answer(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(byte[] body) {
        return new Answer(200, "application/json; charset=utf-8", body);
    }

    @Override
    public Answer get(String pathAndQuery) throws IOException {
        if (unreachable) {
            throw new ConnectException("Connection refused");
        }
        gets.add(pathAndQuery);
        String after = pathAndQuery.replaceAll(".*after=([0-9]+).*", "$1");
        return pages.getOrDefault(Long.parseLong(after), EMPTY);
    }

    @Override
    public Answer delete(String path) throws IOException {
        if (unreachable) {
            throw new ConnectException("Connection refused");
        }
        deletes.add(path);
        return new Answer(deleteStatus, "", new byte[0]);
    }

    @Override
    public void close() {
    }
}
