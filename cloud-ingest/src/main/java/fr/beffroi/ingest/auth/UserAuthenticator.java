package fr.beffroi.ingest.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an HTTP API bearer token, {@code <name>:<secret>}, against the user's configured
 * {@link SecretHash} of the whole token. The name picks the one hash to check, so a wrong token
 * costs one PBKDF2; a token once verified is remembered by its SHA-256, so that each request after
 * the first stays cheap. Run {@link #authenticate} off the event loop. Tokens are never logged.
 */
public final class UserAuthenticator {
    /** A configured user: who they are and how to check their token. */
    public record Entry(User user, SecretHash token) {
        public Entry {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(token, "token");
        }
    }

    private final Map<String, Entry> byName;
    private final Map<String, byte[]> verifiedDigests = new ConcurrentHashMap<>();

    public UserAuthenticator(Map<String, Entry> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The user the token belongs to, or empty when it is missing, malformed, unknown or wrong. */
    public Optional<User> authenticate(String token) {
        if (token == null) return Optional.empty();
        int colon = token.indexOf(':');
        if (colon <= 0) return Optional.empty();
        Entry entry = byName.get(token.substring(0, colon));
        if (entry == null) return Optional.empty();
        byte[] digest = sha256(token);
        byte[] known = verifiedDigests.get(entry.user().name());
        if (known != null && MessageDigest.isEqual(known, digest)) return Optional.of(entry.user());
        if (!entry.token().matches(token)) return Optional.empty();
        verifiedDigests.put(entry.user().name(), digest);
        return Optional.of(entry.user());
    }

    /** The token from an {@code Authorization: Bearer …} header (RFC 6750), or null. */
    public static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(SecretHash.utf8(token));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
