package lux.consensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code lux run} on a network that cannot finalize, {@code lux simulate}'s quick slice, and how errors are reported. */
@Timeout(300)
class LivenessCommandsTest {
    private static Lux.Outcome lux(String... args) {
        return Lux.run(args);
    }

    /** The case that used to print nothing, forever: 30% faulty validators. */
    @Test
    void runStopsAfterTheStallTimeoutAndSaysWhy() {
        Lux.Outcome o = lux("run", "--byzantine", "0.2", "--silent", "0.1", "--blocks", "300", "--q-rounds", "0", "--stall-timeout", "3");
        assertEquals(1, o.exitCode(), o.out() + o.err());
        assertTrue(o.out().contains("warning: finality is unlikely with these settings. STALLED: with 70% of stake honest"), o.out());
        assertTrue(o.out().contains("pending") && o.out().contains("% failed"), "progress lines while nothing is decided: " + o.out());
        assertTrue(o.out().contains("blocks      "), "the summary is printed: " + o.out());
        assertTrue(o.err().contains("lux run: stalled after 3 s with nothing decided: no block decided for"), o.err());
        assertTrue(o.err().contains("reached alphaConf=18 of k=21"), o.err());
    }

    @Test
    void simulateQuickPrintsTheBoundaryAndTheTables() {
        Lux.Outcome o = lux("simulate", "--quick", "--runs", "2", "--threads", "2");
        assertEquals(0, o.exitCode(), o.out() + o.err());
        assertTrue(o.out().contains("Liveness boundary"), o.out());
        assertTrue(o.out().contains("| defaults (k 21, alphaConf 18, beta 8)"), o.out());
        assertTrue(o.out().contains("| defaults, 21 validators"), o.out());
        assertTrue(o.out().contains("| 64 siblings at depth 0"), o.out());
        assertTrue(o.out().contains("every run on the live side decided, exactly once; no conflicting finalization"), o.out());
    }

    @Test
    void aBadOptionValuePrintsOneLineAndTheUsageAndExitsTwo() {
        Lux.Outcome o = lux("run", "--k", "3");
        assertEquals(2, o.exitCode());
        String[] lines = o.err().split("\\R");
        assertEquals("lux run: alphaConf must satisfy alphaConf <= k, got k=3 alphaConf=18", lines[0]);
        assertTrue(lines[1].startsWith("Usage: lux run"), o.err());
        assertTrue(!o.err().contains("\tat "), "no stack trace without --verbose");
        Lux.Outcome verbose = lux("run", "--k", "3", "--verbose");
        assertTrue(verbose.err().contains("java.lang.IllegalArgumentException") && verbose.err().contains("\tat "), verbose.err());
    }

    @Test
    void anErrorAtRunTimePrintsOneLineAndExitsOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("not-a-directory"), "x");
        Lux.Outcome o = lux("run", "--data", file.toString(), "--q-rounds", "0");
        assertEquals(1, o.exitCode(), o.err());
        List<String> ours = o.err().lines().filter(l -> !l.startsWith("[")).toList(); // the rest is the library's log
        assertEquals(1, ours.size(), o.err());
        assertTrue(ours.get(0).startsWith("lux run: cannot create the data directory " + file), o.err());
    }

    @Test
    void simulateRefusesAZeroRunCount() {
        Lux.Outcome o = lux("simulate", "--runs", "0");
        assertTrue(o.exitCode() != 0);
        assertTrue((o.out() + o.err()).contains("--runs must be >= 1, got 0"), o.out() + o.err());
    }
}
