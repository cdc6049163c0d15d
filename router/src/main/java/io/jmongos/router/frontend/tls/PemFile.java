package io.jmongos.router.frontend.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PEM file as mongod reads {@code tlsCertificateKeyFile} and {@code tlsCAFile}: certificates, and for the key
 * file a PKCS#8 private key, plain ({@code PRIVATE KEY}) or encrypted ({@code ENCRYPTED PRIVATE KEY}, e.g. PBES2
 * as {@code openssl genpkey -aes256} writes it). Every failure is a {@link TlsConfigException} naming the file.
 */
final class PemFile {
    /** A PEM file larger than this is refused (a long chain is a few tens of KiB). */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** Key algorithms tried for a PKCS#8 key, in order. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "EdDSA", "DSA");

    private final Path path;
    private final String what;
    private final List<Block> blocks;

    private record Block(String label, byte[] der) {
    }

    private PemFile(Path path, String what, List<Block> blocks) {
        this.path = path;
        this.what = what;
        this.blocks = blocks;
    }

    /** Read a PEM file; {@code what} names its option in errors (e.g. "tlsCertificateKeyFile"). */
    static PemFile read(Path path, String what) {
        String text;
        try {
            if (!Files.isRegularFile(path)) {
                throw new TlsConfigException("Cannot read " + what + " " + path + ": no such file");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new TlsConfigException("Cannot read " + what + " " + path + ": larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsConfigException("Cannot read " + what + " " + path + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException("Cannot read " + what + " " + path + ": bad base64 in a "
                        + m.group(1) + " block", e);
            }
        }
        return new PemFile(path, what, blocks);
    }

    /** Every certificate, in file order; at least one. */
    List<X509Certificate> certificates() {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (Block b : blocks) {
                if (b.label().equals("CERTIFICATE")) {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsConfigException(what + " " + path + " holds a certificate that cannot be parsed: "
                    + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(what + " " + path + " holds no certificate");
        }
        return out;
    }

    /**
     * The private key, decrypted with {@code password} when it is encrypted; {@code passwordOption} names the
     * password's option in errors (tlsCertificateKeyFilePassword, tlsClusterPassword).
     */
    PrivateKey privateKey(String password, String passwordOption) {
        for (Block b : blocks) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(new PKCS8EncodedKeySpec(b.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null) {
                        throw new TlsConfigException("The private key in " + what + " " + path
                                + " is encrypted: give " + passwordOption);
                    }
                    return pkcs8(decrypt(b.der(), password, passwordOption));
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new TlsConfigException("The private key in " + what
                        + " " + path + " is in the legacy " + b.label() + " format: convert it to PKCS#8 "
                        + "(openssl pkcs8 -topk8)");
                default -> {
                    // certificates and parameters: not the key
                }
            }
        }
        throw new TlsConfigException(what + " " + path + " holds no private key");
    }

    private PKCS8EncodedKeySpec decrypt(byte[] der, String password, String passwordOption) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // The JDK names PBES2 keys by their parameters (e.g. PBEWithHmacSHA256AndAES_256).
            String alg = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                    ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory f = SecretKeyFactory.getInstance(alg);
            Cipher c = Cipher.getInstance(alg);
            c.init(Cipher.DECRYPT_MODE, f.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(c);
        } catch (InvalidKeySpecException e) {
            throw new TlsConfigException("Cannot decrypt the private key in " + what + " " + path
                    + ": wrong " + passwordOption, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("Cannot decrypt the private key in " + what + " " + path + ": " + e, e);
        }
    }

    private PrivateKey pkcs8(PKCS8EncodedKeySpec spec) {
        for (String alg : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsConfigException("The private key in " + what + " " + path + " cannot be parsed");
    }
}
