package lux.consensus.kernels.mldsa;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * The JDK's own ML-DSA ({@code java.security}, JDK 24 and later, JEP 497), the baseline the benchmarks hold the
 * SIMD verifier against: raw public keys imported through {@code KeyFactory("ML-DSA")}, and a batch verified
 * one {@link Signature} call after another.
 */
public final class JdkMlDsa {
    private JdkMlDsa() {
    }

    /** Whether this JDK has ML-DSA. */
    public static boolean available() {
        try {
            KeyFactory.getInstance("ML-DSA");
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /**
     * A raw ML-DSA public key as the JDK's key.
     *
     * @throws GeneralSecurityException if the JDK has no ML-DSA or refuses the key
     */
    public static PublicKey publicKey(MlDsaParams params, byte[] raw) throws GeneralSecurityException {
        return KeyFactory.getInstance("ML-DSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(params, raw)));
    }

    /**
     * Verifies item by item with one {@link Signature} (pure ML-DSA, empty context).
     *
     * @throws GeneralSecurityException if the JDK has no ML-DSA
     */
    public static boolean[] verify(PublicKey[] keys, byte[][] messages, byte[][] signatures) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("ML-DSA");
        boolean[] ok = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            verifier.initVerify(keys[i]);
            verifier.update(messages[i]);
            try {
                ok[i] = verifier.verify(signatures[i]);
            } catch (java.security.SignatureException malformed) {
                ok[i] = false;
            }
        }
        return ok;
    }

    /**
     * DER SubjectPublicKeyInfo (RFC 5280 section 4.1) for a raw ML-DSA public key: SEQUENCE { SEQUENCE { OID
     * id-ml-dsa-44/65/87 = 2.16.840.1.101.3.4.3.17/18/19 (NIST CSOR; no parameters) }, BIT STRING { 0 unused
     * bits, pk } }, the form the JDK's KeyFactory reads through X509EncodedKeySpec.
     */
    static byte[] subjectPublicKeyInfo(MlDsaParams params, byte[] publicKey) {
        byte last = switch (params) {
            case ML_DSA_44 -> 0x11;
            case ML_DSA_65 -> 0x12;
            case ML_DSA_87 -> 0x13;
        };
        byte[] algorithm = {0x30, 0x0B, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, last};
        int bitStringLength = publicKey.length + 1;
        int contentLength = algorithm.length + 4 + bitStringLength; // every length here needs the 2-byte form
        byte[] der = new byte[4 + contentLength];
        int p = 0;
        der[p++] = 0x30;
        der[p++] = (byte) 0x82;
        der[p++] = (byte) (contentLength >>> 8);
        der[p++] = (byte) contentLength;
        System.arraycopy(algorithm, 0, der, p, algorithm.length);
        p += algorithm.length;
        der[p++] = 0x03;
        der[p++] = (byte) 0x82;
        der[p++] = (byte) (bitStringLength >>> 8);
        der[p++] = (byte) bitStringLength;
        der[p++] = 0x00;
        System.arraycopy(publicKey, 0, der, p, publicKey.length);
        return der;
    }
}
