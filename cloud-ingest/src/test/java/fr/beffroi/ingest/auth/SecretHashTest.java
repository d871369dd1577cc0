package fr.beffroi.ingest.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretHashTest {
    @Test
    void storedFormRoundTripsAndMatchesOnlyTheSecret() {
        String stored = SecretHash.of("s3cret", 1_000);

        assertThat(stored).startsWith("pbkdf2-sha256$1000$");
        SecretHash hash = SecretHash.parse(stored);
        assertThat(hash.matches("s3cret")).isTrue();
        assertThat(hash.matches("s3cret ")).isFalse();
        assertThat(hash.matches(null)).isFalse();
        assertThat(hash.encoded()).isEqualTo(stored);
    }

    @Test
    void twoHashesOfOneSecretDifferBySalt() {
        assertThat(SecretHash.of("same", 1_000)).isNotEqualTo(SecretHash.of("same", 1_000));
    }

    @Test
    void defaultCostIsTheOwaspFloor() {
        assertThat(SecretHash.parse(SecretHash.of("x")).iterations()).isEqualTo(600_000);
    }

    @Test
    void malformedStoredFormsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> SecretHash.parse("plain-text-secret")).hasMessageNotContaining("plain-text-secret");
        assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256$abc$AAAA$AAAA")).hasMessageContaining("iterations");
        assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256$10$!!$AAAA")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretHash.parse(null)).hasMessageContaining("missing");
    }

    @Test
    void toStringHidesSaltAndHash() {
        assertThat(SecretHash.parse(SecretHash.of("x", 10)).toString()).isEqualTo("pbkdf2-sha256$10$…");
    }

    @Test
    void authenticatorTellsUnknownGatewayFromBadSecret() {
        GatewayAuthenticator auth = new GatewayAuthenticator(Map.of("gw-1", new GatewayAuthenticator.Entry(
                new Gateway("gw-1", "liancourt"), SecretHash.parse(SecretHash.of("good", 1_000)))));

        assertThat(auth.authenticate("gw-1", "good").accepted()).contains(new Gateway("gw-1", "liancourt"));
        // The second check takes the verified-digest path and must agree.
        assertThat(auth.authenticate("gw-1", "good").accepted()).isPresent();
        assertThat(auth.authenticate("gw-1", "bad").failure()).isEqualTo(GatewayAuthenticator.Failure.BAD_SECRET);
        assertThat(auth.authenticate("gw-9", "good").failure()).isEqualTo(GatewayAuthenticator.Failure.UNKNOWN_GATEWAY);
        assertThat(auth.authenticate(null, null).failure())
                .isEqualTo(GatewayAuthenticator.Failure.MISSING_CREDENTIALS);
    }
}
