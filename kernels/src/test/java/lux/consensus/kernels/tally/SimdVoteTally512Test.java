package lux.consensus.kernels.tally;

/** The SIMD tally at 512 bits (the AVX-512 width; run in software where the CPU lacks it). */
class SimdVoteTally512Test extends SimdVoteTallyTestCase {

    @Override
    int bits() {
        return 512;
    }
}
