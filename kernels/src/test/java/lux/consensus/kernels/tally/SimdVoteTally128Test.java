package lux.consensus.kernels.tally;

/** The SIMD tally at 128 bits (the NEON / Apple M1 width). */
class SimdVoteTally128Test extends SimdVoteTallyTestCase {

    @Override
    int bits() {
        return 128;
    }
}
