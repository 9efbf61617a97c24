package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lux.consensus.kernels.keccak.KeccakVector;
import org.junit.jupiter.api.Test;

/** {@link ExpandA} against the scalar ExpandA and RejNTTPoly of {@link MlDsaCore}, at every vector width. */
class ExpandATest {

    private static final int Q = MlDsaSpec.Q;

    /** Candidates that sit on the edges of CoeffFromThreeBytes: q - 1, q, 2^23 - 1, and the dropped bit 23 set. */
    private static long candidate(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> Q - 1;
            case 1 -> Q;
            case 2 -> (1 << 23) - 1;
            case 3 -> (1 << 23) | random.nextInt(Q); // accepted: bit 23 is b2's top bit, masked off
            case 4 -> (1 << 23) | Q; // rejected after masking
            case 5 -> random.nextInt(Q, 1 << 23); // rejected
            default -> random.nextInt(1 << 24);
        };
    }

    @Test
    void branchFreeSamplingEqualsTheScalarLoopOnEdgeCandidatesAndAnyStartingCount() {
        SplittableRandom random = new SplittableRandom(30);
        for (int trial = 0; trial < 20_000; trial++) {
            // One 168-byte block of 56 candidates, as bytes for the reference and as words for ExpandA.
            byte[] block = new byte[168];
            for (int p = 0; p < 168; p += 3) {
                long v = random.nextInt(4) == 0 ? random.nextInt(1 << 24) : candidate(random);
                block[p] = (byte) v;
                block[p + 1] = (byte) (v >>> 8);
                block[p + 2] = (byte) (v >>> 16);
            }
            long[] words = new long[3 + ExpandA.WORDS];
            for (int i = 0; i < ExpandA.WORDS; i++) {
                for (int b = 7; b >= 0; b--) {
                    words[3 + i] = words[3 + i] << 8 | (block[8 * i + b] & 0xFF);
                }
            }
            int j = trial % 3 == 0 ? random.nextInt(256) : 256 - random.nextInt(1, 60);
            int[] expected = new int[300];
            float[] got = new float[300];
            java.util.Arrays.fill(got, -1);
            int off = 7;
            int expectedJ = MlDsaCore.rejectionSample(block, 168, 0, expected, off, j);
            int gotJ = ExpandA.sample(words, 3, got, off, j);
            assertEquals(expectedJ, gotJ, "count, trial " + trial);
            for (int p = off + j; p < off + gotJ; p++) {
                assertEquals(expected[p], got[p], "coefficient " + (p - off) + ", trial " + trial);
            }
            for (int p = 0; p < off; p++) {
                assertEquals(-1, got[p], "nothing written before the polynomial");
            }
            for (int p = off + 256; p < got.length; p++) {
                assertEquals(-1, got[p], "nothing written past the polynomial");
            }
            if (gotJ < 256) {
                for (int p = off + gotJ + 1; p < off + 256; p++) {
                    assertEquals(-1, got[p], "at most the next free slot holds a rejected candidate");
                }
            }
        }
    }

    @Test
    void rowsEqualTheScalarExpandAForEveryWidthKeyCountAndParameterSet() {
        SplittableRandom random = new SplittableRandom(31);
        for (int bits : new int[] {128, 256, 512}) {
            KeccakVector keccak = KeccakVector.of(bits);
            ExpandA expandA = new ExpandA(keccak);
            int lanes = keccak.states();
            for (MlDsaParams params : MlDsaParams.values()) {
                MlDsaSpec spec = MlDsaSpec.of(params);
                int k = spec.k();
                int l = spec.l();
                for (int m : new int[] {lanes, 1, Math.max(1, lanes - 1)}) {
                    byte[][] keys = new byte[lanes][];
                    for (int t = 0; t < m; t++) {
                        keys[t] = MlDsaBatchVerifierTestCase.bytes(random, spec.publicKeyBytes());
                    }
                    float[][] out = new float[lanes][k * l * 256 + 5];
                    for (int r = 0; r < k; r++) {
                        expandA.row(keys, m, r, l, out, 5 + r * l * 256); // an offset, as in a prepared key
                    }
                    for (int t = 0; t < m; t++) {
                        int[] a = MlDsaCore.expandA(spec, keys[t]);
                        for (int p = 0; p < a.length; p++) {
                            assertEquals(a[p], out[t][5 + p], bits + " bits " + params + " m " + m + " key " + t + " at " + p);
                        }
                    }
                }
            }
        }
    }
}
