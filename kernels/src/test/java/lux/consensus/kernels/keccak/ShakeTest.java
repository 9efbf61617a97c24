package lux.consensus.kernels.keccak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.Test;

/** The scalar Keccak and SHAKE against FIPS 202's tables and BouncyCastle's {@code SHAKEDigest}. */
class ShakeTest {

    /** Input and output lengths around the rates (135, 136, 137 for SHAKE256; 167, 168, 169 for SHAKE128). */
    static final int[] LENGTHS = {0, 1, 7, 8, 9, 33, 34, 64, 135, 136, 137, 167, 168, 169, 271, 272, 273, 336, 1000,
        2592};

    @Test
    void roundConstantsAreThePublishedOnes() {
        // FIPS 202 Algorithm 6 values as listed in the Keccak reference (keccak.team, "round constants").
        assertEquals(0x0000000000000001L, Keccak.RC[0]);
        assertEquals(0x0000000000008082L, Keccak.RC[1]);
        assertEquals(0x800000000000808AL, Keccak.RC[2]);
        assertEquals(0x8000000080008000L, Keccak.RC[3]);
        assertEquals(0x000000000000808BL, Keccak.RC[4]);
        assertEquals(0x8000000000008080L, Keccak.RC[21]);
        assertEquals(0x0000000080000001L, Keccak.RC[22]);
        assertEquals(0x8000000080008008L, Keccak.RC[23]);
    }

    @Test
    void emptyInputKnownAnswers() {
        // FIPS 202 example values (NIST CSRC "SHAKE128/SHAKE256 example values", empty message).
        byte[] out = new byte[32];
        Shake.shake128().squeeze(out, 0, 32);
        assertEquals("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26", HexFormat.of().formatHex(out));
        Shake.shake256().squeeze(out, 0, 32);
        assertEquals("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f", HexFormat.of().formatHex(out));
    }

    @Test
    void shake128MatchesBouncyCastle() {
        matches(128, new SplittableRandom(128));
    }

    @Test
    void shake256MatchesBouncyCastle() {
        matches(256, new SplittableRandom(256));
    }

    private static void matches(int bits, SplittableRandom random) {
        for (int inLength : LENGTHS) {
            for (int outLength : LENGTHS) {
                byte[] in = bytes(random, inLength);
                assertArrayEquals(bouncyCastle(bits, in, outLength), oneShot(bits, in, outLength),
                        "SHAKE" + bits + " in " + inLength + " out " + outLength);
            }
        }
        for (int trial = 0; trial < 200; trial++) {
            byte[] in = bytes(random, random.nextInt(700));
            int outLength = random.nextInt(1200);
            byte[] expected = bouncyCastle(bits, in, outLength);
            // The same stream absorbed and squeezed in random pieces.
            Shake shake = bits == 128 ? Shake.shake128() : Shake.shake256();
            for (int i = 0; i < in.length; ) {
                int piece = Math.min(in.length - i, random.nextInt(1, 200));
                shake.absorb(in, i, piece);
                i += piece;
            }
            byte[] out = new byte[outLength];
            for (int i = 0; i < outLength; ) {
                if (random.nextInt(4) == 0) {
                    out[i++] = (byte) shake.squeezeByte();
                    continue;
                }
                int piece = Math.min(outLength - i, random.nextInt(1, 300));
                shake.squeeze(out, i, piece);
                i += piece;
            }
            assertArrayEquals(expected, out, "SHAKE" + bits + " trial " + trial);
        }
    }

    @Test
    void absorbAfterSqueezeIsRefused() {
        Shake shake = Shake.shake256();
        shake.squeeze(new byte[1], 0, 1);
        assertThrows(IllegalStateException.class, () -> shake.absorb(new byte[1]));
        shake.reset();
        shake.absorb(new byte[1]);
    }

    static byte[] oneShot(int bits, byte[] in, int outLength) {
        Shake shake = bits == 128 ? Shake.shake128() : Shake.shake256();
        shake.absorb(in);
        byte[] out = new byte[outLength];
        shake.squeeze(out, 0, outLength);
        return out;
    }

    static byte[] bouncyCastle(int bits, byte[] in, int outLength) {
        SHAKEDigest digest = new SHAKEDigest(bits);
        digest.update(in, 0, in.length);
        byte[] out = new byte[outLength];
        digest.doFinal(out, 0, outLength);
        return out;
    }

    static byte[] bytes(SplittableRandom random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
