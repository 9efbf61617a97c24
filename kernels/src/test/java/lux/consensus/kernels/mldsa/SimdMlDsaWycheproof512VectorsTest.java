package lux.consensus.kernels.mldsa;

/** Wycheproof through {@link SimdMlDsaVerifier} at 512 bits, keys not registered. */
class SimdMlDsaWycheproof512VectorsTest extends WycheproofMlDsaBackendTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new SimdMlDsaVerifier(512, 0);

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
