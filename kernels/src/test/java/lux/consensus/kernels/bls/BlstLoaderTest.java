package lux.consensus.kernels.bls;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loader on this machine, and the message it would give on a machine where blst cannot load. */
class BlstLoaderTest {

    @Test
    void blstLoadsOnThisMachine() {
        assertTrue(Bls.isAvailable(), "jblst ships a library for " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch"));
        Bls.ensureAvailable();
    }

    @Test
    void aFailedLoadNamesThePlatformAndTheCause() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("no blst in java.library.path");
        BlsUnavailableException e = BlstLoader.failure("FreeBSD", "riscv64",
                new ExceptionInInitializerError(new RuntimeException("wrapped", cause)));
        assertTrue(e.getMessage().contains("FreeBSD/riscv64"), e.getMessage());
        assertTrue(e.getMessage().contains("no blst in java.library.path"), e.getMessage());
        assertTrue(e.getMessage().contains(BlstLoader.SHIPPED_PLATFORMS), e.getMessage());
        assertTrue(e instanceof UnsupportedOperationException, "the type every backend that cannot run throws");
        assertSame(ExceptionInInitializerError.class, e.getCause().getClass());
    }
}
