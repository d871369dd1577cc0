package fr.beffroi.ingest.auth;

import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a gateway id and secret against the configured hashes. PBKDF2 is deliberately slow, so
 * callers run {@link #authenticate} off the event loop; once a secret has been verified, a SHA-256
 * of it is remembered so that HTTP requests (one check per request) stay cheap.
 */
public final class GatewayAuthenticator {
    /** Why a check failed; counted and logged, never echoed to the client. */
    public enum Failure { MISSING_CREDENTIALS, UNKNOWN_GATEWAY, BAD_SECRET }

    /** The outcome of one check: exactly one of gateway or failure is set. */
    public record Result(Gateway gateway, Failure failure) {
        public static Result ok(Gateway gateway) {
            return new Result(gateway, null);
        }

        public static Result failed(Failure failure) {
            return new Result(null, failure);
        }

        public Optional<Gateway> accepted() {
            return Optional.ofNullable(gateway);
        }
    }

    /** A configured gateway: who it is and how to check its secret. */
    public record Entry(Gateway gateway, SecretHash secret) {
        public Entry {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(secret, "secret");
        }
    }

    private final Map<String, Entry> byId;
    private final Map<String, byte[]> verifiedDigests = new ConcurrentHashMap<>();

    public GatewayAuthenticator(Map<String, Entry> byId) {
        this.byId = Map.copyOf(byId);
    }

    public Result authenticate(String gatewayId, String secret) {
        if (gatewayId == null || gatewayId.isEmpty() || secret == null) {
            return Result.failed(Failure.MISSING_CREDENTIALS);
        }
        Entry entry = byId.get(gatewayId);
        if (entry == null) return Result.failed(Failure.UNKNOWN_GATEWAY);
        byte[] digest = sha256(secret);
        byte[] known = verifiedDigests.get(gatewayId);
        if (known != null && MessageDigest.isEqual(known, digest)) return Result.ok(entry.gateway());
        if (!entry.secret().matches(secret)) return Result.failed(Failure.BAD_SECRET);
        verifiedDigests.put(gatewayId, digest);
        return Result.ok(entry.gateway());
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(SecretHash.utf8(secret));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
