package lux.consensus.kernels.profile;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The environment block of a recorded result: what a reader needs to reproduce or compare a number.
 *
 * @param host                host name
 * @param timestamp           when the results were taken (ISO-8601, UTC)
 * @param cpuModel            CPU model name
 * @param cpuVendor           CPU vendor
 * @param arch                architecture
 * @param cores               processors available to the JVM
 * @param vectorIsa           widest vector instruction set in the CPU flags ({@code avx512}, {@code avx2}, {@code neon}, ...)
 * @param preferredVectorBits the JVM's preferred vector width in bits
 * @param os                  operating system name
 * @param kernel              OS (kernel) version
 * @param jvm                 JVM vendor, name and version
 * @param jvmFlags            the JVM's input arguments
 * @param backends            the kernel backends in use ({@code Kernels.describe()})
 * @param hardwareProfile     the hardware profile that matches this machine
 * @param gpus                OpenCL / GPU devices found (may be empty)
 */
public record Environment(String host, String timestamp, String cpuModel, String cpuVendor, String arch, int cores,
        String vectorIsa, int preferredVectorBits, String os, String kernel, String jvm, List<String> jvmFlags,
        String backends, String hardwareProfile, List<String> gpus) {

    public Environment {
        jvmFlags = List.copyOf(jvmFlags);
        gpus = List.copyOf(gpus);
    }

    /** This JVM's environment, with {@code backends} as reported by the caller (e.g. {@code Kernels.describe()}). */
    public static Environment current(String backends) {
        HardwareInfo hw = HardwareInfo.ofThisMachine();
        String profile;
        try {
            profile = HardwareProfiles.forThisMachine().name();
        } catch (RuntimeException e) {
            profile = "none (" + e.getMessage() + ")";
        }
        return of(hw, hostName(), Instant.now().toString(), System.getProperty("os.name", "?"),
                System.getProperty("os.version", "?"),
                System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?") + " "
                        + System.getProperty("java.runtime.version", System.getProperty("java.version", "?")),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Objects.requireNonNull(backends, "backends"),
                profile);
    }

    /** The block from its parts (pure). */
    public static Environment of(HardwareInfo hw, String host, String timestamp, String os, String kernel, String jvm,
            List<String> jvmFlags, String backends, String hardwareProfile) {
        return new Environment(host, timestamp, hw.cpuModel(), hw.vendor(), hw.arch(), hw.cores(), hw.vectorIsa(),
                hw.preferredVectorBits(), os, kernel, jvm, jvmFlags, backends, hardwareProfile, hw.openClDevices());
    }

    /** The host name, or {@code localhost} when it cannot be found. */
    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
