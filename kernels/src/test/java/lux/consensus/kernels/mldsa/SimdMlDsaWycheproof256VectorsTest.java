package lux.consensus.kernels.mldsa;

/** Wycheproof through {@link SimdMlDsaVerifier} at 256 bits, keys not registered. */
class SimdMlDsaWycheproof256VectorsTest extends WycheproofMlDsaBackendTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new SimdMlDsaVerifier(256, 0);

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
