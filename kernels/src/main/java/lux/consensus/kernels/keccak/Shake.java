package lux.consensus.kernels.keccak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SHAKE128 and SHAKE256 (FIPS 202 section 6.2) on one state: absorb any number of byte strings, then squeeze
 * any number of bytes. The scalar reference for {@link ShakeLanes}.
 *
 * <p>SHAKE128(M, d) = KECCAK[256](M || 1111, d) and SHAKE256(M, d) = KECCAK[512](M || 1111, d): a sponge on
 * Keccak-f[1600] with rate 1344 resp. 1088 bits and the pad10*1 rule (FIPS 202 sections 4 and 5.1). The four
 * suffix bits and the first padding bit are byte 0x1F at the message end and the last padding bit is 0x80 in
 * the last byte of the block (FIPS 202 Appendix B.2, Table 6).
 *
 * <p>Not thread-safe; cheap to make (one {@code long[25]}).
 */
public final class Shake {

    /** Rate of SHAKE128 in bytes (1600 - 2 * 128 bits). */
    public static final int RATE_128 = 168;
    /** Rate of SHAKE256 in bytes (1600 - 2 * 256 bits). */
    public static final int RATE_256 = 136;
    /** First padding byte: suffix 1111 then the first 1 of pad10*1, little-endian bit order (FIPS 202 B.2). */
    static final int PAD_FIRST = 0x1F;
    /** Last padding byte: the final 1 of pad10*1 in bit 7 of the last byte of the block. */
    static final int PAD_LAST = 0x80;

    static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] state = new long[Keccak.LANES];
    private final int rate;
    private int position;
    private boolean squeezing;

    private Shake(int rate) {
        this.rate = rate;
    }

    /** A fresh SHAKE128. */
    public static Shake shake128() {
        return new Shake(RATE_128);
    }

    /** A fresh SHAKE256. */
    public static Shake shake256() {
        return new Shake(RATE_256);
    }

    /** SHAKE256 of the concatenation of {@code parts}, {@code outLength} bytes. */
    public static byte[] shake256(int outLength, byte[]... parts) {
        Shake shake = shake256();
        for (byte[] part : parts) {
            shake.absorb(part, 0, part.length);
        }
        byte[] out = new byte[outLength];
        shake.squeeze(out, 0, outLength);
        return out;
    }

    /** The rate in bytes. */
    public int rate() {
        return rate;
    }

    /** Back to the empty state (same function). */
    public void reset() {
        java.util.Arrays.fill(state, 0L);
        position = 0;
        squeezing = false;
    }

    /** Absorbs {@code in}. */
    public Shake absorb(byte[] in) {
        return absorb(in, 0, in.length);
    }

    /**
     * Absorbs {@code in[offset .. offset + length)}.
     *
     * @throws IllegalStateException if squeezing has begun
     */
    public Shake absorb(byte[] in, int offset, int length) {
        if (squeezing) {
            throw new IllegalStateException("SHAKE: absorb after squeeze");
        }
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if ((position & 7) == 0 && end - i >= 8) {
                // Whole little-endian words while both the input and the block have 8 bytes left.
                int words = Math.min((end - i) >>> 3, (rate - position) >>> 3);
                int lane = position >>> 3;
                for (int w = 0; w < words; w++) {
                    state[lane + w] ^= (long) LE_LONG.get(in, i + 8 * w);
                }
                i += 8 * words;
                position += 8 * words;
            } else {
                state[position >>> 3] ^= (in[i] & 0xFFL) << ((position & 7) << 3);
                i++;
                position++;
            }
            if (position == rate) {
                Keccak.permute(state);
                position = 0;
            }
        }
        return this;
    }

    /** Squeezes {@code length} bytes into {@code out[offset ..)}; the first call ends absorbing. */
    public void squeeze(byte[] out, int offset, int length) {
        if (!squeezing) {
            pad();
        }
        for (int i = 0; i < length; i++) {
            if (position == rate) {
                Keccak.permute(state);
                position = 0;
            }
            out[offset + i] = (byte) (state[position >>> 3] >>> ((position & 7) << 3));
            position++;
        }
    }

    /** Squeezes one byte, 0..255. */
    public int squeezeByte() {
        if (!squeezing) {
            pad();
        }
        if (position == rate) {
            Keccak.permute(state);
            position = 0;
        }
        int b = (int) (state[position >>> 3] >>> ((position & 7) << 3)) & 0xFF;
        position++;
        return b;
    }

    private void pad() {
        state[position >>> 3] ^= (long) PAD_FIRST << ((position & 7) << 3);
        state[(rate - 1) >>> 3] ^= (long) PAD_LAST << (((rate - 1) & 7) << 3);
        Keccak.permute(state);
        position = 0;
        squeezing = true;
    }
}
