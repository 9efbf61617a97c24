package lux.consensus.tornadovm;

import org.junit.jupiter.api.Assumptions;

/** Skips a test, saying why, when this JVM does not run under TornadoVM (or TornadoVM has no device). */
final class TornadoAssumptions {

    private TornadoAssumptions() {
    }

    /** Skips unless TornadoVM can run kernels here. */
    static void assumeTornadoVm() {
        String why = TornadoVm.absentReason().orElse(null);
        Assumptions.assumeTrue(why == null, () -> "TornadoVM tests skipped: " + why
                + " (scripts/tornadovm-test.sh runs them under TornadoVM)");
    }
}
