package lux.consensus.kernels.mldsa;

import lux.consensus.kernels.Kernels;

/** The contract for the backend {@link Kernels} selects in this JVM. */
class SelectedMlDsaVerifierTest extends MlDsaBatchVerifierTestCase {

    @Override
    MlDsaBatchVerifier verifier() {
        return Kernels.mlDsaVerifier();
    }
}
