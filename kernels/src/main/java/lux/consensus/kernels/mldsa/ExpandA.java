package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.Q;
import static lux.consensus.kernels.mldsa.MlDsaSpec.RHO_BYTES;

import lux.consensus.kernels.keccak.KeccakVector;
import lux.consensus.kernels.keccak.Shake;
import lux.consensus.kernels.keccak.ShakeLanes;

/**
 * ExpandA (FIPS 204 Algorithm 32) for up to {@code lanes} public keys at once, one row of A-hat at a time: entry
 * (r, s) is RejNTTPoly (Algorithm 30) of rho || s || r, the keys' SHAKE128 streams side by side in the lanes
 * of a {@link ShakeLanes}, sampled straight from the squeezed state words. A row is all a caller needs at a time
 * (the cold path multiplies it into z-hat and drops it). Not thread-safe; one per thread.
 */
final class ExpandA {

    /** SHAKE128 words per block: 168 bytes = 21 words = 7 groups of 3 words = 56 candidates of 3 bytes. */
    static final int WORDS = Shake.RATE_128 / 8;

    private final ShakeLanes g;
    private final int lanes;
    private final byte[][] seeds;
    private final long[] words;
    private final int[] filled;

    ExpandA(KeccakVector keccak) {
        this.g = new ShakeLanes(keccak, Shake.RATE_128);
        this.lanes = keccak.states();
        this.seeds = new byte[lanes][RHO_BYTES + 2];
        this.words = new long[lanes * WORDS];
        this.filled = new int[lanes];
    }

    /**
     * Row r of A-hat (entries in [0, q)) of keys {@code publicKeys[0 .. m)} (rho is a key's first 32 bytes): entry
     * (r, s) of key t goes to {@code out[t][outOff + 256 s ..)}, s below {@code l}.
     */
    void row(byte[][] publicKeys, int m, int r, int l, float[][] out, int outOff) {
        for (int t = 0; t < m; t++) {
            System.arraycopy(publicKeys[t], 0, seeds[t], 0, RHO_BYTES);
            seeds[t][RHO_BYTES + 1] = (byte) r;
        }
        for (int s = 0; s < l; s++) {
            for (int t = 0; t < m; t++) {
                seeds[t][RHO_BYTES] = (byte) s;
                filled[t] = 0;
            }
            g.absorb(seeds, m, 0, RHO_BYTES + 2);
            boolean more = true;
            while (more) { // five blocks give 280 candidates: a sixth is needed with probability below 2^-80
                g.squeezeWords(words);
                more = false;
                for (int t = 0; t < m; t++) {
                    if (filled[t] < N) {
                        filled[t] = sample(words, t * WORDS, out[t], outOff + s * N, filled[t]);
                        more |= filled[t] < N;
                    }
                }
            }
        }
    }

    /**
     * RejNTTPoly's loop (Algorithm 30; scalar reference {@link MlDsaCore#rejectionSample}) over one block held
     * as {@link #WORDS} little-endian words from {@code words[from]}: 3 words are 24 bytes, 8 candidates
     * CoeffFromThreeBytes (Algorithm 14) at bit offsets 0, 24, .., 168, each the low 23 bits of its 3 bytes
     * (b2 mod 128). Accepted values (below q) go to {@code a[off + j ..)} until 256 are there. While 8 more fit,
     * each candidate is stored and j advances by (c - q) >>> 31, 1 exactly when c < q: no branch per candidate;
     * a rejected one is overwritten by the next store (and position j is filled before sampling ends).
     *
     * @return the new count j
     */
    static int sample(long[] words, int from, float[] a, int off, int j) {
        for (int i = from; i < from + WORDS && j < N; i += 3) {
            long w0 = words[i];
            long w1 = words[i + 1];
            long w2 = words[i + 2];
            int c0 = (int) w0 & 0x7FFFFF;
            int c1 = (int) (w0 >>> 24) & 0x7FFFFF;
            int c2 = (int) (w0 >>> 48 | w1 << 16) & 0x7FFFFF;
            int c3 = (int) (w1 >>> 8) & 0x7FFFFF;
            int c4 = (int) (w1 >>> 32) & 0x7FFFFF;
            int c5 = (int) (w1 >>> 56 | w2 << 8) & 0x7FFFFF;
            int c6 = (int) (w2 >>> 16) & 0x7FFFFF;
            int c7 = (int) (w2 >>> 40) & 0x7FFFFF;
            if (j <= N - 8) {
                a[off + j] = c0;
                j += (c0 - Q) >>> 31;
                a[off + j] = c1;
                j += (c1 - Q) >>> 31;
                a[off + j] = c2;
                j += (c2 - Q) >>> 31;
                a[off + j] = c3;
                j += (c3 - Q) >>> 31;
                a[off + j] = c4;
                j += (c4 - Q) >>> 31;
                a[off + j] = c5;
                j += (c5 - Q) >>> 31;
                a[off + j] = c6;
                j += (c6 - Q) >>> 31;
                a[off + j] = c7;
                j += (c7 - Q) >>> 31;
            } else {
                j = keep(a, off, j, c0);
                j = keep(a, off, j, c1);
                j = keep(a, off, j, c2);
                j = keep(a, off, j, c3);
                j = keep(a, off, j, c4);
                j = keep(a, off, j, c5);
                j = keep(a, off, j, c6);
                j = keep(a, off, j, c7);
            }
        }
        return j;
    }

    private static int keep(float[] a, int off, int j, int c) {
        if (j < N && c < Q) {
            a[off + j++] = c;
        }
        return j;
    }
}
