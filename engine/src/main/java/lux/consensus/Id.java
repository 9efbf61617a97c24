package lux.consensus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable 32-byte identifier of a block or a validator.
 *
 * <p>Ids order lexicographically by unsigned bytes. {@link #bit(int)} numbers bits as avalanchego's
 * {@code ids.ID.Bit} does (bit {@code i} is bit {@code i % 8} of byte {@code i / 8}, least significant
 * first), which is what the snowball tree over ids decides on.
 */
public final class Id implements Comparable<Id> {
    /** Length of every id, in bytes. */
    public static final int LENGTH = 32;
    /** Number of bits in an id. */
    public static final int BITS = LENGTH * Byte.SIZE;
    /** Reads and writes the big-endian words of an id's bytes (declared before GENESIS, which uses it). */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The genesis id: 32 zero bytes. */
    public static final Id GENESIS = new Id(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Big-endian words: byte {@code i} is bits {@code 56 - 8*(i % 8) ..} of word {@code i / 8}. */
    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;
    private final int hash;

    private Id(byte[] bytes) {
        this.w0 = (long) WORD.get(bytes, 0);
        this.w1 = (long) WORD.get(bytes, 8);
        this.w2 = (long) WORD.get(bytes, 16);
        this.w3 = (long) WORD.get(bytes, 24);
        this.hash = mix(w0 ^ Long.rotateLeft(w1, 16) ^ Long.rotateLeft(w2, 32) ^ Long.rotateLeft(w3, 48));
    }

    /**
     * A 64-to-32-bit hash with every input bit reaching every output bit: the finalizer of MurmurHash3
     * (fmix64, Austin Appleby, public domain). Ids are usually digests, but test ids that differ only in a
     * few low bytes must not collide in hash tables either.
     */
    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * Bytes {@code 8 index .. 8 index + 7} as one big-endian {@code long} (byte {@code 8 index} the most
     * significant): compares of many bytes at once.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < 4}
     */
    public long word(int index) {
        return wordAt(Objects.checkIndex(index, LENGTH / Long.BYTES));
    }

    private long wordAt(int index) {
        return switch (index) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    /** A fresh random id from a {@link SecureRandom} (the SDK's {@code new_id()}). */
    public static Id random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return new Id(b);
    }

    /**
     * An id holding a copy of {@code bytes}.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException unless {@code bytes} has exactly 32 bytes
     */
    public static Id of(byte[] bytes) {
        Objects.requireNonNull(bytes, "id bytes must not be null");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "an id must be exactly " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Id(bytes); // the words are read out of it, so the caller's array is never kept
    }

    /** Whether {@code bytes} is a valid id encoding: non-null and exactly 32 bytes (the SDK's {@code verify_id}). */
    public static boolean isValid(byte[] bytes) {
        return bytes != null && bytes.length == LENGTH;
    }

    /**
     * Parses 64 hex digits (either case, an optional {@code 0x} prefix).
     *
     * @throws IllegalArgumentException if the text is not 64 hex digits
     */
    public static Id fromHex(String hex) {
        Objects.requireNonNull(hex, "hex must not be null");
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH) {
            throw new IllegalArgumentException(
                    "an id in hex must have " + 2 * LENGTH + " digits, got " + digits.length() + ": " + quoted(hex));
        }
        try {
            return new Id(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex id: " + quoted(hex), e);
        }
    }

    /** The text in quotes for an error message, cut to its first 80 characters. */
    private static String quoted(String text) {
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 80) + "...' (" + text.length() + " characters)";
    }

    /** An id whose bytes are derived from {@code value}: handy for deterministic tests and simulations. */
    public static Id ofLong(long value) {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < Long.BYTES; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return new Id(b);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        byte[] b = new byte[LENGTH];
        WORD.set(b, 0, w0);
        WORD.set(b, 8, w1);
        WORD.set(b, 16, w2);
        WORD.set(b, 24, w3);
        return b;
    }

    /**
     * Byte {@code index} (0..31) without copying.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < 32}
     */
    public byte byteAt(int index) {
        Objects.checkIndex(index, LENGTH);
        return (byte) (wordAt(index >>> 3) >>> (56 - 8 * (index & 7)));
    }

    /** Bit {@code index} (0..255): bit {@code index % 8} of byte {@code index / 8}, least significant first. */
    public int bit(int index) {
        Objects.checkIndex(index, BITS);
        // Byte index/8 sits at shift 56 - 8*((index/8) % 8) of word index/64; the bit is index%8 above that.
        return (int) (wordAt(index >>> 6) >>> (56 - 8 * ((index >>> 3) & 7) + (index & 7))) & 1;
    }

    /** Lower-case hex, 64 digits. */
    public String toHex() {
        return HEX.formatHex(bytes());
    }

    /** The first 8 hex digits, for logs. */
    public String shortHex() {
        return HEX.formatHex(bytes(), 0, 4);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Id other && w0 == other.w0 && w1 == other.w1 && w2 == other.w2
                && w3 == other.w3);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Id other) {
        // Big-endian words compared unsigned, first word first: the unsigned lexicographic order of the bytes.
        int c = Long.compareUnsigned(w0, other.w0);
        if (c == 0) {
            c = Long.compareUnsigned(w1, other.w1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(w2, other.w2);
        }
        return c != 0 ? c : Long.compareUnsigned(w3, other.w3);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
