package lux.consensus.kernels.mldsa;

/** The contract for the pure-Java backend. */
class JavaMlDsaVerifierTest extends MlDsaBatchVerifierTestCase {

    private static final MlDsaBatchVerifier VERIFIER = new JavaMlDsaVerifier();

    @Override
    MlDsaBatchVerifier verifier() {
        return VERIFIER;
    }
}
