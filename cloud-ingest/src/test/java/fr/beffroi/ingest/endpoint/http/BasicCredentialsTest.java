package fr.beffroi.ingest.endpoint.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BasicCredentialsTest {
    private static String basic(String s) {
        return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSecretMayContainColons() {
        assertThat(HttpIngestServer.basicCredentials(basic("gw-1:a:b"))).containsExactly("gw-1", "a:b");
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(HttpIngestServer.basicCredentials(null)).isNull();
        assertThat(HttpIngestServer.basicCredentials("Bearer x")).isNull();
        assertThat(HttpIngestServer.basicCredentials("Basic !!!")).isNull();
        assertThat(HttpIngestServer.basicCredentials(basic("no-colon"))).isNull();
    }
}
