package lux.consensus.kernels.keccak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link KeccakVector} and {@link ShakeLanes} at one width: every lane equals the scalar reference. */
abstract class ShakeLanesTestCase {

    /** The vector width under test, built explicitly (not the JVM's preferred one). */
    abstract int bits();

    private KeccakVector permutation() {
        KeccakVector p = KeccakVector.of(bits());
        assertEquals(bits() / 64, p.states());
        return p;
    }

    @Test
    void permutationEqualsScalarPerLane() {
        KeccakVector p = permutation();
        int n = p.states();
        SplittableRandom random = new SplittableRandom(bits());
        long[] lanes = new long[25 * n];
        long[][] scalar = new long[n][25];
        for (int i = 0; i < 25; i++) {
            for (int s = 0; s < n; s++) {
                scalar[s][i] = random.nextLong();
                lanes[i * n + s] = scalar[s][i];
            }
        }
        for (int round = 0; round < 5; round++) {
            p.permute(lanes);
            for (int s = 0; s < n; s++) {
                Keccak.permute(scalar[s]);
                for (int i = 0; i < 25; i++) {
                    assertEquals(scalar[s][i], lanes[i * n + s], "state " + s + " lane " + i);
                }
            }
        }
    }

    @Test
    void absorbAndSqueezeEqualsScalarPerLane() {
        SplittableRandom random = new SplittableRandom(bits() + 1);
        for (int rate : new int[] {Shake.RATE_128, Shake.RATE_256}) {
            ShakeLanes lanes = new ShakeLanes(permutation(), rate);
            int n = lanes.lanes();
            for (int length : ShakeTest.LENGTHS) {
                for (int count : new int[] {n, 1, Math.max(1, n - 1)}) {
                    byte[][] in = new byte[n][];
                    for (int s = 0; s < n; s++) {
                        in[s] = ShakeTest.bytes(random, length + 3);
                    }
                    lanes.absorb(in, count, 3, length);
                    int blocks = 1 + random.nextInt(7);
                    byte[] out = new byte[n * rate];
                    byte[][] got = new byte[count][blocks * rate];
                    for (int b = 0; b < blocks; b++) {
                        lanes.squeezeBlock(out);
                        for (int s = 0; s < count; s++) {
                            System.arraycopy(out, s * rate, got[s], b * rate, rate);
                        }
                    }
                    for (int s = 0; s < count; s++) {
                        byte[] message = Arrays.copyOfRange(in[s], 3, 3 + length);
                        assertArrayEquals(ShakeTest.bouncyCastle(rate == Shake.RATE_128 ? 128 : 256, message,
                                blocks * rate), got[s], "rate " + rate + " length " + length + " lane " + s);
                    }
                }
            }
        }
    }

    @Test
    void squeezedWordsAreTheSqueezedBytesLittleEndian() {
        SplittableRandom random = new SplittableRandom(bits() + 2);
        for (int rate : new int[] {Shake.RATE_128, Shake.RATE_256}) {
            ShakeLanes byBytes = new ShakeLanes(permutation(), rate);
            ShakeLanes byWords = new ShakeLanes(permutation(), rate);
            int n = byBytes.lanes();
            byte[][] in = new byte[n][];
            for (int s = 0; s < n; s++) {
                in[s] = ShakeTest.bytes(random, 34);
            }
            byBytes.absorb(in, n, 0, 34);
            byWords.absorb(in, n, 0, 34);
            byte[] bytes = new byte[n * rate];
            long[] words = new long[n * rate / 8];
            for (int b = 0; b < 6; b++) {
                byBytes.squeezeBlock(bytes);
                byWords.squeezeWords(words);
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < rate / 8; i++) {
                        long expected = 0;
                        for (int j = 7; j >= 0; j--) {
                            expected = expected << 8 | (bytes[s * rate + 8 * i + j] & 0xFF);
                        }
                        assertEquals(expected, words[s * rate / 8 + i], "rate " + rate + " block " + b + " lane " + s);
                    }
                }
            }
        }
        ShakeLanes fresh = new ShakeLanes(permutation(), Shake.RATE_128);
        assertThrows(IllegalStateException.class, () -> fresh.squeezeWords(new long[fresh.lanes() * 21]));
    }

    @Test
    void digestOfMixedLengthsEqualsScalarPerLane() {
        SplittableRandom random = new SplittableRandom(bits() + 2);
        for (int rate : new int[] {Shake.RATE_128, Shake.RATE_256}) {
            ShakeLanes lanes = new ShakeLanes(permutation(), rate);
            int n = lanes.lanes();
            for (int trial = 0; trial < 60; trial++) {
                int count = 1 + random.nextInt(n);
                byte[][] in = new byte[n][];
                int[] lengths = new int[n];
                for (int s = 0; s < count; s++) {
                    lengths[s] = ShakeTest.LENGTHS[random.nextInt(ShakeTest.LENGTHS.length)];
                    in[s] = ShakeTest.bytes(random, lengths[s] + random.nextInt(3)); // arrays may be longer
                }
                int outLength = random.nextInt(rate + 1);
                byte[][] out = new byte[n][outLength];
                lanes.digest(in, lengths, count, out, outLength);
                for (int s = 0; s < count; s++) {
                    byte[] message = Arrays.copyOf(in[s], lengths[s]);
                    assertArrayEquals(ShakeTest.bouncyCastle(rate == Shake.RATE_128 ? 128 : 256, message, outLength),
                            out[s], "rate " + rate + " length " + lengths[s] + " lane " + s);
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        ShakeLanes lanes = new ShakeLanes(permutation(), Shake.RATE_256);
        assertThrows(IllegalStateException.class, () -> lanes.squeezeBlock(new byte[lanes.lanes() * 136]));
        assertThrows(IllegalArgumentException.class, () -> lanes.absorb(new byte[0][], lanes.lanes() + 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ShakeLanes(permutation(), 100));
        assertThrows(IllegalArgumentException.class,
                () -> lanes.digest(new byte[1][1], new int[1], 1, new byte[1][200], 137));
    }
}
