package lux.consensus.kernels.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of BLS keys and signatures from any bytes: a value or an IllegalArgumentException, never another
 * exception or a crash in the native library. A decoded point re-encodes (blst's compression) to the input,
 * so every accepted encoding is canonical; a decoded secret key signs what its public key verifies.
 */
class BlsDecodingFuzzTest {
    private static final byte[] MESSAGE = "fuzz".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger GROUP_ORDER =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void publicKey(byte[] bytes) {
        BlsPublicKey key;
        try {
            key = BlsPublicKey.fromBytes(bytes);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        assertArrayEquals(bytes, BlsPublicKey.ofValidPoint(key.point()).toBytes(), "the encoding is canonical");
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void signature(byte[] bytes) {
        BlsSignature signature;
        try {
            signature = BlsSignature.fromBytes(bytes);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        assertArrayEquals(bytes, BlsSignature.ofValidPoint(signature.point()).toBytes(), "the encoding is canonical");
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void secretKey(byte[] bytes) {
        BigInteger scalar = new BigInteger(1, bytes);
        boolean inRange = bytes.length == BlsSecretKey.BYTES && scalar.signum() > 0 && scalar.compareTo(GROUP_ORDER) < 0;
        BlsSecretKey key;
        try {
            key = BlsSecretKey.fromBytes(bytes);
        } catch (IllegalArgumentException refused) {
            assertTrue(!inRange, () -> "refused a scalar in (0, r): " + refused.getMessage());
            return;
        }
        assertTrue(inRange, "accepted a scalar outside (0, r)");
        assertArrayEquals(bytes, key.toBytes());
        assertTrue(Bls.verify(key.publicKey(), MESSAGE, key.sign(MESSAGE)), "a decoded key's signature does not verify");
    }
}
