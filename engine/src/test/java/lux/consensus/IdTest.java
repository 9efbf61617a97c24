package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdTest {
    @Test
    void genesisIsThirtyTwoZeroBytes() {
        assertArrayEquals(new byte[32], Id.GENESIS.bytes());
        assertEquals("0".repeat(64), Id.GENESIS.toHex());
    }

    @Test
    void ofCopiesItsInputAndBytesReturnsACopy() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        Id id = Id.of(raw);
        raw[0] = 9;
        assertEquals(7, id.bytes()[0]);
        id.bytes()[0] = 5;
        assertEquals(7, id.bytes()[0]);
    }

    @Test
    void wordsAreTheBytesEightAtATimeBigEndian() {
        SplittableRandom random = new SplittableRandom(8);
        for (int trial = 0; trial < 100; trial++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            Id id = Id.of(raw);
            for (int w = 0; w < 4; w++) {
                long expected = 0;
                for (int b = 0; b < 8; b++) {
                    expected = expected << 8 | (raw[8 * w + b] & 0xFF);
                }
                assertEquals(expected, id.word(w), "word " + w);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> Id.GENESIS.word(4));
        assertThrows(IndexOutOfBoundsException.class, () -> Id.GENESIS.word(-1));
    }

    @Test
    void ofRejectsWrongLengthsNamingTheLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> Id.of(new byte[31]));
        assertTrue(e.getMessage().contains("31"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Id.of(new byte[33]));
        assertThrows(NullPointerException.class, () -> Id.of(null));
    }

    @Test
    void isValidChecksLength() {
        assertTrue(Id.isValid(new byte[32]));
        assertFalse(Id.isValid(new byte[0]));
        assertFalse(Id.isValid(new byte[64]));
        assertFalse(Id.isValid(null));
    }

    @Test
    void hexRoundTripsAndRejectsBadText() {
        Id id = Id.random();
        assertEquals(id, Id.fromHex(id.toHex()));
        assertEquals(id, Id.fromHex("0x" + id.toHex().toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> Id.fromHex("abc"));
        var e = assertThrows(IllegalArgumentException.class, () -> Id.fromHex("zz".repeat(32)));
        assertTrue(e.getMessage().contains("zz"), e.getMessage());
        var huge = assertThrows(IllegalArgumentException.class, () -> Id.fromHex("ab".repeat(1_000_000)));
        assertTrue(huge.getMessage().contains("(2000000 characters)") && huge.getMessage().length() < 200, huge.getMessage());
    }

    @Test
    void randomIdsDifferAndEqualityIsByValue() {
        Id a = Id.random();
        assertNotEquals(a, Id.random());
        Id copy = Id.of(a.bytes());
        assertEquals(a, copy);
        assertEquals(a.hashCode(), copy.hashCode());
        assertEquals(0, a.compareTo(copy));
    }

    @Test
    void compareToIsUnsignedLexicographic() {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        high[0] = (byte) 0x80; // negative as a signed byte, yet greater unsigned
        assertTrue(Id.of(low).compareTo(Id.of(high)) < 0);
    }

    @Test
    void bitsAreNumberedLeastSignificantFirstWithinEachByte() {
        byte[] raw = new byte[32];
        raw[0] = 0b0000_0010;
        raw[1] = (byte) 0b1000_0000;
        Id id = Id.of(raw);
        assertEquals(0, id.bit(0));
        assertEquals(1, id.bit(1));
        assertEquals(1, id.bit(15));
        assertEquals(0, id.bit(255));
    }

    @Test
    void bytesBitsAndOrderAgreeWithTheRawBytesOnRandomIds() {
        SplittableRandom random = new SplittableRandom(0x1D);
        for (int n = 0; n < 500; n++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            random.nextBytes(a);
            System.arraycopy(a, 0, b, 0, 32);
            int from = random.nextInt(33); // b shares a's first `from` bytes, so every word position gets compared
            for (int i = from; i < 32; i++) {
                b[i] = (byte) random.nextInt(256);
            }
            Id x = Id.of(a);
            Id y = Id.of(b);
            assertArrayEquals(a, x.bytes());
            for (int i = 0; i < 32; i++) {
                assertEquals(a[i], x.byteAt(i), "byte " + i);
            }
            for (int i = 0; i < Id.BITS; i++) {
                assertEquals((a[i >>> 3] >>> (i & 7)) & 1, x.bit(i), "bit " + i);
            }
            assertEquals(Integer.signum(Arrays.compareUnsigned(a, b)), Integer.signum(x.compareTo(y)));
            assertEquals(Arrays.equals(a, b), x.equals(y));
            assertEquals(x, Id.fromHex(x.toHex()));
        }
    }

    @Test
    void byteAndBitIndicesAreChecked() {
        Id id = Id.random();
        assertThrows(IndexOutOfBoundsException.class, () -> id.byteAt(32));
        assertThrows(IndexOutOfBoundsException.class, () -> id.byteAt(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> id.bit(256));
        assertThrows(IndexOutOfBoundsException.class, () -> id.bit(-1));
    }

    @Test
    void idsThatDifferInFewLowBytesSpreadOverHashCodes() {
        // Sequential test ids differ only in their first bytes; a byte-polynomial hash gave them few distinct
        // values, which turned hash tables of blocks into trees. 2^17 random 32-bit codes collide about twice
        // (the birthday bound, n^2 / 2^33); allow a few more, far below what a weak hash gives.
        Set<Integer> hashes = new HashSet<>();
        for (long v = 0; v < (1 << 17); v++) {
            hashes.add(Id.ofLong(v).hashCode());
        }
        assertTrue(hashes.size() >= (1 << 17) - 16, () -> "distinct hash codes: " + hashes.size());
    }
}
