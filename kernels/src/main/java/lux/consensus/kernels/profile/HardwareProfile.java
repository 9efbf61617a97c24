package lux.consensus.kernels.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to run the kernels on one class of hardware: the backend per kernel, batch sizes, thread counts and
 * GPU-offload thresholds. Profiles are data: one JSON file each under {@code hardware-profiles/profiles/},
 * read by {@link HardwareProfiles}.
 *
 * @param name        the profile's name, as given to {@code -Dlux.profile=NAME} (the file name without .json)
 * @param description one line for people
 * @param match       which machines it is for
 * @param kernels     per kernel ({@code voteTally}, {@code mlDsaVerify}, {@code keccak}, {@code blsVerify}, ...)
 * @param gpuOffload  when to hand batches to a GPU
 */
public record HardwareProfile(String name, String description, Match match, Map<String, KernelSettings> kernels,
        GpuOffload gpuOffload) {

    /** Backends a profile may name; {@code auto} lets the selection point decide. */
    public static final List<String> BACKENDS = List.of("scalar", "simd", "gpu", "native", "auto");

    public HardwareProfile {
        Objects.requireNonNull(name, "profile name");
        description = description == null ? "" : description;
        Objects.requireNonNull(match, () -> "profile " + name + ": match");
        kernels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(kernels, () -> "profile " + name + ": kernels")));
        gpuOffload = gpuOffload == null ? GpuOffload.NONE : gpuOffload;
        for (Map.Entry<String, KernelSettings> e : kernels.entrySet()) {
            KernelSettings s = e.getValue();
            if (s == null || s.backend() == null || !BACKENDS.contains(s.backend())) {
                throw new IllegalArgumentException("profile " + name + ": kernel " + e.getKey() + " must name a backend in "
                        + BACKENDS + ", got " + (s == null ? null : s.backend()));
            }
            if (s.vectorBits() != 0 && s.vectorBits() != 128 && s.vectorBits() != 256 && s.vectorBits() != 512) {
                throw new IllegalArgumentException("profile " + name + ": kernel " + e.getKey()
                        + " vectorBits must be 0 (preferred), 128, 256 or 512, got " + s.vectorBits());
            }
            if (s.batchSize() < 0 || s.threads() < 0) {
                throw new IllegalArgumentException("profile " + name + ": kernel " + e.getKey()
                        + " batchSize and threads must be >= 0, got " + s.batchSize() + " and " + s.threads());
            }
        }
    }

    /** The settings for a kernel, or null when the profile says nothing about it. */
    public KernelSettings kernel(String kernel) {
        return kernels.get(kernel);
    }

    /** Whether this profile is meant for {@code info}. */
    public boolean matches(HardwareInfo info) {
        return match.test(info);
    }

    /**
     * Which machines a profile is for. All given conditions must hold; the matching profile with the highest
     * {@code priority} wins.
     *
     * @param arch          {@code x86_64}, {@code aarch64} or {@code any}
     * @param requiredFlags CPU flags that must all be present (e.g. {@code avx512f}, {@code asimd})
     * @param minVectorBits smallest preferred JVM vector width this profile makes sense for (0: any)
     * @param requiresGpu   {@code nvidia} to require an NVIDIA device, or null/empty for none
     * @param priority      tie-break among matching profiles: higher wins
     */
    public record Match(String arch, List<String> requiredFlags, int minVectorBits, String requiresGpu, int priority) {
        public Match {
            arch = arch == null ? "any" : arch;
            requiredFlags = requiredFlags == null ? List.of() : List.copyOf(requiredFlags);
            requiresGpu = requiresGpu == null ? "" : requiresGpu;
        }

        boolean test(HardwareInfo info) {
            if (!arch.equals("any") && !arch.equals(info.arch())) {
                return false;
            }
            for (String f : requiredFlags) {
                if (!info.hasFlag(f)) {
                    return false;
                }
            }
            if (info.preferredVectorBits() < minVectorBits) {
                return false;
            }
            return !requiresGpu.equals("nvidia") || info.hasNvidiaGpu();
        }
    }

    /**
     * One kernel's settings.
     *
     * @param backend    {@code scalar}, {@code simd}, {@code gpu}, {@code native} or {@code auto}
     * @param vectorBits SIMD width; 0 means the JVM's preferred width
     * @param batchSize  items per kernel call the profile aims for (polls, signatures, states); 0: no preference
     * @param threads    worker threads; 0 means one per available core
     */
    public record KernelSettings(String backend, int vectorBits, int batchSize, int threads) {
        /** The thread count to use on a machine with {@code cores} processors. */
        public int threadsFor(int cores) {
            return threads == 0 ? cores : threads;
        }
    }

    /**
     * When to offload to a GPU.
     *
     * @param enabled  whether this profile offloads at all
     * @param minBatch per kernel, the smallest batch worth sending to the GPU (below it the CPU backend runs)
     */
    public record GpuOffload(boolean enabled, Map<String, Integer> minBatch) {
        /** No offload. */
        public static final GpuOffload NONE = new GpuOffload(false, Map.of());

        public GpuOffload {
            minBatch = minBatch == null ? Map.of() : Map.copyOf(new TreeMap<>(minBatch));
        }

        /** Whether a batch of {@code size} items of {@code kernel} should go to the GPU. */
        public boolean offload(String kernel, int size) {
            Integer min = minBatch.get(kernel);
            return enabled && min != null && size >= min;
        }
    }
}
