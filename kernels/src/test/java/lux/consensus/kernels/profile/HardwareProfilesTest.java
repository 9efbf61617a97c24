package lux.consensus.kernels.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Loading the built-in profiles and choosing one per machine. */
class HardwareProfilesTest {

    private static final List<HardwareProfile> ALL = HardwareProfiles.builtIn();

    @Test
    void everyHardwareClassHasAProfile() {
        Set<String> names = ALL.stream().map(HardwareProfile::name).collect(Collectors.toSet());
        assertEquals(Set.of("x86-64-avx512", "x86-64-avx2", "apple-m1-neon", "generic", "nvidia-gpu"), names);
        for (HardwareProfile p : ALL) {
            for (String kernel : List.of("voteTally", "keccak", "mlDsaVerify", "blsVerify")) {
                assertNotNull(p.kernel(kernel), p.name() + " says nothing about " + kernel);
            }
        }
    }

    @Test
    void theIndexListsEveryProfileFileInHardwareProfiles() throws IOException {
        Path dir = Path.of("..", "hardware-profiles", "profiles");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "run from the kernels module: " + dir.toAbsolutePath());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> onDisk = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(onDisk, new TreeSet<>(HardwareProfiles.index()));
        }
    }

    @Test
    void amdEpycAvx2GetsTheAvx2Profile() {
        HardwareProfile p = HardwareProfiles.match(HardwareInfoTest.amdEpycAvx2(), ALL);
        assertEquals("x86-64-avx2", p.name());
        assertEquals("simd", p.kernel("voteTally").backend());
        assertEquals(256, p.kernel("voteTally").vectorBits());
    }

    @Test
    void intelAvx512GetsTheAvx512Profile() {
        assertEquals("x86-64-avx512", HardwareProfiles.match(HardwareInfoTest.intelAvx512(), ALL).name());
    }

    @Test
    void avx512HardwareCappedTo256BitsGetsTheAvx2Profile() {
        HardwareInfo capped = HardwareInfo.detect(HardwareInfoTest.fixture("intel-xeon-avx512.txt"), "x86_64", 2, 256, List.of());
        assertEquals("x86-64-avx2", HardwareProfiles.match(capped, ALL).name(), "-XX:MaxVectorSize=32 on AVX-512");
    }

    @Test
    void appleM1GetsTheNeonProfile() {
        HardwareProfile p = HardwareProfiles.match(HardwareInfoTest.appleM1(), ALL);
        assertEquals("apple-m1-neon", p.name());
        assertEquals(128, p.kernel("voteTally").vectorBits());
    }

    @Test
    void withoutTheVectorModuleTheGenericProfileIsChosen() {
        HardwareInfo noVector = HardwareInfo.detect(HardwareInfoTest.fixture("amd-epyc-avx2.txt"), "x86_64", 2, 0, List.of());
        HardwareProfile p = HardwareProfiles.match(noVector, ALL);
        assertEquals("generic", p.name());
        assertEquals("auto", p.kernel("voteTally").backend());
    }

    @Test
    void unknownArchitectureGetsTheGenericProfile() {
        assertEquals("generic", HardwareProfiles.match(HardwareInfo.detect("", "riscv64", 4, 0, List.of()), ALL).name());
    }

    @Test
    void anNvidiaGpuWinsAndOffloadsLargeBatches() {
        HardwareInfo gpu = HardwareInfo.detect(HardwareInfoTest.fixture("amd-epyc-avx2.txt"), "x86_64", 16, 256,
                List.of("NVIDIA H100 80GB HBM3"));
        HardwareProfile p = HardwareProfiles.match(gpu, ALL);
        assertEquals("nvidia-gpu", p.name());
        assertTrue(p.gpuOffload().offload("mlDsaVerify", 64));
        assertFalse(p.gpuOffload().offload("mlDsaVerify", 63));
        assertTrue(p.gpuOffload().offload("voteTally", 65536));
        assertFalse(p.gpuOffload().offload("voteTally", 65535));
        assertFalse(p.gpuOffload().offload("unknownKernel", 1 << 30));
    }

    @Test
    void aNamedProfileWinsOverDetection() {
        HardwareProfile p = HardwareProfiles.select("apple-m1-neon", HardwareInfoTest.amdEpycAvx2(), ALL);
        assertEquals("apple-m1-neon", p.name());
        assertEquals("x86-64-avx2", HardwareProfiles.select("  ", HardwareInfoTest.amdEpycAvx2(), ALL).name());
    }

    @Test
    void anUnknownNameFailsLoudlyListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardwareProfiles.select("cray-1", HardwareInfoTest.amdEpycAvx2(), ALL));
        assertTrue(e.getMessage().contains("lux.profile=cray-1"), e.getMessage());
        assertTrue(e.getMessage().contains("generic"), e.getMessage());
    }

    @Test
    void noMatchingProfileIsAnError() {
        List<HardwareProfile> onlyAvx512 = List.of(HardwareProfiles.named("x86-64-avx512"));
        assertThrows(IllegalArgumentException.class, () -> HardwareProfiles.match(HardwareInfoTest.appleM1(), onlyAvx512));
    }

    @Test
    void threadsZeroMeansOnePerCore() {
        HardwareProfile.KernelSettings s = HardwareProfiles.named("x86-64-avx2").kernel("mlDsaVerify");
        assertEquals(0, s.threads());
        assertEquals(16, s.threadsFor(16));
    }

    @Test
    void aBadBackendIsRejectedWhenLoading() {
        String json = """
                {"name":"bad","description":"","match":{"arch":"any","priority":0},
                 "kernels":{"voteTally":{"backend":"fpga","vectorBits":0,"batchSize":1,"threads":1}}}""";
        Exception e = assertThrows(Exception.class,
                () -> HardwareProfiles.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad"));
        assertTrue(String.valueOf(e.getMessage()).contains("fpga"), e.getMessage());
    }

    @Test
    void aFileWhoseNameDiffersFromItsProfileIsRejected() {
        String json = """
                {"name":"other","match":{"arch":"any","priority":0},"kernels":{}}""";
        assertThrows(IllegalArgumentException.class,
                () -> HardwareProfiles.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad"));
    }

    @Test
    void forThisMachineReturnsABuiltInProfile() {
        HardwareProfile p = HardwareProfiles.forThisMachine();
        assertTrue(ALL.contains(p));
        System.out.println("Profile for this machine: " + p.name());
    }
}
