package lux.consensus.kernels.mldsa;

/** The SIMD ML-DSA verifier at 256 bits. */
class SimdMlDsaVerifier256Test extends SimdMlDsaVerifierTestCase {

    @Override
    int bits() {
        return 256;
    }
}
