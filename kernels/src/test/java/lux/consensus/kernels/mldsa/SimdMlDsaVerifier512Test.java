package lux.consensus.kernels.mldsa;

/** The SIMD ML-DSA verifier at 512 bits. */
class SimdMlDsaVerifier512Test extends SimdMlDsaVerifierTestCase {

    @Override
    int bits() {
        return 512;
    }
}
