package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import lux.consensus.kernels.Kernels;

/**
 * The ML-DSA batch verifiers against BouncyCastle on fuzzer-made batches: keys, messages and signatures that
 * are genuine, genuine with bytes changed, or any bytes of any length, for every parameter set. The selected
 * backend ({@link Kernels#mlDsaVerifier()}) and the scalar Java one must give BouncyCastle's answer for every
 * item; nothing may throw.
 */
class MlDsaVerifyFuzzTest {
    private static final int KEYS = 2;
    private static final byte[][] MESSAGES = {new byte[0], "lux".getBytes(java.nio.charset.StandardCharsets.US_ASCII)};
    private static final MlDsaParams[] PARAMS = MlDsaParams.values();
    private static final MlDsaKeyPair[][] PAIRS = new MlDsaKeyPair[PARAMS.length][KEYS];
    /** SIGNATURES[p][key][message]: the deterministic signature of MESSAGES[message] under PAIRS[p][key]. */
    private static final byte[][][][] SIGNATURES = new byte[PARAMS.length][KEYS][MESSAGES.length][];

    static {
        for (int p = 0; p < PARAMS.length; p++) {
            for (int k = 0; k < KEYS; k++) {
                byte[] seed = new byte[MlDsa.SEED_BYTES];
                seed[0] = (byte) p;
                seed[1] = (byte) k;
                PAIRS[p][k] = MlDsa.generate(PARAMS[p], seed);
                for (int m = 0; m < MESSAGES.length; m++) {
                    SIGNATURES[p][k][m] = MlDsa.sign(PAIRS[p][k], MESSAGES[m]);
                }
            }
        }
    }

    private static final MlDsaBatchVerifier REFERENCE = new BouncyCastleMlDsaVerifier();
    private static final List<MlDsaBatchVerifier> UNDER_TEST = List.of(Kernels.mlDsaVerifier(), new JavaMlDsaVerifier());

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void agreesWithBouncyCastle(FuzzedDataProvider data) {
        int p = data.consumeInt(0, PARAMS.length - 1);
        int n = data.consumeInt(1, 3);
        byte[][] keys = new byte[n][];
        byte[][] messages = new byte[n][];
        byte[][] signatures = new byte[n][];
        for (int i = 0; i < n; i++) {
            int k = data.consumeInt(0, KEYS - 1);
            int m = data.consumeInt(0, MESSAGES.length - 1);
            keys[i] = item(data, PAIRS[p][k].publicKey());
            messages[i] = data.consumeBoolean() ? MESSAGES[m] : data.consumeBytes(data.consumeInt(0, 64));
            signatures[i] = item(data, SIGNATURES[p][k][m]);
        }
        boolean[] expected = REFERENCE.verify(PARAMS[p], keys, messages, signatures);
        for (MlDsaBatchVerifier verifier : UNDER_TEST) {
            assertArrayEquals(expected, verifier.verify(PARAMS[p], keys, messages, signatures),
                    () -> verifier.name() + " disagrees with BouncyCastle on " + PARAMS[p] + " batch of " + n);
        }
    }

    /** The genuine bytes, the genuine bytes with a few changed, or fuzzer bytes of a length near the right one. */
    private static byte[] item(FuzzedDataProvider data, byte[] genuine) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> genuine;
            case 1 -> {
                byte[] changed = genuine.clone();
                for (int edits = data.consumeInt(1, 4); edits > 0; edits--) {
                    changed[data.consumeInt(0, changed.length - 1)] ^= (byte) data.consumeInt(1, 255);
                }
                yield changed;
            }
            default -> {
                byte[] bytes = data.consumeBytes(genuine.length + 2);
                yield data.consumeBoolean() ? Arrays.copyOf(bytes, genuine.length) : bytes;
            }
        };
    }
}
