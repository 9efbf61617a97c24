package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaKeyPair;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.MlDsaSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OpenClMlDsaVerifier} with a memory budget of a few items, so that batches run as many chunks, and with
 * small slices, so that chunks run as many slices: the answers equal BouncyCastle's and the one-chunk verifier's,
 * whatever the chunking, for keys shared across chunk boundaries, a message larger than the budget allows a chunk,
 * and items the host rejects between device items.
 */
class OpenClMlDsaVerifierChunkedTest {

    private static OpenClContext context;
    private static OpenClMlDsaVerifier whole;

    @BeforeAll
    static void openDevice() {
        if (GpuDevices.available()) {
            context = GpuDevices.open();
            whole = new OpenClMlDsaVerifier(context);
        }
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL ML-DSA verifier in chunks");
    }

    @AfterAll
    static void closeDevice() {
        if (whole != null) {
            whole.close();
        }
        if (context != null) {
            context.close();
        }
    }

    /** A budget for about {@code items} items per chunk (a chunk takes 3/4 of the budget). */
    private static long budgetFor(MlDsaParams params, int items) {
        long perItem = Arrays.stream(OpenClMlDsaVerifier.bytesPerItem(MlDsaSpec.of(params))).sum();
        return perItem * items * 4 / 3 + 1;
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void chunksGiveTheAnswersOfOneBatch(MlDsaParams params) {
        SplittableRandom random = new SplittableRandom(0xC4C5L + params.ordinal());
        int keyCount = 4;
        MlDsaKeyPair[] pairs = new MlDsaKeyPair[keyCount];
        for (int k = 0; k < keyCount; k++) {
            pairs[k] = MlDsa.generate(params, bytes(random, 32));
        }
        int n = 37;
        byte[][] keys = new byte[n][];
        byte[][] messages = new byte[n][];
        byte[][] signatures = new byte[n][];
        boolean[] implied = new boolean[n];
        for (int i = 0; i < n; i++) {
            MlDsaKeyPair pair = pairs[i % keyCount];
            // Round-robin keys; every fifth key a copy (same content, another array).
            keys[i] = i % 5 == 0 ? pair.publicKey().clone() : pair.publicKey();
            messages[i] = bytes(random, i == 17 ? 100_000 : random.nextInt(0, 300));
            signatures[i] = MlDsa.sign(pair, messages[i]);
            implied[i] = true;
            switch (i % 6) {
                case 1 -> { // a flipped signature bit: rejected on the device (or by the host, in the hint bytes)
                    signatures[i][random.nextInt(signatures[i].length)] ^= (byte) (1 << random.nextInt(8));
                    implied[i] = false;
                }
                case 3 -> { // a truncated signature: rejected by the host
                    signatures[i] = Arrays.copyOf(signatures[i], signatures[i].length - 1);
                    implied[i] = false;
                }
                default -> { }
            }
        }
        boolean[] reference = new BouncyCastleMlDsaVerifier().verify(params, keys, messages, signatures);
        assertArrayEquals(implied, reference, "the test's own expectations");
        assertArrayEquals(reference, whole.verify(params, keys, messages, signatures), params + " in one chunk");
        for (int perChunk : new int[] {1, 3, 8}) {
            try (OpenClMlDsaVerifier small = new OpenClMlDsaVerifier(context, budgetFor(params, perChunk))) {
                assertArrayEquals(reference, small.verify(params, keys, messages, signatures),
                        params + " in chunks of " + perChunk);
            }
        }
        // Slices within a chunk (the host packs one while the device runs the other), and slices within chunks.
        for (int[] shape : new int[][] {{0, 1}, {0, 5}, {0, 36}, {13, 4}, {0, Integer.MAX_VALUE}}) {
            long budget = shape[0] == 0 ? 0 : budgetFor(params, shape[0]);
            try (OpenClMlDsaVerifier sliced = new OpenClMlDsaVerifier(context, budget, shape[1])) {
                assertArrayEquals(reference, sliced.verify(params, keys, messages, signatures),
                        params + " in chunks of " + (shape[0] == 0 ? "all" : shape[0]) + ", slices of " + shape[1]);
                // Again, on the buffers and staging memory the first call left.
                assertArrayEquals(reference, sliced.verify(params, keys, messages, signatures), params + " again");
            }
        }
    }

    @Test
    void theInverseScaleAndZetasAreInMontgomeryForm() {
        long r = (1L << 32) % OpenClMlDsaVerifier.Q;
        // 256 * 256^-1 = 1, so 256 * scale = R^2 mod q.
        assertEquals(r * r % OpenClMlDsaVerifier.Q, 256 * OpenClMlDsaVerifier.inverseScale() % OpenClMlDsaVerifier.Q);
        int[] zetas = MlDsaSpec.montgomeryZetas();
        assertEquals(r, zetas[0]); // zeta^0 R
        assertEquals(4808194L * r % OpenClMlDsaVerifier.Q, zetas[1]); // FIPS 204 Appendix B: zetas[1] = 4808194
        assertTrue(Arrays.stream(zetas).allMatch(z -> z >= 0 && z < OpenClMlDsaVerifier.Q));
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
