package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * OpenCL is loaded only under HotSpot's signal chaining (or when the user accepts the risk): a JVM without
 * {@code libjsig.so} gets a reason that says how to preload it, and no device.
 */
class SignalChainingTest {

    private static final String CHAINED_JVM = "the test JVM runs with libjsig.so preloaded (the build's Surefire"
            + " configuration sets LD_PRELOAD)";

    private static void assumeLinux() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "signal chaining is checked on Linux only, through /proc/self/maps");
    }

    private static boolean chained() throws IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so");
    }

    @Test
    void aChainedJvmMayLoadOpenCl() throws IOException {
        assumeLinux();
        assumeTrue(chained(), CHAINED_JVM);
        assertEquals(java.util.Optional.empty(), SignalChaining.refusal());
    }

    @Test
    void anUnchainedJvmDoesNotLoadOpenClAndSaysHowToFixIt() throws IOException, InterruptedException {
        assumeLinux();
        String output = OpenClProbe.runInChildJvm(List.of(), environment -> environment.remove("LD_PRELOAD"));
        assertTrue(output.contains("available=false"), output);
        String libjsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString();
        assertTrue(output.contains("OpenCL: none (OpenCL not loaded: its drivers"), output);
        assertTrue(output.contains("LD_PRELOAD=" + libjsig), output);
        assertTrue(output.contains("-D" + SignalChaining.ALLOW_PROPERTY + "=true"), output);
        assertTrue(output.contains("open: " + GpuUnavailableException.class.getName()
                + ": No OpenCL device: OpenCL not loaded"), output);
    }

    @Test
    void theUserMayAcceptTheRisk() throws IOException, InterruptedException {
        assumeLinux();
        assumeTrue(GpuDevices.available(), () -> "no OpenCL device here: " + GpuDevices.unavailableReason().orElse(""));
        String output = OpenClProbe.runInChildJvm(List.of("-D" + SignalChaining.ALLOW_PROPERTY + "=true"),
                environment -> environment.remove("LD_PRELOAD"));
        assertTrue(output.contains("available=true"), output);
        assertTrue(output.contains("open: opened "), output);
    }
}
