package lux.consensus.kernels.gpu;

/**
 * Prints what OpenCL discovery says and whether the preferred device opens. Run in a child JVM by
 * {@link GpuDevicesTest} (with the drivers hidden), and by {@code scripts/gpu-check.sh} on a GPU machine.
 */
public final class OpenClProbe {

    private OpenClProbe() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + GpuDevices.available());
        System.out.println(GpuDevices.describe());
        try (OpenClContext context = GpuDevices.open()) {
            System.out.println("open: opened " + context.device().describe());
        } catch (GpuUnavailableException e) {
            System.out.println("open: " + e);
        }
    }
}
