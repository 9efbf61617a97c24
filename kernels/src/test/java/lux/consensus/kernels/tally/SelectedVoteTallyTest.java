package lux.consensus.kernels.tally;

import lux.consensus.kernels.Kernels;

/**
 * The contract for the backend {@link Kernels} selects in this JVM. With a fresh JVM per test class
 * this is the only width in use here, so it runs as compiled code would in production: at the
 * machine's width in the default execution, at 128 bits in vector-128 and at most 256 in vector-256.
 */
class SelectedVoteTallyTest extends VoteTallyTestCase {

    @Override
    VoteTally backend() {
        return Kernels.voteTally();
    }
}
