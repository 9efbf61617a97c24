package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TornadoMlDsaVerifier} against BouncyCastle: random valid and tampered batches of sizes 1, 63, 64, 65 and
 * 1000, whole and split into chunks, and the Wycheproof vectors; and its failures. Runs only under TornadoVM, and
 * skips elsewhere.
 */
class TornadoMlDsaVerifierTest {

    private static final MlDsaBatchVerifier REFERENCE = new BouncyCastleMlDsaVerifier();
    private static TornadoMlDsaVerifier verifier;

    @BeforeAll
    static void open() {
        if (TornadoVm.absentReason().isEmpty()) {
            verifier = new TornadoMlDsaVerifier();
        }
    }

    @AfterAll
    static void close() {
        if (verifier != null) {
            verifier.close();
        }
    }

    @BeforeEach
    void requireTornadoVm() {
        TornadoAssumptions.assumeTornadoVm();
    }

    @Test
    void agreesWithBouncyCastleOnBatchesOfAwkwardSizes() {
        long seed = 0x7_0A4D0L;
        for (int size : new int[] {1, 63, 64, 65, 1000}) {
            compare(verifier, MlDsaBatches.random(MlDsaParams.ML_DSA_65, size, 1 + size / 50, seed++));
        }
        for (MlDsaParams params : new MlDsaParams[] {MlDsaParams.ML_DSA_44, MlDsaParams.ML_DSA_87}) {
            for (int size : new int[] {1, 65}) {
                compare(verifier, MlDsaBatches.random(params, size, 3, seed++));
            }
        }
    }

    @Test
    void agreesWithBouncyCastleWhenTheBatchIsSplit() {
        // 300 signatures in chunks of at most 64, and a budget that allows only a few per chunk.
        try (TornadoMlDsaVerifier small = new TornadoMlDsaVerifier(TornadoVm.defaultDevice(), -1, 64)) {
            compare(small, MlDsaBatches.random(MlDsaParams.ML_DSA_65, 300, 7, 0x7_0A4D1L));
        }
        long budget = 12 * MlDsaPlan.bytes(1, 1, 0);
        try (TornadoMlDsaVerifier tiny = new TornadoMlDsaVerifier(TornadoVm.defaultDevice(), budget, 1000)) {
            compare(tiny, MlDsaBatches.random(MlDsaParams.ML_DSA_44, 40, 2, 0x7_0A4D2L));
        }
    }

    @Test
    void agreesWithWycheproofAndBouncyCastle() {
        for (MlDsaParams params : MlDsaParams.values()) {
            List<WycheproofMlDsa.Case> cases = WycheproofMlDsa.cases(params);
            int n = cases.size();
            byte[][] pks = new byte[n][];
            byte[][] messages = new byte[n][];
            byte[][] signatures = new byte[n][];
            boolean[] expected = new boolean[n];
            for (int i = 0; i < n; i++) {
                pks[i] = cases.get(i).publicKey();
                messages[i] = cases.get(i).message();
                signatures[i] = cases.get(i).signature();
                expected[i] = cases.get(i).valid();
            }
            boolean[] actual = verifier.verify(params, pks, messages, signatures);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], actual[i], params.standardName() + " tcId " + cases.get(i).id());
            }
            assertArrayEquals(REFERENCE.verify(params, pks, messages, signatures), actual, params.standardName());
        }
    }

    @Test
    void rejectsBadArgumentsLikeEveryBackend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> verifier.verify(MlDsaParams.ML_DSA_65, new byte[2][], new byte[2][], new byte[1][]));
        assertEquals("publicKeys, messages and signatures must have the same length, got 2, 2 and 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> verifier.verify(null, new byte[0][], new byte[0][], new byte[0][]));
        assertEquals(0, verifier.verify(MlDsaParams.ML_DSA_65, new byte[0][], new byte[0][], new byte[0][]).length);
    }

    @Test
    void aBudgetTooSmallForOneSignatureFailsNamingIt() {
        try (TornadoMlDsaVerifier none = new TornadoMlDsaVerifier(TornadoVm.defaultDevice(), 1000, 10)) {
            MlDsaBatches.Batch b = MlDsaBatches.random(MlDsaParams.ML_DSA_44, 4, 1, 0x7_0A4D3L);
            GpuException e = assertThrows(GpuException.class,
                    () -> none.verify(b.params(), b.publicKeys(), b.messages(), b.signatures()));
            assertTrue(e.getMessage().startsWith("one ML-DSA signature needs "), e.getMessage());
        }
    }

    /** Requires BouncyCastle's answers, and a batch that has both answers in it. */
    static void compare(MlDsaBatchVerifier backend, MlDsaBatches.Batch b) {
        boolean[] expected = REFERENCE.verify(b.params(), b.publicKeys(), b.messages(), b.signatures());
        boolean[] actual = backend.verify(b.params(), b.publicKeys(), b.messages(), b.signatures());
        assertArrayEquals(expected, actual, b.params().standardName() + " batch of " + b.size());
        if (b.size() >= 20) {
            int valid = 0;
            for (boolean v : expected) {
                valid += v ? 1 : 0;
            }
            assertTrue(valid > 0 && valid < b.size(), "a batch of " + b.size() + " with " + valid + " valid");
        }
    }
}
