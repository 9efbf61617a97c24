package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Key generation from a seed and signing, the helpers the engine's validators use. */
class MlDsaTest {

    private static final byte[] MESSAGE = "finalized batch 7".getBytes(StandardCharsets.UTF_8);
    private static final MlDsaBatchVerifier VERIFIER = new BouncyCastleMlDsaVerifier();

    @Test
    void sizesAreThoseOfFips204() {
        assertEquals(1312, MlDsaParams.ML_DSA_44.publicKeyBytes());
        assertEquals(2420, MlDsaParams.ML_DSA_44.signatureBytes());
        assertEquals(1952, MlDsaParams.ML_DSA_65.publicKeyBytes());
        assertEquals(3309, MlDsaParams.ML_DSA_65.signatureBytes());
        assertEquals(2592, MlDsaParams.ML_DSA_87.publicKeyBytes());
        assertEquals(4627, MlDsaParams.ML_DSA_87.signatureBytes());
        assertEquals("ML-DSA-65", MlDsaParams.ML_DSA_65.standardName());
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void aSeedAlwaysGivesTheSameKeysAndSignatures(MlDsaParams params) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x5A);
        MlDsaKeyPair a = MlDsa.generate(params, seed);
        MlDsaKeyPair b = MlDsa.generate(params, seed.clone());
        assertEquals(params, a.params());
        assertEquals(params.publicKeyBytes(), a.publicKey().length);
        assertArrayEquals(a.publicKey(), b.publicKey());
        byte[] signature = MlDsa.sign(a, MESSAGE);
        assertEquals(params.signatureBytes(), signature.length);
        assertArrayEquals(signature, MlDsa.sign(b, MESSAGE), "deterministic signing");
        assertArrayEquals(new boolean[] {true}, verify(params, a.publicKey(), MESSAGE, signature));

        seed[0] ^= 1;
        assertFalse(Arrays.equals(a.publicKey(), MlDsa.generate(params, seed).publicKey()),
                "another seed, another key");
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void hedgedSignaturesDifferAndVerify(MlDsaParams params) {
        MlDsaKeyPair pair = MlDsa.generate(params, new byte[32]);
        SecureRandom random = new SecureRandom();
        byte[] first = MlDsa.signHedged(pair, MESSAGE, random);
        byte[] second = MlDsa.signHedged(pair, MESSAGE, random);
        assertFalse(Arrays.equals(first, second));
        byte[][] keys = {pair.publicKey(), pair.publicKey()};
        assertArrayEquals(new boolean[] {true, true},
                VERIFIER.verify(params, keys, new byte[][] {MESSAGE, MESSAGE}, new byte[][] {first, second}));
    }

    @Test
    void theSeedMustBe32Bytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlDsa.generate(MlDsaParams.ML_DSA_65, new byte[31]));
        assertEquals("ML-DSA key generation seed must be 32 bytes, got 31", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MlDsa.generate(MlDsaParams.ML_DSA_65, new byte[33]));
        assertThrows(NullPointerException.class, () -> MlDsa.generate(MlDsaParams.ML_DSA_65, null));
        assertThrows(NullPointerException.class, () -> MlDsa.generate(null, new byte[32]));
    }

    @Test
    void theKeyPairDoesNotLeakThroughItsAccessors() {
        MlDsaKeyPair pair = MlDsa.generate(MlDsaParams.ML_DSA_44, new byte[32]);
        byte[] key = pair.publicKey();
        key[0] ^= 1;
        assertFalse(Arrays.equals(key, pair.publicKey()), "publicKey() returns a copy");
        assertTrue(pair.toString().startsWith("MlDsaKeyPair[ML-DSA-44, publicKey="), pair.toString());
        // The all-zero seed gives the public key that starts ba71f9f6 (Wycheproof mldsa_44 sign_seed vectors).
        assertEquals("ba71f9f64e11baeb", HexFormat.of().formatHex(pair.publicKey(), 0, 8));
    }

    private static boolean[] verify(MlDsaParams params, byte[] key, byte[] message, byte[] signature) {
        return VERIFIER.verify(params, new byte[][] {key}, new byte[][] {message}, new byte[][] {signature});
    }
}
