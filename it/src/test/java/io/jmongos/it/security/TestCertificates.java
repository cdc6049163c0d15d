package io.jmongos.it.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the tests make for themselves with Bouncy Castle: a CA, server certificates for localhost and
 * 127.0.0.1 (plain, with an encrypted key, expired), a client certificate, and a second, unrelated CA. Each is
 * written as the PEM file mongod reads (certificate then PKCS#8 key).
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** One certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private final Path dir;
    private final Issued ca;

    private TestCertificates(Path dir, Issued ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** A new CA whose files go to {@code dir}. */
    public static TestCertificates create(Path dir, String caName) {
        KeyPair kp = keyPair();
        X500Name name = new X500Name("CN=" + caName);
        Instant now = Instant.now();
        return new TestCertificates(dir, new Issued(sign(name, kp, name, kp.getPrivate(), now.minusSeconds(3600),
                now.plus(Duration.ofDays(2)), true), kp.getPrivate()));
    }

    /** The CA certificate file (for tlsCAFile and the clients' trust). */
    public Path caFile() throws IOException {
        Path f = dir.resolve(ca.certificate().getSubjectX500Principal().getName().replaceAll("\\W", "") + "-ca.pem");
        Files.writeString(f, pem(ca.certificate()));
        return f;
    }

    /** A server certificate for localhost/127.0.0.1, valid now; the key plain (null password) or encrypted. */
    public Path serverFile(String cn, String password) throws IOException {
        Instant now = Instant.now();
        return write(cn, issue(cn, now.minusSeconds(3600), now.plus(Duration.ofDays(1))), password);
    }

    /**
     * A certificate whose subjectAltName holds only the DNS names given (neither localhost nor 127.0.0.1 when they
     * are not among them): a member that dials it by address finds its name missing.
     */
    public Issued named(String cn, String... dnsNames) {
        Instant now = Instant.now();
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        KeyPair kp = keyPair();
        X500Name issuer = new X500Name(ca.certificate().getSubjectX500Principal().getName());
        return new Issued(sign(new X500Name("CN=" + cn), kp, issuer, ca.key(), now.minusSeconds(3600),
                now.plus(Duration.ofDays(1)), false, names), kp.getPrivate());
    }

    /** One CA file holding the certificates of several CAs (a member that trusts each of them). */
    public static Path bundle(Path file, TestCertificates... cas) throws IOException {
        StringBuilder out = new StringBuilder();
        for (TestCertificates c : cas) {
            out.append(pem(c.ca.certificate()));
        }
        Files.writeString(file, out.toString());
        return file;
    }

    /** A server certificate that expired an hour ago. */
    public Path expiredServerFile(String cn) throws IOException {
        Instant now = Instant.now();
        return write(cn, issue(cn, now.minus(Duration.ofDays(2)), now.minusSeconds(3600)), null);
    }

    /** A client certificate (as a server one, with another name). */
    public Issued client(String cn) {
        Instant now = Instant.now();
        return issue(cn, now.minusSeconds(3600), now.plus(Duration.ofDays(1)));
    }

    /** An SSLContext that trusts this CA (and presents {@code clientCert} when not null). */
    public SSLContext clientContext(Issued clientCert) throws GeneralSecurityException, IOException {
        return context(clientCert, this);
    }

    /** An SSLContext that presents {@code own} (issued by this CA) and trusts only {@code trusted}'s CA. */
    public SSLContext contextTrusting(Issued own, TestCertificates trusted) throws GeneralSecurityException,
            IOException {
        return context(own, trusted);
    }

    private SSLContext context(Issued clientCert, TestCertificates trusted) throws GeneralSecurityException,
            IOException {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCert != null) {
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientCert.key(), "x".toCharArray(),
                    new X509Certificate[] {clientCert.certificate(), ca.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "x".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private Issued issue(String cn, Instant from, Instant to) {
        KeyPair kp = keyPair();
        X500Name issuer = new X500Name(ca.certificate().getSubjectX500Principal().getName());
        return new Issued(sign(new X500Name("CN=" + cn), kp, issuer, ca.key(), from, to, false), kp.getPrivate());
    }

    private Path write(String cn, Issued issued, String password) throws IOException {
        Path f = dir.resolve(cn + ".pem");
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(issued.certificate());
            OutputEncryptor enc = null;
            if (password != null) {
                enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray()).build();
            }
            w.writeObject(new JcaPKCS8Generator(issued.key(), enc));
        } catch (OperatorCreationException e) {
            throw new IOException(e);
        }
        Files.writeString(f, out.toString());
        return f;
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair kp, X500Name issuer, PrivateKey issuerKey,
                                        Instant from, Instant to, boolean isCa) {
        return sign(subject, kp, issuer, issuerKey, from, to, isCa, new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
    }

    private static X509Certificate sign(X500Name subject, KeyPair kp, X500Name issuer, PrivateKey issuerKey,
                                        Instant from, Instant to, boolean isCa, GeneralName[] altNames) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject,
                    kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (!isCa) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
