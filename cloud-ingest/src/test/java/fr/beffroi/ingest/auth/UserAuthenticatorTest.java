package fr.beffroi.ingest.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens {@code <name>:<secret>} checked against the named user's hash only. */
class UserAuthenticatorTest {
    private final UserAuthenticator users = new UserAuthenticator(Map.of(
            "alice", new UserAuthenticator.Entry(new User("alice", "liancourt", true),
                    SecretHash.parse(SecretHash.of("alice:s3cret", 1_000))),
            "bob", new UserAuthenticator.Entry(new User("bob", "liancourt", false),
                    SecretHash.parse(SecretHash.of("bob:other", 1_000)))));

    @Test
    void theRightTokenNamesItsUserTwice() {
        assertThat(users.authenticate("alice:s3cret")).contains(new User("alice", "liancourt", true));
        // the second time through the verified-digest cache
        assertThat(users.authenticate("alice:s3cret")).contains(new User("alice", "liancourt", true));
    }

    @Test
    void wrongMalformedOrAnotherUsersTokensAreRefused() {
        assertThat(users.authenticate("alice:wrong")).isEmpty();
        assertThat(users.authenticate("bob:s3cret")).isEmpty();
        assertThat(users.authenticate("carol:s3cret")).isEmpty();
        assertThat(users.authenticate("s3cret")).isEmpty();
        assertThat(users.authenticate(":s3cret")).isEmpty();
        assertThat(users.authenticate(null)).isEmpty();
    }

    @Test
    void theBearerHeaderIsRead() {
        assertThat(UserAuthenticator.bearer("Bearer alice:s3cret")).isEqualTo("alice:s3cret");
        assertThat(UserAuthenticator.bearer("bearer  alice:s3cret ")).isEqualTo("alice:s3cret");
        assertThat(UserAuthenticator.bearer("Basic YWxpY2U6czNjcmV0")).isNull();
        assertThat(UserAuthenticator.bearer("Bearer ")).isNull();
        assertThat(UserAuthenticator.bearer(null)).isNull();
    }

    @Test
    void theIssuerNamesTheUser() {
        assertThat(new User("alice", "liancourt", true).issuer()).isEqualTo("user:alice");
    }
}
