package lux.consensus.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** What this JVM offers the SIMD kernels: the Vector API module, and the C2 compiler that makes it fast. */
final class JvmFeatures {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JvmFeatures() {
    }

    /** Whether {@code jdk.incubator.vector} was resolved at startup ({@code --add-modules}). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Whether C2 compiles hot code here. Without it the Vector API runs its plain-Java fallback, far
     * slower than a scalar loop. HotSpot writes "interpreted mode" (-Xint) or "emulated-client"
     * (C1 only) into {@code java.vm.info}; the diagnostic bean also shows the flags that stop tiered
     * compilation below level 4 (C2) or turn the compilers off. Other VMs, or a JVM without the
     * {@code jdk.management} module, are judged by {@code java.vm.info} alone.
     */
    static boolean c2Available() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode") || info.contains("emulated-client")) {
            return false;
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null) {
                return true;
            }
            if ("false".equals(flag(hotspot, "UseCompiler")) || "quick-only".equals(flag(hotspot, "CompilationMode"))) {
                return false;
            }
            String stopAt = flag(hotspot, "TieredStopAtLevel");
            return !"true".equals(flag(hotspot, "TieredCompilation")) || stopAt == null || Integer.parseInt(stopAt) >= 4;
        } catch (RuntimeException | LinkageError e) {
            return true; // no way to ask: java.vm.info said nothing against C2
        }
    }

    /** A VM flag's value, or null if this VM has no such flag. */
    private static String flag(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
