package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.PublicKey;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDK baseline says what BouncyCastle says, on genuine and altered signatures of every parameter set. */
class JdkMlDsaTest {

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void agreesWithBouncyCastle(MlDsaParams params) throws Exception {
        assumeTrue(JdkMlDsa.available(), "this JDK has no ML-DSA (JDK 24 and later do)");
        SplittableRandom random = new SplittableRandom(params.ordinal());
        int n = 6;
        byte[][] keys = new byte[n][];
        byte[][] messages = new byte[n][];
        byte[][] signatures = new byte[n][];
        PublicKey[] jdkKeys = new PublicKey[n];
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            MlDsaKeyPair pair = MlDsa.generate(params, seed);
            keys[i] = pair.publicKey();
            messages[i] = new byte[1 + random.nextInt(100)];
            random.nextBytes(messages[i]);
            signatures[i] = MlDsa.sign(pair, messages[i]);
            jdkKeys[i] = JdkMlDsa.publicKey(params, keys[i]);
        }
        signatures[1] = signatures[1].clone();
        signatures[1][40] ^= 1; // an altered signature
        messages[3] = messages[3].clone();
        messages[3][0] ^= 1; // an altered message
        signatures[4] = signatures[5]; // another item's signature
        boolean[] expected = new BouncyCastleMlDsaVerifier().verify(params, keys, messages, signatures);
        assertArrayEquals(new boolean[] {true, false, true, false, false, true}, expected);
        assertArrayEquals(expected, JdkMlDsa.verify(jdkKeys, messages, signatures));
    }
}
