package lux.consensus.kernels.mldsa;

/** The SIMD ML-DSA verifier at 128 bits. */
class SimdMlDsaVerifier128Test extends SimdMlDsaVerifierTestCase {

    @Override
    int bits() {
        return 128;
    }
}
