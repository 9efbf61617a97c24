package lux.consensus.kernels.mldsa;

/** Wycheproof through {@link JavaMlDsaVerifier}. */
class JavaMlDsaWycheproofVectorsTest extends WycheproofMlDsaBackendTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new JavaMlDsaVerifier();

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
