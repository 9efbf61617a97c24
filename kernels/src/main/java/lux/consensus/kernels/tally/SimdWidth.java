package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Holder of every Vector API species the SIMD tally uses, one subclass per width.
 *
 * <p>Nothing here (and so no Vector API class) is loaded until a {@link SimdVoteTally} is built. Each
 * width is its own class whose species are {@code static final}: the kernels ask {@code width.bytes()},
 * and when one width is in use the JIT inlines that call to a constant species, which the Vector API
 * needs in order to compile to machine vectors. (Several widths in one JVM, as in the tests, still give
 * the same results, only slower.)
 */
abstract sealed class SimdWidth permits SimdWidth.W128, SimdWidth.W256, SimdWidth.W512 {

    /** The widths a {@link SimdVoteTally} can be built for. */
    static final String SUPPORTED = "128, 256 or 512";

    /** Byte lanes: one vote per lane. */
    abstract VectorSpecies<Byte> bytes();

    /** Long lanes, as many bits wide as {@link #bytes()}: one weight per lane. */
    abstract VectorSpecies<Long> longs();

    /** Int lanes, as many bits wide as {@link #bytes()}: one count per lane. */
    abstract VectorSpecies<Integer> ints();

    /**
     * Byte lanes that widen to {@link #ints()}: as many lanes as an int vector has, or at 128 bits (no 4-lane
     * byte vector exists) 8 lanes, which widen to two int vectors.
     */
    abstract VectorSpecies<Byte> widenedBytes();

    /** The width in bits. */
    final int bits() {
        return bytes().vectorBitSize();
    }

    /** The width for {@code bits}, or UnsupportedOperationException. */
    static SimdWidth of(int bits) {
        return switch (bits) {
            case 128 -> new W128();
            case 256 -> new W256();
            case 512 -> new W512();
            default -> throw new UnsupportedOperationException(
                    "SIMD vote tally supports vector widths of " + SUPPORTED + " bits, got " + bits);
        };
    }

    /** Width in bits of the JVM's preferred byte vector (bounded by the hardware and -XX:MaxVectorSize). */
    static int preferredBits() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize();
    }

    static final class W128 extends SimdWidth {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
        private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_128;
        private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
        private static final VectorSpecies<Byte> WIDENED_BYTES = ByteVector.SPECIES_64;

        @Override
        VectorSpecies<Byte> bytes() {
            return BYTES;
        }

        @Override
        VectorSpecies<Long> longs() {
            return LONGS;
        }

        @Override
        VectorSpecies<Integer> ints() {
            return INTS;
        }

        @Override
        VectorSpecies<Byte> widenedBytes() {
            return WIDENED_BYTES;
        }
    }

    static final class W256 extends SimdWidth {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
        private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
        private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
        private static final VectorSpecies<Byte> WIDENED_BYTES = ByteVector.SPECIES_64;

        @Override
        VectorSpecies<Byte> bytes() {
            return BYTES;
        }

        @Override
        VectorSpecies<Long> longs() {
            return LONGS;
        }

        @Override
        VectorSpecies<Integer> ints() {
            return INTS;
        }

        @Override
        VectorSpecies<Byte> widenedBytes() {
            return WIDENED_BYTES;
        }
    }

    static final class W512 extends SimdWidth {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
        private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
        private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
        private static final VectorSpecies<Byte> WIDENED_BYTES = ByteVector.SPECIES_128;

        @Override
        VectorSpecies<Byte> bytes() {
            return BYTES;
        }

        @Override
        VectorSpecies<Long> longs() {
            return LONGS;
        }

        @Override
        VectorSpecies<Integer> ints() {
            return INTS;
        }

        @Override
        VectorSpecies<Byte> widenedBytes() {
            return WIDENED_BYTES;
        }
    }
}
