package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
