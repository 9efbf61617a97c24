package lux.consensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import lux.consensus.kernels.profile.Environment;
import lux.consensus.kernels.profile.ResultsFile;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@code lux bench} that do not need minutes: goals, tables, the chart, the JSON. */
class BenchCommandTest {

    @TempDir
    Path dir;

    static List<Entry> sample() {
        return List.of(
                Entry.of("tally", "scalar", "shape=10000x21 (short polls),candidates=3", "scalar", 2.5, Double.NaN, "GB/s"),
                Entry.of("tally", "simd-256", "shape=10000x21 (short polls),candidates=3", "simd-256", 1.3, Double.NaN, "GB/s"),
                Entry.of("tally", "scalar columns", "shape=10000x21 (short polls),candidates=3", "scalar", 0.4, Double.NaN, "GB/s"),
                Entry.of("tally", "simd-256 columns", "shape=10000x21 (short polls),candidates=3", "simd-256", 20, Double.NaN, "GB/s"),
                Entry.of("tally", "memoryRead", "shape=10000x21 (short polls),candidates=3", "memory", 30, Double.NaN, "GB/s"),
                Entry.of("tally", "scalar", "shape=21x10000 (in cache),candidates=3", "scalar", 3, Double.NaN, "GB/s"),
                Entry.of("tally", "simd-256", "shape=21x10000 (in cache),candidates=3", "simd-256", 90, Double.NaN, "GB/s"),
                Entry.of("tally", "memoryRead", "shape=21x10000 (in cache),candidates=3", "memory", 60, Double.NaN, "GB/s"),
                Entry.of("tally", "scalar", "shape=21x13000000 (out of cache),candidates=3", "scalar", 3, Double.NaN, "GB/s"),
                Entry.of("tally", "simd-256", "shape=21x13000000 (out of cache),candidates=3", "simd-256", 18, Double.NaN, "GB/s"),
                Entry.of("tally", "memoryRead", "shape=21x13000000 (out of cache),candidates=3", "memory", 20, Double.NaN, "GB/s"),
                Entry.of("chain", "blockAdd", "", "", 900, Double.NaN, "ns/op").atMost(149, "<= 149 ns"),
                Entry.of("chain", "stats", "", "", 1.2, Double.NaN, "ns/op").atMost(30, "<= 30 ns"),
                Entry.of("batch", "blocksFinalized", "batch=1", "", 150, Double.NaN, "blocks/s"),
                Entry.of("batch", "blocksFinalized", "batch=100", "", 1800, Double.NaN, "blocks/s"));
    }

    @Test
    void theKernelGoalsAreDerivedFromTheMeasurements() {
        List<Entry> all = BenchCommand.withDerived(sample());
        Entry shortPolls = find(all, "shortPolls");
        assertEquals(20, shortPolls.value(), 1e-9);
        assertFalse(shortPolls.met(), "20 GB/s is below the 40 GB/s goal");
        assertEquals("simd-256", shortPolls.backend(), "judged on the column layout, not the 1.3 GB/s row layout");
        Entry ratio = find(all, "simdVsScalar");
        assertEquals(30, ratio.value(), 1e-9);
        assertTrue(ratio.met());
        Entry bandwidth = find(all, "simdVsReadBandwidth");
        assertEquals(0.9, bandwidth.value(), 1e-9);
        assertTrue(bandwidth.met(), "exactly 90% meets >= 90%");
        Entry inCache = find(all, "simdVsReadInCache");
        assertEquals(1.5, inCache.value(), 1e-9);
        assertTrue(inCache.met());
    }

    @Test
    void tablesShowEveryGroupAndJudgeGoals() {
        String text = BenchCommand.tables(BenchCommand.withDerived(sample()));
        assertTrue(text.contains("Vote tally kernel"), text);
        assertTrue(text.contains("blockAdd"), text);
        assertTrue(text.contains("NOT met"), text);
        assertTrue(text.contains("1,800"), text);
    }

    @Test
    void theChartIsAReadablePng() throws IOException {
        Path png = dir.resolve("chart.png");
        BenchChart.write(png, BenchCommand.withDerived(sample()), ResultsFileFixture.environment());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can decode");
        assertEquals(1860, image.getWidth());
        assertTrue(image.getHeight() > 500);
    }

    @Test
    void resultsRoundTripThroughJson() throws IOException {
        Path json = dir.resolve("results-host-2026-11-26.json");
        new ResultsFile(ResultsFile.SCHEMA, "lux bench --quick", ResultsFileFixture.environment(), sample(), List.of()).write(json);
        ResultsFile back = ResultsFile.read(json);
        assertEquals(sample().size(), back.results().size());
        assertEquals("lux bench --quick", back.command());
    }

    @Test
    void theProgressBarFillsInProportion() {
        assertEquals("[###############...............]  50%    1.5 s  half", ProgressBar.render(0.5, 1.5, "half"));
        assertTrue(ProgressBar.render(2, 0, "over").startsWith("[" + "#".repeat(30) + "] 100%"));
    }

    @Test
    void theHarnessTakesTheMedian() {
        assertEquals(2, BenchSuite.median(new double[] {3, 1, 2}), 0);
        assertEquals(2.5, BenchSuite.median(new double[] {4, 1, 2, 3}), 0);
    }

    @Test
    void theReadBaselineSumsEveryByte() {
        byte[] v = new byte[19];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1;
        }
        long expected = 2 * 0x0101010101010101L + 3;
        assertEquals(expected, BenchSuite.sumAsLongs(v));
    }

    private static Entry find(List<Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** An environment block without touching this machine. */
    static final class ResultsFileFixture {
        static Environment environment() {
            return new Environment("test-host", "2026-11-26T05:00:00Z", "AMD EPYC", "AMD", "x86_64", 2, "avx2", 256, "Linux",
                    "6.18", "Temurin 25", List.of("--add-modules=jdk.incubator.vector"), "tally=simd-256", "x86-64-avx2", List.of());
        }
    }
}
