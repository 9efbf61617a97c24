package lux.consensus;

import java.security.SecureRandom;
import java.util.Arrays;
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
    /** The genesis id: 32 zero bytes. */
    public static final Id GENESIS = new Id(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private final int hash;

    private Id(byte[] ownedBytes) {
        this.bytes = ownedBytes;
        this.hash = Arrays.hashCode(ownedBytes);
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
        return new Id(bytes.clone());
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
                    "an id in hex must have " + 2 * LENGTH + " digits, got " + digits.length() + ": '" + hex + "'");
        }
        try {
            return new Id(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex id: '" + hex + "'", e);
        }
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
        return bytes.clone();
    }

    /** Byte {@code index} (0..31) without copying. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** Bit {@code index} (0..255): bit {@code index % 8} of byte {@code index / 8}, least significant first. */
    public int bit(int index) {
        return (bytes[index >>> 3] >>> (index & 7)) & 1;
    }

    /** Lower-case hex, 64 digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** The first 8 hex digits, for logs. */
    public String shortHex() {
        return HEX.formatHex(bytes, 0, 4);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Id other && hash == other.hash && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Id other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
