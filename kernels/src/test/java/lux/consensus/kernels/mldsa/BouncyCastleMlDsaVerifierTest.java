package lux.consensus.kernels.mldsa;

/** The contract for the reference backend. */
class BouncyCastleMlDsaVerifierTest extends MlDsaBatchVerifierTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new BouncyCastleMlDsaVerifier();

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
