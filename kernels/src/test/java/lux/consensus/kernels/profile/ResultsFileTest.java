package lux.consensus.kernels.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON results format: written, read back, with its environment block. */
class ResultsFileTest {

    @TempDir
    Path dir;

    private static Environment environment() {
        return Environment.of(HardwareInfoTest.amdEpycAvx2(), "bench-host", "2026-11-26T05:00:00Z", "Linux", "6.18.44",
                "Eclipse Adoptium OpenJDK 64-Bit Server VM 25.0.3+9", List.of("--add-modules=jdk.incubator.vector"),
                "tally=simd-256", "x86-64-avx2");
    }

    @Test
    void writesAndReadsBackEveryField() throws IOException {
        ResultsFile.Entry add = ResultsFile.Entry.of("chain", "blockAdd", "", "", 120.5, 3.25, "ns/op").atMost(149, "<= 149 ns/op");
        ResultsFile.Entry slow = ResultsFile.Entry.of("chain", "stats", "", "", 31, Double.NaN, "ns/op").atMost(30, "<= 30 ns/op");
        ResultsFile.Entry tally = ResultsFile.Entry.of("tally", "simd", "shape=21x10000", "simd-256", 80.0, 1.0, "GB/s");
        ResultsFile file = new ResultsFile(ResultsFile.SCHEMA, "lux bench --quick", environment(), List.of(add, slow, tally),
                List.of("noisy machine"));
        Path out = dir.resolve("sub/results.json");
        file.write(out);

        String text = Files.readString(out);
        assertTrue(text.contains("\"cpuModel\" : \"AMD EPYC\""), text);
        assertTrue(text.contains("\"vectorIsa\" : \"avx2\""), text);
        ResultsFile back = ResultsFile.read(out);
        assertEquals(file.environment(), back.environment());
        assertEquals(3, back.results().size());
        assertTrue(back.results().get(0).met());
        assertFalse(back.results().get(1).met());
        assertTrue(Double.isNaN(back.results().get(1).error()));
        assertNull(back.results().get(2).met());
        assertEquals("shape=21x10000", back.results().get(2).params());
        assertEquals(List.of("noisy machine"), back.notes());
    }

    @Test
    void theEnvironmentBlockNamesTheMachineAndTheJvm() {
        Environment env = environment();
        assertEquals(2, env.cores());
        assertEquals(256, env.preferredVectorBits());
        assertEquals("x86_64", env.arch());
        assertEquals("tally=simd-256", env.backends());
        Environment here = Environment.current("tally=test");
        assertFalse(here.jvm().isBlank());
        assertFalse(here.kernel().isBlank());
    }

    @Test
    void theDefaultFileNameHasHostAndDate() {
        assertEquals("results-my_host-2026-11-26.json", ResultsFile.defaultFileName("my host", LocalDate.of(2026, 11, 26)));
    }
}
