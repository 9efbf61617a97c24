package lux.consensus.kernels.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What a machine offers the kernels: architecture, CPU, vector width and accelerators.
 *
 * <p>{@link #detect} is a pure function of its inputs (the text of {@code /proc/cpuinfo}, {@code os.arch},
 * the processor count and the JVM's preferred vector width), so it is tested with captured cpuinfo texts;
 * {@link #ofThisMachine()} gathers those inputs here and calls it.
 *
 * @param arch                normalized architecture: {@code x86_64}, {@code aarch64}, or {@code os.arch} as given
 * @param cores               processors available to this JVM
 * @param vendor              CPU vendor ({@code AMD}, {@code Intel}, {@code Apple}, {@code ARM}, ...) or {@code unknown}
 * @param cpuModel            CPU model name, or {@code unknown}
 * @param cpuFlags            CPU feature flags (x86 {@code flags}, ARM {@code Features}), lower case, sorted
 * @param preferredVectorBits the JVM's preferred byte-vector width in bits (0 when the Vector API is absent)
 * @param openClDevices       OpenCL platforms/devices found (ICD vendor files and NVIDIA driver entries); may be empty
 */
public record HardwareInfo(String arch, int cores, String vendor, String cpuModel, SortedSet<String> cpuFlags,
        int preferredVectorBits, List<String> openClDevices) {

    /** Vector instruction set classes, widest first. */
    public static final String AVX512 = "avx512";
    public static final String AVX2 = "avx2";
    public static final String NEON = "neon";
    public static final String SSE = "sse";
    public static final String NONE = "none";

    public HardwareInfo {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(cpuModel, "cpuModel");
        cpuFlags = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(cpuFlags));
        openClDevices = List.copyOf(openClDevices);
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        if (preferredVectorBits < 0) {
            throw new IllegalArgumentException("preferredVectorBits must be >= 0, got " + preferredVectorBits);
        }
    }

    /**
     * Detects the hardware from its inputs, touching nothing else.
     *
     * @param cpuinfo             the text of {@code /proc/cpuinfo}; empty when there is none (macOS, Windows)
     * @param osArch              {@code System.getProperty("os.arch")}
     * @param availableProcessors {@code Runtime.availableProcessors()}
     * @param preferredVectorBits the JVM's preferred byte-vector width in bits, 0 if unknown
     * @param openClDevices       accelerators found (see {@link #ofThisMachine()}); may be empty
     */
    public static HardwareInfo detect(String cpuinfo, String osArch, int availableProcessors, int preferredVectorBits,
            Collection<String> openClDevices) {
        String arch = normalizeArch(osArch);
        // Only the first processor block matters: the fields repeat per logical CPU.
        String first = firstBlock(cpuinfo == null ? "" : cpuinfo);
        SortedSet<String> flags = new TreeSet<>();
        String flagText = field(first, "flags");
        if (flagText == null) {
            flagText = field(first, "Features"); // ARM
        }
        if (flagText != null) {
            for (String f : flagText.trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    flags.add(f.toLowerCase(Locale.ROOT));
                }
            }
        }
        String vendor = vendor(first);
        String model = field(first, "model name");
        if (model == null) {
            model = armModel(first, vendor);
        }
        if (model == null && arch.equals("aarch64") && vendor.equals("unknown") && first.isEmpty()) {
            model = "unknown aarch64 (no /proc/cpuinfo)";
        }
        return new HardwareInfo(arch, Math.max(1, availableProcessors), vendor, model == null ? "unknown" : model.trim(),
                flags, Math.max(0, preferredVectorBits), List.copyOf(openClDevices));
    }

    /** The widest vector instruction set the CPU flags show: {@link #AVX512}, {@link #AVX2}, {@link #NEON}, {@link #SSE} or {@link #NONE}. */
    public String vectorIsa() {
        if (cpuFlags.contains("avx512f") && cpuFlags.contains("avx512bw")) {
            return AVX512; // byte lanes at 512 bits need BW on top of F
        }
        if (cpuFlags.contains("avx2")) {
            return AVX2;
        }
        if (cpuFlags.contains("asimd") || (arch.equals("aarch64") && cpuFlags.isEmpty())) {
            return NEON; // Advanced SIMD is mandatory on ARMv8-A, so an aarch64 without cpuinfo has it too
        }
        if (cpuFlags.contains("sse4_2") || cpuFlags.contains("sse2")) {
            return SSE;
        }
        return NONE;
    }

    /** Whether the CPU reports this flag (lower case). */
    public boolean hasFlag(String flag) {
        return cpuFlags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /** Whether an NVIDIA device was found. */
    public boolean hasNvidiaGpu() {
        for (String d : openClDevices) {
            if (d.toLowerCase(Locale.ROOT).contains("nvidia")) {
                return true;
            }
        }
        return false;
    }

    /** One line for logs and {@code lux profile}. */
    public String summary() {
        String cpu = cpuModel.startsWith(vendor) ? cpuModel : vendor + " " + cpuModel;
        return arch + ", " + cores + " cores, " + cpu + ", " + vectorIsa() + ", preferred vector "
                + preferredVectorBits + " bits" + (openClDevices.isEmpty() ? ", no OpenCL/GPU devices" : ", devices " + openClDevices);
    }

    /** {@code os.arch} spelled one way per architecture. */
    static String normalizeArch(String osArch) {
        String a = osArch == null ? "" : osArch.trim().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "" -> "unknown";
            default -> a;
        };
    }

    private static String firstBlock(String cpuinfo) {
        String text = cpuinfo.replace("\r\n", "\n");
        int processor = text.indexOf("processor");
        // ARM kernels print a few machine-wide lines (Hardware, Revision) after the per-CPU blocks; keep the
        // first block, plus those trailing lines, by cutting at the second "processor" line only.
        int second = processor < 0 ? -1 : text.indexOf("\nprocessor", processor + 1);
        if (second < 0) {
            return text;
        }
        int lastBlank = text.lastIndexOf("\n\n");
        String tail = lastBlank > second ? text.substring(lastBlank) : "";
        return text.substring(0, second) + "\n" + tail;
    }

    /** The value of the first line {@code key<tabs/spaces>: value}, or null. */
    static String field(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String vendor(String block) {
        String x86 = field(block, "vendor_id");
        if (x86 != null) {
            return switch (x86) {
                case "GenuineIntel" -> "Intel";
                case "AuthenticAMD" -> "AMD";
                default -> x86;
            };
        }
        String implementer = field(block, "CPU implementer");
        if (implementer == null) {
            return "unknown";
        }
        // Implementer codes of the ARM Architecture Reference Manual (MIDR_EL1.Implementer).
        return switch (implementer.toLowerCase(Locale.ROOT)) {
            case "0x41" -> "ARM";
            case "0x61" -> "Apple";
            case "0x51" -> "Qualcomm";
            case "0x48" -> "HiSilicon";
            case "0xc0" -> "Ampere";
            case "0x4e" -> "NVIDIA";
            default -> "implementer " + implementer;
        };
    }

    /** ARM cpuinfo has no model name: use "Model"/"Hardware" if present, else vendor and part number. */
    private static String armModel(String block, String vendor) {
        String model = field(block, "Model");
        if (model != null && !model.isBlank()) {
            return model;
        }
        String part = field(block, "CPU part");
        if (part == null) {
            return null;
        }
        String known = switch (vendor + " " + part.toLowerCase(Locale.ROOT)) {
            case "Apple 0x022", "Apple 0x023", "Apple 0x024", "Apple 0x025", "Apple 0x028", "Apple 0x029" -> "Apple M1";
            case "Apple 0x032", "Apple 0x033", "Apple 0x034", "Apple 0x035", "Apple 0x038", "Apple 0x039" -> "Apple M2";
            case "ARM 0xd0c" -> "ARM Neoverse-N1";
            case "ARM 0xd40" -> "ARM Neoverse-V1";
            case "ARM 0xd4f" -> "ARM Neoverse-V2";
            default -> null;
        };
        return known != null ? known : vendor + " part " + part;
    }

    // ---- gathering the inputs on this machine (not pure) ----

    /** Detects this machine: reads /proc/cpuinfo where it exists and looks for OpenCL ICDs and NVIDIA devices. */
    public static HardwareInfo ofThisMachine() {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        if (cpuinfo.isEmpty() && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            String brand = sysctl("machdep.cpu.brand_string");
            cpuinfo = brand.isEmpty() ? "" : "model name\t: " + brand + "\n";
        }
        return detect(cpuinfo, System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                preferredBitsOrZero(), accelerators());
    }

    /** The JVM's preferred byte-vector width, or 0 when the Vector API module is not loaded. */
    static int preferredBitsOrZero() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        try {
            return lux.consensus.kernels.tally.SimdVoteTally.preferredBits();
        } catch (UnsupportedOperationException | LinkageError e) {
            return 0;
        }
    }

    /**
     * OpenCL platforms named by ICD vendor files ({@code /etc/OpenCL/vendors/*.icd}, reported as
     * {@code "opencl-icd:<file>"}) and NVIDIA GPUs from the driver's {@code /proc} entries
     * ({@code "NVIDIA <model>"}). This build has no OpenCL binding, so devices behind an ICD are not enumerated.
     */
    static List<String> accelerators() {
        List<String> found = new ArrayList<>();
        Path icds = Path.of("/etc/OpenCL/vendors");
        if (Files.isDirectory(icds)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(icds, "*.icd")) {
                for (Path f : files) {
                    found.add("opencl-icd:" + f.getFileName());
                }
            } catch (IOException e) {
                // unreadable: report nothing rather than guess
            }
        }
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (Files.isDirectory(gpus)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(gpus)) {
                for (Path d : dirs) {
                    String model = field(read(d.resolve("information")), "Model");
                    found.add(model == null ? "NVIDIA GPU" : (model.startsWith("NVIDIA") ? model : "NVIDIA " + model));
                }
            } catch (IOException e) {
                // as above
            }
        }
        found.sort(null);
        return found;
    }

    private static String read(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String sysctl(String key) {
        try {
            Process p = new ProcessBuilder("sysctl", "-n", key).redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
