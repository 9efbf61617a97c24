package lux.consensus.kernels.gpu;

/**
 * What one OpenCL device is, for reports ({@code lux profile}) and for choosing a device.
 *
 * @param index          position in {@link GpuDevices#list()}, the number {@code -Dlux.gpu.device} takes
 * @param platform       the platform (driver) name, for example {@code "NVIDIA CUDA"} or {@code "Portable Computing Language"}
 * @param name           the device name, for example {@code "NVIDIA H100 80GB HBM3"}
 * @param vendor         the device vendor
 * @param type           {@code "GPU"}, {@code "CPU"}, {@code "ACCELERATOR"} or a combination such as {@code "CPU|DEFAULT"}
 * @param version        the OpenCL version string the device reports ({@code CL_DEVICE_VERSION})
 * @param driver         the driver version ({@code CL_DRIVER_VERSION})
 * @param computeUnits   {@code CL_DEVICE_MAX_COMPUTE_UNITS} (streaming multiprocessors on NVIDIA, cores on PoCL)
 * @param globalMemBytes {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxAllocBytes  {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}, the largest single buffer
 */
public record GpuDevice(int index, String platform, String name, String vendor, String type, String version,
        String driver, int computeUnits, long globalMemBytes, long maxAllocBytes) {

    /** Whether the device says it is a GPU (rather than a CPU driver such as PoCL's). */
    public boolean isGpu() {
        return type.contains("GPU");
    }

    /** One line, for example {@code "#0 NVIDIA H100 80GB HBM3 (NVIDIA Corporation, GPU, 132 CU, 79.1 GiB, NVIDIA CUDA)"}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "#%d %s (%s, %s, %d CU, %.1f GiB, max buffer %.1f GiB, %s, %s)",
                index, name, vendor, type, computeUnits, globalMemBytes / GIB, maxAllocBytes / GIB, platform, version);
    }

    private static final double GIB = 1024.0 * 1024.0 * 1024.0;
}
