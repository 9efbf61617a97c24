package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;

/** The bit-range comparisons the tree relies on, checked against a bit-by-bit reference. */
class BitsTest {

    private static int referenceFirstDifference(int from, int to, Id a, Id b) {
        for (int i = from; i < to; i++) {
            if (a.bit(i) != b.bit(i)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void firstDifference_matchesBitByBitReference_onRandomRangesAndNearIdenticalIds() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] x = new byte[Id.LENGTH];
            random.nextBytes(x);
            byte[] y = x.clone();
            int flips = random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int bit = random.nextInt(Id.BITS);
                y[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
            Id a = Id.of(x);
            Id b = Id.of(y);
            int from = random.nextInt(Id.BITS + 1);
            int to = from + random.nextInt(Id.BITS + 1 - from);
            assertEquals(referenceFirstDifference(from, to, a, b), Bits.firstDifference(from, to, a, b),
                    () -> "range [" + from + ", " + to + ") of " + a + " / " + b);
            assertEquals(referenceFirstDifference(from, to, a, b) < 0, Bits.equalRange(from, to, a, b));
        }
    }

    @Test
    void bitsAreNumberedLeastSignificantFirstWithinEachByte() {
        Id zero = SnowTestSupport.bytes(0x00);
        assertEquals(0, Bits.firstDifference(0, 256, zero, SnowTestSupport.bytes(0x01)));
        assertEquals(3, Bits.firstDifference(0, 256, zero, SnowTestSupport.bytes(0x08)));
        assertEquals(255, Bits.firstDifference(0, 256, zero, SnowTestSupport.lastByte(0x80)));
        assertEquals(-1, Bits.firstDifference(0, 255, zero, SnowTestSupport.lastByte(0x80)));
        assertEquals(-1, Bits.firstDifference(7, 7, zero, SnowTestSupport.bytes(0xFF)));
    }
}
