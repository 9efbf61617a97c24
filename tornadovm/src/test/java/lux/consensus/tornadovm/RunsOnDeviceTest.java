package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.tally.ScalarVoteTally;
import org.junit.jupiter.api.Test;

/**
 * Proof that the kernels ran on a TornadoVM device and not as plain Java: with {@code -Dtornado.threadInfo=True}
 * TornadoVM prints, for every kernel launch, the task, its backend and device; this reads those lines. (With
 * {@code -Dtornado.recover.bailout=False}, set beside it in the pom, a kernel TornadoVM cannot compile fails instead
 * of running on the host.)
 */
class RunsOnDeviceTest {

    private static final Pattern TASK = Pattern.compile(
            "Task info: (lux(?:Tally|MlDsa)\\d+\\.(count|weigh|keys|verify))\\s+Backend\\s*: (\\S+)\\s+Device\\s*: ([^\\n]+)");

    @Test
    void bothMlDsaKernelsReportTheirLaunchOnTheDevice() {
        TornadoAssumptions.assumeTornadoVm();
        MlDsaBatches.Batch b = MlDsaBatches.random(MlDsaParams.ML_DSA_65, 30, 2, 0x0DE71CFL);
        boolean[] expected = new BouncyCastleMlDsaVerifier().verify(b.params(), b.publicKeys(), b.messages(),
                b.signatures());
        boolean[][] actual = new boolean[1][];
        try (TornadoMlDsaVerifier verifier = new TornadoMlDsaVerifier()) {
            String printed = captured(() -> actual[0] = verifier.verify(b.params(), b.publicKeys(), b.messages(),
                    b.signatures()));
            assertLaunches(printed, verifier.device(), "keys", "verify");
        }
        assertArrayEquals(expected, actual[0]);
    }

    /** What {@code run} prints to System.out, also passed on to it (for the script to read). */
    private static String captured(Runnable run) {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(out);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        out.print(printed);
        return printed;
    }

    /** Every launch printed ran on an OpenCL device named like {@code device}, and each kernel launched. */
    private static void assertLaunches(String printed, String device, String... kernels) {
        Matcher m = TASK.matcher(printed);
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            seen.add(m.group(2));
            assertEquals("OPENCL", m.group(3), "backend of " + m.group(1));
            String name = m.group(4).trim();
            assertTrue(device.contains(name.substring(0, Math.min(12, name.length()))), "device " + name + " vs " + device);
        }
        for (String kernel : kernels) {
            assertTrue(seen.contains(kernel), "no thread info for kernel " + kernel + " in:\n" + printed);
        }
    }

    @Test
    void bothTallyKernelsReportTheirLaunchOnTheDevice() {
        TornadoAssumptions.assumeTornadoVm();
        assertEquals("True", System.getProperty("tornado.threadInfo"), "the pom runs these tests with threadInfo on");
        assertEquals("False", System.getProperty("tornado.recover.bailout"), "the pom runs these tests without bailout");
        SplittableRandom random = new SplittableRandom(0x0DE71CEL);
        byte[] votes = TallyShapes.votes(random, 50 * 21, 4);
        long[] weights = TallyShapes.weights(random, 50 * 21);
        int[] counts = new int[200];
        long[] sums = new long[200];
        try (TornadoVoteTally tally = new TornadoVoteTally()) {
            String printed = captured(() -> {
                tally.tally(votes, 50, 21, 4, counts);
                tally.tallyWeighted(votes, weights, 50, 21, 4, sums);
            });
            assertLaunches(printed, tally.device(), "count", "weigh");
        }
        int[] expected = new int[200];
        new ScalarVoteTally().tally(votes, 50, 21, 4, expected);
        assertArrayEquals(expected, counts);
    }
}
