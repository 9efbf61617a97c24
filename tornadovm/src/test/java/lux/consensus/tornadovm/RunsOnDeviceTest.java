package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            "Task info: (luxTally\\d+\\.(count|weigh))\\s+Backend\\s*: (\\S+)\\s+Device\\s*: ([^\\n]+)");

    @Test
    void bothKernelsReportTheirLaunchOnTheDevice() {
        TornadoAssumptions.assumeTornadoVm();
        assertEquals("True", System.getProperty("tornado.threadInfo"), "the pom runs these tests with threadInfo on");
        assertEquals("False", System.getProperty("tornado.recover.bailout"), "the pom runs these tests without bailout");
        SplittableRandom random = new SplittableRandom(0x0DE71CEL);
        byte[] votes = TallyShapes.votes(random, 50 * 21, 4);
        long[] weights = TallyShapes.weights(random, 50 * 21);
        int[] counts = new int[200];
        long[] sums = new long[200];
        String printed;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TornadoVoteTally tally = new TornadoVoteTally()) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                tally.tally(votes, 50, 21, 4, counts);
                tally.tallyWeighted(votes, weights, 50, 21, 4, sums);
            } finally {
                System.setOut(out);
            }
            printed = captured.toString(StandardCharsets.UTF_8);
            out.print(printed); // keep it in the test's output for the script to read

            Matcher m = TASK.matcher(printed);
            int launches = 0;
            boolean count = false;
            boolean weigh = false;
            while (m.find()) {
                launches++;
                count |= m.group(2).equals("count");
                weigh |= m.group(2).equals("weigh");
                assertEquals("OPENCL", m.group(3), "backend of " + m.group(1));
                String deviceName = m.group(4).trim();
                assertTrue(tally.device().contains(deviceName.substring(0, Math.min(12, deviceName.length()))),
                        "device " + deviceName + " vs " + tally.device());
            }
            assertTrue(count && weigh && launches >= 2, "no thread info for both kernels in:\n" + printed);
        }
        int[] expected = new int[200];
        new ScalarVoteTally().tally(votes, 50, 21, 4, expected);
        assertArrayEquals(expected, counts);
    }
}
