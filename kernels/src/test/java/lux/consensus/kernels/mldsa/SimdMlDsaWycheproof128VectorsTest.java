package lux.consensus.kernels.mldsa;

/** Wycheproof through {@link SimdMlDsaVerifier} at 128 bits, keys not registered. */
class SimdMlDsaWycheproof128VectorsTest extends WycheproofMlDsaBackendTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new SimdMlDsaVerifier(128, 0);

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
