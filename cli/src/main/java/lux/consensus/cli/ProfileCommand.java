package lux.consensus.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.gpu.GpuBackends;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.profile.HardwareInfo;
import lux.consensus.kernels.profile.HardwareProfile;
import lux.consensus.kernels.profile.HardwareProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lux profile}: what this machine is, which hardware profile matches it, and the backends chosen. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Detect this machine (arch, cores, CPU, vector width, OpenCL/GPU devices, TornadoVM), print the "
                + "matching hardware profile and the kernel backends the selection point chooses.")
final class ProfileCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use this profile instead of the detected one (same as -D" + HardwareProfiles.PROFILE_PROPERTY + "=NAME).")
    String profileName;

    @Option(names = "--list", description = "List every built-in profile.")
    boolean list;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (profileName != null) {
            // Before the selection point's first use, so the backends it chooses below follow this profile too.
            System.setProperty(HardwareProfiles.PROFILE_PROPERTY, profileName);
        }
        HardwareInfo hw = HardwareInfo.ofThisMachine();
        out.println("hardware");
        out.printf("  arch            %s%n", hw.arch());
        out.printf("  cores           %d%n", hw.cores());
        out.printf("  cpu             %s (%s)%n", hw.cpuModel(), hw.vendor());
        out.printf("  vector isa      %s (from the CPU flags)%n", hw.vectorIsa());
        out.printf("  jvm vector      %s%n", hw.preferredVectorBits() == 0
                ? "unavailable: run the JVM with --add-modules jdk.incubator.vector"
                : hw.preferredVectorBits() + " bits preferred");
        out.printf("  opencl / gpu    %s%n", hw.openClDevices().isEmpty() ? "none found" : String.join(", ", hw.openClDevices()));
        for (String device : GpuDevices.describe().split("\n")) {
            out.printf("  %s%n", device); // the devices the OpenCL backends can open, or why there are none
        }
        out.printf("  %s%n", GpuBackends.describeTornadoVm()); // its devices under TornadoVM, else "not present"

        String name = profileName != null ? profileName : System.getProperty(HardwareProfiles.PROFILE_PROPERTY);
        HardwareProfile profile = HardwareProfiles.select(name, hw, HardwareProfiles.builtIn());
        out.println();
        out.printf("profile           %s%s%n", profile.name(), name != null && !name.isBlank() ? " (named)" : " (matched)");
        out.printf("  %s%n", profile.description());
        out.printf("  %-14s %-8s %-6s %-7s %s%n", "kernel", "backend", "bits", "batch", "threads");
        for (Map.Entry<String, HardwareProfile.KernelSettings> k : profile.kernels().entrySet()) {
            HardwareProfile.KernelSettings s = k.getValue();
            out.printf("  %-14s %-8s %-6s %-7d %s%n", k.getKey(), s.backend(), s.vectorBits() == 0 ? "pref" : s.vectorBits(),
                    s.batchSize(), s.threads() == 0 ? "all (" + hw.cores() + ")" : s.threads());
        }
        out.printf("  gpu offload     %s%n", profile.gpuOffload().enabled() ? "from " + profile.gpuOffload().minBatch() : "off");
        out.println();
        out.println("backends chosen   " + Kernels.describe());
        if (list) {
            out.println();
            out.println("built-in profiles (highest priority first)");
            for (HardwareProfile p : HardwareProfiles.builtIn()) {
                out.printf("  %-15s %s %s%n", p.name(), p.matches(hw) ? "matches " : "        ", p.description());
            }
        }
        return 0;
    }
}
