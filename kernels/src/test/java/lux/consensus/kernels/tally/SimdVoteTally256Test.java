package lux.consensus.kernels.tally;

/** The SIMD tally at 256 bits (the AVX2 width). */
class SimdVoteTally256Test extends SimdVoteTallyTestCase {

    @Override
    int bits() {
        return 256;
    }
}
