package fr.beffroi.edge.uplink;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * TLS sockets that trust exactly the certificates of one PEM file: a territory running its own
 * certificate authority for the ingest (no public CA needed on a private APN). Without it an
 * {@code ssl://} uplink trusts the JVM's default authorities. Host names are still verified (Paho
 * checks the broker's certificate against the URL's host).
 */
public final class TrustedCa {
    private TrustedCa() {
    }

    /**
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static SSLSocketFactory socketFactory(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) throw new IllegalArgumentException(pem + ": no certificate in the file");
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate c : certificates) trusted.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException e) {
            throw new IllegalArgumentException(pem + ": cannot read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
