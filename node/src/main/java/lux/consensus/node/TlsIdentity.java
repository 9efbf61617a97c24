package lux.consensus.node;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import lux.consensus.Id;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A validator's TLS identity: an ECDSA P-256 key and a self-signed X.509 certificate. As in avalanchego, the
 * validator's id is derived from the certificate (SHA-256 of its DER encoding), so a peer that completes the
 * TLS handshake with that certificate is that validator, whatever its messages claim.
 */
public record TlsIdentity(PrivateKey key, X509Certificate certificate) {

    private static final Duration VALIDITY = Duration.ofDays(3650);

    /** A fresh key and a self-signed certificate naming {@code name}. */
    public static TlsIdentity generate(String name, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            // Peers pin certificates, so names do not matter to them; clients that check the host name (grpcio)
            // reach a loopback node as localhost or 127.0.0.1.
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new TlsIdentity(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot make a TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The validator id this certificate stands for: SHA-256 of its DER encoding. */
    public Id validatorId() {
        return validatorId(certificate);
    }

    public static Id validatorId(X509Certificate certificate) {
        try {
            return Id.of(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    public static String toPem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the key (PKCS#8 PEM, owner-only where the file system allows) and the certificate (PEM). */
    public void write(Path keyFile, Path certificateFile) throws IOException {
        try {
            Files.writeString(keyFile, toPem(new JcaPKCS8Generator(key, null)));
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException("cannot encode the TLS key: " + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the default permissions
        }
        Files.writeString(certificateFile, toPem(certificate));
    }

    public static TlsIdentity read(Path keyFile, Path certificateFile) throws IOException {
        return new TlsIdentity(readKey(keyFile), parseCertificate(Files.readString(certificateFile), certificateFile.toString()));
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
            Object o = parser.readObject();
            if (o instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IllegalArgumentException(file + " holds no private key in PEM (found " + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code where} if the text is not one PEM certificate
     */
    public static X509Certificate parseCertificate(String pem, String where) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException(where + " holds no PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not a readable certificate: " + e.getMessage(), e);
        }
    }
}
