package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lux.consensus.kernels.keccak.Shake;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The TornadoVM kernels' code run as plain Java ({@link MlDsaHostRun}) against BouncyCastle, and their SHAKE
 * against the kernels module's. Needs TornadoVM's API classes only, not its runtime, so it runs in every
 * {@code -Ptornadovm} build.
 */
class MlDsaKernelsOnHostTest {

    @Test
    void keccakConstantsAreFips202s() {
        long[] kc = MlDsaKeccak.constants();
        assertEquals(0x0000000000000001L, kc[0]);
        assertEquals(0x0000000000008082L, kc[1]);
        assertEquals(0x8000000080008008L, kc[23]);
        // rho offsets of lanes (0, 0), (1, 0), (2, 0), (0, 1), (4, 4); pi moves (1, 0) to (0, 2), (0, 1) to (1, 3).
        assertEquals(0, kc[MlDsaKeccak.ROTATIONS]);
        assertEquals(1, kc[MlDsaKeccak.ROTATIONS + 1]);
        assertEquals(62, kc[MlDsaKeccak.ROTATIONS + 2]);
        assertEquals(36, kc[MlDsaKeccak.ROTATIONS + 5]);
        assertEquals(14, kc[MlDsaKeccak.ROTATIONS + 24]);
        assertEquals(10, kc[MlDsaKeccak.DESTINATIONS + 1]);
        assertEquals(16, kc[MlDsaKeccak.DESTINATIONS + 5]);
    }

    @Test
    void shakeMatchesTheKernelsModule() {
        SplittableRandom random = new SplittableRandom(0x5AA4E);
        LongArray rc = LongArray.fromArray(MlDsaKeccak.constants());
        for (int length : new int[] {0, 1, 135, 136, 137, 167, 168, 169, 500}) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            for (int rate : new int[] {MlDsaKeccak.RATE_128, MlDsaKeccak.RATE_256}) {
                LongArray st = new LongArray(MlDsaKeccak.STATE + 3);
                ByteArray in = ByteArray.fromArray(length == 0 ? new byte[1] : input);
                MlDsaKeccak.clear(st, 3);
                int pos = MlDsaKeccak.absorb(st, 3, 0, in, 0, length, rate, rc);
                MlDsaKeccak.finish(st, 3, pos, rate, rc);
                byte[] out = new byte[rate + 10];
                for (int i = 0, p = 0; i < out.length; i++, p++) {
                    if (p == rate) {
                        MlDsaKeccak.permute(st, 3, rc);
                        p = 0;
                    }
                    out[i] = (byte) MlDsaKeccak.byteAt(st, 3, p);
                }
                Shake reference = rate == Shake.RATE_128 ? Shake.shake128() : Shake.shake256();
                byte[] expected = new byte[out.length];
                reference.absorb(input).squeeze(expected, 0, expected.length);
                assertArrayEquals(expected, out, "rate " + rate + " length " + length);
            }
        }
    }

    @Test
    void kernelCodeAgreesWithBouncyCastle() {
        Assumptions.assumeTrue(MlDsaHostRun.possible(), "reflection may not set KernelContext.globalIdx here, so the"
                + " kernels' code cannot run on the host (TornadoMlDsaVerifierTest still runs it on the device)");
        BouncyCastleMlDsaVerifier reference = new BouncyCastleMlDsaVerifier();
        long seed = 0x40_57A1;
        for (MlDsaParams params : MlDsaParams.values()) {
            MlDsaBatches.Batch b = MlDsaBatches.random(params, 40, 3, seed++);
            boolean[] expected = reference.verify(params, b.publicKeys(), b.messages(), b.signatures());
            boolean[] actual = MlDsaHostRun.verify(params, b.publicKeys(), b.messages(), b.signatures());
            assertArrayEquals(expected, actual, params.standardName());
            int valid = 0;
            for (boolean v : expected) {
                valid += v ? 1 : 0;
            }
            assertTrue(valid > 5 && valid < 35, params.standardName() + ": " + valid + " of 40 valid");
        }
    }
}
