package fr.beffroi.ingest.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A gateway secret as the cloud stores it: PBKDF2-HMAC-SHA256, written
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. The secret itself is never kept.
 *
 * @param iterations PBKDF2 iteration count
 * @param salt       random salt
 * @param hash       derived key
 */
public record SecretHash(int iterations, byte[] salt, byte[] hash) {
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; a Pi-class node verifies once per connection. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public SecretHash {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes a new secret with a fresh random salt and {@link #DEFAULT_ITERATIONS}; returns the stored form. */
    public static String of(String secret) {
        return of(secret, DEFAULT_ITERATIONS);
    }

    /** As {@link #of(String)} with a chosen cost (tests use a low one to stay fast). */
    public static String of(String secret, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new SecretHash(iterations, salt, derive(secret, salt, iterations, KEY_BITS)).encoded();
    }

    /** Parses the stored form; the message says which part is wrong, never echoing the value. */
    public static SecretHash parse(String encoded) {
        if (encoded == null) throw new IllegalArgumentException("missing");
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("expected " + SCHEME + "$<iterations>$<salt b64>$<hash b64>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations is not a number");
        }
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8) throw new IllegalArgumentException("salt shorter than 8 bytes");
            if (hash.length < 16) throw new IllegalArgumentException("hash shorter than 16 bytes");
            return new SecretHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("shorter")) throw e;
            throw new IllegalArgumentException("salt or hash is not base64");
        }
    }

    /** True when {@code secret} derives to this hash; the comparison takes the same time wherever bytes differ. */
    public boolean matches(String secret) {
        if (secret == null) return false;
        byte[] candidate = derive(secret, salt, iterations, hash.length * 8);
        return MessageDigest.isEqual(candidate, hash);
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }

    private static byte[] derive(String secret, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
