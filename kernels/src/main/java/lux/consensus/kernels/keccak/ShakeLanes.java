package lux.consensus.kernels.keccak;

import static lux.consensus.kernels.keccak.Shake.LE_LONG;
import static lux.consensus.kernels.keccak.Shake.PAD_FIRST;
import static lux.consensus.kernels.keccak.Shake.PAD_LAST;

import java.util.Arrays;

/**
 * SHAKE128 or SHAKE256 (FIPS 202 section 6.2) on {@link #lanes()} independent inputs at once, one per lane of a
 * {@link KeccakVector}: the same function as {@link Shake} on each lane, with one vector permutation doing the
 * work of {@code lanes()} scalar ones.
 *
 * <p>Shaped for ML-DSA, which hashes many short independent inputs and reads long outputs block by block:
 * <ul>
 *   <li>{@link #absorb} takes inputs of one common length (the 34-byte seeds of ExpandA, challenge seeds,
 *       public keys), pads them, and leaves the sponge ready to squeeze; {@link #squeezeBlock} then hands out
 *       the output one rate-sized block per lane at a time;</li>
 *   <li>{@link #digest} takes inputs of different lengths and returns a short output (at most one block) per
 *       lane: each lane's output is read right after its own last block is absorbed, so lanes that finish
 *       early are not disturbed by the permutations the longer lanes still need.</li>
 * </ul>
 * Fewer inputs than lanes are fine: the spare lanes hash nothing and their output is ignored.
 * Not thread-safe; one per thread.
 */
public final class ShakeLanes {

    private final KeccakVector permutation;
    private final int lanes;
    private final int rate;
    private final int words;
    private final long[] state;
    private final byte[] block;
    private boolean fresh = true; // nothing absorbed since the last digest or construction

    /**
     * @param permutation the vector permutation (its width fixes the lane count)
     * @param rate        {@link Shake#RATE_128} or {@link Shake#RATE_256}
     */
    public ShakeLanes(KeccakVector permutation, int rate) {
        if (rate != Shake.RATE_128 && rate != Shake.RATE_256) {
            throw new IllegalArgumentException("rate must be 168 (SHAKE128) or 136 (SHAKE256), got " + rate);
        }
        this.permutation = permutation;
        this.lanes = permutation.states();
        this.rate = rate;
        this.words = rate >>> 3;
        this.state = new long[Keccak.LANES * lanes];
        this.block = new byte[rate];
    }

    /** Inputs hashed per call. */
    public int lanes() {
        return lanes;
    }

    /** Bytes per squeezed block and lane. */
    public int rate() {
        return rate;
    }

    /**
     * Starts over and absorbs {@code inputs[s][offset .. offset + length)} into lane s for s below {@code count},
     * with padding. The next {@link #squeezeBlock} gives the first output block.
     */
    public void absorb(byte[][] inputs, int count, int offset, int length) {
        checkCount(count);
        Arrays.fill(state, 0L);
        int blocks = length / rate + 1; // the padded message always has one more (partial or empty) block
        for (int b = 0; b < blocks; b++) {
            boolean last = b == blocks - 1;
            for (int s = 0; s < count; s++) {
                xorBlock(s, inputs[s], offset + b * rate, last ? length - b * rate : rate, last);
            }
            if (!last) {
                permutation.permute(state);
            }
        }
        fresh = false; // the last absorbed block is permuted by the first squeezeBlock
    }

    /**
     * The next output block of every lane: lane s's {@link #rate()} bytes go to {@code out[s * rate ..)}.
     *
     * @param out at least {@code lanes() * rate()} bytes
     */
    public void squeezeBlock(byte[] out) {
        if (fresh) {
            throw new IllegalStateException("SHAKE lanes: squeeze before absorb");
        }
        permutation.permute(state);
        for (int i = 0; i < words; i++) {
            int row = i * lanes;
            for (int s = 0; s < lanes; s++) {
                LE_LONG.set(out, s * rate + 8 * i, state[row + s]);
            }
        }
    }

    /**
     * {@link #squeezeBlock} as 64-bit words: lane s's block is {@code out[s * rate() / 8 ..)}, word i being bytes
     * 8i .. 8i + 7 of the block, little-endian (FIPS 202 Appendix B.1): the state lanes themselves, no byte copy.
     *
     * @param out at least {@code lanes() * rate() / 8} words
     */
    public void squeezeWords(long[] out) {
        if (fresh) {
            throw new IllegalStateException("SHAKE lanes: squeeze before absorb");
        }
        permutation.permute(state);
        for (int s = 0; s < lanes; s++) {
            for (int i = 0; i < words; i++) {
                out[s * words + i] = state[i * lanes + s];
            }
        }
    }

    /**
     * SHAKE of inputs of any lengths, {@code outLength} (at most one block) bytes each: lane s hashes
     * {@code inputs[s][0 .. lengths[s])} into {@code out[s][0 .. outLength)}, for s below {@code count}.
     */
    public void digest(byte[][] inputs, int[] lengths, int count, byte[][] out, int outLength) {
        checkCount(count);
        if (outLength > rate) {
            throw new IllegalArgumentException("digest gives at most one block, " + rate + " bytes, asked "
                    + outLength);
        }
        Arrays.fill(state, 0L);
        int maxBlocks = 0;
        for (int s = 0; s < count; s++) {
            maxBlocks = Math.max(maxBlocks, lengths[s] / rate + 1);
        }
        for (int b = 0; b < maxBlocks; b++) {
            for (int s = 0; s < count; s++) {
                int blocks = lengths[s] / rate + 1;
                if (b < blocks) {
                    boolean last = b == blocks - 1;
                    xorBlock(s, inputs[s], b * rate, last ? lengths[s] - b * rate : rate, last);
                }
            }
            permutation.permute(state);
            for (int s = 0; s < count; s++) {
                if (lengths[s] / rate == b) {
                    for (int i = 0; i < outLength; i++) {
                        out[s][i] = (byte) (state[(i >>> 3) * lanes + s] >>> ((i & 7) << 3));
                    }
                }
            }
        }
        fresh = true;
    }

    /** XORs one block of lane s: {@code length} input bytes, then the padding if it is the last block. */
    private void xorBlock(int s, byte[] in, int offset, int length, boolean last) {
        if (!last) {
            for (int i = 0; i < words; i++) {
                state[i * lanes + s] ^= (long) LE_LONG.get(in, offset + 8 * i);
            }
            return;
        }
        byte[] b = block;
        System.arraycopy(in, offset, b, 0, length);
        Arrays.fill(b, length, rate, (byte) 0);
        b[length] ^= (byte) PAD_FIRST;
        b[rate - 1] ^= (byte) PAD_LAST;
        for (int i = 0; i < words; i++) {
            state[i * lanes + s] ^= (long) LE_LONG.get(b, 8 * i);
        }
    }

    private void checkCount(int count) {
        if (count < 0 || count > lanes) {
            throw new IllegalArgumentException("count must be 0.." + lanes + ", got " + count);
        }
    }
}
